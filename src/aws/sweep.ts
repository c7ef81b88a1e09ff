import * as core from '@actions/core'
import {
  DeleteKeyPairCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type Image,
  type Instance,
  type KeyPairInfo,
  type NetworkInterface,
  type SecurityGroup
} from '#client-ec2'
import { ec2Clients } from './clients.js'
import { waitTerminated } from './instances.js'
import { deleteSecurityGroup } from './security-groups.js'
import { isProtected, LIVE_INSTANCE_STATES, snapshotsOf, tagOf } from './images.js'
import { FAMILY_TAG, TAG_PREFIX } from './tags.js'
import { testInstanceProof } from '../test-stage/instance-tags.js'

/*
 * What packer-plugin-amazon v1.8.2 leaves when its runner is lost, and how each is recognised:
 * - the temporary key pair and security group are named `packer_` + uuid.TimeOrderedUUID()
 *   (common/run_config.go RunConfig.Prepare, common/step_security_group.go), and the group's
 *   description is "Temporary group for Packer" (step_security_group.go); Packer 1.6.6's
 *   builder/amazon/common does the same;
 * - uuid.TimeOrderedUUID() starts with the Unix seconds of its making as 8 hex digits
 *   (packer-plugin-sdk v0.6.10 uuid/uuid.go), so the name proves a group's age, which EC2 does
 *   not report;
 * - the source instance no longer gets Name=Packer Builder: the plugin stopped adding it in
 *   v1.0.9 (hashicorp/packer-plugin-amazon#191, e83d836e, which removed it from
 *   builder/common/step_run_source_instance.go); Packer 1.6.6's builder still adds it, and
 *   templates that feed tag-based reapers set it in run_tags.
 */

