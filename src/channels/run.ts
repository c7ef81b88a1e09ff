import * as core from '@actions/core'
import { Output } from '../constants.js'
import type { Options } from '../inputs.js'
import type { Report } from '../report/render.js'
import type { ChannelReport } from './outcome.js'

/**
 * `mode: promote` and `mode: revoke`: channels move, with neither a template nor Packer. The
 * AWS SDK loads only here. The report is kept even when the step fails: it says what was
 * refused, moved or revoked.
 */
export async function runChannelMode(opts: Options, report: Report): Promise<void> {
  try {
    report.channels =
      report.mode === 'promote'
        ? await (await import('./promote.js')).runPromote(opts, report.run.runUrl)
        : await (await import('./revoke.js')).runRevoke(opts, report.run.runUrl)
  } catch (err) {
    const partial = (err as { report?: ChannelReport }).report
    if (partial !== undefined) report.channels = partial
    throw err
  } finally {
    if (report.channels !== undefined) setChannelOutputs(report.channels)
  }
  const stuck = report.channels.stuck
  if (stuck.length > 0) {
    throw new Error(`channels with no earlier AMI to move back to, still naming a revoked AMI: ${stuck.map((s) => `${s.parameter} in ${s.region} (${s.ami})`).join(', ')}`)
  }
}

function setChannelOutputs(channels: ChannelReport): void {
  core.setOutput(Output.channelAssignments, JSON.stringify(channels.assignments))
  if (channels.mode === 'revoke') core.setOutput(Output.revoked, JSON.stringify(channels.revoked))
  if (channels.launchTemplates !== undefined) core.setOutput(Output.launchTemplateVersions, JSON.stringify(channels.launchTemplates.versions))
}
