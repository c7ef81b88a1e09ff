import type { SweepReport } from '../aws/sweep.js'
import { escapeCell, fence, type Report } from './render.js'

const UNITS: Array<[number, string]> = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm']
]

/** `sweep-older-than` as the user wrote it: the largest unit that divides it. */
export function formatAge(ms: number): string {
  for (const [unit, suffix] of UNITS) if (ms % unit === 0 && ms > 0) return `${ms / unit}${suffix}`
  return `${Math.round(ms / 60_000)}m`
}

/** The job summary of `mode: sweep`: what was removed (or would be), why each is a leftover, and what was spared. */
export function renderSweepReport(r: Report): string {
  const s: SweepReport | undefined = r.sweep
  const status = r.ok ? '✅ passed' : '❌ failed'
  const lines = [`## Packer sweep${s?.dryRun ? ' (dry run: nothing removed)' : ''}: ${status}`, '']
  if (s !== undefined) {
    lines.push(
      '| | |',
      '|---|---|',
      `| Regions | ${s.regions.map(escapeCell).join(', ')} |`,
      `| Older than | ${formatAge(s.olderThanMs)} (made before ${s.cutoff}) |`,
      `| Run | [workflow run](${r.run.runUrl}) |`,
      ''
    )
    if (s.swept.length === 0) {
      lines.push('Nothing to sweep: no builder leftover older than the cutoff.', '')
    } else {
      lines.push(`| Region | Kind | Resource | Why it is a leftover | ${s.dryRun ? 'Would remove' : 'Removed'} |`, '|---|---|---|---|---|')
      for (const x of s.swept) {
        const done = x.error !== undefined ? `❌ ${escapeCell(x.error)}` : x.removed ? '✅' : 'yes'
        lines.push(`| ${escapeCell(x.region)} | ${x.kind} | \`${x.id}\` | ${escapeCell(x.reason)} | ${done} |`)
      }
      lines.push('')
    }
    if (s.spared.length > 0) {
      const rows = s.spared.map((x) => `| ${escapeCell(x.region)} | ${x.kind} | \`${x.id}\` | ${escapeCell(x.reason)} |`)
      lines.push(
        `<details><summary>Spared: ${s.spared.length} that look like Packer's but are not proven leftovers</summary>`,
        '',
        '| Region | Kind | Resource | Why it stays |',
        '|---|---|---|---|',
        ...rows,
        '',
        '</details>',
        ''
      )
    }
  }
  if (r.error !== undefined) lines.push('### Error', '', fence(r.error), '')
  return lines.join('\n') + '\n'
}
