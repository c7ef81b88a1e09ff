import { DescribeInstancesCommand, type EC2Client } from '#client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'
import { LIVE_INSTANCE_STATES } from './images.js'

/** Waits until none of the instances is live, or the time is up: the ones still live. */
export async function waitTerminated(ec2: EC2Client, ids: string[], pollMs: number, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-id', Values: ids },
          { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
        ]
      })
    )
    const live = Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId as string)
    if (live.length === 0 || Date.now() >= deadline) return live
    await sleep(pollMs)
  }
}
