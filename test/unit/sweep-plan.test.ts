import type { Image, Instance, KeyPairInfo, NetworkInterface, SecurityGroup } from '@aws-sdk/client-ec2'
import {
  instanceMarks,
  packerNameTime,
  planSweep,
  type Inventory,
  type SweepPlan,
  type SweepRule
} from '../../src/aws/sweep.js'
import { FAMILY_TAG } from '../../src/aws/tags.js'

const NOW = Date.parse('2025-06-01T12:00:00Z')
const HOUR = 3_600_000
/** Sweep what is older than 6 hours. */
const RULE: SweepRule = { cutoff: NOW - 6 * HOUR, now: NOW }
const OLD = NOW - 24 * HOUR
const YOUNG = NOW - HOUR

/** A name as uuid.TimeOrderedUUID() makes it: the Unix seconds first, as 8 hex digits. */
const packerName = (ms: number, tail = '1a2b-3c4d-5e6f-7a8b9c0d1e2f'): string => `packer_${Math.floor(ms / 1000).toString(16).padStart(8, '0')}-${tail}`

const OLD_KEY = packerName(OLD, '0000-0000-0000-000000000001')
const OLD_GROUP = packerName(OLD, '0000-0000-0000-000000000002')

function instance(id: string, parts: { key?: string; groups?: Array<[string, string]>; tags?: Record<string, string>; launched?: number; state?: string }): Instance {
  return {
    InstanceId: id,
    KeyName: parts.key,
    LaunchTime: new Date(parts.launched ?? OLD),
    State: { Name: (parts.state ?? 'running') as 'running' },
    SecurityGroups: (parts.groups ?? []).map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
    Tags: Object.entries(parts.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
  }
}

const group = (GroupId: string, GroupName: string, Description = 'Temporary group for Packer'): SecurityGroup => ({ GroupId, GroupName, Description })
const keyPair = (KeyName: string, created?: number): KeyPairInfo => ({ KeyName, ...(created === undefined ? {} : { CreateTime: new Date(created) }) })
const eni = (id: string, groupId: string, instanceId?: string): NetworkInterface => ({
  NetworkInterfaceId: id,
  Groups: [{ GroupId: groupId }],
  ...(instanceId === undefined ? {} : { Attachment: { InstanceId: instanceId } })
})

function image(id: string, parts: { state: string; created?: number; family?: string; snapshots?: string[]; protection?: string; reason?: string }): Image {
  return {
    ImageId: id,
    State: parts.state as 'pending',
    CreationDate: new Date(parts.created ?? OLD).toISOString(),
    Tags: parts.family === undefined ? [{ Key: 'Name', Value: 'x' }] : [{ Key: FAMILY_TAG, Value: parts.family }],
    BlockDeviceMappings: (parts.snapshots ?? []).map((SnapshotId) => ({ DeviceName: '/dev/xvda', Ebs: { SnapshotId } })),
    ...(parts.protection === undefined ? {} : { DeregistrationProtection: parts.protection }),
    ...(parts.reason === undefined ? {} : { StateReason: { Message: parts.reason } })
  }
}

function inventory(parts: Partial<Inventory>): Inventory {
  return { instances: [], keyPairs: [], securityGroups: [], networkInterfaces: [], images: [], imageSnapshots: {}, ...parts }
}

/** The plan as ids per kind, and the spared as `kind id`. */
function ids(plan: SweepPlan): Record<string, string[]> {
  return {
    instances: plan.instances.map((p) => p.id),
    securityGroups: plan.securityGroups.map((p) => p.id),
    keyPairs: plan.keyPairs.map((p) => p.id),
    images: plan.images.map((p) => p.id),
    spared: plan.spared.map((s) => `${s.kind} ${s.id}`)
  }
}

describe('packerNameTime', () => {
  it.each<[string, string, number | undefined]>([
    ['a TimeOrderedUUID name', packerName(OLD), Math.floor(OLD / 1000) * 1000],
    ['a name dated May 2024', 'packer_6650e2c1-1a2b-3c4d-5e6f-7a8b9c0d1e2f', 0x6650e2c1 * 1000],
    ['dated in the future: not Packer\'s clock', packerName(NOW + 2 * HOUR), undefined],
    ['a few seconds ahead: clocks differ', packerName(NOW + 10_000), Math.floor((NOW + 10_000) / 1000) * 1000],
    ['dated before Packer existed', 'packer_00000001-1a2b-3c4d-5e6f-7a8b9c0d1e2f', undefined],
    ['a random uuid whose time is far off', 'packer_ffffffff-1a2b-3c4d-5e6f-7a8b9c0d1e2f', undefined],
    ['the IAM form (hyphen)', 'packer-6650e2c1-1a2b-3c4d-5e6f-7a8b9c0d1e2f', undefined],
    ['upper-case hex', 'packer_6650E2C1-1A2B-3C4D-5E6F-7A8B9C0D1E2F', undefined],
    ['a suffix', `${packerName(OLD)}-copy`, undefined],
    ['a person\'s key', 'packer_ops', undefined],
    ['nothing', '', undefined]
  ])('%s', (_, name, expected) => {
    expect(packerNameTime(name, NOW)).toBe(expected)
  })
})

describe('instanceMarks', () => {
  it.each<[string, Parameters<typeof instance>[1], string[]]>([
    ['none', { key: 'team-key', tags: { Name: 'web' } }, []],
    ['the temporary key pair', { key: OLD_KEY }, [`temporary key pair ${OLD_KEY}`]],
    ['the temporary group', { groups: [['sg-1', OLD_GROUP]] }, [`temporary security group ${OLD_GROUP}`]],
    ['Name=Packer Builder', { tags: { Name: 'Packer Builder' } }, ['Name tag "Packer Builder"']],
    ['another Name', { tags: { Name: 'packer builder' } }, []],
    ['the action\'s tag', { tags: { 'packer-ami-action:family': 'acme/images/web' } }, ['the action\'s tag packer-ami-action:family']],
    [
      'all four',
      { key: OLD_KEY, groups: [['sg-0', 'default'], ['sg-1', OLD_GROUP]], tags: { Name: 'Packer Builder', 'packer-ami-action:run-url': 'u' } },
      [`temporary key pair ${OLD_KEY}`, `temporary security group ${OLD_GROUP}`, 'Name tag "Packer Builder"', 'the action\'s tag packer-ami-action:run-url']
    ]
  ])('%s', (_, parts, marks) => {
    expect(instanceMarks(instance('i-1', parts), NOW)).toEqual(marks)
  })
})

describe('planSweep: instances', () => {
  it.each<[string, Parameters<typeof instance>[1], 'swept' | 'spared' | 'ignored']>([
    ['Packer 1.6.6 defaults: Name=Packer Builder and the temporary key', { key: OLD_KEY, tags: { Name: 'Packer Builder' } }, 'swept'],
    ['plugin v1.8.2 defaults: temporary key and group, no Name', { key: OLD_KEY, groups: [['sg-1', OLD_GROUP]] }, 'swept'],
    ['the action\'s tag and the temporary key', { key: OLD_KEY, tags: { 'packer-ami-action:family': 'f' } }, 'swept'],
    ['Name=Packer Builder and the temporary group (ssh_password)', { key: 'team', groups: [['sg-1', OLD_GROUP]], tags: { Name: 'Packer Builder' } }, 'swept'],
    ['stopped costs money too', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, state: 'stopped' }, 'swept'],
    ['pending', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, state: 'pending' }, 'swept'],
    ['stopping', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, state: 'stopping' }, 'swept'],
    ['shutting-down is on its way out', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, state: 'shutting-down' }, 'ignored'],
    ['Name=Packer Builder alone: anyone may name a machine so', { key: 'team-key', tags: { Name: 'Packer Builder' } }, 'spared'],
    ['the action\'s tag alone: copied from an AMI onto a workload', { key: 'team-key', tags: { 'packer-ami-action:family': 'f' } }, 'spared'],
    ['the temporary key alone', { key: OLD_KEY }, 'spared'],
    ['launched after the cutoff: a build may be running', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, launched: YOUNG }, 'spared'],
    ['no mark at all', { key: 'team-key', tags: { Name: 'web' } }, 'ignored']
  ])('%s', (_, parts, outcome) => {
    const plan = planSweep(inventory({ instances: [instance('i-1', parts)] }), RULE)
    expect(plan.instances.map((p) => p.id)).toEqual(outcome === 'swept' ? ['i-1'] : [])
    expect(plan.spared.map((s) => s.id)).toEqual(outcome === 'spared' ? ['i-1'] : [])
  })

  it('says why: the marks, the state and when it was launched', () => {
    const plan = planSweep(inventory({ instances: [instance('i-1', { key: OLD_KEY, tags: { Name: 'Packer Builder' } })] }), RULE)
    expect(plan.instances[0].reason).toBe(`temporary key pair ${OLD_KEY}, Name tag "Packer Builder"; running since 2025-05-31T12:00:00Z`)
  })

  it('honours the cutoff to the second', () => {
    const at = (launched: number): string[] =>
      planSweep(inventory({ instances: [instance('i-1', { key: OLD_KEY, tags: { Name: 'Packer Builder' }, launched })] }), RULE).instances.map((p) => p.id)
    expect(at(RULE.cutoff)).toEqual(['i-1'])
    expect(at(RULE.cutoff + 1000)).toEqual([])
  })
})

