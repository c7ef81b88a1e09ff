/**
 * removeLeftovers (src/aws/leftovers.ts) against moto, written to kill what Stryker's mutants
 * of it showed untested (docs/testing.md): the proof that a thing is this run's (made after the
 * run began, within the clock margin; Packer's own names where EC2 gives no time), the spares
 * (products, deregistration protection), `keep`, the regions looked in, the second look for a
 * late CreateImage, and the failures that must stop the post step. Each test checks the
 * returned list entry by entry and what is left in moto. The last block answers the mutants of
 * the run of 13:23 (docs/testing.md): the look-ups, the waits and what the log says.
 */
import {
  CopyImageCommand,
  CreateKeyPairCommand,
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import { CreateInstanceProfileCommand, CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam'
import { jest } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { removeLeftovers, type Leftover, type LeftoverOptions } from '../../src/aws/leftovers.js'
import type { BuildLedger } from '../../src/packer/ledger.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { asAccount, awsTestEnv, startMoto, type Moto } from '../support/moto.js'

const SOURCE_AMI = 'ami-03cf127a'
const OPTS: LeftoverOptions = { pollMs: 10, timeoutMs: 10_000, groupRetryMs: 10, lateLookMs: 10 }
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }

let moto: Moto
const saved = { ...process.env }
const closers: Array<() => Promise<void>> = []
let out: string[] = []

beforeAll(async () => {
  moto = await startMoto()
})

beforeEach(() => {
  Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' })
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

const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })
const iam = (): IAMClient => new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
/** Packer's names: `packer_` and a uuid for key pairs and groups, `packer-` and one for IAM. */
const packer = (): string => `packer_${randomUUID()}`

function ledger(parts: Partial<BuildLedger>): BuildLedger {
  return { state: 'errored', amiNames: [], images: [], instances: [], keyPairs: [], securityGroups: [], launchTemplates: [], iam: [], copyRegions: [], unconfirmed: false, ...parts }
}

async function through(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<AwsProxy> {
  const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
  closers.push(() => proxy.close())
  process.env.AWS_ENDPOINT_URL = proxy.endpoint
  return proxy
}

async function launch(client: EC2Client, parts: { key?: string; groups?: string[]; keepVolume?: boolean } = {}): Promise<string> {
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: SOURCE_AMI,
      MinCount: 1,
      MaxCount: 1,
      KeyName: parts.key,
      SecurityGroupIds: parts.groups,
      BlockDeviceMappings: parts.keepVolume ? [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 3, DeleteOnTermination: false } }] : undefined
    })
  )
  return Instances[0].InstanceId as string
}

async function ami(client: EC2Client, name: string, region: string): Promise<{ id: string; snapshots: string[] }> {
  const { ImageId } = await client.send(new CopyImageCommand({ SourceImageId: SOURCE_AMI, SourceRegion: region, Name: name }))
  const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ImageId as string] }))
  return { id: ImageId as string, snapshots: (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])) }
}

async function state(client: EC2Client, instance: string): Promise<string | undefined> {
  const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
  return Reservations[0]?.Instances?.[0]?.State?.Name
}

async function imageExists(client: EC2Client, id: string): Promise<boolean> {
  const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [id] }] }))
  return Images.length > 0
}

async function keyExists(client: EC2Client, name: string): Promise<boolean> {
  const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] }))
  return KeyPairs.length > 0
}

async function groupExists(client: EC2Client, name: string): Promise<boolean> {
  const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }))
  return SecurityGroups.length > 0
}

const row = (build: string, region: string, kind: Leftover['kind'], id: string, outcome: Leftover['outcome'] = 'removed', note?: string): Leftover => ({
  build,
  region,
  kind,
  id,
  outcome,
  note
})
const byId = (list: Leftover[]): Leftover[] => [...list].sort((a, b) => `${a.kind} ${a.id}`.localeCompare(`${b.kind} ${b.id}`))

