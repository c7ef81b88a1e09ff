import * as core from '@actions/core'
import { CreateTagsCommand, DisableImageCommand, EnableImageDeprecationCommand } from '#client-ec2'
import { DescribeParametersCommand, GetParametersCommand, ListTagsForResourceCommand, type SSMClient } from '@aws-sdk/client-ssm'
import { ec2Clients } from '../aws/clients.js'
import { tagOf } from '../aws/images.js'
import { ssmClients } from '../aws/references.js'
import { FAMILY_TAG } from '../aws/tags.js'
import type { Options } from '../inputs.js'
import { applyMoves, planMoves, type ChannelContext, type Move } from './assign.js'
import { copiesOf, descendantsOf, type Reached } from './descendants.js'
import { channelHistory, earlierVersion } from './history.js'
import { imageProblems, ownImages } from './images.js'
import { runIdentity } from './names.js'
import { emptyChannelReport, type ChannelReport } from './outcome.js'
import { CHANNEL_FAMILY_TAG, CHANNEL_TAG, REVOKED_BY_TAG, REVOKED_TAG } from './tags.js'

/** A channel parameter found pointing at a revoked AMI. */
interface Pointing {
  region: string
  name: string
  family: string
  channel: string
  ami: string
}

/** GetParameters takes at most 10 names a call; a DescribeParameters filter at most 50 values. */
const NAMES_PER_CALL = 10
const FILTER_VALUES = 50
/** Tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256

/**
 * `mode: revoke`: the named AMIs and every copy of them, with `revoke-descendants` every AMI
 * built on one of those (recursively, across the regions of the builds), are tagged revoked,
 * deprecated now and, with `revoke-disable`, disabled; every channel that points at one moves
 * back to its newest earlier usable AMI, or is reported stuck (and the step fails). Only this
 * account's AMIs carrying the action's family tag are touched, the named ones only when they are
 * of `family`. Nothing is deregistered and no snapshot deleted. `cleanup-dry-run` reports the
 * plan and changes nothing.
 */
export async function runRevoke(opts: Options, runUrl: string): Promise<ChannelReport> {
  const family = opts.images.family
  const { reason, disable, descendants } = opts.channels.revoke
  const dryRun = opts.images.cleanupDryRun
  const ctx: ChannelContext = { ec2: ec2Clients(), ssm: ssmClients(), run: runIdentity(process.env, runUrl), parameterTemplate: opts.channels.parameter }
  const report = emptyChannelReport('revoke', family, dryRun)

  const named = await namedImages(ctx, opts.channels.amiIds as Record<string, string>, family, report)
  const copies = (await Promise.all(named.map((n) => copiesOf(ctx.ec2, n)))).flat().filter((c) => !named.some((n) => n.ami === c.ami))
  const roots = [...named, ...copies]
  const reached = descendants ? [...roots, ...(await descendantsOf(ctx.ec2, roots))] : roots
  const revokedIds = new Set(reached.map((r) => r.ami))
  report.revoked = reached.map((r) => ({ region: r.region, ami: r.ami, family: r.family, builtOn: r.builtOn, disabled: disable }))
  for (const r of reached) core.info(`${dryRun ? 'would revoke' : 'revoking'} ${r.ami} (${r.region}, family ${r.family})${r.builtOn === undefined ? '' : `: built on ${r.builtOn}`}`)

  const moves = await channelMoves(ctx, reached, revokedIds, report)
  if (dryRun) {
    report.planned = moves
    for (const m of moves) core.info(`would move channel ${m.channel} of ${m.family} in ${m.region} to ${m.ami} (${m.reason})`)
    return report
  }
  const reasonTag = reason.slice(0, MAX_TAG_VALUE)
  // The mark first: from here on every check (promotion, rollback) passes these AMIs over.
  await Promise.all(
    reached
      .filter((r) => tagOf(r.image, REVOKED_TAG) === undefined)
      .map((r) =>
        ctx.ec2(r.region).send(
          new CreateTagsCommand({ Resources: [r.ami], Tags: [{ Key: REVOKED_TAG, Value: reasonTag }, { Key: REVOKED_BY_TAG, Value: runUrl.slice(0, MAX_TAG_VALUE) }] })
        )
      )
  )
  // Channels off the revoked AMIs before they stop launching.
  report.assignments = await applyMoves(ctx, await planMoves(ctx, moves))
  const deprecateAt = soonestDeprecation(new Date())
  await Promise.all(
    reached.map(async (r) => {
      const current = r.image.DeprecationTime === undefined ? undefined : new Date(r.image.DeprecationTime)
      if (current === undefined || current > deprecateAt) await ctx.ec2(r.region).send(new EnableImageDeprecationCommand({ ImageId: r.ami, DeprecateAt: deprecateAt }))
      if (disable && r.image.State !== 'disabled') await ctx.ec2(r.region).send(new DisableImageCommand({ ImageId: r.ami }))
    })
  )
  return report
}

