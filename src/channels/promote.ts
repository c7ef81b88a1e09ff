import * as core from '@actions/core'
import type { Image } from '#client-ec2'
import { ec2Clients } from '../aws/clients.js'
import { isSharing, shareImage, snapshotsOf, type RegionImage, type Sharing } from '../aws/images.js'
import { rollOutLaunchTemplates } from '../aws/launch-templates.js'
import { ssmClients } from '../aws/references.js'
import { checkShareable } from '../aws/shareable.js'
import type { Options } from '../inputs.js'
import { applyMoves, channelRef, planMoves, type ChannelContext, type Move } from './assign.js'
import { channelHistory, earlierVersion } from './history.js'
import { imageProblems, ownImages } from './images.js'
import { runIdentity } from './names.js'
import { emptyChannelReport, type ChannelReport } from './outcome.js'
import { readChannel, type ChannelState } from './parameters.js'
import { enabledRegions } from './regions.js'

/** The promotion as the checks leave it: the moves, or why there are none. */
interface Plan {
  moves: Move[]
  refused: string[]
  images: Map<string, Image>
}

/**
 * `mode: promote`: `channel` gets what `from-channel` points at, or the `ami-ids`, in every
 * region, or with `rollback` what it held before. Every check runs before the first write: the
 * AMIs exist in this account, are available, of `family`, not revoked, not test-failed, not
 * deprecated, and cover every region the target channel covers; the parameters are this
 * action's. Then, as a build distributes: sharing, the channel, launch templates.
 */
export async function runPromote(opts: Options, runUrl: string): Promise<ChannelReport> {
  const c = opts.channels
  const family = opts.images.family
  const channel = c.channel as string
  const ctx: ChannelContext = { ec2: ec2Clients(), ssm: ssmClients(), run: runIdentity(process.env, runUrl), parameterTemplate: c.parameter }
  const report = emptyChannelReport('promote', family, false)
  report.channel = channel
  report.source = c.rollback ? 'rollback' : c.fromChannel !== undefined ? `channel ${c.fromChannel}` : 'ami-ids'
  const regions = await enabledRegions(ctx.ec2(opts.awsRegion as string), opts.awsRegion as string)
  const target = await statesIn(ctx, regions, channelRef(c.parameter, family, channel))
  const plan = c.rollback ? await planRollback(ctx, family, channel, target, report) : await planPromotion(ctx, opts, regions, target)
  report.refused = plan.refused
  if (plan.refused.length > 0) {
    throw Object.assign(new Error(`not promoting to ${channel}; nothing was changed:\n- ${plan.refused.join('\n- ')}`), { report })
  }
  const regionImages: RegionImage[] = plan.moves.map((m) => ({ build: family, builder: 'promote', region: m.region, ami: m.ami, snapshots: snapshotsOf(plan.images.get(`${m.region}:${m.ami}`)) }))
  const sharing: Sharing = { accounts: opts.images.shareAccounts, organizations: opts.images.shareOrganizations, ous: opts.images.shareOus }
  if (isSharing(sharing)) {
    await checkShareable(ctx.ec2, regionImages)
    // Shared before the channel names it: a consumer of the channel must be able to launch it.
    await Promise.all(regionImages.map((i) => shareImage(ctx.ec2(i.region), i, sharing)))
    report.sharedWith = [...sharing.accounts, ...sharing.organizations, ...sharing.ous]
  }
  report.assignments = await applyMoves(ctx, await planMoves(ctx, plan.moves))
  report.launchTemplates = await rollOutLaunchTemplates(ctx.ec2, regionImages, opts.images.launchTemplates, opts.images.launchTemplateDefault)
  return report
}

/**
 * The channel in every region: absent, ours (with its AMI) or not ours. A region where SSM
 * refuses the caller (an organization's policy that denies the region) cannot hold a channel
 * this role wrote: it is passed over, with a warning.
 */