describe('removeLeftovers removes what the build made', () => {
  it('every EC2 kind, each once, found by id or by the build\'s names; nothing of another name', async () => {
    const region = 'us-east-1'
    const client = ec2(region)
    const runStart = new Date()
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    const group = packer()
    const { GroupId } = await client.send(new CreateSecurityGroupCommand({ GroupName: group, Description: 'Temporary group for Packer' }))
    const teamGroup = `team-${randomUUID()}`
    await client.send(new CreateSecurityGroupCommand({ GroupName: teamGroup, Description: 'a team group the ledger names' }))
    // Printed by Packer, holding the key pair and the group, with a volume that outlives it.
    const printed = await launch(client, { key, groups: [GroupId as string], keepVolume: true })
    // Never printed: found by the key pair, and by the group.
    const byKey = await launch(client, { key })
    const byGroup = await launch(client, { groups: [GroupId as string] })
    const other = await launch(client)
    const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [printed] }))
    const volume = Reservations[0].Instances?.[0].BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.VolumeId as string
    const { LaunchTemplate } = await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `fleet-${randomUUID()}`, LaunchTemplateData: { ImageId: SOURCE_AMI } }))
    const name = `web-${randomUUID()}`
    const image = await ami(client, name, region)
    const unnamed = await ami(client, `other-${randomUUID()}`, region)

    const found = await removeLeftovers(
      {
        builds: [['amazon-ebs.web', ledger({ amiNames: [name], instances: [printed], keyPairs: [key], securityGroups: [group, teamGroup], launchTemplates: [LaunchTemplate?.LaunchTemplateId as string] })]],
        regions: [region],
        runStart,
        productAmis: [],
        keep: false
      },
      OPTS
    )

    const b = 'amazon-ebs.web'
    expect(byId(found)).toEqual(
      byId([
        row(b, region, 'instance', printed),
        row(b, region, 'instance', byKey),
        row(b, region, 'instance', byGroup),
        row(b, region, 'volume', volume),
        row(b, region, 'AMI', image.id),
        ...image.snapshots.map((s) => row(b, region, 'snapshot', s)),
        row(b, region, 'launch template', LaunchTemplate?.LaunchTemplateId as string),
        row(b, region, 'security group', `${group} (${GroupId})`),
        row(b, region, 'key pair', key)
      ])
    )
    expect(image.snapshots.length).toBeGreaterThan(0)
    for (const id of [printed, byKey, byGroup]) expect(await state(client, id)).toBe('terminated')
    expect(await state(client, other)).toBe('running')
    const { Volumes = [] } = await client.send(new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [volume] }] }))
    expect(Volumes.filter((v) => v.State !== 'deleted')).toEqual([])
    expect(await imageExists(client, image.id)).toBe(false)
    expect(await imageExists(client, unnamed.id)).toBe(true)
    expect(await groupExists(client, group)).toBe(false)
    expect(await groupExists(client, teamGroup)).toBe(true)
    expect(await keyExists(client, key)).toBe(false)
    expect((await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [LaunchTemplate?.LaunchTemplateId as string] })).catch(() => ({ LaunchTemplates: [] }))).LaunchTemplates ?? []).toEqual([])
    expect(out.join('')).toContain(`${region}: removed instance ${printed} of ${b}\n`)
    expect(out.join('')).toContain(`${region}: removed security group ${group} (${GroupId}) of ${b}\n`)
  })

  it('the IAM role and profile of Packer\'s name, as global; another name in the ledger stays', async () => {
    const name = `packer-${randomUUID()}`
    const team = `team-${randomUUID()}`
    await iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: '{}' }))
    await iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: name }))
    await iam().send(new CreateRoleCommand({ RoleName: team, AssumeRolePolicyDocument: '{}' }))
    const found = await removeLeftovers({ builds: [['b', ledger({ iam: [name, team] })]], regions: ['us-east-1'], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, OPTS)
    expect(found.map((f) => `${f.region} ${f.kind} ${f.id} ${f.outcome}`).sort()).toEqual([`global instance profile ${name} removed`, `global role ${name} removed`])
    await expect(iam().send(new GetRoleCommand({ RoleName: team }))).resolves.toBeDefined()
  })

  it('an AMI copied to another region is found there too, by its name', async () => {
    const east = ec2('us-east-1')
    const west = ec2('us-west-2')
    const runStart = new Date()
    const name = `copied-${randomUUID()}`
    const source = await ami(east, name, 'us-east-1')
    const { ImageId: copy } = await west.send(new CopyImageCommand({ SourceImageId: source.id, SourceRegion: 'us-east-1', Name: name }))
    const found = await removeLeftovers({ builds: [['b', ledger({ amiNames: [name], copyRegions: ['us-west-2'] })]], regions: ['us-east-1'], runStart, productAmis: [], keep: false }, OPTS)
    expect(found.filter((f) => f.kind === 'AMI').map((f) => `${f.region} ${f.id}`).sort()).toEqual([`us-east-1 ${source.id}`, `us-west-2 ${copy}`])
    expect(await imageExists(west, copy as string)).toBe(false)
  })

  it('with no region given, looks in every enabled region', async () => {
    const region = 'sa-east-1'
    const key = packer()
    await ec2(region).send(new CreateKeyPairCommand({ KeyName: key }))
    const proxy = await through()
    const found = await removeLeftovers({ builds: [['b', ledger({ keyPairs: [key] })]], regions: [], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, OPTS)
    expect(found).toEqual([row('b', region, 'key pair', key)])
    expect(proxy.calls.filter((c) => c.action === 'DescribeRegions').map((c) => c.region)).toEqual(['us-east-1'])
    expect(new Set(proxy.calls.filter((c) => c.action === 'DescribeKeyPairs').map((c) => c.region)).size).toBeGreaterThan(10)
  })

  it('no build left anything: no call at all', async () => {
    const proxy = await through()
    await expect(removeLeftovers({ builds: [], regions: [], runStart: new Date(), productAmis: [], keep: false }, OPTS)).resolves.toEqual([])
    expect(proxy.calls).toEqual([])
  })
})

