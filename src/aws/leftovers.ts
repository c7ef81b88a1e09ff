import * as core from '@actions/core'
import {
  DeleteKeyPairCommand,
  DeleteLaunchTemplateCommand,
  DeleteVolumeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type Image,
  type Instance
} from '#client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BuildLedger } from '../packer/ledger.js'
import { ec2Clients } from './clients.js'
import { deleteSecurityGroup } from './security-groups.js'
import { waitTerminated } from './instances.js'
import { removeIam } from './iam-leftovers.js'
import { isProtected, LIVE_INSTANCE_STATES, removeImage, snapshotsOf } from './images.js'

export type LeftoverKind =
  | 'instance'
  | 'volume'
  | 'AMI'
  | 'snapshot'
  | 'launch template'
  | 'security group'
  | 'key pair'
  | 'instance profile'
  | 'role'

export interface Leftover {
  build: string
  /** `global` for IAM. */
  region: string
  kind: LeftoverKind
  id: string
  /** removed; kept (on-error: abort, not cancelled); spared (protected, or not provably ours). */
  outcome: 'removed' | 'kept' | 'spared'
  note?: string
}

export interface LeftoverRequest {
  /** The builds that did not finish, with what Packer said each created. */
  builds: Array<[string, BuildLedger]>
  /** Where to look: the template's regions and the primary one; empty means every enabled region. */
  regions: string[]
  /** When the run began: only what was created after it can be this run's. */
  runStart: Date
  /** AMIs Packer reported as artifacts: products, never leftovers. */
  productAmis: string[]
  /** List what exists, remove nothing (on-error: abort, not cancelled). */
  keep: boolean
}

export interface LeftoverOptions {
  pollMs: number
  timeoutMs: number
  /** Pause between tries of a security group still in use (DependencyViolation). */
  groupRetryMs: number
  /** A second look after this long where a CreateImage or CopyImage may still have been landing. */
  lateLookMs: number
}

/** Clocks of the runner and of AWS may differ this much: NTP keeps both well within it. */
const CLOCK_MARGIN_MS = 5_000
/** packer-plugin-amazon v1.8.2 common/step_security_group.go: five tries, five seconds apart. */
const GROUP_TRIES = 5
/**
 * The plugin names its groups and key pairs packer_<uuid> (common/step_security_group.go,
 * common/run_config.go); a group has no creation time to prove it, so no other name is taken.
 */
const PACKER_GROUP = /^packer_[0-9a-f-]+$/

/**
 * Removes what the builds that did not finish left behind, in every region they touched, in
 * the order AWS allows: instances (and the volumes that outlive them), AMIs with their
 * snapshots, launch templates, security groups, key pairs, then the IAM profile and role. Each
 * candidate is proven to be this run's first: created after the run began, and for AMIs named
 * as the build announced; products and protected AMIs are spared.
 */
export async function removeLeftovers(req: LeftoverRequest, opts: LeftoverOptions): Promise<Leftover[]> {
  if (req.builds.length === 0) return []
  const ec2 = ec2Clients()
  const copyRegions = req.builds.flatMap(([, b]) => b.copyRegions)
  let regions = [...new Set([...req.regions, ...copyRegions])]
  if (regions.length === 0) regions = await enabledRegions(ec2(process.env.AWS_REGION || 'us-east-1'))
  const found = await Promise.all(regions.map((region) => inRegion(ec2(region), region, req, opts)))
  // A call Packer sent and then gave up on may land after it: look once more for those builds.
  const unconfirmed = req.builds.filter(([, b]) => b.unconfirmed)
  if (unconfirmed.length > 0 && !req.keep) {
    core.info(`A CreateImage or CopyImage may still be landing for ${unconfirmed.map(([n]) => n).join(', ')}: looking again in ${opts.lateLookMs / 1000} s`)
    await sleep(opts.lateLookMs)
    const again = { ...req, builds: unconfirmed }
    found.push(...(await Promise.all(regions.map((region) => inRegion(ec2(region), region, again, opts)))))
  }
  const iam = await removeIam(req.builds, req.runStart, CLOCK_MARGIN_MS, req.keep)
  return [...found.flat(), ...iam]
}

async function enabledRegions(ec2: EC2Client): Promise<string[]> {
  const { Regions = [] } = await ec2.send(new DescribeRegionsCommand({}))
  return Regions.map((r) => r.RegionName as string).filter(Boolean)
}

function after(date: Date | string | undefined, runStart: Date): boolean {
  if (date === undefined) return false
  return new Date(date).getTime() >= runStart.getTime() - CLOCK_MARGIN_MS
}

