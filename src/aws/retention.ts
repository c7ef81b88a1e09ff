import {
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client
} from '@aws-sdk/client-ec2'
import { FAMILY_TAG } from './tags.js'

export interface Candidate {
  ami: string
  created: string
  snapshots: string[]
}

export interface RetentionPlan {
  kept: Candidate[]
  remove: Candidate[]
  /** Older than the newest N, but an instance or a launch template uses them. */
  spared: Candidate[]
}

/**
 * Newest first: the newest `keep` stay, and so do this run's own AMIs whatever their place;
 * of the rest, those in use are spared and the others removed.
 */
export function planRetention(candidates: Candidate[], keep: number, thisRun: Set<string>, inUse: Set<string>): RetentionPlan {
  const plan: RetentionPlan = { kept: [], remove: [], spared: [] }
  const newestFirst = [...candidates].sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
  for (const c of newestFirst) {
    if (plan.kept.length < keep || thisRun.has(c.ami)) plan.kept.push(c)
    else if (inUse.has(c.ami)) plan.spared.push(c)
    else plan.remove.push(c)
  }
  return plan
}

/** Only `available` AMIs this account owns that carry the family tag: never anyone else's. */
export async function familyImages(ec2: EC2Client, family: string): Promise<Candidate[]> {
  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [
        { Name: `tag:${FAMILY_TAG}`, Values: [family] },
        { Name: 'state', Values: ['available'] }
      ]
    })
  )
  return Images.filter((i) => i.ImageId && i.Tags?.some((t) => t.Key === FAMILY_TAG && t.Value === family)).map((i) => ({
    ami: i.ImageId as string,
    created: i.CreationDate ?? '',
    snapshots: (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
  }))
}

const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped']

/** AMIs a non-terminated instance or any launch template version refers to. */
export async function imagesInUse(ec2: EC2Client, amis: string[]): Promise<Set<string>> {
  const used = new Set<string>()
  if (amis.length === 0) return used
  let NextToken: string | undefined
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'image-id', Values: amis },
          { Name: 'instance-state-name', Values: LIVE_STATES }
        ],
        NextToken
      })
    )
    for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) if (i.ImageId) used.add(i.ImageId)
    NextToken = page.NextToken
  } while (NextToken)
  for (const ami of await launchTemplateImages(ec2)) if (amis.includes(ami)) used.add(ami)
  return used
}

async function launchTemplateImages(ec2: EC2Client): Promise<Set<string>> {
  const images = new Set<string>()
  let NextToken: string | undefined
  do {
    const page = await ec2.send(new DescribeLaunchTemplatesCommand({ NextToken }))
    for (const t of page.LaunchTemplates ?? []) {
      let versionToken: string | undefined
      do {
        const versions = await ec2.send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: t.LaunchTemplateId, NextToken: versionToken })
        )
        for (const v of versions.LaunchTemplateVersions ?? []) {
          const id = v.LaunchTemplateData?.ImageId
          if (id) images.add(id)
        }
        versionToken = versions.NextToken
      } while (versionToken)
    }
    NextToken = page.NextToken
  } while (NextToken)
  return images
}

/** Deregisters first, so nothing can launch from an AMI whose snapshots are going away. */
export async function removeImage(ec2: EC2Client, c: Candidate): Promise<void> {
  await ec2.send(new DeregisterImageCommand({ ImageId: c.ami }))
  for (const SnapshotId of c.snapshots) await ec2.send(new DeleteSnapshotCommand({ SnapshotId }))
}
