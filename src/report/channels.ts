import type { ChannelAssignment } from '../channels/assign.js'
import { renderLaunchTemplates } from './launch-templates.js'
import { escapeCell, fence, type Report } from './render.js'

/** The table of channel moves, for a build's summary and a promotion's or revocation's. */
export function renderAssignments(assignments: readonly ChannelAssignment[]): string[] {
  if (assignments.length === 0) return []
  const lines = ['### Channels', '', '| Channel | Region | From | To | Version | Why |', '|---|---|---|---|---|---|']
  for (const a of assignments) {
    const version = a.unchanged ? `${a.version} (unchanged)` : String(a.version)
    lines.push(`| ${escapeCell(a.channel)} (\`${escapeCell(a.parameter)}\`) | ${escapeCell(a.region)} | ${a.previous ?? '—'} | ${a.ami} | ${version} | ${escapeCell(a.reason)} |`)
  }
  lines.push('')
  return lines
}

/** The job summary of `mode: promote` and `mode: revoke`. */
export function renderChannelReport(r: Report): string {
  const c = r.channels
  const status = r.ok ? '✅ passed' : '❌ failed'
  const dry = c?.dryRun ? ' (dry run: nothing changed)' : ''
  const lines = [`## Packer ${r.mode}${dry}: ${status}`, '']
  if (c !== undefined) {
    lines.push('| | |', '|---|---|', `| Family | ${escapeCell(c.family)} |`)
    if (c.channel !== undefined) lines.push(`| Channel | ${escapeCell(c.channel)} |`)
    if (c.source !== undefined) lines.push(`| From | ${escapeCell(c.source)} |`)
    lines.push(`| Run | [workflow run](${r.run.runUrl}) |`, '')
    if (c.refused.length > 0) lines.push('### Refused: nothing was changed', '', ...c.refused.map((p) => `- ${escapeCell(p)}`), '')
    if (c.revoked.length > 0) {
      lines.push(`### ${c.dryRun ? 'Would revoke' : 'Revoked'}`, '', '| Region | AMI | Family | Why | Disabled |', '|---|---|---|---|---|')
      for (const x of c.revoked) {
        const why = x.builtOn === undefined ? 'named by the input' : `built on ${x.builtOn}`
        lines.push(`| ${escapeCell(x.region)} | ${x.ami} | ${escapeCell(x.family)} | ${why} | ${x.disabled ? 'yes' : 'no'} |`)
      }
      lines.push('', 'Nothing was deregistered and no snapshot deleted.', '')
    }
    lines.push(...renderAssignments(c.assignments))
    if (c.planned.length > 0) {
      lines.push('### Channels that would move', '', '| Channel | Region | To | Why |', '|---|---|---|---|')
      for (const m of c.planned) lines.push(`| ${escapeCell(m.channel)} of ${escapeCell(m.family)} (\`${escapeCell(m.parameter ?? '')}\`) | ${escapeCell(m.region)} | ${m.ami} | ${escapeCell(m.reason)} |`)
      lines.push('')
    }
    for (const s of c.stuck) {
      lines.push(`- ❌ ${escapeCell(s.parameter)} in ${escapeCell(s.region)} still names ${s.ami}: ${escapeCell(s.why)}`)
    }
    if (c.stuck.length > 0) lines.push('')
    if (c.passedOver.length > 0) {
      lines.push('<details><summary>Versions passed over</summary>', '', '| Parameter | Region | Version | AMI | Why |', '|---|---|---|---|---|')
      for (const p of c.passedOver) lines.push(`| ${escapeCell(p.parameter)} | ${escapeCell(p.region)} | ${p.version} | ${p.ami} | ${escapeCell(p.why)} |`)
      lines.push('', '</details>', '')
    }
    if (c.sharedWith.length > 0) lines.push(`Shared with: ${c.sharedWith.map(escapeCell).join(', ')}.`, '')
    if (c.launchTemplates !== undefined) lines.push(...renderLaunchTemplates(c.launchTemplates))
  }
  if (r.error !== undefined) lines.push('### Error', '', fence(r.error), '')
  return lines.join('\n') + '\n'
}