async function inRegion(ec2: EC2Client, region: string, req: LeftoverRequest, opts: LeftoverOptions): Promise<Leftover[]> {
  const out: Leftover[] = []
  for (const [build, b] of req.builds) {
    const note = (kind: LeftoverKind, id: string, outcome: Leftover['outcome'] = req.keep ? 'kept' : 'removed', why?: string): void => {
      out.push({ build, region, kind, id, outcome, note: why })
      core.info(`${region}: ${outcome === 'removed' ? 'removed' : outcome} ${kind} ${id} of ${build}${why ? ` (${why})` : ''}`)
    }
    const live = await ownInstances(ec2, b, req.runStart)
    const instances = live.map((i) => i.InstanceId as string)
    const volumes = survivingVolumes(live)
    if (instances.length > 0 && !req.keep) {
      await ec2.send(new TerminateInstancesCommand({ InstanceIds: instances }))
      const live = await waitTerminated(ec2, instances, opts.pollMs, opts.timeoutMs)
      if (live.length > 0) throw new Error(`instances ${live.join(', ')} in ${region} did not terminate in time`)
    }
    instances.forEach((id) => note('instance', id))
    for (const id of volumes) {
      if (!req.keep) await deleteWhenDetached(ec2, id, opts)
      note('volume', id)
    }
    for (const image of await ownImages(ec2, b.amiNames, req.runStart)) {
      const id = image.ImageId as string
      if (req.productAmis.includes(id)) continue
      if (isProtected(image)) {
        note('AMI', id, 'spared', 'deregistration protection is on')
        continue
      }
      if (!req.keep) await removeImage(ec2, id, snapshotsOf(image))
      note('AMI', id)
      snapshotsOf(image).forEach((s) => note('snapshot', s))
    }
    for (const id of await ownLaunchTemplates(ec2, b.launchTemplates, req.runStart)) {
      if (!req.keep) await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateId: id }))
      note('launch template', id)
    }
    for (const group of await groupsNamed(ec2, b.securityGroups.filter((n) => PACKER_GROUP.test(n)))) {
      if (!req.keep) await deleteSecurityGroup(ec2, group.id, GROUP_TRIES, opts.groupRetryMs)
      note('security group', `${group.name} (${group.id})`)
    }
    for (const name of await ownKeyPairs(ec2, b.keyPairs, req.runStart)) {
      if (!req.keep) await ec2.send(new DeleteKeyPairCommand({ KeyName: name }))
      note('key pair', name)
    }
  }
  return out
}

/**
 * The build's live instances launched after the run began: those Packer printed, and those
 * holding its packer_<uuid> key pair or group, which a RunInstances cancelled before Packer
 * printed the id still made.
 */
async function ownInstances(ec2: EC2Client, b: BuildLedger, runStart: Date): Promise<Instance[]> {
  const lookups: Array<{ Name: string; Values: string[] }> = [
    { Name: 'instance-id', Values: b.instances },
    { Name: 'key-name', Values: b.keyPairs.filter((n) => PACKER_GROUP.test(n)) },
    { Name: 'instance.group-name', Values: b.securityGroups.filter((n) => PACKER_GROUP.test(n)) }
  ].filter((f) => f.Values.length > 0)
  const found = new Map<string, Instance>()
  for (const filter of lookups) {
    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({ Filters: [filter, { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }] })
    )
    for (const i of Reservations.flatMap((r) => r.Instances ?? [])) if (after(i.LaunchTime, runStart)) found.set(i.InstanceId as string, i)
  }
  return [...found.values()]
}

/** Volumes of the instances that would outlive them: mapped with DeleteOnTermination false. */
function survivingVolumes(instances: Instance[]): string[] {
  return instances.flatMap((i) => i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.DeleteOnTermination === false && m.Ebs.VolumeId ? [m.Ebs.VolumeId] : []))
}

async function deleteWhenDetached(ec2: EC2Client, id: string, opts: LeftoverOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    const { Volumes = [] } = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [id] }))
    const state = Volumes[0]?.State
    if (state === undefined || state === 'deleted' || state === 'deleting') return
    if (state === 'available') return void (await ec2.send(new DeleteVolumeCommand({ VolumeId: id })))
    if (Date.now() >= deadline) throw new Error(`volume ${id} is still ${state}`)
    await sleep(opts.pollMs)
  }
}

/** AMIs of this account with a name the build announced, created after the run began: pending copies too. */
async function ownImages(ec2: EC2Client, names: string[], runStart: Date): Promise<Image[]> {
  if (names.length === 0) return []
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: names }] }))
  return Images.filter((i) => names.includes(i.Name ?? '') && after(i.CreationDate, runStart) && i.State !== 'deregistered')
}

async function ownLaunchTemplates(ec2: EC2Client, ids: string[], runStart: Date): Promise<string[]> {
  if (ids.length === 0) return []
  const { LaunchTemplates = [] } = await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ids })).catch(() => ({ LaunchTemplates: [] }))
  return LaunchTemplates.filter((t) => after(t.CreateTime, runStart)).map((t) => t.LaunchTemplateId as string)
}

async function groupsNamed(ec2: EC2Client, names: string[]): Promise<Array<{ id: string; name: string }>> {
  if (names.length === 0) return []
  const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: names }] }))
  return SecurityGroups.filter((g) => names.includes(g.GroupName ?? '')).map((g) => ({ id: g.GroupId as string, name: g.GroupName as string }))
}


async function ownKeyPairs(ec2: EC2Client, names: string[], runStart: Date): Promise<string[]> {
  if (names.length === 0) return []
  const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: names }] }))
  // Where EC2 gives no creation time, only the plugin's own packer_<uuid> names are taken.
  const ours = (k: { KeyName?: string; CreateTime?: Date }): boolean =>
    k.CreateTime === undefined ? PACKER_GROUP.test(k.KeyName ?? '') : after(k.CreateTime, runStart)
  return KeyPairs.filter((k) => names.includes(k.KeyName ?? '') && ours(k)).map((k) => k.KeyName as string)
}