/** `packer_<TimeOrderedUUID>`: the first group of 8 hex digits is the creation time in Unix seconds. */
const PACKER_NAME = /^packer_([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const PACKER_GROUP_DESCRIPTION = 'Temporary group for Packer'
export const PACKER_BUILDER_NAME = 'Packer Builder'
/** Packer's first release: a name that dates from before it is no TimeOrderedUUID. */
const PACKER_EPOCH_MS = Date.UTC(2013, 5, 1)
/** A name dated this far after now was not made by Packer's clock (or ours is wrong): not taken. */
const FUTURE_MARGIN_MS = 5 * 60_000
/** The instance states that cost money; shutting-down ones are already on their way out. */
export const COSTLY_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped']
const STUCK_IMAGE_STATES = ['pending', 'failed']
/** EC2 takes up to 200 values in one filter. */
const FILTER_VALUES = 200

export type SweptKind = 'instance' | 'security group' | 'key pair' | 'AMI' | 'snapshot'

/** One leftover the sweep removed, or would remove in a dry run: the `swept` output's entries. */
export interface Swept {
  region: string
  kind: SweptKind
  id: string
  /** What proves it a leftover. */
  reason: string
  removed: boolean
  /** Why removing it failed, when it did. */
  error?: string
}

/** Something that looks like Packer's but is not proven a leftover, and why it stays. */
export interface SweepSpared {
  region: string
  kind: SweptKind
  id: string
  reason: string
}

export interface SweepReport {
  dryRun: boolean
  regions: string[]
  olderThanMs: number
  /** ISO time: only what was made before it is swept. */
  cutoff: string
  swept: Swept[]
  spared: SweepSpared[]
  /** Regions that could not be swept, with why. */
  errors: string[]
}

/** What one region holds that the planner looks at, as EC2 describes it. */
export interface Inventory {
  /** Every instance that is not terminated: those to sweep, and those that still use a key or group. */
  instances: Instance[]
  keyPairs: KeyPairInfo[]
  securityGroups: SecurityGroup[]
  /** The network interfaces that reference any of the Packer-named groups. */
  networkInterfaces: NetworkInterface[]
  /** This account's AMIs with the family tag in a stuck state. */
  images: Image[]
  /** Snapshots an AMI's block device mappings may not name (a failed CreateImage), by AMI. */
  imageSnapshots: Record<string, string[]>
}

export interface SweepRule {
  /** ms since the epoch: only what was made before it. */
  cutoff: number
  now: number
  /** Only AMIs of this family; undefined: any value of the family tag. */
  family?: string
}

export interface Planned {
  kind: SweptKind
  id: string
  reason: string
  /** AMIs: the snapshots to delete after deregistering. */
  snapshots?: string[]
  /** Instances: the key pair it holds, which stays if the instance does. */
  keyName?: string
}

export interface SweepPlan {
  /** In the order AWS allows: instances, then security groups, key pairs, AMIs. */
  instances: Planned[]
  securityGroups: Planned[]
  keyPairs: Planned[]
  images: Planned[]
  spared: Array<Omit<SweepSpared, 'region'>>
}

/** The creation time a `packer_<TimeOrderedUUID>` name carries, or undefined for any other name. */
export function packerNameTime(name: string | undefined, now: number): number | undefined {
  const m = PACKER_NAME.exec(name ?? '')
  if (m === null) return undefined
  const ms = parseInt(m[1], 16) * 1000
  return ms >= PACKER_EPOCH_MS && ms <= now + FUTURE_MARGIN_MS ? ms : undefined
}

/**
 * Packer's marks on an instance. One mark alone proves nothing (anyone may name an instance
 * "Packer Builder", and tooling may copy an AMI's tags, the action's among them, onto the
 * instances launched from it); two do.
 */
export function instanceMarks(i: Instance, now: number): string[] {
  const marks: string[] = []
  if (packerNameTime(i.KeyName, now) !== undefined) marks.push(`temporary key pair ${i.KeyName}`)
  const group = (i.SecurityGroups ?? []).find((g) => packerNameTime(g.GroupName, now) !== undefined)
  if (group !== undefined) marks.push(`temporary security group ${group.GroupName}`)
  if (i.Tags?.find((t) => t.Key === 'Name')?.Value === PACKER_BUILDER_NAME) marks.push(`Name tag "${PACKER_BUILDER_NAME}"`)
  const own = (i.Tags ?? []).find((t) => t.Key?.startsWith(TAG_PREFIX))
  if (own !== undefined) marks.push(`the action's tag ${own.Key}`)
  return marks
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

function timeOf(date: Date | string | undefined): number | undefined {
  if (date === undefined) return undefined
  const ms = new Date(date).getTime()
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * Decides, without any call, what is a leftover: instances with two of Packer's marks launched
 * before the cutoff and still costing money; test instances of the test stage (proven by their
 * tags and AMI, src/test-stage/instance-tags.ts) launched before the cutoff whose test deadline
 * has passed; Packer's key pairs and groups made before the
 * cutoff that nothing else uses once those instances are gone; stuck AMIs of the action's
 * families made before the cutoff, with their snapshots.
 */
export function planSweep(inv: Inventory, rule: SweepRule): SweepPlan {
  const plan: SweepPlan = { instances: [], securityGroups: [], keyPairs: [], images: [], spared: [] }
  const spare = (kind: SweptKind, id: string, reason: string): void => void plan.spared.push({ kind, id, reason })

  const going = new Set<string>()
  for (const i of inv.instances) {
    const id = i.InstanceId as string
    const state = i.State?.Name ?? ''
    const test = testInstanceProof(i)
    if (test !== undefined) {
      if (!COSTLY_INSTANCE_STATES.includes(state)) continue
      const launched = timeOf(i.LaunchTime)
      if (launched === undefined || launched > rule.cutoff) {
        spare('instance', id, launched === undefined ? 'no launch time' : `test instance launched ${iso(launched)}, after the cutoff`)
      } else if (test.deadline > rule.now) {
        spare('instance', id, `test instance of ${test.ami} whose test may run until ${iso(test.deadline)}`)
      } else {
        going.add(id)
        plan.instances.push({ kind: 'instance', id, reason: `test instance of ${test.ami} (its AMI, a job's token, its test-timeout over since ${iso(test.deadline)}); ${state} since ${iso(launched)}` })
      }
      continue
    }
    const marks = instanceMarks(i, rule.now)
    if (marks.length === 0 || !COSTLY_INSTANCE_STATES.includes(state)) continue
    if (marks.length < 2) {
      spare('instance', id, `only one of Packer's marks (${marks[0]})`)
      continue
    }
    const launched = timeOf(i.LaunchTime)
    if (launched === undefined || launched > rule.cutoff) {
      spare('instance', id, launched === undefined ? 'no launch time' : `launched ${iso(launched)}, after the cutoff`)
      continue
    }
    going.add(id)
    plan.instances.push({ kind: 'instance', id, reason: `${marks.join(', ')}; ${state} since ${iso(launched)}`, ...(i.KeyName ? { keyName: i.KeyName } : {}) })
  }
  const staying = inv.instances.filter((i) => !going.has(i.InstanceId as string))

  for (const g of inv.securityGroups) {
    const id = g.GroupId as string
    const made = packerNameTime(g.GroupName, rule.now)
    if (made === undefined) continue
    const label = `${g.GroupName} (${id})`
    if (g.Description !== PACKER_GROUP_DESCRIPTION) {
      spare('security group', label, `description "${g.Description ?? ''}" is not Packer's`)
      continue
    }
    if (made > rule.cutoff) {
      spare('security group', label, `made ${iso(made)} (per its name), after the cutoff`)
      continue
    }
    const users = [
      ...inv.networkInterfaces
        .filter((n) => (n.Groups ?? []).some((r) => r.GroupId === id) && !going.has(n.Attachment?.InstanceId ?? ''))
        .map((n) => `${n.NetworkInterfaceId}${n.Attachment?.InstanceId ? ` (${n.Attachment.InstanceId})` : ''}`),
      ...staying.filter((i) => (i.SecurityGroups ?? []).some((r) => r.GroupId === id)).map((i) => i.InstanceId as string)
    ]
    if (users.length > 0) {
      spare('security group', label, `in use by ${[...new Set(users)].join(', ')}`)
      continue
    }
    plan.securityGroups.push({ kind: 'security group', id, reason: `Packer's temporary group ${g.GroupName}, made ${iso(made)} (per its name); no network interface uses it` })
  }

  for (const k of inv.keyPairs) {
    const name = k.KeyName as string
    const named = packerNameTime(name, rule.now)
    if (named === undefined) continue
    // The later of the two times: a key whose name or EC2 says it is young stays.
    const made = Math.max(named, timeOf(k.CreateTime) ?? named)
    if (made > rule.cutoff) {
      spare('key pair', name, `made ${iso(made)}, after the cutoff`)
      continue
    }
    const users = staying.filter((i) => i.KeyName === name).map((i) => i.InstanceId as string)
    if (users.length > 0) {
      spare('key pair', name, `used by ${users.join(', ')}`)
      continue
    }
    plan.keyPairs.push({ kind: 'key pair', id: name, reason: `Packer's temporary key pair, made ${iso(made)}; no instance left uses it` })
  }

  for (const image of inv.images) {
    const id = image.ImageId as string
    const family = tagOf(image, FAMILY_TAG)
    const state = image.State ?? ''
    if (family === undefined || (rule.family !== undefined && family !== rule.family) || !STUCK_IMAGE_STATES.includes(state)) continue
    const made = timeOf(image.CreationDate)
    if (made === undefined || made > rule.cutoff) {
      spare('AMI', id, made === undefined ? 'no creation date' : `made ${iso(made)}, after the cutoff`)
      continue
    }
    if (isProtected(image)) {
      spare('AMI', id, `deregistration protection is ${image.DeregistrationProtection}`)
      continue
    }
    const why = image.StateReason?.Message ? ` (${image.StateReason.Message})` : ''
    plan.images.push({
      kind: 'AMI',
      id,
      reason: `family ${family}, ${state}${why} since ${iso(made)}`,
      snapshots: [...new Set([...snapshotsOf(image), ...(inv.imageSnapshots[id] ?? [])])]
    })
  }
  return plan
}

export interface SweepRequest {
  regions: string[]
  olderThanMs: number
  /** List, remove nothing. */
  dryRun: boolean
  /** Only AMIs of this family; undefined: any value of the family tag. */
  family?: string
}

export interface SweepTimings {
  pollMs: number
  /** How long terminating instances may take. */
  timeoutMs: number
  /** A terminated instance's network interface lingers a while: its group answers DependencyViolation until then. */
  groupRetryMs: number
  groupTries: number
}

export const SWEEP_TIMINGS: SweepTimings = { pollMs: 5_000, timeoutMs: 15 * 60_000, groupRetryMs: 5_000, groupTries: 24 }

/** Sweeps every region in parallel; a region that fails is reported and the others go on. */
export async function sweep(req: SweepRequest, timings: SweepTimings = SWEEP_TIMINGS): Promise<SweepReport> {
  const now = Date.now()
  const rule: SweepRule = { cutoff: now - req.olderThanMs, now, family: req.family }
  const ec2 = ec2Clients()
  const report: SweepReport = { dryRun: req.dryRun, regions: req.regions, olderThanMs: req.olderThanMs, cutoff: iso(rule.cutoff), swept: [], spared: [], errors: [] }
  const done = await Promise.allSettled(req.regions.map((region) => sweepRegion(ec2(region), region, rule, req.dryRun, timings)))
  done.forEach((d, n) => {
    if (d.status === 'fulfilled') {
      report.swept.push(...d.value.swept)
      report.spared.push(...d.value.spared)
    } else {
      const message = `${req.regions[n]}: ${d.reason instanceof Error ? d.reason.message : String(d.reason)}`
      core.warning(`sweep: ${message}`)
      report.errors.push(message)
    }
  })
  return report
}

async function sweepRegion(ec2: EC2Client, region: string, rule: SweepRule, dryRun: boolean, timings: SweepTimings): Promise<{ swept: Swept[]; spared: SweepSpared[] }> {
  const plan = planSweep(await inventory(ec2), rule)
  const spared: SweepSpared[] = plan.spared.map((s) => ({ region, ...s }))
  for (const s of spared) core.info(`${region}: spared ${s.kind} ${s.id}: ${s.reason}`)
  const swept: Swept[] = []
  const note = (p: Pick<Planned, 'kind' | 'id' | 'reason'>, removed: boolean, error?: string): void => {
    swept.push({ region, kind: p.kind, id: p.id, reason: p.reason, removed, ...(error === undefined ? {} : { error }) })
    const verb = removed ? 'removed' : error !== undefined ? 'could not remove' : 'would remove'
    const line = `${region}: ${verb} ${p.kind} ${p.id}: ${p.reason}${error === undefined ? '' : ` (${error})`}`
    if (error === undefined) core.info(line)
    else core.warning(line)
  }
  const attempt = async (p: Pick<Planned, 'kind' | 'id' | 'reason'>, remove: () => Promise<unknown>): Promise<boolean> => {
    if (dryRun) {
      note(p, false)
      return true
    }
    try {
      await remove()
      note(p, true)
      return true
    } catch (err) {
      note(p, false, messageOf(err))
      return false
    }
  }

  // One call each: termination protection on one instance must not keep the others running.
  const gone = new Set<string>()
  const asked: Planned[] = []
  for (const p of plan.instances) {
    if (dryRun) {
      note(p, false)
      continue
    }
    try {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: [p.id] }))
      asked.push(p)
    } catch (err) {
      note(p, false, messageOf(err))
    }
  }
  if (asked.length > 0) {
    let still: string[]
    let why = `still not terminated after ${timings.timeoutMs / 60_000} minutes`
    try {
      still = await waitTerminated(ec2, asked.map((p) => p.id), timings.pollMs, timings.timeoutMs)
    } catch (err) {
      still = asked.map((p) => p.id)
      why = `asked to terminate, but could not see it go: ${messageOf(err)}`
    }
    for (const p of asked) {
      if (still.includes(p.id)) {
        note(p, false, why)
      } else {
        gone.add(p.id)
        note(p, true)
      }
    }
  }

  for (const p of plan.securityGroups) {
    // Looked at again now the instances are gone: whatever took the group up since stays.
    let users: string[]
    try {
      users = dryRun ? [] : await groupUsers(ec2, p.id, gone)
    } catch (err) {
      note(p, false, messageOf(err))
      continue
    }
    if (users.length > 0) {
      spared.push({ region, kind: p.kind, id: p.id, reason: `in use by ${users.join(', ')}` })
      core.info(`${region}: spared ${p.kind} ${p.id}: in use by ${users.join(', ')}`)
      continue
    }
    await attempt(p, () => deleteSecurityGroup(ec2, p.id, timings.groupTries, timings.groupRetryMs))
  }
  for (const p of plan.keyPairs) {
    const holders = dryRun ? [] : plan.instances.filter((i) => i.keyName === p.id && !gone.has(i.id)).map((i) => i.id)
    if (holders.length > 0) {
      spared.push({ region, kind: p.kind, id: p.id, reason: `used by ${holders.join(', ')}, which could not be terminated` })
      continue
    }
    await attempt(p, () => ec2.send(new DeleteKeyPairCommand({ KeyName: p.id })))
  }
  for (const p of plan.images) {
    // Deregistered first, so nothing can launch from an AMI whose snapshots are going away.
    const deregistered = await attempt(p, () => ec2.send(new DeregisterImageCommand({ ImageId: p.id })))
    for (const snapshot of p.snapshots ?? []) {
      const s = { kind: 'snapshot' as const, id: snapshot, reason: `of AMI ${p.id}` }
      if (!deregistered) note(s, false, `AMI ${p.id} is still registered`)
      else await attempt(s, () => deleteSnapshot(ec2, snapshot))
    }
  }
  return { swept, spared }
}

/** Looks up what the planner needs in one region, every page of it. */
export async function inventory(ec2: EC2Client): Promise<Inventory> {
  const now = Date.now()
  const instances: Instance[] = []
  let token: string | undefined
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }], MaxResults: 1000, NextToken: token })
    )
    for (const r of page.Reservations ?? []) instances.push(...(r.Instances ?? []))
    token = page.NextToken
  } while (token)

  const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand({}))
  const keyPairs = KeyPairs.filter((k) => packerNameTime(k.KeyName, now) !== undefined)

  const securityGroups: SecurityGroup[] = []
  let groupToken: string | undefined
  do {
    const page = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 1000, NextToken: groupToken }))
    securityGroups.push(...(page.SecurityGroups ?? []).filter((g) => packerNameTime(g.GroupName, now) !== undefined))
    groupToken = page.NextToken
  } while (groupToken)

  const networkInterfaces: NetworkInterface[] = []
  const groupIds = securityGroups.map((g) => g.GroupId as string)
  for (let n = 0; n < groupIds.length; n += FILTER_VALUES) {
    networkInterfaces.push(...(await interfacesUsing(ec2, groupIds.slice(n, n + FILTER_VALUES))))
  }

  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [
        { Name: 'tag-key', Values: [FAMILY_TAG] },
        { Name: 'state', Values: STUCK_IMAGE_STATES }
      ]
    })
  )
  const images = Images.filter((i) => STUCK_IMAGE_STATES.includes(i.State ?? '') && tagOf(i, FAMILY_TAG) !== undefined)
  const imageSnapshots: Record<string, string[]> = {}
  for (const image of images) imageSnapshots[image.ImageId as string] = await snapshotsMadeFor(ec2, image.ImageId as string)
  return { instances, keyPairs, securityGroups, networkInterfaces, images, imageSnapshots }
}

