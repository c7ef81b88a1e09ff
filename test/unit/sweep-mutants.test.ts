/**
 * sweep() from src/aws/sweep.ts against moto, so that Stryker's mutants of the applier and of
 * inventory() meet a unit test (test/integration/sweep.test.ts runs the bundle, which holds no
 * mutant). Each test sets its scene in a region of its own, as a lost runner of
 * packer-plugin-amazon leaves it, beside look-alikes that must stay, then checks the report
 * entry by entry and what is left in moto. The proxies stage what moto cannot: AMIs stuck
 * pending or failed, deregistration protection, refusals. The last part is planSweep's edges
 * that sweep-plan.test.ts left open, without a server. See docs/testing.md.
 */
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  ModifyInstanceAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type Image,
  type Instance,
  type SecurityGroup,
  type Tag
} from '@aws-sdk/client-ec2'
import { jest } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import {
  instanceMarks,
  packerNameTime,
  inventory,
  planSweep,
  sweep,
  SWEEP_TIMINGS,
  type Inventory,
  type SweepPlan,
  type SweepReport,
  type SweepRequest,
  type SweepRule,
  type SweepTimings
} from '../../src/aws/sweep.js'
import { FAMILY_TAG } from '../../src/aws/tags.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { startImageStateProxy, type ImageStateProxy } from '../support/image-state-proxy.js'
import { asAccount, awsTestEnv, startMoto, type Moto } from '../support/moto.js'

const FAST: SweepTimings = { pollMs: 10, timeoutMs: 10_000, groupRetryMs: 10, groupTries: 3 }
const SOURCE_AMI = 'ami-03cf127a'
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
/** An ISO time of whole seconds, as the sweep writes them. */
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ'

let moto: Moto
const closers: Array<() => Promise<void>> = []
const saved = { ...process.env }
let out: string[] = []

