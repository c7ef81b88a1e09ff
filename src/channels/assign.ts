import * as core from '@actions/core'
import type { EC2Client } from '#client-ec2'
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm'
import { channelParameter, versionDescription, versionLabels, type RunIdentity } from './names.js'
import { readChannel, writeChannel, type ChannelRef, type ChannelState } from './parameters.js'

/** One channel moved (or found already there) in one region: an entry of the `channel-assignments` output. */
export interface ChannelAssignment {
  channel: string
  family: string
  region: string
  parameter: string
  /** What the channel held before this version; absent for a new channel. */
  previous?: string
  ami: string
  /** The parameter version that holds `ami`. */
  version: number
  /** The channel held `ami` already: no version was written. */
  unchanged?: boolean
  /** Why: `build`, `promote from candidate`, `rollback`, `revoke of ami-…`. */
  reason: string
}

/** What every channel write needs: clients, the run, the parameter name template. */
export interface ChannelContext {
  ec2: (region: string) => EC2Client
  ssm: (region: string) => SSMClient
  run: RunIdentity
  parameterTemplate: string
}

/** One write to make: `channel` of `family` in `region` to `ami`. */
export interface Move {
  region: string
  family: string
  channel: string
  ami: string
  reason: string
  /** The parameter's name as found, where it may not follow this run's `channel-parameter`. */
  parameter?: string
}

export interface PlannedMove extends Move {
  ref: ChannelRef
  state: ChannelState
}

/** The channel's parameter in a region, as a reference for reading and writing; a name SSM would refuse throws. */
export function channelRef(template: string, family: string, channel: string): ChannelRef {
  const named = channelParameter(template, family, channel)
  if ('error' in named) throw new Error(`channel ${channel} of family ${family}: ${named.error}`)
  return { name: named.name, family, channel }
}

/**
 * Reads every channel the moves touch and refuses, before any write, a parameter of that name
 * that is not this action's channel. Returns the moves with what each channel holds now.
 */
export async function planMoves(ctx: ChannelContext, moves: readonly Move[]): Promise<PlannedMove[]> {
  const planned = await Promise.all(
    moves.map(async (m) => {
      const ref = m.parameter === undefined ? channelRef(ctx.parameterTemplate, m.family, m.channel) : { name: m.parameter, family: m.family, channel: m.channel }
      return { ...m, ref, state: await readChannel(ctx.ssm(m.region), ref) }
    })
  )
  const foreign = planned.filter((p) => p.state.kind === 'foreign')
  if (foreign.length > 0) {
    const list = foreign.map((p) => `${p.ref.name} in ${p.region} (${(p.state as { why: string }).why})`)
    throw new Error(`refusing to write parameters that are not this action's channels: ${list.join('; ')}. Choose another channel or channel-parameter, or remove them`)
  }
  return planned
}

/** Writes the planned moves, every region at once; a channel that holds the AMI already gets no new version. */
export async function applyMoves(ctx: ChannelContext, planned: readonly PlannedMove[]): Promise<ChannelAssignment[]> {
  const labels = versionLabels(ctx.run)
  const done = await Promise.all(
    planned.map(async (p): Promise<ChannelAssignment> => {
      const base = { channel: p.channel, family: p.family, region: p.region, parameter: p.ref.name, ami: p.ami, reason: p.reason }
      if (p.state.kind === 'ours' && p.state.ami === p.ami) {
        core.info(`${p.region}: channel ${p.channel} (${p.ref.name}) holds ${p.ami} already (version ${p.state.version})`)
        return { ...base, previous: p.state.ami, version: p.state.version, unchanged: true }
      }
      const ssm = ctx.ssm(p.region)
      const description = versionDescription(`${p.family} ${p.channel} → ${p.ami} (${p.reason})`, ctx.run)
      const written = await writeChannel(ssm, p.ref, p.ami, labels, description)
      for (const label of written.invalidLabels) core.warning(`${p.region}: SSM refused the label ${label} on ${p.ref.name} version ${written.version}`)
      // The version before this one, as SSM numbered it: right even when another run wrote in between.
      const previous = written.version > 1 ? await valueOf(ssm, `${p.ref.name}:${written.version - 1}`) : undefined
      core.info(`${p.region}: channel ${p.channel} (${p.ref.name}) ${previous ?? 'new'} → ${p.ami}, version ${written.version} [${labels.join(', ')}]`)
      return { ...base, previous, version: written.version }
    })
  )
  return done.sort((a, b) => (a.family + a.channel + a.region < b.family + b.channel + b.region ? -1 : 1))
}

async function valueOf(ssm: SSMClient, selector: string): Promise<string | undefined> {
  try {
    return (await ssm.send(new GetParameterCommand({ Name: selector }))).Parameter?.Value
  } catch {
    // Past the 100 versions SSM keeps, or deleted since: the output just has no previous AMI.
    return undefined
  }
}
