import type { InventoryResult } from '../inventory/take-inventory.js'
import { escapeCell } from './render.js'

/** Rows of package changes shown in plain view; a longer table goes into a collapsed block. */
export const OPEN_ROWS = 10

/**
 * The summary's inventory section: per AMI its SBOM (packages, kernel, artifact), then what
 * changed against the family's previous AMI, the kernel first; "no earlier inventory" says why.
 */
export function renderInventory(results: readonly InventoryResult[]): string[] {
  if (results.length === 0) return []
  const lines = ['### Package inventory', '', '| Region | AMI | OS | Kernel | Packages | SBOM artifact |', '|---|---|---|---|---|---|']
  for (const r of results) {
    const artifact = r.artifact !== undefined ? `\`${escapeCell(r.artifact.name)}\`` : `⚠️ not kept: ${escapeCell(r.artifactError ?? 'unknown error')}`
    lines.push(`| ${r.region} | ${r.ami} | ${escapeCell(r.os ?? 'unknown')} | ${escapeCell(r.kernel)} | ${r.packages} | ${artifact} |`)
  }
  lines.push('')
  for (const r of results) lines.push(...renderChanges(r))
  return lines
}

function renderChanges(r: InventoryResult): string[] {
  const head = `**${r.region} ${r.ami}**`
  if ('none' in r.earlier) return [`${head}: no earlier inventory (${escapeCell(r.earlier.none)}).`, '']
  const { diff, ami, runUrl } = r.earlier
  const against = `against ${ami ?? 'the previous AMI'} ([its run](${runUrl}))`
  const lines = [`${head} ${against}:`, '']
  lines.push(diff.kernel !== undefined ? `- Kernel: ${code(diff.kernel.from)} → ${code(diff.kernel.to)}` : `- Kernel: unchanged (${code(r.kernel)})`)
  const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`
  lines.push(`- Packages: ${counts}`, '')
  const rows = [
    ...diff.changed.map((c) => row('changed', c.name, c.arch, c.from, c.to)),
    ...diff.added.map((p) => row('added', p.name, p.arch, '', p.version)),
    ...diff.removed.map((p) => row('removed', p.name, p.arch, p.version, ''))
  ]
  if (rows.length === 0) return lines
  const table = ['| | Package | Before | After |', '|---|---|---|---|', ...rows]
  if (rows.length <= OPEN_ROWS) return [...lines, ...table, '']
  return [...lines, `<details><summary>${rows.length} package changes</summary>`, '', ...table, '', '</details>', '']
}

function row(kind: 'added' | 'removed' | 'changed', name: string, arch: string | undefined, from: string, to: string): string {
  const label = kind === 'added' ? '➕ added' : kind === 'removed' ? '➖ removed' : '🔄 changed'
  const shown = arch !== undefined && arch !== '' ? `${name} (${arch})` : name
  return `| ${label} | ${escapeCell(shown)} | ${code(from)} | ${code(to)} |`
}

/**
 * A version in a code span: Debian's `~` and `_` then stay as they are (backslash escapes would
 * show inside a span); a pipe is escaped for the table, which GitHub undoes inside spans.
 */
function code(v: string): string {
  if (v === '') return ''
  return `\`${v.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``
}