// moto starts only for the tests that need it: a mutant of the planner runs none of them.
describe('against moto', () => {
  beforeAll(async () => {
    moto = await startMoto()
  })

  beforeEach(() => {
    out = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk))
      return true
    })
  })

  afterEach(async () => {
    jest.restoreAllMocks()
    process.env = { ...saved }
    await Promise.all(closers.splice(0).map((close) => close()))
  })

  afterAll(async () => {
    await moto?.stop()
  })

  const ec2 = (region: string, endpoint = moto.endpoint): EC2Client => new EC2Client({ region, endpoint, credentials })

  /** A name as the plugin makes it: `packer_` and uuid.TimeOrderedUUID(), the Unix seconds first. */
  function packerName(at = Date.now()): string {
    const hex = (bytes: number): string => randomBytes(bytes).toString('hex')
    return `packer_${Math.floor(at / 1000).toString(16).padStart(8, '0')}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`
  }

  const tags = (pairs: Record<string, string>): Tag[] => Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }))

  async function launch(client: EC2Client, parts: { key?: string; groups?: string[]; tags?: Record<string, string> }): Promise<string> {
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: SOURCE_AMI,
        MinCount: 1,
        MaxCount: 1,
        KeyName: parts.key,
        SecurityGroupIds: parts.groups,
        TagSpecifications: parts.tags === undefined ? undefined : [{ ResourceType: 'instance', Tags: tags(parts.tags) }]
      })
    )
    return Instances[0].InstanceId as string
  }

  const group = async (client: EC2Client, name = packerName(), Description = 'Temporary group for Packer'): Promise<{ id: string; name: string }> => ({
    id: (await client.send(new CreateSecurityGroupCommand({ GroupName: name, Description }))).GroupId as string,
    name
  })

  async function key(client: EC2Client, name = packerName()): Promise<string> {
    await client.send(new CreateKeyPairCommand({ KeyName: name }))
    return name
  }

  async function instanceState(client: EC2Client, id: string): Promise<string | undefined> {
    const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }))
    return Reservations[0]?.Instances?.[0]?.State?.Name
  }

  async function keyExists(client: EC2Client, name: string): Promise<boolean> {
    const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] }))
    return KeyPairs.length > 0
  }

  async function groupExists(client: EC2Client, id: string): Promise<boolean> {
    const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }))
    return SecurityGroups.length > 0
  }

  async function imageIds(client: EC2Client): Promise<string[]> {
    const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ['self'] }))
    return Images.map((i) => i.ImageId as string).sort()
  }

  async function snapshotIds(client: EC2Client): Promise<string[]> {
    const { Snapshots = [] } = await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    return Snapshots.map((s) => s.SnapshotId as string).sort()
  }

  function run(req: Partial<SweepRequest> & { regions: string[] }, endpoint = moto.endpoint): Promise<SweepReport> {
    Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: endpoint, AWS_REGION: req.regions[0] })
    return sweep({ olderThanMs: 0, dryRun: false, ...req }, FAST)
  }

  const entries = (r: SweepReport): string[] => r.swept.map((s) => `${s.kind} ${s.id} ${s.removed}`).sort()
  const log = (): string => out.join('')

  interface Scene {
    builder: string
    builderKey: string
    builderGroup: { id: string; name: string }
    orphanKey: string
    orphanGroup: { id: string; name: string }
    unrelated: string
    namedOnly: string
    teamKey: string
    heldGroup: { id: string; name: string }
    notPackers: { id: string; name: string }
  }

  async function scene(client: EC2Client): Promise<Scene> {
    const builderKey = await key(client)
    const builderGroup = await group(client)
    const builder = await launch(client, { key: builderKey, groups: [builderGroup.id], tags: { Name: 'Packer Builder' } })
    const teamKey = await key(client, `team-key-${randomBytes(3).toString('hex')}`)
    const unrelated = await launch(client, { key: teamKey, tags: { Name: 'web' } })
    const namedOnly = await launch(client, { key: teamKey, tags: { Name: 'Packer Builder' } })
    const heldGroup = await group(client)
    const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
    await client.send(new CreateNetworkInterfaceCommand({ SubnetId: Subnets[0].SubnetId, Groups: [heldGroup.id], Description: 'held by a load balancer' }))
    const notPackers = await group(client, packerName(), 'a team group that happens to have the name')
    return { builder, builderKey, builderGroup, orphanKey: await key(client), orphanGroup: await group(client), unrelated, namedOnly, teamKey, heldGroup, notPackers }
  }

  describe('sweep() removes what a lost runner left, and only that', () => {
    it('terminates the builder, deletes its key pair and group and the orphans; the report and the log say why', async () => {
      const region = 'us-east-1'
      const client = ec2(region)
      const s = await scene(client)
      const before = Date.now()
      const report = await run({ regions: [region], olderThanMs: 0 })

      expect(report).toMatchObject({ dryRun: false, regions: [region], olderThanMs: 0, errors: [] })
      expect(report.cutoff).toMatch(new RegExp(`^${ISO}$`))
      expect(Math.abs(Date.parse(report.cutoff) - before)).toBeLessThan(5_000)
      expect(entries(report)).toEqual(
        [`instance ${s.builder} true`, `key pair ${s.builderKey} true`, `key pair ${s.orphanKey} true`, `security group ${s.builderGroup.id} true`, `security group ${s.orphanGroup.id} true`].sort()
      )
      for (const x of report.swept) {
        expect(x.region).toBe(region)
        expect(x).not.toHaveProperty('error')
      }
      const reason = (id: string): string | undefined => report.swept.find((x) => x.id === id)?.reason
      expect(reason(s.builder)).toMatch(
        new RegExp(`^temporary key pair ${s.builderKey}, temporary security group ${s.builderGroup.name}, Name tag "Packer Builder"; running since ${ISO}$`)
      )
      expect(reason(s.orphanKey)).toMatch(new RegExp(`^Packer's temporary key pair, made ${ISO}; no instance left uses it$`))
      expect(reason(s.orphanGroup.id)).toMatch(new RegExp(`^Packer's temporary group ${s.orphanGroup.name}, made ${ISO} \\(per its name\\); no network interface uses it$`))

      const spared = Object.fromEntries(report.spared.map((x) => [`${x.kind} ${x.id}`, x.reason]))
      expect(spared[`instance ${s.namedOnly}`]).toBe(`only one of Packer's marks (Name tag "Packer Builder")`)
      expect(spared[`security group ${s.heldGroup.name} (${s.heldGroup.id})`]).toMatch(/^in use by eni-[0-9a-f]+$/)
      expect(spared[`security group ${s.notPackers.name} (${s.notPackers.id})`]).toBe(`description "a team group that happens to have the name" is not Packer's`)
      expect(report.spared.every((x) => x.region === region)).toBe(true)

      expect(await instanceState(client, s.builder)).toBe('terminated')
      expect(await keyExists(client, s.builderKey)).toBe(false)
      expect(await keyExists(client, s.orphanKey)).toBe(false)
      expect(await groupExists(client, s.builderGroup.id)).toBe(false)
      expect(await groupExists(client, s.orphanGroup.id)).toBe(false)
      expect(await instanceState(client, s.unrelated)).toBe('running')
      expect(await instanceState(client, s.namedOnly)).toBe('running')
      expect(await keyExists(client, s.teamKey)).toBe(true)
      expect(await groupExists(client, s.heldGroup.id)).toBe(true)
      expect(await groupExists(client, s.notPackers.id)).toBe(true)

      expect(log()).toContain(`${region}: removed instance ${s.builder}: ${reason(s.builder)}\n`)
      expect(log()).toContain(`${region}: removed key pair ${s.orphanKey}: Packer's temporary key pair`)
      expect(log()).toContain(`${region}: spared instance ${s.namedOnly}: only one of Packer's marks`)
      expect(log()).not.toContain('::warning::')
    })

    it('a dry run lists the same leftovers and removes nothing', async () => {
      const region = 'us-west-1'
      const client = ec2(region)
      const s = await scene(client)
      const report = await run({ regions: [region], dryRun: true })

      expect(report.dryRun).toBe(true)
      expect(entries(report)).toEqual(
        [`instance ${s.builder} false`, `key pair ${s.builderKey} false`, `key pair ${s.orphanKey} false`, `security group ${s.builderGroup.id} false`, `security group ${s.orphanGroup.id} false`].sort()
      )
      expect(report.swept.some((x) => 'error' in x)).toBe(false)
      expect(await instanceState(client, s.builder)).toBe('running')
      expect(await keyExists(client, s.builderKey)).toBe(true)
      expect(await keyExists(client, s.orphanKey)).toBe(true)
      expect(await groupExists(client, s.builderGroup.id)).toBe(true)
      expect(await groupExists(client, s.orphanGroup.id)).toBe(true)
      expect(log()).toContain(`${region}: would remove instance ${s.builder}: `)
      expect(log()).toContain(`${region}: would remove security group ${s.orphanGroup.id}: `)
      expect(log()).not.toContain(`${region}: removed `)
    })

    it('older-than spares what is younger than the cutoff, each with its time', async () => {
      const region = 'eu-west-1'
      const client = ec2(region)
      const s = await scene(client)
      const report = await run({ regions: [region], olderThanMs: 60 * 60_000 })

      expect(report.swept).toEqual([])
      expect(Date.now() - Date.parse(report.cutoff)).toBeGreaterThan(60 * 60_000 - 5_000)
      const spared = Object.fromEntries(report.spared.map((x) => [`${x.kind} ${x.id}`, x.reason]))
      expect(spared[`instance ${s.builder}`]).toMatch(new RegExp(`^launched ${ISO}, after the cutoff$`))
      expect(spared[`key pair ${s.orphanKey}`]).toMatch(new RegExp(`^made ${ISO}, after the cutoff$`))
      expect(spared[`security group ${s.orphanGroup.name} (${s.orphanGroup.id})`]).toMatch(new RegExp(`^made ${ISO} \\(per its name\\), after the cutoff$`))
      expect(await instanceState(client, s.builder)).toBe('running')
      expect(await keyExists(client, s.orphanKey)).toBe(true)
    })

    it('a key pair whose name is old but that EC2 made recently is young: the later time counts', async () => {
      const region = 'eu-west-2'
      const client = ec2(region)
      const oldName = await key(client, packerName(Date.now() - 3 * 60 * 60_000))
      const report = await run({ regions: [region], olderThanMs: 60 * 60_000 })
      expect(report.swept).toEqual([])
      expect(report.spared).toEqual([{ region, kind: 'key pair', id: oldName, reason: expect.stringMatching(/, after the cutoff$/) as unknown as string }])
      expect(await keyExists(client, oldName)).toBe(true)
    })

    it('an instance it cannot terminate keeps its key pair and group, reports why, and does not hold the rest back', async () => {
      const region = 'us-west-2'
      const client = ec2(region)
      const s = await scene(client)
      const stuckKey = await key(client)
      const stuckGroup = await group(client)
      const stuck = await launch(client, { key: stuckKey, groups: [stuckGroup.id], tags: { Name: 'Packer Builder' } })
      await client.send(new ModifyInstanceAttributeCommand({ InstanceId: stuck, DisableApiTermination: { Value: true } }))

      const report = await run({ regions: [region] })

      const entry = report.swept.find((x) => x.id === stuck)
      expect(entry).toMatchObject({ kind: 'instance', removed: false })
      expect(entry?.error).toMatch(/OperationNotPermitted|termination/i)
      expect(report.swept.find((x) => x.id === stuckKey)).toBeUndefined()
      expect(report.swept.find((x) => x.id === stuckGroup.id)).toBeUndefined()
      const spared = Object.fromEntries(report.spared.map((x) => [`${x.kind} ${x.id}`, x.reason]))
      expect(spared[`key pair ${stuckKey}`]).toBe(`used by ${stuck}, which could not be terminated`)
      expect(spared[`security group ${stuckGroup.id}`]).toMatch(new RegExp(`^in use by eni-[0-9a-f]+ \\(${stuck}\\)$`))
      expect(log()).toContain(`::warning::${region}: could not remove instance ${stuck}: ${entry?.reason} (${entry?.error})\n`)
      expect(log()).toContain(`${region}: spared security group ${stuckGroup.id}: in use by eni-`)
      expect(await instanceState(client, stuck)).toBe('running')
      expect(await keyExists(client, stuckKey)).toBe(true)
      expect(await groupExists(client, stuckGroup.id)).toBe(true)
      expect(entries(report)).toEqual(
        [
          `instance ${stuck} false`,
          `instance ${s.builder} true`,
          `key pair ${s.builderKey} true`,
          `key pair ${s.orphanKey} true`,
          `security group ${s.builderGroup.id} true`,
          `security group ${s.orphanGroup.id} true`
        ].sort()
      )
      expect(await instanceState(client, s.builder)).toBe('terminated')
    })

    it('an instance that will not go within the timeout is reported, and its key pair stays', async () => {
      const region = 'ap-south-1'
      const client = ec2(region)
      const builderKey = await key(client)
      const builder = await launch(client, { key: builderKey, tags: { Name: 'Packer Builder' } })
      // EC2 accepts the termination but the instance never leaves: the proxy answers for it.
      const proxy = await through({
        answer: (action) =>
          action === 'TerminateInstances'
            ? { status: 200, contentType: 'text/xml', body: '<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><instancesSet/></TerminateInstancesResponse>' }
            : undefined
      })
      Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: proxy.endpoint })
      const report = await sweep({ regions: [region], olderThanMs: 0, dryRun: false }, { ...FAST, timeoutMs: 60_000 * 0.001 })

      expect(report.swept.find((x) => x.id === builder)).toMatchObject({ kind: 'instance', removed: false, error: 'still not terminated after 0.001 minutes' })
      expect(report.spared).toContainEqual({ region, kind: 'key pair', id: builderKey, reason: `used by ${builder}, which could not be terminated` })
      expect(await keyExists(client, builderKey)).toBe(true)
    })

    it('a terminated instance that held a Packer key pair does not keep it', async () => {
      const region = 'sa-east-1'
      const client = ec2(region)
      const builderKey = await key(client)
      const gone = await launch(client, { key: builderKey, tags: { Name: 'Packer Builder' } })
      await client.send(new TerminateInstancesCommand({ InstanceIds: [gone] }))
      expect(await instanceState(client, gone)).toBe('terminated')
      const report = await run({ regions: [region] })
      expect(entries(report)).toEqual([`key pair ${builderKey} true`])
      expect(await keyExists(client, builderKey)).toBe(false)
    })

    it('a region that fails is reported with its name and the others are swept', async () => {
      const region = 'ca-central-1'
      const client = ec2(region)
      const orphan = await key(client)
      const report = await run({ regions: ['not a region', region] })

      expect(report.errors).toHaveLength(1)
      expect(report.errors[0]).toMatch(/^not a region: .*region/i)
      expect(log()).toContain(`::warning::sweep: ${report.errors[0]}`)
      expect(entries(report)).toEqual([`key pair ${orphan} true`])
      expect(report.regions).toEqual(['not a region', region])
    })
  })

  /** SDK → image-state proxy (stuck states) → aws proxy (protection, refusals) → moto. */
  async function through(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<AwsProxy> {
    const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
    closers.push(() => proxy.close())
    return proxy
  }

  async function stuckStates(target: string): Promise<ImageStateProxy> {
    const proxy = await startImageStateProxy(target)
    closers.push(() => proxy.close())
    return proxy
  }

  const ERROR = (code: string): { status: number; contentType: string; body: string } => ({
    status: 400,
    contentType: 'text/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${code} staged by the test</Message></Error></Errors><RequestID>1</RequestID></Response>`
  })

  describe('sweep() and AMIs stuck pending or failed', () => {
    async function image(client: EC2Client, source: string, family?: string): Promise<string> {
      const { ImageId } = await client.send(new CreateImageCommand({ InstanceId: source, Name: `img-${randomBytes(4).toString('hex')}` }))
      if (family !== undefined) await client.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: tags({ [FAMILY_TAG]: family }) }))
      return ImageId as string
    }

    async function snapshotsOf(client: EC2Client, ami: string): Promise<string[]> {
      const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ami] }))
      return (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
    }

    /** A snapshot a failed CreateImage or CopyImage left, which the AMI's mappings do not name. */
    async function strayFor(client: EC2Client, source: string, description: string): Promise<string> {
      const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [source] }))
      const volume = Reservations[0]?.Instances?.[0]?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId as string
      return (await client.send(new CreateSnapshotCommand({ VolumeId: volume, Description: description }))).SnapshotId as string
    }

    it('deregisters a family\'s stuck AMIs with every snapshot they made; spares protected, available, untagged and other families\' AMIs', async () => {
      const region = 'us-east-2'
      const client = ec2(region)
      const source = await launch(client, {})
      const failed = await image(client, source, 'acme/web')
      const pending = await image(client, source, 'acme/web')
      const healthy = await image(client, source, 'acme/web')
      const guarded = await image(client, source, 'acme/web')
      const otherFamily = await image(client, source, 'acme/db')
      const untagged = await image(client, source)
      const made = await strayFor(client, source, `Created by CreateImage(${source}) for ${failed} from vol-0`)
      const copied = await strayFor(client, source, `Copied for DestinationAmi ${failed} from SourceAmi ami-0 for SourceSnapshot snap-0`)
      const lookalike = await strayFor(client, source, `Created by CreateImage(${source}) for ${failed}0 from vol-0`)
      const protection = await through()
      await ec2(region, protection.endpoint).send(new EnableImageDeregistrationProtectionCommand({ ImageId: guarded }))
      const states = await stuckStates(protection.endpoint)
      for (const ami of [failed, otherFamily, untagged, guarded]) states.show(ami, 'failed')
      states.show(pending, 'pending')
      const failedSnapshots = await snapshotsOf(client, failed)
      const pendingSnapshots = await snapshotsOf(client, pending)
      expect(failedSnapshots.length).toBeGreaterThan(0)

      const report = await run({ regions: [region], family: 'acme/web' }, states.endpoint)

      expect(report.errors).toEqual([])
      expect(entries(report)).toEqual(
        [`AMI ${failed} true`, `AMI ${pending} true`, ...[...failedSnapshots, made, copied, ...pendingSnapshots].map((x) => `snapshot ${x} true`)].sort()
      )
      expect(report.swept.find((x) => x.id === failed)?.reason).toMatch(new RegExp(`^family acme/web, failed since ${ISO}$`))
      expect(report.swept.find((x) => x.id === pending)?.reason).toMatch(new RegExp(`^family acme/web, pending since ${ISO}$`))
      expect(report.swept.find((x) => x.id === made)?.reason).toBe(`of AMI ${failed}`)
      expect(report.spared).toContainEqual({ region, kind: 'AMI', id: guarded, reason: 'deregistration protection is enabled-without-cooldown' })
      expect(await imageIds(client)).toEqual([healthy, guarded, otherFamily, untagged].sort())
      const left = await snapshotIds(client)
      for (const gone of [...failedSnapshots, made, copied, ...pendingSnapshots]) expect(left).not.toContain(gone)
      expect(left).toContain(lookalike)
      for (const ami of [healthy, guarded, otherFamily, untagged]) for (const snap of await snapshotsOf(client, ami)) expect(left).toContain(snap)
      // The deregistration went before the snapshots' deletion.
      const order = protection.calls.filter((c) => c.action === 'DeregisterImage' || c.action === 'DeleteSnapshot').map((c) => c.action)
      expect(order.indexOf('DeregisterImage')).toBe(0)
    })

    it('without a family, any family\'s stuck AMI is swept; a dry run removes none of it', async () => {
      const region = 'eu-central-1'
      const client = ec2(region)
      const source = await launch(client, {})
      const a = await image(client, source, 'acme/web')
      const b = await image(client, source, 'acme/db')
      const states = await stuckStates(moto.endpoint)
      states.show(a, 'failed')
      states.show(b, 'failed')

      const dry = await run({ regions: [region], dryRun: true }, states.endpoint)
      expect(dry.swept.filter((x) => x.kind === 'AMI').map((x) => `${x.id} ${x.removed}`).sort()).toEqual([`${a} false`, `${b} false`].sort())
      // Their snapshots would go too: listed, not removed, and without an error.
      const snapshots = dry.swept.filter((x) => x.kind === 'snapshot')
      expect(snapshots.length).toBeGreaterThan(0)
      for (const x of snapshots) expect(x).toEqual({ region, kind: 'snapshot', id: x.id, reason: expect.stringMatching(/^of AMI ami-/) as unknown as string, removed: false })
      expect(await imageIds(client)).toEqual([a, b].sort())

      const real = await run({ regions: [region] }, states.endpoint)
      expect(real.swept.filter((x) => x.kind === 'AMI').map((x) => `${x.id} ${x.removed}`).sort()).toEqual([`${a} true`, `${b} true`].sort())
      expect(await imageIds(client)).toEqual([])
    })

    it('an AMI EC2 will not deregister keeps its snapshots, each reported as still registered', async () => {
      const region = 'ap-northeast-1'
      const client = ec2(region)
      const source = await launch(client, {})
      const ami = await image(client, source, 'acme/web')
      const snapshots = await snapshotsOf(client, ami)
      const refusing = await through({ answer: (action) => (action === 'DeregisterImage' ? ERROR('InvalidAMIID.Unavailable') : undefined) })
      const states = await stuckStates(refusing.endpoint)
      states.show(ami, 'failed')

      const report = await run({ regions: [region] }, states.endpoint)

      expect(report.swept.find((x) => x.id === ami)).toMatchObject({ kind: 'AMI', removed: false, error: expect.stringContaining('InvalidAMIID.Unavailable') as unknown as string })
      for (const snap of snapshots) {
        expect(report.swept.find((x) => x.id === snap)).toEqual({ region, kind: 'snapshot', id: snap, reason: `of AMI ${ami}`, removed: false, error: `AMI ${ami} is still registered` })
      }
      expect(refusing.calls.some((c) => c.action === 'DeleteSnapshot')).toBe(false)
      expect(await imageIds(client)).toEqual([ami])
    })

    it('a snapshot already gone counts as removed; one EC2 refuses is reported with its error', async () => {
      const region = 'ap-northeast-2'
      const client = ec2(region)
      const source = await launch(client, {})
      const gone = await image(client, source, 'acme/web')
      const refused = await image(client, source, 'acme/web')
      let deletes = 0
      const proxy = await through({
        answer: (action) => {
          if (action !== 'DeleteSnapshot') return undefined
          deletes++
          return deletes === 1 ? ERROR('InvalidSnapshot.NotFound') : ERROR('InvalidSnapshot.InUse')
        }
      })
      const states = await stuckStates(proxy.endpoint)
      states.show(gone, 'failed')
      states.show(refused, 'failed')

      const report = await run({ regions: [region] }, states.endpoint)

      const snaps = report.swept.filter((x) => x.kind === 'snapshot')
      expect(snaps.length).toBeGreaterThanOrEqual(2)
      expect(snaps[0]).toMatchObject({ removed: true })
      expect(snaps[0]).not.toHaveProperty('error')
      expect(snaps[1]).toMatchObject({ removed: false, error: expect.stringContaining('InvalidSnapshot.InUse') as unknown as string })
    })

    it('a public snapshot of another account whose description names our stuck AMI is neither planned nor deleted; ours is', async () => {
      const region = 'ap-northeast-3'
      const OTHER = '210987654321'
      const client = ec2(region)
      const source = await launch(client, {})
      const ami = await image(client, source, 'acme/web')
      const mapped = await snapshotsOf(client, ami)
      const ours = await strayFor(client, source, `Created by CreateImage(${source}) for ${ami} from vol-0`)
      // Another account's snapshot, public, described as if a CreateImage of our AMI had made it.
      const other = asAccount(ec2(region), OTHER)
      const { VolumeId } = await other.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 }))
      const theirs = (await other.send(new CreateSnapshotCommand({ VolumeId, Description: `Created by CreateImage(i-0123456789abcdef0) for ${ami} from ${VolumeId}` }))).SnapshotId as string
      await other.send(new ModifySnapshotAttributeCommand({ SnapshotId: theirs, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }))
      // Through the proxy, which shows other accounts' public snapshots as EC2 does.
      const proxy = await through({ otherAccounts: [OTHER] })
      const { Snapshots: visible = [] } = await ec2(region, proxy.endpoint).send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'description', Values: [`Created by CreateImage(*) for ${ami} *`] }] }))
      expect(visible.map((x) => x.SnapshotId).sort()).toEqual([ours, theirs].sort())
      const states = await stuckStates(proxy.endpoint)
      states.show(ami, 'failed')

      const report = await run({ regions: [region] }, states.endpoint)

      expect(report.errors).toEqual([])
      expect(entries(report)).toEqual([`AMI ${ami} true`, ...[...mapped, ours].map((x) => `snapshot ${x} true`)].sort())
      expect(proxy.calls.filter((c) => c.action === 'DeleteSnapshot').map((c) => c.params.SnapshotId).sort()).toEqual([...mapped, ours].sort())
      expect(await snapshotIds(client)).not.toContain(ours)
      const { Snapshots: left = [] } = await other.send(new DescribeSnapshotsCommand({ SnapshotIds: [theirs] }))
      expect(left.map((x) => x.SnapshotId)).toEqual([theirs])
    })
  })

  describe('sweep() where its look-ups page, fail or meet what is not Packer\'s', () => {
    const ec2Error = (code: string): { status: number; contentType: string; body: string } => ({
      status: 400,
      contentType: 'text/xml',
      body: `<Response><Errors><Error><Code>${code}</Code><Message>not now</Message></Error></Errors><RequestID>1</RequestID></Response>`
    })

    it('inventory reads every page of instances, security groups and network interfaces', async () => {
      const region = 'eu-west-2'
      const client = ec2(region)
      const [k1, k2] = [await key(client), await key(client)]
      const [g1, g2] = [await group(client), await group(client)]
      const [i1, i2] = [await launch(client, { key: k1, groups: [g1.id] }), await launch(client, { key: k2, groups: [g2.id] })]
      // moto's answers, each cut into two pages: the first item, then the rest.
      const send = client.send.bind(client) as (command: unknown) => Promise<Record<string, unknown>>
      const listOf: Record<string, string> = { DescribeInstancesCommand: 'Reservations', DescribeSecurityGroupsCommand: 'SecurityGroups', DescribeNetworkInterfacesCommand: 'NetworkInterfaces' }
      ;(client as unknown as { send: (command: { constructor: { name: string }; input: { NextToken?: string } }) => Promise<unknown> }).send = async (command) => {
        const list = listOf[command.constructor.name]
        if (list === undefined) return send(command)
        const second = command.input.NextToken === 'page-2'
        if (second) command.input.NextToken = undefined
        const all = await send(command)
        const items = (all[list] as unknown[] | undefined) ?? []
        return second ? { ...all, [list]: items.slice(1) } : { ...all, [list]: items.slice(0, 1), NextToken: items.length > 1 ? 'page-2' : undefined }
      }
      const inv = await inventory(client)
      const reservations = inv.instances.map((i) => i.InstanceId)
      expect(reservations).toEqual(expect.arrayContaining([i1, i2]))
      expect(inv.securityGroups.map((g) => g.GroupId)).toEqual(expect.arrayContaining([g1.id, g2.id]))
      expect(inv.networkInterfaces.map((n) => n.Attachment?.InstanceId)).toEqual(expect.arrayContaining([i1, i2]))
      expect(inv.keyPairs.map((k) => k.KeyName)).toEqual(expect.arrayContaining([k1, k2]))
    })

    it('asks only for this account\'s AMIs', async () => {
      const region = 'eu-west-3'
      const proxy = await through()
      await run({ regions: [region] }, proxy.endpoint)
      const asked = proxy.calls.filter((c) => c.action === 'DescribeImages' && c.region === region)
      expect(asked).toHaveLength(1)
      expect(asked[0].params).toMatchObject({ 'Owner.1': 'self' })
      expect(asked[0].params).not.toHaveProperty('Owner.2')
    })

    it('waits for the instances it terminated, not for others still running in the region', async () => {
      const region = 'ap-northeast-2'
      const client = ec2(region)
      const builder = await launch(client, { key: await key(client), tags: { Name: 'Packer Builder' } })
      const other = await launch(client, { tags: { Name: 'web' } })
      // Through the proxy, which reads a filter of no value as EC2 does.
      const proxy = await through()
      Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: region })
      const started = Date.now()
      const report = await sweep({ regions: [region], olderThanMs: 0, dryRun: false }, { ...FAST, timeoutMs: 20_000 })
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(report.swept.find((x) => x.id === builder)).toMatchObject({ kind: 'instance', removed: true })
      expect(await instanceState(client, other)).toBe('running')
    }, 30_000)

    it('an instance it cannot see go is reported with why, and keeps its key pair', async () => {
      const region = 'ca-central-1'
      const client = ec2(region)
      const builderKey = await key(client)
      const builder = await launch(client, { key: builderKey, tags: { Name: 'Packer Builder' } })
      let terminated = false
      const proxy = await through({
        answer: (action) => {
          if (action === 'TerminateInstances') terminated = true
          return terminated && action === 'DescribeInstances' ? ec2Error('UnauthorizedOperation') : undefined
        }
      })
      const report = await run({ regions: [region] }, proxy.endpoint)
      expect(report.errors).toEqual([])
      expect(report.swept.find((x) => x.id === builder)).toMatchObject({ kind: 'instance', removed: false, error: expect.stringMatching(/^asked to terminate, but could not see it go: not now$/) as unknown as string })
      expect(report.spared).toContainEqual({ region, kind: 'key pair', id: builderKey, reason: `used by ${builder}, which could not be terminated` })
      expect(await keyExists(client, builderKey)).toBe(true)
    })

    it('a group whose users it cannot look up again stays, reported with the error; the rest of the region goes on', async () => {
      const region = 'eu-north-1'
      const client = ec2(region)
      const orphanGroup = await group(client)
      const orphanKey = await key(client)
      let lookups = 0
      // The inventory's look-up of network interfaces answers; the second, just before the deletion, fails.
      const proxy = await through({ answer: (action) => (action === 'DescribeNetworkInterfaces' && ++lookups > 1 ? ec2Error('UnauthorizedOperation') : undefined) })
      const report = await run({ regions: [region] }, proxy.endpoint)
      expect(report.errors).toEqual([])
      expect(report.swept.find((x) => x.id === orphanGroup.id)).toMatchObject({ kind: 'security group', removed: false, error: 'not now' })
      expect(report.swept.find((x) => x.id === orphanKey)).toMatchObject({ kind: 'key pair', removed: true })
      expect(await groupExists(client, orphanGroup.id)).toBe(true)
    })

    it('more than 200 Packer groups: the interfaces are looked up in batches EC2 takes, and a group in use in either batch is spared', async () => {
      const region = 'ap-southeast-2'
      const client = ec2(region)
      const groups: Array<{ id: string; name: string }> = []
      // 205 groups, 20 at a time, so that moto lists them in about the order of `groups`.
      for (let n = 0; n < 205; n += 20) groups.push(...(await Promise.all(Array.from({ length: Math.min(20, 205 - n) }, () => group(client)))))
      // Three held by one load balancer's interface: two in the first batch of 200 (one among the first
      // groups moto lists, one well into it) and the last, which only the second batch names.
      const held = [groups[2], groups[150], groups[204]]
      const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
      const { NetworkInterface } = await client.send(new CreateNetworkInterfaceCommand({ SubnetId: Subnets[0].SubnetId, Groups: held.map((g) => g.id) }))
      const eni = NetworkInterface?.NetworkInterfaceId as string
      // Through the proxy, which refuses more than 200 values in one filter as EC2 does.
      const proxy = await through()

      const report = await run({ regions: [region], dryRun: true }, proxy.endpoint)

      expect(report.errors).toEqual([])
      const free = groups.filter((g) => !held.includes(g))
      expect(entries(report)).toEqual(free.map((g) => `security group ${g.id} false`).sort())
      for (const g of held) expect(report.spared).toContainEqual({ region, kind: 'security group', id: `${g.name} (${g.id})`, reason: `in use by ${eni}` })
      // Each group named once, 200 at most to a look-up: a look-up that names no group is one EC2 reads as
      // "any group" (see aws-proxy.ts HAS_VALUE), every interface of the region, which the planner then sorts out.
      const asked = proxy.calls.filter((c) => c.action === 'DescribeNetworkInterfaces' && c.region === region).map((c) => Object.keys(c.params).filter((k) => /^Filter\.1\.Value\.\d+$/.test(k)).map((k) => c.params[k]))
      expect(asked.map((ids) => ids.length).sort((a, b) => a - b)).toEqual([5, 200])
      expect(asked.flat().sort()).toEqual(groups.map((g) => g.id).sort())
    })

    it('a group taken up after the inventory stays: the report and the log name each interface that uses it', async () => {
      const region = 'eu-south-1'
      const client = ec2(region)
      const orphan = await group(client)
      const team = await group(client, `team-${randomBytes(3).toString('hex')}`, 'a team group')
      const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
      const users: string[] = []
      let looks = 0
      const proxy = await through({
        // The second look at the group's interfaces, just before its deletion: someone has taken it up since the inventory.
        before: async (call) => {
          if (call.action !== 'DescribeNetworkInterfaces' || call.region !== region || ++looks !== 2) return
          const eni = async (Groups: string[]): Promise<string> =>
            (await client.send(new CreateNetworkInterfaceCommand({ SubnetId: Subnets[0].SubnetId, Groups }))).NetworkInterface?.NetworkInterfaceId as string
          // Two interfaces attached to nothing, one with a second group; and an instance launched with the group.
          users.push(await eni([team.id, orphan.id]), await eni([orphan.id]))
          const instance = await launch(client, { groups: [orphan.id] })
          const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
          users.push(`${Reservations[0]?.Instances?.[0]?.NetworkInterfaces?.[0]?.NetworkInterfaceId} (${instance})`)
        }
      })

      const report = await run({ regions: [region] }, proxy.endpoint)

      expect(looks).toBe(2)
      expect(report.errors).toEqual([])
      expect(report.swept.find((x) => x.id === orphan.id)).toBeUndefined()
      const spared = report.spared.find((x) => x.id === orphan.id)
      expect(spared).toMatchObject({ region, kind: 'security group' })
      const named = (text: string | undefined): string[] => (text ?? '').replace(/^in use by /, '').split(', ').sort()
      expect(spared?.reason).toMatch(/^in use by /)
      expect(named(spared?.reason)).toEqual([...users].sort())
      const line = log().split('\n').find((l) => l.startsWith(`${region}: spared security group ${orphan.id}: `))
      expect(named(line?.slice(`${region}: spared security group ${orphan.id}: `.length))).toEqual([...users].sort())
      expect(await groupExists(client, orphan.id)).toBe(true)
    })

    it('a key pair two instances hold that could not be terminated names both', async () => {
      const region = 'ap-southeast-1'
      const client = ec2(region)
      const shared = await key(client)
      const stuck = [await launch(client, { key: shared, tags: { Name: 'Packer Builder' } }), await launch(client, { key: shared, tags: { Name: 'Packer Builder' } })]
      for (const id of stuck) await client.send(new ModifyInstanceAttributeCommand({ InstanceId: id, DisableApiTermination: { Value: true } }))
      const report = await run({ regions: [region] })
      const reason = report.spared.find((x) => x.kind === 'key pair' && x.id === shared)?.reason
      expect([`used by ${stuck[0]}, ${stuck[1]}, which could not be terminated`, `used by ${stuck[1]}, ${stuck[0]}, which could not be terminated`]).toContain(reason)
    })
  })
})

