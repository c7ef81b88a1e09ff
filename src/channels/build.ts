import { groupByRegion } from '../aws/images.js'
import { applyMoves, planMoves, type ChannelAssignment, type ChannelContext } from './assign.js'
import { imageProblems, ownImages } from './images.js'

/**
 * Build mode's `channel`: each build's new AMIs join the channel of its family in every region
 * they exist in. Runs after the test stage and after tagging; checks every AMI as a promotion
 * would (an AMI whose test failed, above all, never joins a channel) and every parameter's
 * ownership before the first write.
 */
export async function assignBuiltImages(
  ctx: ChannelContext,
  images: ReadonlyArray<{ build: string; region: string; ami: string }>,
  familyOf: (build: string) => string,
  channel: string
): Promise<ChannelAssignment[]> {
  const now = new Date()
  const problems: string[] = []
  await Promise.all(
    [...groupByRegion([...images])].map(async ([region, list]) => {
      const described = await ownImages(ctx.ec2(region), list.map((i) => i.ami))
      for (const i of list) {
        for (const p of imageProblems(described.get(i.ami), familyOf(i.build), now)) problems.push(`${i.ami} (${region}) ${p}`)
      }
    })
  )
  if (problems.length > 0) throw new Error(`channel ${channel}: not assigning, because ${problems.join('; ')}`)
  const moves = images.map((i) => ({ region: i.region, family: familyOf(i.build), channel, ami: i.ami, reason: 'build' }))
  return applyMoves(ctx, await planMoves(ctx, moves))
}
