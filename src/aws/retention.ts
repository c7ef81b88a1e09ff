import {
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client
} from '@aws-sdk/client-ec2'
import { isProtected, LIVE_INSTANCE_STATES, ownAvailableImages, snapshotsOf } from './images.js'
import { FAMILY_TAG } from './tags.js'

export interface Candidate {
  ami: string
  created: string
  snapshots: string[]
  /** Image.DeregistrationProtection as EC2 reports it, when it reports one. */
  protection?: string
}

/** An AMI retention leaves although it is past the newest N, and why. */
export interface Spared extends Candidate {
  reason: string
}

export interface RetentionPlan {
  kept: Candidate[]
  remove: Candidate[]
  /** Older than the newest N, but in use or protected from deregistration. */
  spared: Spared[]
}

/**
 * Newest first: the newest `keep` stay, and so do this run's own AMIs whatever their place;
 * of the rest, those in use or protected are spared and the others removed. Creation times
 * have whole seconds (moto's and EC2's alike), so this run's AMIs come first among equally
 * new ones: otherwise an older AMI could take this run's place and outlive it by one run.
 */
export function planRetention(
  candidates: Candidate[],
  keep: number,
  thisRun: Set<string>,
  inUse: Set<string>,
  now: number = Date.now()
): RetentionPlan {
  const plan: RetentionPlan = { kept: [], remove: [], spared: [] }
  const newestFirst = [...candidates].sort(
    (a, b) =>
      createdAt(b) - createdAt(a) ||
      Number(thisRun.has(b.ami)) - Number(thisRun.has(a.ami)) ||
      (a.ami < b.ami ? -1 : a.ami > b.ami ? 1 : 0)
  )
  for (const c of newestFirst) {
    if (plan.kept.length < keep || thisRun.has(c.ami)) {
      plan.kept.push(c)
      continue
    }
    const reasons = [
      ...(inUse.has(c.ami) ? ['in use'] : []),
      ...(deregistrationProtected(c.protection, now) ? [`deregistration protection is ${c.protection}`] : [])
    ]
    if (reasons.length > 0) plan.spared.push({ ...c, reason: reasons.join('; ') })
    else plan.remove.push(c)
  }
  return plan
}

/** An unreadable creation time sorts as the oldest: it never pushes a dated AMI out. */
function createdAt(c: Candidate): number {
  const t = Date.parse(c.created)
  return Number.isNaN(t) ? -Infinity : t
}

/**
 * EC2 refuses to deregister an AMI while its protection is on, and for 24 hours after
 * protection enabled with a cooldown is turned off, which EC2 shows as `disabled after <time>`.
 * A cooldown whose end cannot be read counts as running.
 */
export function deregistrationProtected(protection: string | undefined, now: number): boolean {
  if (protection === undefined) return false
  if (isProtected({ DeregistrationProtection: protection })) return true
  const cooldown = /^disabled after (.+)$/.exec(protection)
  if (cooldown === null) return false
  const until = Date.parse(cooldown[1])
  return Number.isNaN(until) || until > now
}

/** Only `available` AMIs this account owns that carry the family tag: never anyone else's. */
export async function familyImages(ec2: EC2Client, family: string): Promise<Candidate[]> {
  const images = await ownAvailableImages(ec2, FAMILY_TAG, family)
  return images.map((i) => ({
    ami: i.ImageId as string,
    created: i.CreationDate ?? '',
    snapshots: snapshotsOf(i),
    ...(i.DeregistrationProtection === undefined ? {} : { protection: i.DeregistrationProtection })
  }))
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
