import * as core from '@actions/core'
import { DescribeInstancesCommand, TerminateInstancesCommand, type EC2Client, type Instance } from '#client-ec2'
import { ec2Clients } from '../aws/clients.js'
import { LIVE_INSTANCE_STATES } from '../aws/images.js'
import { waitTerminated } from '../aws/instances.js'
import { TEST_RUN_TAG, testInstanceProof } from './instance-tags.js'

/** A test instance the post step found alive, and what became of it. */
export interface TestLeftover {
  region: string
  instance: string
  ami: string
  outcome: 'terminated' | 'still running'
}

export interface TestLeftoverTimings {
  pollMs: number
  timeoutMs: number
}

/**
 * The post step's part for the test stage: in each region the stage launched in, the live
 * instances carrying this job's random token (saved state, which no other job knows) and proven
 * test instances (launched from the AMI they name) are terminated, and awaited. An instance
 * that merely looks like one (a copied Name, another job's token) is never touched.
 */
export async function removeTestInstances(run: string, regions: string[], timings: TestLeftoverTimings): Promise<TestLeftover[]> {
  const ec2 = ec2Clients()
  const settled = await Promise.allSettled(regions.map((region) => inRegion(ec2(region), region, run, timings)))
  const found = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []))
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${regions[i]}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`] : []))
  if (failed.length > 0) throw new TestLeftoverError(failed, found)
  return found
}

/** Regions whose test instances could not be looked at or removed, and what the others found. */
export class TestLeftoverError extends Error {
  constructor(
    failed: string[],
    readonly found: TestLeftover[]
  ) {
    super(failed.join('; '))
  }
}

async function inRegion(ec2: EC2Client, region: string, run: string, timings: TestLeftoverTimings): Promise<TestLeftover[]> {
  const ours = (await live(ec2, run)).filter((i) => testInstanceProof(i, run) !== undefined)
  if (ours.length === 0) return []
  const ids = ours.map((i) => i.InstanceId as string)
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }))
  const still = await waitTerminated(ec2, ids, timings.pollMs, timings.timeoutMs)
  return ours.map((i) => {
    const instance = i.InstanceId as string
    const outcome = still.includes(instance) ? 'still running' : 'terminated'
    const ami = testInstanceProof(i, run)?.ami as string
    ;(outcome === 'terminated' ? core.info : core.warning)(`${region}: test instance ${instance} of ${ami}: ${outcome}`)
    return { region, instance, ami, outcome }
  })
}

async function live(ec2: EC2Client, run: string): Promise<Instance[]> {
  const found: Instance[] = []
  let NextToken: string | undefined
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${TEST_RUN_TAG}`, Values: [run] },
          { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
        ],
        NextToken
      })
    )
    for (const r of page.Reservations ?? []) found.push(...(r.Instances ?? []))
    NextToken = page.NextToken
  } while (NextToken)
  return found
}