describe('removeLeftovers proves each thing is this run\'s', () => {
  it('what was made before the run began (beyond the clock margin) is not taken, whatever its name', async () => {
    const region = 'eu-west-3'
    const client = ec2(region)
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    const group = packer()
    await client.send(new CreateSecurityGroupCommand({ GroupName: group, Description: 'Temporary group for Packer' }))
    const instance = await launch(client, { key })
    const name = `old-${randomUUID()}`
    const image = await ami(client, name, region)
    const { LaunchTemplate } = await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `old-${randomUUID()}`, LaunchTemplateData: { ImageId: SOURCE_AMI } }))
    const build = ledger({ amiNames: [name], instances: [instance], keyPairs: [key], launchTemplates: [LaunchTemplate?.LaunchTemplateId as string] })

    const later = new Date(Date.now() + 60_000)
    await expect(removeLeftovers({ builds: [['b', build]], regions: [region], runStart: later, productAmis: [], keep: false }, OPTS)).resolves.toEqual([])
    expect(await state(client, instance)).toBe('running')
    expect(await imageExists(client, image.id)).toBe(true)
    expect(await keyExists(client, key)).toBe(true)

    // Two and a half seconds after they were made is within the five-second margin: they are this run's.
    const within = new Date(Date.now() + 2_500)
    const found = await removeLeftovers({ builds: [['b', build]], regions: [region], runStart: within, productAmis: [], keep: true }, OPTS)
    expect(found.map((f) => `${f.kind} ${f.outcome}`).sort()).toEqual(
      ['AMI kept', 'instance kept', 'key pair kept', 'launch template kept', ...image.snapshots.map(() => 'snapshot kept')].sort()
    )
  })

  it('a key pair EC2 gives no creation time for is taken only with Packer\'s name', async () => {
    const region = 'eu-north-1'
    const client = ec2(region)
    const key = packer()
    const team = `team-${randomUUID()}`
    for (const name of [key, team]) await client.send(new CreateKeyPairCommand({ KeyName: name }))
    // EC2 answers without createTime for key pairs made before it started reporting one.
    const proxy = await startAwsProxy({ target: moto.endpoint })
    closers.push(() => proxy.close())
    const stripping = await startStrippingProxy(proxy.endpoint)
    process.env.AWS_ENDPOINT_URL = stripping
    const found = await removeLeftovers({ builds: [['b', ledger({ keyPairs: [key, team] })]], regions: [region], runStart: new Date(Date.now() + 60_000), productAmis: [], keep: false }, OPTS)
    expect(found).toEqual([row('b', region, 'key pair', key)])
    expect(await keyExists(client, team)).toBe(true)
  })
})

/** Forwards to `target`, dropping `<createTime>` from DescribeKeyPairs answers. */
async function startStrippingProxy(target: string): Promise<string> {
  const http = await import('node:http')
  const upstream = new URL(target)
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const forwarded = http.request(target, { method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        const parts: Buffer[] = []
        answer.on('data', (c: Buffer) => parts.push(c))
        answer.on('end', () => {
          let text = Buffer.concat(parts).toString('utf8')
          if (body.toString('utf8').includes('Action=DescribeKeyPairs')) text = text.replace(/<createTime>[^<]*<\/createTime>/g, '')
          res.writeHead(answer.statusCode ?? 500, { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) }).end(text)
        })
      })
      forwarded.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  const { port } = server.address() as { port: number }
  return `http://127.0.0.1:${port}`
}