async function interfacesUsing(ec2: EC2Client, groupIds: string[]): Promise<NetworkInterface[]> {
  const found: NetworkInterface[] = []
  let token: string | undefined
  do {
    const page = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: groupIds }], NextToken: token }))
    found.push(...(page.NetworkInterfaces ?? []))
    token = page.NextToken
  } while (token)
  return found
}

/** Network interfaces (and their instances) that hold the group, less those of instances just terminated. */
async function groupUsers(ec2: EC2Client, groupId: string, gone: Set<string>): Promise<string[]> {
  const found = await interfacesUsing(ec2, [groupId])
  return found
    .filter((n) => (n.Groups ?? []).some((g) => g.GroupId === groupId) && !gone.has(n.Attachment?.InstanceId ?? ''))
    .map((n) => `${n.NetworkInterfaceId}${n.Attachment?.InstanceId ? ` (${n.Attachment.InstanceId})` : ''}`)
}

/**
 * A failed CreateImage or CopyImage may leave snapshots its AMI's mappings do not list; EC2
 * describes them "Created by CreateImage(i-…) for ami-…" and "Copied for DestinationAmi ami-… …".
 */
async function snapshotsMadeFor(ec2: EC2Client, ami: string): Promise<string[]> {
  const { Snapshots = [] } = await ec2.send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: 'description', Values: [`Created by CreateImage(*) for ${ami}`, `Created by CreateImage(*) for ${ami} *`, `Copied for DestinationAmi ${ami} *`] }]
    })
  )
  const ours = (d: string): boolean =>
    (d.startsWith('Created by CreateImage(') && (d.endsWith(` for ${ami}`) || d.includes(` for ${ami} `))) || d.startsWith(`Copied for DestinationAmi ${ami} `)
  return Snapshots.filter((s) => ours(s.Description ?? '')).map((s) => s.SnapshotId as string)
}

async function deleteSnapshot(ec2: EC2Client, id: string): Promise<void> {
  try {
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }))
  } catch (err) {
    if ((err as { name?: string }).name !== 'InvalidSnapshot.NotFound') throw err
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
