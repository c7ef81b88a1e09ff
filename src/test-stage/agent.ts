import { DescribeInstanceInformationCommand, type SSMClient } from '@aws-sdk/client-ssm'
import { pollUntil } from './poll.js'

/**
 * Waits until the instance's SSM Agent has registered and pings: DescribeInstanceInformation
 * lists the managed node with PingStatus `Online` (SSM API Reference,
 * DescribeInstanceInformation and InstanceInformation). Until then SendCommand refuses the
 * instance (InvalidInstanceId).
 */
export async function waitForAgent(ssm: SSMClient, instance: string, deadline: number): Promise<void> {
  let last = 'not registered'
  await pollUntil(
    async () => {
      const { InstanceInformationList = [] } = await ssm.send(
        new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [instance] }] })
      )
      const info = InstanceInformationList.find((i) => i.InstanceId === instance)
      last = info === undefined ? 'not registered' : `ping status ${info.PingStatus ?? 'unknown'}`
      return info?.PingStatus === 'Online' ? true : undefined
    },
    deadline,
    'the SSM Agent to register (is AmazonSSMManagedInstanceCore on the instance profile, and can the instance reach SSM?)',
    () => last
  )
}
