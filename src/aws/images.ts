import {
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  EnableImageDeprecationCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  type DeleteSnapshotReturnCode,
  type EC2Client,
  type Image,
  type LaunchPermission
} from '#client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Artifact } from '../packer/artifacts.js'
import type { Tags } from './tags.js'

/** An AMI of this run once it is available, with the snapshots behind it. */
export interface RegionImage extends Artifact {
  snapshots: string[]
  /**
   * The AMI it was made from, as the wait's DescribeImages reported it (`SourceImageId`,
   * `SourceImageRegion`); null where EC2 records none. Undefined: not described here.
   */
  source?: ImageSource | null
}

export interface ImageSource {
  id: string
  region: string
}

/**
 * EC2's record of the AMI an image was made from: `SourceImageId` and `SourceImageRegion`,
 * which "only appear if the AMI was created using CreateImage, CopyImage, or
 * CreateRestoreImageTask" (EC2 API Reference, Image); without a region, the image's own.
 */
export function sourceOf(image: Image | undefined, region: string): ImageSource | null {
  const id = image?.SourceImageId
  return id === undefined ? null : { id, region: image?.SourceImageRegion ?? region }
}

export interface WaitOptions {
  pollMs: number
  timeoutMs: number
}

const FINAL_STATES = ['failed', 'error', 'invalid', 'deregistered']

/** Waits until every AMI is `available`; a final bad state ends the wait at once. */
export async function waitUntilAvailable(ec2: (region: string) => EC2Client, artifacts: Artifact[], opts: WaitOptions): Promise<RegionImage[]> {
  const byRegion = groupByRegion(artifacts)
  const done = await Promise.all(
    [...byRegion].map(([region, list]) => waitInRegion(ec2(region), region, list, opts))
  )
  return done.flat()
}

async function waitInRegion(ec2: EC2Client, region: string, artifacts: Artifact[], opts: WaitOptions): Promise<RegionImage[]> {
  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: artifacts.map((a) => a.ami) }))
    for (const image of Images) {
      if (FINAL_STATES.includes(image.State ?? '')) {
        const reason = image.StateReason?.Message ? `: ${image.StateReason.Message}` : ''
        throw new Error(`AMI ${image.ImageId} in ${region} is ${image.State}${reason}`)
      }
    }
    const available = new Map(Images.filter((i) => i.State === 'available').map((i) => [i.ImageId, i]))
    if (artifacts.every((a) => available.has(a.ami))) {
      return artifacts.map((a) => ({ ...a, snapshots: snapshotsOf(available.get(a.ami)), source: sourceOf(available.get(a.ami), region) }))
    }
    if (Date.now() >= deadline) {
      const waiting = artifacts.filter((a) => !available.has(a.ami)).map((a) => a.ami)
      throw new Error(`AMIs in ${region} still not available after ${opts.timeoutMs / 60000} minutes: ${waiting.join(', ')}`)
    }
    await sleep(opts.pollMs)
  }
}

export interface Sharing {
  accounts: string[]
  organizations: string[]
  ous: string[]
}

export function isSharing(s: Sharing): boolean {
  return s.accounts.length + s.organizations.length + s.ous.length > 0
}

export async function tagImage(ec2: EC2Client, image: RegionImage, tags: Tags): Promise<void> {
  await ec2.send(
    new CreateTagsCommand({
      Resources: [image.ami, ...image.snapshots],
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
    })
  )
}

export async function shareImage(ec2: EC2Client, image: RegionImage, s: Sharing): Promise<void> {
  const add: LaunchPermission[] = [
    ...s.accounts.map((UserId) => ({ UserId })),
    ...s.organizations.map((OrganizationArn) => ({ OrganizationArn })),
    ...s.ous.map((OrganizationalUnitArn) => ({ OrganizationalUnitArn }))
  ]
  await ec2.send(new ModifyImageAttributeCommand({ ImageId: image.ami, LaunchPermission: { Add: add } }))
  if (s.accounts.length === 0) return
  for (const SnapshotId of image.snapshots) {
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId,
        Attribute: 'createVolumePermission',
        OperationType: 'add',
        UserIds: s.accounts
      })
    )
  }
}

export async function deprecateImage(ec2: EC2Client, image: RegionImage, at: Date): Promise<void> {
  await ec2.send(new EnableImageDeprecationCommand({ ImageId: image.ami, DeprecateAt: at }))
}

/** Instance states that still hold resources: every state but terminated. */
export const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped']

/** Only `available` AMIs this account owns whose tag `key` is `value`: never anyone else's. */
export async function ownAvailableImages(ec2: EC2Client, key: string, value: string): Promise<Image[]> {
  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [
        { Name: `tag:${key}`, Values: [value] },
        { Name: 'state', Values: ['available'] }
      ]
    })
  )
  return Images.filter((i) => i.ImageId !== undefined && tagOf(i, key) === value)
}

export function tagOf(image: Image, key: string): string | undefined {
  return image.Tags?.find((t) => t.Key === key)?.Value
}

/** Deregistration protection on (`enabled-with-cooldown`, `enabled-without-cooldown`): never deregistered here. */
export function isProtected(image: Image): boolean {
  return (image.DeregistrationProtection ?? '').startsWith('enabled')
}

export function snapshotsOf(image: Image | undefined): string[] {
  return (image?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
}

/**
 * Deregisters first, so nothing can launch from an AMI whose snapshots are going away. EC2
 * deletes the snapshots in the same call (DeleteAssociatedSnapshots) and reports each; any it
 * does not report deleted (an endpoint that ignores the flag, as moto does, or one that failed)
 * is deleted here, except one EC2 skipped because another AMI still uses it. Returns those.
 */
export async function removeImage(ec2: EC2Client, ami: string, snapshots: string[]): Promise<string[]> {
  const outcome = new Map((await deregister(ec2, ami)).map((r) => [r.SnapshotId, r.ReturnCode]))
  for (const SnapshotId of snapshots) {
    const code = outcome.get(SnapshotId)
    if (code !== 'success' && code !== 'skipped') await ec2.send(new DeleteSnapshotCommand({ SnapshotId }))
  }
  return snapshots.filter((s) => outcome.get(s) === 'skipped')
}

/** An endpoint that does not know DeleteAssociatedSnapshots refuses it (UnknownParameter) and deregisters nothing. */
async function deregister(ec2: EC2Client, ImageId: string): Promise<DeleteSnapshotReturnCode[]> {
  try {
    const { DeleteSnapshotResults = [] } = await ec2.send(new DeregisterImageCommand({ ImageId, DeleteAssociatedSnapshots: true }))
    return DeleteSnapshotResults
  } catch (error) {
    if ((error as { name?: string }).name !== 'UnknownParameter') throw error
    await ec2.send(new DeregisterImageCommand({ ImageId }))
    return []
  }
}

export function groupByRegion<T extends { region: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) map.set(item.region, [...(map.get(item.region) ?? []), item])
  return map
}