/**
 * EnableImageDeprecation takes no time in the past and rounds seconds to the nearest minute
 * (EC2 API Reference, EnableImageDeprecation, DeprecateAt): the next whole minute at least 30
 * seconds away is the soonest it takes.
 */
export function soonestDeprecation(now: Date): Date {
  return new Date(Math.ceil((now.getTime() + 30_000) / 60_000) * 60_000)
}

/** The AMIs the input names: each must be this account's, in its region, and of `family`. Refuses before any change. */
async function namedImages(ctx: ChannelContext, amis: Record<string, string>, family: string, report: ChannelReport): Promise<Reached[]> {
  const problems: string[] = []
  const found = await Promise.all(
    Object.entries(amis).map(async ([region, ami]) => {
      const image = (await ownImages(ctx.ec2(region), [ami])).get(ami)
      const imageFamily = image === undefined ? undefined : tagOf(image, FAMILY_TAG)
      if (image === undefined) problems.push(`${ami} in ${region} does not exist in this account`)
      else if (imageFamily !== family) problems.push(`${ami} in ${region} is ${imageFamily === undefined ? 'not an AMI of this action (no family tag)' : `of family ${imageFamily}`}, not ${family}`)
      return image === undefined ? [] : [{ region, ami, image, family }]
    })
  )
  if (problems.length > 0) {
    report.refused = problems.sort()
    throw Object.assign(new Error(`not revoking anything:\n- ${report.refused.join('\n- ')}`), { report })
  }
  return found.flat()
}

/** Every channel of the reached families pointing at a revoked AMI, and where it moves back to. */
async function channelMoves(ctx: ChannelContext, reached: readonly Reached[], revoked: Set<string>, report: ChannelReport): Promise<Move[]> {
  const regions = [...new Set(reached.map((r) => r.region))]
  const families = [...new Set(reached.map((r) => r.family))]
  const now = new Date()
  const moves: Move[] = []
  await Promise.all(
    regions.map(async (region) => {
      const pointing = await channelsPointingAt(ctx.ssm(region), region, families, revoked)
      for (const p of pointing) {
        const history = await channelHistory(ctx.ssm(region), p.name)
        const described = await ownImages(ctx.ec2(region), history.map((v) => v.ami))
        const problemsOf = (ami: string): string[] => (revoked.has(ami) ? ['is being revoked'] : imageProblems(described.get(ami), p.family, now))
        const { target, skipped } = earlierVersion(history, problemsOf)
        for (const k of skipped) report.passedOver.push({ region, parameter: p.name, ...k })
        if (target === undefined) {
          const why = 'no earlier version holds an AMI that is not revoked and still usable'
          report.stuck.push({ region, channel: p.channel, family: p.family, parameter: p.name, ami: p.ami, why })
          core.error(`${p.name} in ${region} still names the revoked ${p.ami}: ${why}`)
          continue
        }
        moves.push({ region, family: p.family, channel: p.channel, ami: target.ami, parameter: p.name, reason: `revoke of ${p.ami}: back to version ${target.version}` })
      }
    })
  )
  return moves
}

/**
 * This action's channel parameters of `families` in a region whose value is a revoked AMI. SSM
 * finds them by the ownership tag (DescribeParameters, `tag:` filter); each one's channel tag
 * names the channel.
 */
async function channelsPointingAt(ssm: SSMClient, region: string, families: string[], revoked: Set<string>): Promise<Pointing[]> {
  const names: string[] = []
  for (let i = 0; i < families.length; i += FILTER_VALUES) {
    let NextToken: string | undefined
    do {
      const page = await ssm.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: `tag:${CHANNEL_FAMILY_TAG}`, Values: families.slice(i, i + FILTER_VALUES) }], MaxResults: 50, NextToken })
      )
      for (const p of page.Parameters ?? []) if (p.Name !== undefined) names.push(p.Name)
      NextToken = page.NextToken
    } while (NextToken)
  }
  const pointing: Pointing[] = []
  for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
    const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names: names.slice(i, i + NAMES_PER_CALL) }))
    for (const p of Parameters) {
      if (p.Name === undefined || p.Value === undefined || !revoked.has(p.Value)) continue
      const { TagList = [] } = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: p.Name }))
      const family = TagList.find((t) => t.Key === CHANNEL_FAMILY_TAG)?.Value
      const channel = TagList.find((t) => t.Key === CHANNEL_TAG)?.Value
      if (family === undefined || channel === undefined || !families.includes(family)) continue
      pointing.push({ region, name: p.Name, family, channel, ami: p.Value })
    }
  }
  return pointing
}
