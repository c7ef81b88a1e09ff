import { RunInstancesCommand, type BlockDeviceMapping, type EC2Client, type Image } from '#client-ec2'
import { randomUUID } from 'node:crypto'
import type { TestOptions } from './options.js'
import { testInstanceTags, type TestInstanceLabel } from './instance-tags.js'

export type Platform = 'linux' | 'windows'

/** The smallest current burstable type of each architecture EC2 reports for an AMI. */
const TYPE_BY_ARCHITECTURE: Record<string, string> = {
  x86_64: 't3.micro',
  arm64: 't4g.micro',
  // T3 runs 64-bit only; T2 still runs 32-bit AMIs.
  i386: 't2.micro'
}

/** `test-instance-type`, or the default for the AMI's architecture; undefined where there is none (Mac AMIs need a dedicated host). */
export function instanceTypeFor(image: Image, given: string | undefined): string | undefined {
  return given ?? TYPE_BY_ARCHITECTURE[image.Architecture ?? 'x86_64']
}

/** EC2's Image.Platform is `windows` for Windows AMIs and absent for all others (EC2 API Reference, Image). */
export function platformOf(image: Image): Platform {
  return (image.Platform ?? '').toLowerCase() === 'windows' ? 'windows' : 'linux'
}

/**
 * The AMI's own EBS mappings with DeleteOnTermination forced on: an AMI that keeps its volumes
 * would otherwise leave one behind for every test. The snapshot is named again because a mapping
 * that changes an AMI's volume may not leave it out (EC2 API Reference, EbsBlockDevice).
 */
export function volumesDeletedOnTermination(image: Image): BlockDeviceMapping[] {
  return (image.BlockDeviceMappings ?? [])
    .filter((m) => m.DeviceName !== undefined && m.Ebs?.SnapshotId !== undefined)
    .map((m) => ({ DeviceName: m.DeviceName, Ebs: { SnapshotId: m.Ebs?.SnapshotId, DeleteOnTermination: true } }))
}

/**
 * Launches one instance from the AMI, tagged at launch (instance and volumes in the same call,
 * so no moment exists where it runs untagged), with a client token so a retried call never
 * launches twice. Returns its id.
 */
export async function launchTestInstance(ec2: EC2Client, image: Image, instanceType: string, options: TestOptions, label: TestInstanceLabel): Promise<string> {
  const Tags = Object.entries(testInstanceTags(label)).map(([Key, Value]) => ({ Key, Value }))
  const profile = options.instanceProfile
  const { Instances = [] } = await ec2.send(
    new RunInstancesCommand({
      ImageId: image.ImageId,
      InstanceType: instanceType as never,
      MinCount: 1,
      MaxCount: 1,
      ClientToken: randomUUID(),
      SubnetId: options.subnet,
      SecurityGroupIds: options.securityGroups.length > 0 ? options.securityGroups : undefined,
      IamInstanceProfile: profile === undefined ? undefined : profile.startsWith('arn:') ? { Arn: profile } : { Name: profile },
      BlockDeviceMappings: volumesDeletedOnTermination(image),
      InstanceInitiatedShutdownBehavior: 'terminate',
      TagSpecifications: [
        { ResourceType: 'instance', Tags },
        { ResourceType: 'volume', Tags }
      ]
    })
  )
  const id = Instances[0]?.InstanceId
  if (id === undefined) throw new Error('RunInstances answered without an instance')
  return id
}