describe('planSweep: key pairs and security groups', () => {
  const builder = instance('i-lost', { key: OLD_KEY, groups: [['sg-1', OLD_GROUP]], tags: { Name: 'Packer Builder' } })

  it('sweeps a lost builder with its key pair and group: its own interface does not hold the group', () => {
    const plan = planSweep(
      inventory({ instances: [builder], keyPairs: [keyPair(OLD_KEY, OLD)], securityGroups: [group('sg-1', OLD_GROUP)], networkInterfaces: [eni('eni-1', 'sg-1', 'i-lost')] }),
      RULE
    )
    expect(ids(plan)).toEqual({ instances: ['i-lost'], securityGroups: ['sg-1'], keyPairs: [OLD_KEY], images: [], spared: [] })
    expect(plan.securityGroups[0].reason).toBe(`Packer's temporary group ${OLD_GROUP}, made 2025-05-31T12:00:00Z (per its name); no network interface uses it`)
  })

  it('spares the key pair and group of a build still running, and says who uses them', () => {
    const running = instance('i-young', { key: OLD_KEY, groups: [['sg-1', OLD_GROUP]], tags: { Name: 'Packer Builder' }, launched: YOUNG })
    const plan = planSweep(
      inventory({ instances: [running], keyPairs: [keyPair(OLD_KEY, OLD)], securityGroups: [group('sg-1', OLD_GROUP)], networkInterfaces: [eni('eni-1', 'sg-1', 'i-young')] }),
      RULE
    )
    expect(ids(plan)).toEqual({
      instances: [],
      securityGroups: [],
      keyPairs: [],
      images: [],
      spared: ['instance i-young', `security group ${OLD_GROUP} (sg-1)`, `key pair ${OLD_KEY}`]
    })
    expect(plan.spared.map((s) => s.reason)).toEqual([
      'launched 2025-06-01T11:00:00Z, after the cutoff',
      'in use by eni-1 (i-young), i-young',
      'used by i-young'
    ])
  })

  it('a key pair an instance in any state but terminated holds stays: even one shutting down', () => {
    const plan = planSweep(inventory({ instances: [instance('i-1', { key: OLD_KEY, state: 'shutting-down' })], keyPairs: [keyPair(OLD_KEY, OLD)] }), RULE)
    expect(ids(plan).spared).toEqual([`key pair ${OLD_KEY}`])
  })

  it.each<[string, Partial<Inventory>, string[], string[]]>([
    ['an unused old group', { securityGroups: [group('sg-1', OLD_GROUP)] }, ['sg-1'], []],
    ['held by a detached interface (a load balancer, a Lambda)', { securityGroups: [group('sg-1', OLD_GROUP)], networkInterfaces: [eni('eni-9', 'sg-1')] }, [], [`security group ${OLD_GROUP} (sg-1)`]],
    ['held by an interface of an instance that stays', { securityGroups: [group('sg-1', OLD_GROUP)], networkInterfaces: [eni('eni-9', 'sg-1', 'i-web')] }, [], [`security group ${OLD_GROUP} (sg-1)`]],
    ['an interface of another group does not count', { securityGroups: [group('sg-1', OLD_GROUP)], networkInterfaces: [eni('eni-9', 'sg-2', 'i-web')] }, ['sg-1'], []],
    ['a Packer name, another description: a look-alike', { securityGroups: [group('sg-1', OLD_GROUP, 'web tier')] }, [], [`security group ${OLD_GROUP} (sg-1)`]],
    ['made after the cutoff, per its name', { securityGroups: [group('sg-1', packerName(YOUNG))] }, [], [`security group ${packerName(YOUNG)} (sg-1)`]],
    ['not a Packer name: not even looked at', { securityGroups: [group('sg-1', 'packer_web')] }, [], []]
  ])('groups: %s', (_, parts, swept, spared) => {
    const plan = planSweep(inventory(parts), RULE)
    expect(plan.securityGroups.map((p) => p.id)).toEqual(swept)
    expect(ids(plan).spared).toEqual(spared)
  })

  it.each<[string, KeyPairInfo, boolean]>([
    ['old by name and by EC2', keyPair(OLD_KEY, OLD), true],
    ['old by name, no CreateTime (older EC2 answers)', keyPair(OLD_KEY), true],
    ['old by name, young by EC2: the later time counts', keyPair(OLD_KEY, YOUNG), false],
    ['young by name', keyPair(packerName(YOUNG), OLD), false],
    ['not a Packer name', keyPair('team-key', OLD), false]
  ])('key pairs: %s', (_, key, swept) => {
    const plan = planSweep(inventory({ keyPairs: [key] }), RULE)
    expect(plan.keyPairs.map((p) => p.id)).toEqual(swept ? [key.KeyName] : [])
  })
})