describe('planSweep, at the edges sweep-plan.test.ts leaves open', () => {
  const NOW = Date.parse('2025-06-01T12:00:00Z')
  const HOUR = 3_600_000
  const RULE: SweepRule = { cutoff: NOW - 6 * HOUR, now: NOW }
  const OLD = NOW - 24 * HOUR
  const name = (ms: number, tail = '1a2b-3c4d-5e6f-7a8b9c0d1e2f'): string => `packer_${Math.floor(ms / 1000).toString(16).padStart(8, '0')}-${tail}`
  const KEY = name(OLD, '0000-0000-0000-000000000001')
  const GROUP = name(OLD, '0000-0000-0000-000000000002')
  const inv = (parts: Partial<Inventory>): Inventory => ({ instances: [], keyPairs: [], securityGroups: [], networkInterfaces: [], images: [], imageSnapshots: {}, ...parts })
  const packerGroup = (GroupId: string, GroupName = GROUP): SecurityGroup => ({ GroupId, GroupName, Description: 'Temporary group for Packer' })
  const planned = (plan: SweepPlan): string[] => [...plan.instances, ...plan.securityGroups, ...plan.keyPairs, ...plan.images].map((p) => `${p.kind} ${p.id}`)
  const spared = (plan: SweepPlan): string[] => plan.spared.map((s) => `${s.kind} ${s.id}: ${s.reason}`)

  it('a name with packer_<uuid> inside it is not Packer\'s', () => {
    const plan = planSweep(inv({ keyPairs: [{ KeyName: `backup-${KEY}` }], securityGroups: [packerGroup('sg-1', `team-${GROUP}`)] }), RULE)
    expect(planned(plan)).toEqual([])
    expect(packerNameTime(`x${KEY}`, NOW)).toBeUndefined()
  })

  it('takes the first second of Packer and five minutes past now as names of Packer, and nothing beyond', () => {
    const epoch = Date.UTC(2013, 5, 1)
    expect(packerNameTime(name(epoch), NOW)).toBe(epoch)
    expect(packerNameTime(name(epoch - 1000), NOW)).toBeUndefined()
    expect(packerNameTime(name(NOW + 5 * 60_000), NOW)).toBe(NOW + 5 * 60_000)
    expect(packerNameTime(name(NOW + 5 * 60_000 + 1000), NOW)).toBeUndefined()
  })

  it('an instance without tags or a state is read, not a crash; a tag without a key is no mark', () => {
    const bare: Instance = { InstanceId: 'i-bare', KeyName: KEY, SecurityGroups: [{ GroupId: 'sg-1', GroupName: GROUP }], LaunchTime: new Date(OLD), State: { Name: 'running' } }
    const stateless: Instance = { ...bare, InstanceId: 'i-nostate', State: undefined }
    const keyless: Instance = { ...bare, InstanceId: 'i-keyless-tag', SecurityGroups: [], Tags: [{ Value: 'Packer Builder' }] }
    const plan = planSweep(inv({ instances: [bare, stateless, keyless] }), RULE)
    expect(planned(plan)).toEqual(['instance i-bare'])
    expect(spared(plan)).toEqual([`instance i-keyless-tag: only one of Packer's marks (temporary key pair ${KEY})`])
  })

  it('the value "Packer Builder" under another key than Name is no mark', () => {
    const i: Instance = { InstanceId: 'i-1', KeyName: KEY, LaunchTime: new Date(OLD), State: { Name: 'running' }, Tags: [{ Key: 'Role', Value: 'Packer Builder' }] }
    expect(instanceMarks(i, NOW)).toEqual([`temporary key pair ${KEY}`])
    expect(spared(planSweep(inv({ instances: [i] }), RULE))).toEqual([`instance i-1: only one of Packer's marks (temporary key pair ${KEY})`])
  })

  it('an instance with no launch time is spared as such', () => {
    const i: Instance = { InstanceId: 'i-1', KeyName: KEY, SecurityGroups: [{ GroupId: 'sg-1', GroupName: GROUP }], State: { Name: 'stopped' } }
    const plan = planSweep(inv({ instances: [i] }), RULE)
    expect(planned(plan)).toEqual([])
    expect(spared(plan)).toEqual(['instance i-1: no launch time'])
  })

  it('a group is in use when any of an interface\'s groups, or any of a staying instance\'s, is it', () => {
    const plan = planSweep(
      inv({
        securityGroups: [packerGroup('sg-a', GROUP), packerGroup('sg-b', name(OLD, '0000-0000-0000-000000000003'))],
        networkInterfaces: [{ NetworkInterfaceId: 'eni-1', Groups: [{ GroupId: 'sg-other' }, { GroupId: 'sg-a' }] }],
        instances: [{ InstanceId: 'i-web', State: { Name: 'running' }, LaunchTime: new Date(OLD), SecurityGroups: [{ GroupId: 'sg-other' }, { GroupId: 'sg-b' }] }]
      }),
      RULE
    )
    expect(planned(plan)).toEqual([])
    expect(spared(plan)).toEqual([`security group ${GROUP} (sg-a): in use by eni-1`, `security group ${name(OLD, '0000-0000-0000-000000000003')} (sg-b): in use by i-web`])
  })

  it('a key pair two staying instances use names both', () => {
    const user = (InstanceId: string): Instance => ({ InstanceId, KeyName: KEY, State: { Name: 'running' }, LaunchTime: new Date(OLD) })
    const plan = planSweep(inv({ keyPairs: [{ KeyName: KEY }], instances: [user('i-1'), user('i-2')] }), RULE)
    expect(spared(plan).filter((s) => s.startsWith('key pair'))).toEqual([`key pair ${KEY}: used by i-1, i-2`])
  })

  it('made exactly at the cutoff counts as before it, for groups, key pairs and AMIs as for instances', () => {
    const at = Math.floor(RULE.cutoff / 1000) * 1000
    const rule = { ...RULE, cutoff: at }
    const key = name(at, '0000-0000-0000-000000000004')
    const grp = name(at, '0000-0000-0000-000000000005')
    const plan = planSweep(
      inv({
        keyPairs: [{ KeyName: key }],
        securityGroups: [packerGroup('sg-at', grp)],
        images: [{ ImageId: 'ami-at', State: 'failed', CreationDate: new Date(at).toISOString(), Tags: [{ Key: FAMILY_TAG, Value: 'web' }] }]
      }),
      rule
    )
    expect(planned(plan).sort()).toEqual(['AMI ami-at', `key pair ${key}`, 'security group sg-at'])
  })

  it('a stuck AMI without a creation date, or made after the cutoff, is spared as such; its snapshots come from its mappings when no stray is known', () => {
    const stuck = (ImageId: string, CreationDate?: string): Image => ({
      ImageId,
      State: 'pending',
      CreationDate,
      Tags: [{ Key: FAMILY_TAG, Value: 'web' }],
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: `snap-${ImageId}` } }]
    })
    const young = new Date(NOW - HOUR).toISOString()
    const plan = planSweep(inv({ images: [stuck('ami-undated'), stuck('ami-young', young), stuck('ami-old', new Date(OLD).toISOString())] }), RULE)
    expect(spared(plan)).toEqual(['AMI ami-undated: no creation date', `AMI ami-young: made ${young.replace(/\.\d{3}Z$/, 'Z')}, after the cutoff`])
    expect(plan.images).toEqual([{ kind: 'AMI', id: 'ami-old', reason: `family web, pending since ${new Date(OLD).toISOString().replace(/\.\d{3}Z$/, 'Z')}`, snapshots: ['snap-ami-old'] }])
  })

  it('an instance planned for termination carries its key pair, so that the key stays if the instance does', () => {
    const i: Instance = { InstanceId: 'i-1', KeyName: KEY, SecurityGroups: [{ GroupId: 'sg-1', GroupName: GROUP }], LaunchTime: new Date(OLD), State: { Name: 'running' } }
    expect(planSweep(inv({ instances: [i] }), RULE).instances[0]).toMatchObject({ kind: 'instance', id: 'i-1', keyName: KEY })
  })

  it('waits up to 15 minutes for instances to go, polling every 5 s, and tries a held group 24 times 5 s apart', () => {
    expect(SWEEP_TIMINGS).toEqual({ pollMs: 5_000, timeoutMs: 15 * 60_000, groupRetryMs: 5_000, groupTries: 24 })
  })
})
