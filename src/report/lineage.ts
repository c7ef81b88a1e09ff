import type { Report } from './render.js'
import { escapeCell } from './render.js'

/**
 * What each build was built on, whether the bases are current, and what the fingerprint saw:
 * enough for a reader to tell why a run rebuilt or reused.
 */
export function renderLineage(r: Report): string[] {
  const l = r.lineage
  if (l === undefined) return []
  const lines = ['### Lineage', '']
  const parents = r.images?.parents ?? {}
  for (const [build, p] of Object.entries(parents).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const when = p.created === undefined ? '' : `, created ${p.created}`
    lines.push(`- ${escapeCell(build)}: built on ${p.id} (${escapeCell(p.name ?? 'name unknown')}${when}) in ${p.region}`)
  }
  if (r.reused) {
    const known = l.bases.filter((b) => b.id !== undefined)
    if (known.length > 0) {
      lines.push(`- Base images are current: ${known.map((b) => `${escapeCell(b.source)} on ${b.id} (${escapeCell(b.name ?? '?')})`).join(', ')}`)
    }
  }
  for (const c of l.changes) {
    lines.push(
      `- ${escapeCell(c.source)}: the base moved on from ${c.from} (${escapeCell(c.fromName ?? '?')}) to ${c.to} (${escapeCell(c.toName ?? '?')}); ` +
        `${r.reused ? 'reused' : 'rebuilt'} (the last AMI, ${c.previousAmi}, was built on the old base)`
    )
  }
  if (l.blind.length > 0) {
    lines.push('', '**Not reused: the action cannot see these inputs before Packer runs**, so nothing is reused while they exist:', '')
    for (const b of l.blind) lines.push(`- ${escapeCell(b)}`)
  }
  const outdated = r.images?.outdated ?? []
  if (outdated.length > 0) {
    lines.push('', '**Built on an older base (outdated)**', '', '| Family | Region | Newest AMI | Built on | Now current |', '|---|---|---|---|---|')
    for (const o of outdated) lines.push(`| ${escapeCell(o.family)} | ${o.region} | ${o.ami} | ${o.builtOn} | ${o.current} |`)
  }
  const p = l.parts
  // Without skip-unchanged the bases come from Packer's output, their names from the parents.
  const nameOf = (id: string, given?: string): string | undefined => given ?? Object.values(parents).find((parent) => parent.id === id)?.name
  const bases = l.bases.map((b) => {
    if (b.id === undefined) return `${b.source}: unknown`
    const name = nameOf(b.id, b.name)
    return `${b.source}: ${b.id}${name === undefined ? '' : ` (${name})`}`
  })
  lines.push(
    '',
    `Fingerprint \`${l.digest.slice(0, 12)}\` covers ${p.files} file${p.files === 1 ? '' : 's'}, ${p.plugins.length} plugin${p.plugins.length === 1 ? '' : 's'}` +
      `${p.plugins.length > 0 ? ` (${p.plugins.map(escapeCell).join(', ')})` : ''}, ` +
      `${p.env.length} env() variable${p.env.length === 1 ? '' : 's'}${p.env.length > 0 ? ` (${p.env.map(escapeCell).join(', ')}, values hashed)` : ''}, ` +
      `base images: ${bases.map(escapeCell).join(', ') || 'none'}; variables, var-files, only/except and the Packer version.`,
    ''
  )
  return lines
}
