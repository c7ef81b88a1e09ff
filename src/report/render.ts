import type { ImagesReport } from '../aws/after-build.js'
import type { SweepReport } from '../aws/sweep.js'
import type { ChannelReport } from '../channels/outcome.js'
import type { FingerprintReport } from '../lineage/fingerprinting.js'
import { amiArtifacts, otherArtifacts, type ListedArtifact } from '../packer/artifacts.js'
import { renderAssignments } from './channels.js'
import { renderLaunchTemplates } from './launch-templates.js'
import { renderLineage } from './lineage.js'
import { renderInventory } from './inventory.js'
import { renderTestStage } from './test-stage.js'
import { describeCause, type Cause } from './places.js'

/** What one run did: rendered once, for the job summary and the pull-request comment alike. */
export interface Report {
  mode: 'validate' | 'build' | 'sweep' | 'promote' | 'revoke'
  packerVersion?: string
  ok: boolean
  /** Every artifact of the run: AMIs (one entry per region) and any other. */
  artifacts: readonly ListedArtifact[]
  /** Builds HCP Packer skipped as already done for its fingerprint. */
  skipped?: string[]
  /** Errors Packer printed in a run that still succeeded. */
  packerErrors?: string[]
  /** Template path as the user wrote it, relative to the workspace. */
  template: string
  /** Where the run is: commit and workflow-run links. */
  run: RunLinks
  error?: string
  fmtDiff?: string
  validateErrors?: string
  /** What the after-build steps did: tags, sharing, deprecation, SSM, retention. */
  images?: ImagesReport
  fingerprint?: string
  /** What the fingerprint covers, what it could not see, and how the base images moved. */
  lineage?: FingerprintReport
  /** `skip-unchanged` found the AMIs of an earlier run: nothing was built. */
  reused?: boolean
  /** `mode: sweep`: what was swept, or would be in a dry run, and what was spared. */
  sweep?: SweepReport
  /** `mode: promote` / `mode: revoke`: channels moved, AMIs revoked, checks that refused. */
  channels?: ChannelReport
  /** Why the run failed, each with its place: shown first, in plain view. */
  causes?: Cause[]
  /** What a passing validation ran, and the builds it found. */
  checks?: string[]
  builds?: string[]
}

export interface RunLinks {
  sha: string
  commitUrl: string
  runUrl: string
}

/** Links of this run from the runner's environment. */
export function runLinks(env: NodeJS.ProcessEnv): RunLinks {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const repo = `${server}/${env.GITHUB_REPOSITORY ?? ''}`
  const sha = env.GITHUB_SHA ?? ''
  return { sha, commitUrl: `${repo}/commit/${sha}`, runUrl: `${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}` }
}

/** Markdown cell text: pipes, backticks and angle brackets must not break the table. */
export function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ')
}

/** A fenced block whose fence is longer than any backtick run inside, so the text cannot close it. */
export function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const bar = '`'.repeat(longest + 1)
  return `${bar}${lang}\n${text}\n${bar}`
}

export function consoleUrl(region: string, ami: string): string {
  return `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#ImageDetails:imageId=${ami}`
}

