import type { LaunchTemplateRollout } from '../aws/launch-templates.js'
import { escapeCell } from './render.js'

/** The summary's launch-template section: the versions made, then where a template was missing. */
export function renderLaunchTemplates(rollout: LaunchTemplateRollout): string[] {
  if (rollout.versions.length === 0 && rollout.missing.length === 0) return []
  const lines = ['### Launch templates', '']
  if (rollout.versions.length > 0) {
    lines.push('| Region | Template | New version | AMI | Default |', '|---|---|---|---|---|')
    for (const v of rollout.versions) {
      lines.push(`| ${escapeCell(v.region)} | ${escapeCell(v.template)} | ${v.version} | ${escapeCell(v.ami)} | ${v.default ? 'yes, now the default' : 'no'} |`)
    }
    lines.push('')
  }
  for (const m of rollout.missing) lines.push(`- ⚠️ ${escapeCell(m.template)} does not exist in ${escapeCell(m.region)}: no new version there`)
  if (rollout.missing.length > 0) lines.push('')
  return lines
}
