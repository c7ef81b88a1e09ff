import { DescribeInstanceStatusCommand, type EC2Client, type InstanceStatus } from '#client-ec2'
import { pollUntil } from './poll.js'

export interface StatusChecks {
  /** `ok`, `impaired`, `initializing`, `insufficient-data`, or `not seen`. */
  system: string
  instance: string
}

/** States an instance does not come back from on its own during a test. */
const GONE = ['shutting-down', 'terminated', 'stopping', 'stopped']

/**
 * Waits until EC2 reports both status checks `ok` (DescribeInstanceStatus: the system check is
 * AWS's side of the host, the instance check the reachability of the OS; EC2 User Guide, "Status
 * checks for Amazon EC2 instances"). An `impaired` check or an instance that stops ends the
 * wait at once; so does the deadline.
 */
export async function waitForStatusChecks(ec2: EC2Client, instance: string, deadline: number): Promise<StatusChecks> {
  let last: StatusChecks = { system: 'not seen', instance: 'not seen' }
  return pollUntil(
    async () => {
      const status = await describe(ec2, instance)
      if (status === undefined) return undefined
      last = { system: status.SystemStatus?.Status ?? 'not seen', instance: status.InstanceStatus?.Status ?? 'not seen' }
      const state = status.InstanceState?.Name ?? ''
      if (GONE.includes(state)) throw new StatusCheckFailure(`the instance went ${state} before both status checks passed`, last)
      if (last.system === 'impaired' || last.instance === 'impaired') {
        throw new StatusCheckFailure(`EC2 reports the ${last.system === 'impaired' ? 'system' : 'instance'} status check impaired`, last)
      }
      return last.system === 'ok' && last.instance === 'ok' ? last : undefined
    },
    deadline,
    'both status checks ok',
    () => `system ${last.system}, instance ${last.instance}`
  ).catch((err: unknown) => {
    if (err instanceof StatusCheckFailure) throw err
    throw new StatusCheckFailure((err as Error).message, last)
  })
}

export class StatusCheckFailure extends Error {
  constructor(
    message: string,
    readonly checks: StatusChecks
  ) {
    super(message)
  }
}

/** A new instance may be unknown to DescribeInstanceStatus for a moment (eventual consistency). */
async function describe(ec2: EC2Client, instance: string): Promise<InstanceStatus | undefined> {
  try {
    const { InstanceStatuses = [] } = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [instance], IncludeAllInstances: true }))
    return InstanceStatuses.find((s) => s.InstanceId === instance)
  } catch (err) {
    if ((err as { name?: string }).name === 'InvalidInstanceID.NotFound') return undefined
    throw err
  }
}
