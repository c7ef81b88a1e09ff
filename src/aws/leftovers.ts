import * as core from '@actions/core'
import {
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  TerminateInstancesCommand,
  type EC2Client
} from '@aws-sdk/client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BuilderResources } from '../packer/resources.js'
import { ec2Clients } from './clients.js'
import { LIVE_INSTANCE_STATES, removeImage, snapshotsOf } from './images.js'

export interface Removal {
  region: string
  kind: 'instance' | 'security group' | 'key pair' | 'AMI' | 'snapshot'
  id: string
}

export interface LeftoverOptions {
  pollMs: number
  timeoutMs: number
}

/**
 * Removes what a run that did not finish left behind, in every region it may be in. Only the
 * ids and names Packer reported are looked up, so nothing the run did not create is touched.
 * Instances go first: a security group cannot be deleted while an instance still uses it.
 */
export async function removeLeftovers(r: BuilderResources, opts: LeftoverOptions): Promise<Removal[]> {
  const ec2 = ec2Clients()
  const removed = await Promise.all(r.regions.map((region) => removeInRegion(ec2(region), region, r, opts)))
  return removed.flat()
}

async function removeInRegion(ec2: EC2Client, region: string, r: BuilderResources, opts: LeftoverOptions): Promise<Removal[]> {
  const removed: Removal[] = []
  const note = (kind: Removal['kind'], id: string): void => {
    removed.push({ region, kind, id })
    core.info(`${region}: removed ${kind} ${id}`)
  }
  const instances = await liveInstances(ec2, r.instances)
  if (instances.length > 0) {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: instances }))
    await waitTerminated(ec2, region, instances, opts)
    instances.forEach((id) => note('instance', id))
  }
  if (r.images.length > 0) {
    const { Images = [] } = await ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: r.images }] })
    )
    for (const image of Images) {
      await removeImage(ec2, image.ImageId as string, snapshotsOf(image))
      note('AMI', image.ImageId as string)
      snapshotsOf(image).forEach((id) => note('snapshot', id))
    }
  }
  if (r.securityGroups.length > 0) {
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: r.securityGroups }] })
    )
    for (const group of SecurityGroups) {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }))
      note('security group', `${group.GroupName} (${group.GroupId})`)
    }
  }
  if (r.keyPairs.length > 0) {
    const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: r.keyPairs }] }))
    for (const pair of KeyPairs) {
      await ec2.send(new DeleteKeyPairCommand({ KeyName: pair.KeyName }))
      note('key pair', pair.KeyName as string)
    }
  }
  return removed
}

async function liveInstances(ec2: EC2Client, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const { Reservations = [] } = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'instance-id', Values: ids },
        { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
      ]
    })
  )
  return Reservations.flatMap((res) => res.Instances ?? []).map((i) => i.InstanceId as string)
}

async function waitTerminated(ec2: EC2Client, region: string, ids: string[], opts: LeftoverOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs
  while ((await liveInstances(ec2, ids)).length > 0) {
    if (Date.now() >= deadline) throw new Error(`instances ${ids.join(', ')} in ${region} did not terminate in time`)
    await sleep(opts.pollMs)
  }
}