describe('planSweep: AMIs', () => {
  it.each<[string, Parameters<typeof image>[1], 'swept' | 'spared' | 'ignored']>([
    ['pending for a day', { state: 'pending', family: 'acme/images/web' }, 'swept'],
    ['failed', { state: 'failed', family: 'acme/images/web', reason: 'Server.InternalError' }, 'swept'],
    ['available: a product', { state: 'available', family: 'acme/images/web' }, 'ignored'],
    ['no family tag: not the action\'s', { state: 'failed' }, 'ignored'],
    ['pending, made after the cutoff: a copy under way', { state: 'pending', family: 'acme/images/web', created: YOUNG }, 'spared'],
    ['failed, but protected from deregistration', { state: 'failed', family: 'acme/images/web', protection: 'enabled-without-cooldown' }, 'spared']
  ])('%s', (_, parts, outcome) => {
    const plan = planSweep(inventory({ images: [image('ami-1', parts)] }), RULE)
    expect(plan.images.map((p) => p.id)).toEqual(outcome === 'swept' ? ['ami-1'] : [])
    expect(plan.spared.map((s) => s.id)).toEqual(outcome === 'spared' ? ['ami-1'] : [])
  })

  it('takes the snapshots of the mappings and those EC2 describes as made for the AMI, each once', () => {
    const plan = planSweep(
      inventory({ images: [image('ami-1', { state: 'failed', family: 'f', snapshots: ['snap-1'], reason: 'copy failed' })], imageSnapshots: { 'ami-1': ['snap-1', 'snap-2'] } }),
      RULE
    )
    expect(plan.images).toEqual([{ kind: 'AMI', id: 'ami-1', reason: 'family f, failed (copy failed) since 2025-05-31T12:00:00Z', snapshots: ['snap-1', 'snap-2'] }])
  })

  it('with a family set, only that family', () => {
    const images = [image('ami-1', { state: 'failed', family: 'acme/images/web' }), image('ami-2', { state: 'failed', family: 'acme/images/db' })]
    expect(planSweep(inventory({ images }), { ...RULE, family: 'acme/images/db' }).images.map((p) => p.id)).toEqual(['ami-2'])
    expect(planSweep(inventory({ images }), RULE).images.map((p) => p.id)).toEqual(['ami-1', 'ami-2'])
  })
})
