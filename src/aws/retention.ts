import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client
} from '@aws-sdk/client-ec2'
import { LIVE_INSTANCE_STATES, ownAvailableImages, snapshotsOf } from './images.js'
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
  const images = await ownAvailableImages(ec2, FAMILY_TAG, family)
  return images.map((i) => ({ ami: i.ImageId as string, created: i.CreationDate ?? '', snapshots: snapshotsOf(i) }))
}

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
          { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
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
