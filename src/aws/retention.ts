import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { isProtected, snapshotsOf, tagOf } from './images.js'
import { findReferences, type ReferenceCheck, type ReferenceClients } from './references.js'
import { FAMILY_TAG, TEST_TAG, untrusted } from './tags.js'

export interface Candidate {
  ami: string
  created: string
  snapshots: string[]
  /** Image.DeregistrationProtection as EC2 reports it, when it reports one. */
  protection?: string
  /** The test stage's verdict tag (`pending`, `passed`, `failed`), when the AMI has one. */
  test?: string
}

/** An AMI retention leaves although it is past the newest N, and why. */
export interface Spared extends Candidate {
  reason: string
}

export interface RetentionPlan {
  kept: Candidate[]
  remove: Candidate[]
  /** Older than the newest N, but referenced (by an instance, a launch template, a parameter...) or protected. */
  spared: Spared[]
}

/**
 * Newest first: the newest `keep` stay, and so do this run's own AMIs whatever their place;
 * of the rest, those something refers to (`references`: AMI → labels such as
 * `ssm:/team/base-ami`) or that are protected are spared, and the others removed. Creation times
 * have whole seconds (moto's and EC2's alike), so this run's AMIs come first among equally
 * new ones: otherwise an older AMI could take this run's place and outlive it by one run.
 * An AMI that did not pass its test never takes one of the `keep` places: it stays when it is
 * this run's, is spared while its test is pending (another job may be testing it), and is
 * removed like any older AMI once it has failed.
 */
export function planRetention(
  candidates: Candidate[],
  keep: number,
  thisRun: ReadonlySet<string>,
  references: ReadonlyMap<string, readonly string[]>,
  now: number = Date.now()
): RetentionPlan {
  const plan: RetentionPlan = { kept: [], remove: [], spared: [] }
  const newestFirst = [...candidates].sort(
    (a, b) =>
      createdAt(b) - createdAt(a) ||
      Number(thisRun.has(b.ami)) - Number(thisRun.has(a.ami)) ||
      (a.ami < b.ami ? -1 : a.ami > b.ami ? 1 : 0)
  )
  let places = keep
  for (const c of newestFirst) {
    const counted = !untrusted(c.test)
    if ((counted && places > 0) || thisRun.has(c.ami)) {
      if (counted) places--
      plan.kept.push(c)
      continue
    }
    const referrers = references.get(c.ami) ?? []
    const reasons = [
      ...(c.test === 'pending' ? ['its test has not finished'] : []),
      ...(referrers.length > 0 ? [referencedBy(referrers)] : []),
      ...(deregistrationProtected(c.protection, now) ? [`deregistration protection is ${c.protection}`] : [])
    ]
    if (reasons.length > 0) plan.spared.push({ ...c, reason: reasons.join('; ') })
    else plan.remove.push(c)
  }
  return plan
}

/** The AMIs past the newest `keep` and not this run's: the only ones whose references matter. */
export function olderThanKept(candidates: Candidate[], keep: number, thisRun: ReadonlySet<string>): string[] {
  const plan = planRetention(candidates, keep, thisRun, new Map())
  return [...plan.remove, ...plan.spared].map((c) => c.ami)
}

/** Referrers shown in a reason; an AMI behind a fleet would otherwise fill the summary. */
const SHOWN_REFERRERS = 5

/** `referenced by instance:i-1, ssm:/team/base-ami`: sorted, each once, the first few and a count of the rest. */
export function referencedBy(referrers: readonly string[]): string {
  const all = [...new Set(referrers)].sort()
  const shown = all.slice(0, SHOWN_REFERRERS).join(', ')
  return `referenced by ${shown}${all.length > SHOWN_REFERRERS ? ` and ${all.length - SHOWN_REFERRERS} more` : ''}`
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

/** DescribeImages' largest page: a family of a thousand AMIs is one call. */
const IMAGES_PAGE = 1000

/**
 * Every `available` AMI this account owns that carries the family tag, as EC2 describes it:
 * never anyone else's (the filter asks for the tag; callers check it again).
 */
export async function listFamily(ec2: EC2Client, family: string): Promise<Image[]> {
  const images: Image[] = []
  let NextToken: string | undefined
  do {
    const page = await ec2.send(
      new DescribeImagesCommand({
        Owners: ['self'],
        Filters: [
          { Name: `tag:${FAMILY_TAG}`, Values: [family] },
          { Name: 'state', Values: ['available'] }
        ],
        MaxResults: IMAGES_PAGE,
        NextToken
      })
    )
    images.push(...(page.Images ?? []))
    NextToken = page.NextToken
  } while (NextToken)
  return images
}

/** Only `available` AMIs this account owns that carry the family tag: never anyone else's. */
export async function familyImages(ec2: EC2Client, family: string): Promise<Candidate[]> {
  const images = await listFamily(ec2, family)
  return images
    .filter((i) => i.ImageId !== undefined && tagOf(i, FAMILY_TAG) === family)
    .map((i) => ({
      ami: i.ImageId as string,
      created: i.CreationDate ?? '',
      snapshots: snapshotsOf(i),
      ...(i.DeregistrationProtection === undefined ? {} : { protection: i.DeregistrationProtection }),
      ...(tagOf(i, TEST_TAG) === undefined ? {} : { test: tagOf(i, TEST_TAG) })
    }))
}

/** What refers to each AMI past the newest `keep` (this run's own never need asking about). */
export function referencesOfOlder(
  clients: ReferenceClients,
  candidates: Candidate[],
  keep: number,
  thisRun: ReadonlySet<string>
): Promise<ReferenceCheck> {
  return findReferences(clients, olderThanKept(candidates, keep, thisRun))
}