describe('removeLeftovers spares and keeps', () => {
  it('spares the products and AMIs under deregistration protection; keep lists everything and removes nothing', async () => {
    const region = 'ap-southeast-1'
    const client = ec2(region)
    const runStart = new Date()
    const name = `web-${randomUUID()}`
    const product = await ami(client, name, region)
    const guarded = await ami(client, name, region)
    const leftover = await ami(client, name, region)
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    const instance = await launch(client, { key })
    const proxy = await through()
    await new EC2Client({ region, endpoint: proxy.endpoint, credentials }).send(new EnableImageDeregistrationProtectionCommand({ ImageId: guarded.id }))
    const build = ledger({ amiNames: [name], instances: [instance], keyPairs: [key], unconfirmed: true })

    const kept = await removeLeftovers({ builds: [['b', build]], regions: [region], runStart, productAmis: [product.id], keep: true }, OPTS)
    expect(byId(kept)).toEqual(
      byId([
        row('b', region, 'instance', instance, 'kept'),
        row('b', region, 'AMI', guarded.id, 'spared', 'deregistration protection is on'),
        row('b', region, 'AMI', leftover.id, 'kept'),
        ...leftover.snapshots.map((s) => row('b', region, 'snapshot', s, 'kept')),
        row('b', region, 'key pair', key, 'kept')
      ])
    )
    // Kept: no removal, and no second look for a late CreateImage.
    expect(proxy.calls.filter((c) => /^(Terminate|Deregister|Delete)/.test(c.action))).toEqual([])
    expect(out.join('')).not.toContain('may still be landing')
    expect(await state(client, instance)).toBe('running')
    expect(out.join('')).toContain(`${region}: kept instance ${instance} of b\n`)
    expect(out.join('')).toContain(`${region}: spared AMI ${guarded.id} of b (deregistration protection is on)\n`)

    const removed = await removeLeftovers({ builds: [['b', build]], regions: [region], runStart, productAmis: [product.id], keep: false }, OPTS)
    expect(removed.filter((f) => f.kind === 'AMI')).toEqual(
      expect.arrayContaining([row('b', region, 'AMI', guarded.id, 'spared', 'deregistration protection is on'), row('b', region, 'AMI', leftover.id)])
    )
    expect(removed.some((f) => f.id === product.id)).toBe(false)
    expect(await imageExists(client, product.id)).toBe(true)
    expect(await imageExists(client, guarded.id)).toBe(true)
    expect(await imageExists(client, leftover.id)).toBe(false)
    expect(proxy.calls.some((c) => c.action === 'DeregisterImage' && Object.values(c.params).includes(guarded.id))).toBe(false)
  })

  it('looks again after lateLookMs for a build whose CreateImage was not confirmed, and finds what landed', async () => {
    const region = 'us-east-2'
    const client = ec2(region)
    const runStart = new Date()
    const name = `late-${randomUUID()}`
    const landing = sleep(150).then(() => ami(client, name, region))
    const found = await removeLeftovers({ builds: [['late', ledger({ amiNames: [name], unconfirmed: true })], ['sure', ledger({ amiNames: [`x-${randomUUID()}`] })]], regions: [region], runStart, productAmis: [], keep: false }, { ...OPTS, lateLookMs: 600 })
    const late = await landing
    expect(found.filter((f) => f.kind === 'AMI')).toEqual([row('late', region, 'AMI', late.id)])
    expect(await imageExists(client, late.id)).toBe(false)
    expect(out.join('')).toContain('A CreateImage or CopyImage may still be landing for late: looking again in 0.6 s')
  })
})