async function statesIn(ctx: ChannelContext, regions: string[], ref: ReturnType<typeof channelRef>): Promise<Map<string, ChannelState>> {
  const states = await Promise.all(
    regions.map(async (region) => {
      try {
        return [[region, await readChannel(ctx.ssm(region), ref)] as const]
      } catch (err) {
        const name = (err as { name?: string }).name ?? ''
        if (!DENIED.has(name)) throw err
        core.warning(`${region}: SSM refused to read ${ref.name} (${name}); the channel is taken not to cover ${region}`)
        return []
      }
    })
  )
  return new Map(states.flat().filter(([, s]) => s.kind !== 'absent'))
}

/** SSM's answers to a caller a policy denies, or in a region the account cannot use. */
const DENIED = new Set(['AccessDeniedException', 'UnrecognizedClientException'])

function foreignProblems(states: Map<string, ChannelState>, name: string): string[] {
  return [...states].flatMap(([region, s]) => (s.kind === 'foreign' ? [`${name} in ${region} is not this action's channel: ${s.why}`] : []))
}

async function planPromotion(ctx: ChannelContext, opts: Options, regions: string[], target: Map<string, ChannelState>): Promise<Plan> {
  const c = opts.channels
  const family = opts.images.family
  const targetName = channelRef(c.parameter, family, c.channel as string).name
  const refused = foreignProblems(target, targetName)
  let source: Record<string, string>
  if (c.fromChannel !== undefined) {
    const from = channelRef(c.parameter, family, c.fromChannel)
    const states = await statesIn(ctx, regions, from)
    refused.push(...foreignProblems(states, from.name))
    source = Object.fromEntries([...states].flatMap(([region, s]) => (s.kind === 'ours' ? [[region, s.ami]] : [])))
    if (Object.keys(source).length === 0) refused.push(`channel ${c.fromChannel} of family ${family} (${from.name}) exists in no region`)
  } else {
    source = c.amiIds as Record<string, string>
  }
  for (const [region, s] of target) {
    if (s.kind === 'ours' && source[region] === undefined) refused.push(`channel ${c.channel} covers ${region} (holding ${s.ami}), but there is no AMI to promote there`)
  }
  const images = new Map<string, Image>()
  const now = new Date()
  await Promise.all(
    Object.entries(source).map(async ([region, ami]) => {
      const described = await ownImages(ctx.ec2(region), [ami])
      const image = described.get(ami)
      if (image !== undefined) images.set(`${region}:${ami}`, image)
      for (const p of imageProblems(image, family, now)) refused.push(`${ami} in ${region} ${p}`)
    })
  )
  const moves = Object.entries(source).map(([region, ami]) => ({ region, family, channel: c.channel as string, ami, reason: c.fromChannel !== undefined ? `promote from ${c.fromChannel}` : 'promote' }))
  return { moves, refused: refused.sort(), images }
}

/** Back one usable version in every region the channel covers, from its history. */
async function planRollback(ctx: ChannelContext, family: string, channel: string, target: Map<string, ChannelState>, report: ChannelReport): Promise<Plan> {
  const name = channelRef(ctx.parameterTemplate, family, channel).name
  const refused = foreignProblems(target, name)
  const moves: Move[] = []
  const images = new Map<string, Image>()
  const now = new Date()
  const ours = [...target].filter(([, s]) => s.kind === 'ours')
  if (ours.length === 0 && refused.length === 0) refused.push(`channel ${channel} of family ${family} (${name}) exists in no region: nothing to roll back`)
  await Promise.all(
    ours.map(async ([region, s]) => {
      const history = await channelHistory(ctx.ssm(region), name)
      const described = await ownImages(ctx.ec2(region), history.map((v) => v.ami))
      const { target: back, skipped } = earlierVersion(history, (ami) => imageProblems(described.get(ami), family, now))
      for (const k of skipped) report.passedOver.push({ region, parameter: name, ...k })
      for (const k of skipped) core.info(`${region}: rollback passes over version ${k.version} (${k.ami}): it ${k.why}`)
      if (back === undefined) {
        refused.push(`channel ${channel} in ${region} has no earlier usable AMI to move back to from ${(s as { ami: string }).ami}`)
        return
      }
      const image = described.get(back.ami)
      if (image !== undefined) images.set(`${region}:${back.ami}`, image)
      moves.push({ region, family, channel, ami: back.ami, reason: `rollback to version ${back.version}` })
    })
  )
  return { moves, refused: refused.sort(), images }
}