export function renderReport(r: Report): string {
  const status = r.ok ? '✅ passed' : '❌ failed'
  const lines = [`## Packer ${r.mode}: ${status}`, '']
  // The cause leads, in plain view, with its place and its fix; the long output comes below.
  if (!r.ok) lines.push(...renderCauses(r))
  if (r.ok && r.checks !== undefined) {
    lines.push(`Checks: ${r.checks.map((c) => `\`${c}\``).join(', ')}.`, '')
    if (r.builds !== undefined) lines.push(`Builds: ${r.builds.map((b) => `\`${b}\``).join(', ') || 'none'}.`, '')
  }
  lines.push(
    '| Template | ' + escapeCell(r.template) + ' |',
    '|---|---|',
    `| Mode | ${r.mode} |`,
    `| Packer | ${r.packerVersion === undefined ? 'not installed' : escapeCell(r.packerVersion)} |`,
    `| Result | ${status}${r.reused ? ' (reused AMIs of an earlier run with the same fingerprint: nothing built)' : ''} |`,
    ...(r.skipped !== undefined && r.skipped.length > 0
      ? [`| Skipped | ${r.skipped.map(escapeCell).join(', ')} (HCP Packer has them done for this fingerprint) |`]
      : []),
    `| Commit | [${escapeCell(r.run.sha.slice(0, 7))}](${r.run.commitUrl}) |`,
    `| Run | [workflow run](${r.run.runUrl}) |`,
    ''
  )
  const amis = amiArtifacts(r.artifacts)
  if (amis.length > 0) {
    lines.push('| Build | Region | AMI |', '|---|---|---|')
    for (const a of amis) {
      lines.push(`| ${escapeCell(a.build)} | ${escapeCell(a.region)} | [${a.ami}](${consoleUrl(a.region, a.ami)}) |`)
    }
    lines.push('')
  }
  const others = otherArtifacts(r.artifacts)
  if (others.length > 0) {
    lines.push('| Build | Builder | Artifact |', '|---|---|---|')
    for (const a of others) lines.push(`| ${escapeCell(a.build)} | ${escapeCell(a.builder)} | ${escapeCell(a.id)} |`)
    lines.push('')
  }
  if (r.lineage !== undefined) lines.push(...renderLineage(r))
  if (r.images?.tests !== undefined) lines.push(...renderTestStage(r.images.tests))
  if (r.images?.inventory !== undefined) lines.push(...renderInventory(r.images.inventory))
  if (r.images !== undefined) lines.push(...renderImages(r.images))
  if (r.images?.launchTemplates !== undefined) lines.push(...renderLaunchTemplates(r.images.launchTemplates))
  if (r.images?.channels !== undefined) lines.push(...renderAssignments(r.images.channels))
  if (r.fmtDiff !== undefined) lines.push(details('packer fmt -check -diff', fence(r.fmtDiff, 'diff')))
  if (r.validateErrors !== undefined) lines.push(details('packer validate', fence(r.validateErrors)))
  if (r.error !== undefined && r.fmtDiff === undefined && r.validateErrors === undefined && (r.causes ?? []).some((c) => c.message !== r.error)) {
    lines.push(details('Full error', fence(r.error)))
  }
  if (r.packerErrors !== undefined && r.packerErrors.length > 0) {
    lines.push('### Errors Packer printed (the run still passed)', '', fence(r.packerErrors.join('\n')), '')
  }
  return lines.join('\n') + '\n'
}

function renderImages(images: ImagesReport): string[] {
  if (images.images.length === 0 && images.retention.length === 0) return []
  const lines = ['### After the build', '', '| Region | AMI | Family tag | Shared with | Deprecates |', '|---|---|---|---|---|']
  for (const i of images.images) {
    const shared = i.sharedWith.map(escapeCell).join(', ') || '—'
    lines.push(`| ${i.region} | ${i.ami} | ${escapeCell(i.family)} | ${shared} | ${i.deprecateAt ?? '—'} |`)
  }
  lines.push('', 'Tagged: every AMI above and its snapshots.', '')
  const guarded = images.images.filter((i) => i.protected === true)
  if (guarded.length > 0) {
    const which = guarded.length === images.images.length ? 'every AMI above' : guarded.map((i) => `${i.ami} (${i.region})`).join(', ')
    lines.push(`Deregistration protection: enabled on ${which}.`, '')
  }
  for (const p of images.parameters) lines.push(`- SSM parameter \`${p.name}\` in ${p.region} → ${p.ami}`)
  if (images.parameters.length > 0) lines.push('')
  if (images.retention.length > 0) {
    const dry = images.retention.some((r) => r.dryRun)
    lines.push(
      `### Retention${dry ? ' (dry run: nothing removed)' : ''}`,
      '',
      `| Region | Family | Kept | ${dry ? 'Would remove' : 'Removed'} | Spared |`,
      '|---|---|---|---|---|'
    )
    const ids = (list: string[]): string => list.join(', ') || '—'
    for (const r of images.retention) {
      const spared = r.spared.map((ami) => (r.sparedReasons?.[ami] ? `${ami} (${escapeCell(r.sparedReasons[ami])})` : ami))
      lines.push(`| ${r.region} | ${escapeCell(r.family)} | ${ids(r.kept)} | ${ids(r.removed)} | ${ids(spared)} |`)
    }
    lines.push('')
  }
  return lines
}

/** The first causes with their places; without a place, the error itself. */
function renderCauses(r: Report): string[] {
  const causes = r.causes ?? []
  if (causes.length === 0) return r.error === undefined ? [] : ['### Error', '', fence(r.error), '']
  const shown = causes.slice(0, 5).map((c) => `- ${escapeCell(describeCause(c))}`)
  const more = causes.length > 5 ? [`- …and ${causes.length - 5} more, below`] : []
  return ['### Cause', '', ...shown, ...more, '']
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`
}