describe('removeLeftovers fails where a leftover would stay behind', () => {
  it('instances that do not terminate in time', async () => {
    const region = 'ca-central-1'
    const client = ec2(region)
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    const instance = await launch(client, { key })
    await through({
      answer: (action) =>
        action === 'TerminateInstances'
          ? { status: 200, contentType: 'text/xml', body: '<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><instancesSet/></TerminateInstancesResponse>' }
          : undefined
    })
    await expect(
      removeLeftovers({ builds: [['b', ledger({ instances: [instance], keyPairs: [key] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, { ...OPTS, timeoutMs: 50 })
    ).rejects.toThrow(`instances ${instance} in ${region} did not terminate in time`)
    expect(await keyExists(client, key)).toBe(true)
  })

  it('a volume that stays attached past the timeout; one already gone is no error', async () => {
    const region = 'ap-south-1'
    const client = ec2(region)
    const instance = await launch(client, { keepVolume: true })
    const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
    const volume = Reservations[0].Instances?.[0].BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.VolumeId as string
    const volumeAnswer = (status: string) => ({
      status: 200,
      contentType: 'text/xml',
      body: `<DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><volumeSet>${status === '' ? '' : `<item><volumeId>${volume}</volumeId><status>${status}</status></item>`}</volumeSet></DescribeVolumesResponse>`
    })
    let shown = 'in-use'
    const proxy = await through({ answer: (action) => (action === 'DescribeVolumes' ? volumeAnswer(shown) : undefined) })
    const build = ledger({ instances: [instance] })
    const start = Date.now()
    await expect(removeLeftovers({ builds: [['b', build]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, { ...OPTS, timeoutMs: 300 })).rejects.toThrow(
      `volume ${volume} is still in-use`
    )
    expect(Date.now() - start).toBeGreaterThanOrEqual(300)
    expect(proxy.calls.filter((c) => c.action === 'DescribeVolumes').length).toBeGreaterThan(2)

    for (const gone of ['', 'deleting', 'deleted']) {
      shown = gone
      const again = await launch(client, { keepVolume: true })
      const { Reservations: r = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [again] }))
      const v = r[0].Instances?.[0].BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.VolumeId as string
      const found = await removeLeftovers({ builds: [['b', ledger({ instances: [again] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, OPTS)
      expect(found.map((f) => `${f.kind} ${f.outcome}`).sort()).toEqual(['instance removed', 'volume removed'])
      expect(proxy.calls.filter((c) => c.action === 'DeleteVolume' && Object.values(c.params).includes(v))).toEqual([])
    }
  })

  it('a launch template id the region does not know is no error', async () => {
    const region = 'eu-south-1'
    await through({ unknownLaunchTemplateIds: 'not-found' })
    await expect(
      removeLeftovers({ builds: [['b', ledger({ launchTemplates: ['lt-0123456789abcdef0'] })]], regions: [region], runStart: new Date(), productAmis: [], keep: false }, OPTS)
    ).resolves.toEqual([])
  })
})

describe('removeLeftovers leaves alone what only looks like the build\'s', () => {
  it('keep removes nothing: the surviving volume, the launch template and the group are all still there', async () => {
    const region = 'eu-west-2'
    const client = ec2(region)
    const runStart = new Date()
    const group = packer()
    const { GroupId } = await client.send(new CreateSecurityGroupCommand({ GroupName: group, Description: 'Temporary group for Packer' }))
    const instance = await launch(client, { groups: [GroupId as string], keepVolume: true })
    const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
    const volume = Reservations[0].Instances?.[0].BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.VolumeId as string
    const { LaunchTemplate } = await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `kept-${randomUUID()}`, LaunchTemplateData: { ImageId: SOURCE_AMI } }))
    const id = LaunchTemplate?.LaunchTemplateId as string
    const proxy = await through()
    const found = await removeLeftovers(
      { builds: [['b', ledger({ instances: [instance], securityGroups: [group], launchTemplates: [id] })]], regions: [region], runStart, productAmis: [], keep: true },
      OPTS
    )
    expect(found.map((f) => `${f.kind} ${f.outcome}`).sort()).toEqual(['instance kept', 'launch template kept', 'security group kept', 'volume kept'])
    expect(proxy.calls.filter((c) => /^(Terminate|Deregister|Delete)/.test(c.action))).toEqual([])
    expect(await state(client, instance)).toBe('running')
    expect(await groupExists(client, group)).toBe(true)
    expect((await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }))).LaunchTemplates).toHaveLength(1)
    const { Volumes = [] } = await client.send(new DescribeVolumesCommand({ VolumeIds: [volume] }))
    expect(Volumes[0]?.State).toBe('in-use')
  })

  it('a team key pair or group the ledger names does not make the instances holding it the build\'s', async () => {
    const region = 'us-west-1'
    const client = ec2(region)
    const runStart = new Date()
    const teamKey = `team-${randomUUID()}`
    await client.send(new CreateKeyPairCommand({ KeyName: teamKey }))
    const teamGroup = `team-${randomUUID()}`
    const { GroupId } = await client.send(new CreateSecurityGroupCommand({ GroupName: teamGroup, Description: 'a team group' }))
    const byKey = await launch(client, { key: teamKey })
    const byGroup = await launch(client, { groups: [GroupId as string] })
    const found = await removeLeftovers({ builds: [['b', ledger({ keyPairs: [teamKey], securityGroups: [teamGroup] })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(found.filter((f) => f.kind === 'instance')).toEqual([])
    expect(await state(client, byKey)).toBe('running')
    expect(await state(client, byGroup)).toBe('running')
    expect(await groupExists(client, teamGroup)).toBe(true)
  })

  it('a build that printed only its instance takes no other instance launched during the run, with a key pair or a group', async () => {
    // Through the proxy, which reads a DescribeInstances filter of no value as EC2 does ("has
    // some value"): asking by an empty list of key pairs would match every instance with one.
    await through()
    const region = 'sa-east-1'
    const client = ec2(region)
    const runStart = new Date()
    const teamKey = `team-${randomUUID()}`
    await client.send(new CreateKeyPairCommand({ KeyName: teamKey }))
    const { GroupId } = await client.send(new CreateSecurityGroupCommand({ GroupName: `team-${randomUUID()}`, Description: 'a team group' }))
    const printed = await launch(client)
    const withKey = await launch(client, { key: teamKey })
    const withGroup = await launch(client, { groups: [GroupId as string] })
    const bare = await launch(client)
    const found = await removeLeftovers({ builds: [['b', ledger({ instances: [printed] })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(found).toEqual([row('b', region, 'instance', printed)])
    expect(await state(client, printed)).toBe('terminated')
    for (const id of [withKey, withGroup, bare]) expect(await state(client, id)).toBe('running')
  })

  it('a group is Packer\'s only when its whole name is packer_ and a uuid', async () => {
    const region = 'eu-central-1'
    const client = ec2(region)
    const runStart = new Date()
    const names = [`team-${packer()}`, 'packer_abc-team', `${packer()}-team`]
    for (const GroupName of names) await client.send(new CreateSecurityGroupCommand({ GroupName, Description: 'Temporary group for Packer' }))
    const found = await removeLeftovers({ builds: [['b', ledger({ securityGroups: names })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(found).toEqual([])
    for (const name of names) expect(await groupExists(client, name)).toBe(true)
  })

  it('a launch template the build did not name stays, though it was made during the run', async () => {
    const region = 'ap-southeast-2'
    const client = ec2(region)
    const runStart = new Date()
    const make = async (): Promise<string> =>
      (await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `other-${randomUUID()}`, LaunchTemplateData: { ImageId: SOURCE_AMI } }))).LaunchTemplate
        ?.LaunchTemplateId as string
    const someoneElses = await make()
    const builds = await make()
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    // A ledger naming no launch template, and one naming another.
    const none = await removeLeftovers({ builds: [['b', ledger({ keyPairs: [key] })]], regions: [region], runStart, productAmis: [], keep: true }, OPTS)
    expect(none.filter((f) => f.kind === 'launch template')).toEqual([])
    const named = await removeLeftovers({ builds: [['b', ledger({ launchTemplates: [builds] })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(named.filter((f) => f.kind === 'launch template').map((f) => f.id)).toEqual([builds])
    expect((await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [someoneElses] }))).LaunchTemplates).toHaveLength(1)
  })
})

/** The volume an instance launched with `keepVolume` keeps past its termination. */
async function keptVolume(client: EC2Client, instance: string): Promise<string> {
  const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
  return Reservations[0].Instances?.[0].BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdf')?.Ebs?.VolumeId as string
}

const stillAttached = (volume: string): { status: number; contentType: string; body: string } => ({
  status: 200,
  contentType: 'text/xml',
  body: `<DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><volumeSet><item><volumeId>${volume}</volumeId><status>in-use</status></item></volumeSet></DescribeVolumesResponse>`
})

describe('removeLeftovers asks AWS for what the build named, in the right region, and says what it waits for', () => {
  it('asks for the enabled regions in the runner\'s region (AWS_REGION), and in us-east-1 without one', async () => {
    // A runner in another partition (aws-cn, aws-us-gov) cannot call us-east-1 at all.
    const region = 'ap-northeast-3'
    const proxy = await through()
    for (const runner of ['eu-west-1', undefined]) {
      if (runner === undefined) delete process.env.AWS_REGION
      else process.env.AWS_REGION = runner
      const key = packer()
      await ec2(region).send(new CreateKeyPairCommand({ KeyName: key }))
      proxy.calls.length = 0
      const found = await removeLeftovers({ builds: [['b', ledger({ keyPairs: [key] })]], regions: [], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, OPTS)
      expect(found).toEqual([row('b', region, 'key pair', key)])
      expect(proxy.calls.filter((c) => c.action === 'DescribeRegions').map((c) => c.region)).toEqual([runner ?? 'us-east-1'])
    }
  })

  it('looks a second time only for the builds whose CreateImage was not confirmed, and names each of them', async () => {
    const region = 'us-east-2'
    const confirmed = await removeLeftovers({ builds: [['sure', ledger({ amiNames: [`x-${randomUUID()}`] })]], regions: [region], runStart: new Date(), productAmis: [], keep: false }, OPTS)
    expect(confirmed).toEqual([])
    expect(out.join('')).not.toContain('may still be landing')
    await removeLeftovers(
      { builds: [['web', ledger({ amiNames: [`w-${randomUUID()}`], unconfirmed: true })], ['db', ledger({ amiNames: [`d-${randomUUID()}`], unconfirmed: true })]], regions: [region], runStart: new Date(), productAmis: [], keep: false },
      OPTS
    )
    expect(out.join('')).toContain('A CreateImage or CopyImage may still be landing for web, db: looking again in 0.01 s\n')
  })

  it('names every instance that did not terminate in time', async () => {
    const region = 'ca-central-1'
    const client = ec2(region)
    const one = await launch(client)
    const two = await launch(client)
    await through({
      answer: (action) =>
        action === 'TerminateInstances'
          ? { status: 200, contentType: 'text/xml', body: '<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><instancesSet/></TerminateInstancesResponse>' }
          : undefined
    })
    const failed = await removeLeftovers({ builds: [['b', ledger({ instances: [one, two] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, { ...OPTS, timeoutMs: 50 }).then(
      () => undefined,
      (error: Error) => error.message
    )
    const named = /^instances (.+) in ca-central-1 did not terminate in time$/.exec(failed ?? '')?.[1]
    expect(named?.split(', ').sort()).toEqual([one, two].sort())
  })

  it('waits for the kept volume itself, not for another volume of the region still in use', async () => {
    const region = 'ap-northeast-2'
    const client = ec2(region)
    // A team's instance, launched first: its root volume is the first of the region, and stays in use.
    const team = await launch(client)
    const instance = await launch(client, { keepVolume: true })
    const volume = await keptVolume(client, instance)
    const proxy = await through()
    const found = await removeLeftovers({ builds: [['b', ledger({ instances: [instance] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, { ...OPTS, timeoutMs: 1000 })
    expect(byId(found)).toEqual(byId([row('b', region, 'instance', instance), row('b', region, 'volume', volume)]))
    const { Volumes = [] } = await client.send(new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [volume] }] }))
    expect(Volumes.filter((v) => v.State !== 'deleted')).toEqual([])
    expect(await state(client, team)).toBe('running')
    expect(proxy.calls.filter((c) => c.action === 'DeleteVolume').map((c) => c.params.VolumeId)).toEqual([volume])
  })

  it('a volume still attached when the time is up gets no look after it', async () => {
    const region = 'ap-south-1'
    const client = ec2(region)
    const instance = await launch(client, { keepVolume: true })
    const volume = await keptVolume(client, instance)
    const proxy = await through({ answer: (action) => (action === 'DescribeVolumes' ? stillAttached(volume) : undefined) })
    // The clock stands still: the look at the volume ends in the very millisecond the time is up.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now())
    await expect(removeLeftovers({ builds: [['b', ledger({ instances: [instance] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, { ...OPTS, timeoutMs: 0 })).rejects.toThrow(
      `volume ${volume} is still in-use`
    )
    expect(proxy.calls.filter((c) => c.action === 'DescribeVolumes')).toHaveLength(1)
  }, 5_000)

  it('looks up only the kinds the build made, and AMIs of this account by the build\'s names', async () => {
    const region = 'eu-west-1'
    const client = ec2(region)
    const proxy = await through()
    const instance = await launch(client)
    await removeLeftovers({ builds: [['b', ledger({ instances: [instance] })]], regions: [region], runStart: new Date(Date.now() - 1000), productAmis: [], keep: false }, OPTS)
    expect(proxy.calls.filter((c) => /^Describe(Images|LaunchTemplates|SecurityGroups|KeyPairs)$/.test(c.action))).toEqual([])

    proxy.calls.length = 0
    const names = [`web-${randomUUID()}`, `db-${randomUUID()}`]
    const group = packer()
    const key = packer()
    await removeLeftovers({ builds: [['b', ledger({ amiNames: names, securityGroups: [group], keyPairs: [key] })]], regions: [region], runStart: new Date(), productAmis: [], keep: false }, OPTS)
    const asked = (action: string): Array<Record<string, string>> => proxy.calls.filter((c) => c.action === action).map((c) => c.params)
    expect(asked('DescribeImages')).toEqual([expect.objectContaining({ 'Owner.1': 'self', 'Filter.1.Name': 'name', 'Filter.1.Value.1': names[0], 'Filter.1.Value.2': names[1] })])
    expect(asked('DescribeSecurityGroups')).toEqual([expect.objectContaining({ 'Filter.1.Name': 'group-name', 'Filter.1.Value.1': group })])
    expect(asked('DescribeKeyPairs')).toEqual([expect.objectContaining({ 'Filter.1.Name': 'key-name', 'Filter.1.Value.1': key })])
  })

  it('another account\'s public AMI of the build\'s name, made during the run, stays and is in no entry', async () => {
    const region = 'eu-west-3'
    const client = ec2(region)
    const other = '111122223333'
    const runStart = new Date()
    const name = `web-${randomUUID()}`
    const theirs = asAccount(ec2(region), other)
    const { ImageId: public_ } = await theirs.send(new CopyImageCommand({ SourceImageId: SOURCE_AMI, SourceRegion: region, Name: name }))
    await theirs.send(new ModifyImageAttributeCommand({ ImageId: public_, LaunchPermission: { Add: [{ Group: 'all' }] } }))
    const ours = await ami(client, name, region)
    const proxy = await through({ otherAccounts: [other] })
    // Through the proxy, as in EC2, the account sees that AMI unless it asks for its own only.
    const { Images: visible = [] } = await new EC2Client({ region, endpoint: proxy.endpoint, credentials }).send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: [name] }] }))
    expect(visible.map((i) => i.ImageId).sort()).toEqual([ours.id, public_].sort())
    proxy.calls.length = 0

    const found = await removeLeftovers({ builds: [['b', ledger({ amiNames: [name] })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(byId(found)).toEqual(byId([row('b', region, 'AMI', ours.id), ...ours.snapshots.map((s) => row('b', region, 'snapshot', s))]))
    expect(proxy.calls.filter((c) => c.action === 'DeregisterImage').map((c) => c.params.ImageId)).toEqual([ours.id])
    const { Images: still = [] } = await theirs.send(new DescribeImagesCommand({ ImageIds: [public_ as string] }))
    expect(still.map((i) => i.ImageId)).toEqual([public_])
  })

  it('an AMI EC2 still lists as deregistered is not taken a second time; the rest is removed', async () => {
    const region = 'sa-east-1'
    const client = ec2(region)
    const runStart = new Date()
    const name = `web-${randomUUID()}`
    const image = await ami(client, name, region)
    // EC2's answer while the image was there; then Packer's own cleanup deregistered it and deleted its snapshots.
    const listed = await fetch(moto.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=testing/20200101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0` },
      body: new URLSearchParams({ Action: 'DescribeImages', Version: '2016-11-15', 'ImageId.1': image.id }).toString()
    }).then((r) => r.text())
    expect(listed).toContain('<imageState>available</imageState>')
    await client.send(new DeregisterImageCommand({ ImageId: image.id }))
    for (const SnapshotId of image.snapshots) await client.send(new DeleteSnapshotCommand({ SnapshotId }))
    const key = packer()
    await client.send(new CreateKeyPairCommand({ KeyName: key }))
    // "Recently deregistered images appear in the returned results for a short interval" (API_DescribeImages.html).
    const proxy = await through({
      answer: (action) => (action === 'DescribeImages' ? { status: 200, contentType: 'text/xml', body: listed.replace('<imageState>available</imageState>', '<imageState>deregistered</imageState>') } : undefined)
    })
    const found = await removeLeftovers({ builds: [['b', ledger({ amiNames: [name], keyPairs: [key] })]], regions: [region], runStart, productAmis: [], keep: false }, OPTS)
    expect(found).toEqual([row('b', region, 'key pair', key)])
    expect(proxy.calls.filter((c) => /^(DeregisterImage|DeleteSnapshot)$/.test(c.action))).toEqual([])
    expect(await keyExists(client, key)).toBe(false)
  })
})
