/**
 * removeLeftovers against moto, for every kind of resource a build of packer-plugin-amazon
 * v1.8.2 creates, with look-alikes (the same names, made before the run began) that must
 * survive. Resources are made directly with the SDK, as the plugin would make them.
 */
import {
  CopyImageCommand,
  CreateKeyPairCommand,
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand
} from '@aws-sdk/client-iam'
import { setTimeout as sleep } from 'node:timers/promises'
import { removeLeftovers } from '../../src/aws/leftovers.js'
import type { BuildLedger } from '../../src/packer/ledger.js'
import { startAwsProxy, type AwsProxyCall } from '../support/aws-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'

let moto: Moto
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })
const iam = (): IAMClient => new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
const OPTS = { pollMs: 50, timeoutMs: 30_000, groupRetryMs: 50, lateLookMs: 50 }
const uuid = (n: number): string => `6650e2c${n}-1a2b-3c4d-5e6f-7a8b9c0d1e2f`

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' })
})

afterAll(async () => {
  await moto?.stop()
})

function ledger(parts: Partial<BuildLedger>): BuildLedger {
  return { state: 'running', amiNames: [], images: [], instances: [], keyPairs: [], securityGroups: [], launchTemplates: [], iam: [], copyRegions: [], unconfirmed: false, ...parts }
}

async function exists(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check()
    return true
  } catch {
    return false
  }
}

describe('removeLeftovers', () => {
  it('removes every kind a build leaves, in an order AWS accepts, and spares look-alikes made before the run', async () => {
    const east = ec2('us-east-1')
    const west = ec2('us-west-2')
    // Look-alikes: the names a build could announce, made before the run began.
    const { ImageId: oldAmi } = await east.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: 'web-release' }))
    await east.send(new CreateKeyPairCommand({ KeyName: 'team-key' }))
    await iam().send(new CreateRoleCommand({ RoleName: `packer-${uuid(9)}`, AssumeRolePolicyDocument: '{}' }))
    await sleep(6000)
    const runStart = new Date()

    // What the build made: a group, a key pair, an instance holding both and a volume that
    // outlives it, a launch template, the IAM trio, an AMI and its copy in another region.
    const group = `packer_${uuid(1)}`
    const { GroupId } = await east.send(new CreateSecurityGroupCommand({ GroupName: group, Description: 'Temporary group for Packer' }))
    await east.send(new CreateKeyPairCommand({ KeyName: `packer_${uuid(2)}` }))
    const { Instances = [] } = await east.send(
      new RunInstancesCommand({
        ImageId: 'ami-03cf127a',
        MinCount: 1,
        MaxCount: 1,
        KeyName: `packer_${uuid(2)}`,
        SecurityGroupIds: [GroupId as string],
        BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 8, DeleteOnTermination: false } }]
      })
    )
    const instance = Instances[0].InstanceId as string
    const { LaunchTemplate } = await east.send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: `packer-fleet-launch-template-${Date.now()}`, LaunchTemplateData: { ImageId: 'ami-03cf127a' } })
    )
    const name = `packer-${uuid(3)}`
    await iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: '{}' }))
    await iam().send(new PutRolePolicyCommand({ RoleName: name, PolicyName: name, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeTags'], Resource: '*' }] }) }))
    await iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: name }))
    await iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }))
    const amiName = `web-${Date.now()}`
    const { ImageId: ami } = await east.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: amiName }))
    const { ImageId: copy } = await west.send(new CopyImageCommand({ SourceImageId: ami, SourceRegion: 'us-east-1', Name: amiName }))

    const snapshotsBefore = new Map<string, string[]>()
    for (const [client, id] of [[east, ami], [west, copy]] as const) {
      const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [id as string] }))
      snapshotsBefore.set(id as string, (Images[0]?.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId as string))
    }

    const build = ledger({
      amiNames: [amiName, 'web-release'],
      images: [ami as string, oldAmi as string],
      instances: [instance],
      keyPairs: [`packer_${uuid(2)}`, 'team-key'],
      securityGroups: [group],
      launchTemplates: [LaunchTemplate?.LaunchTemplateId as string],
      iam: [name, `packer-${uuid(9)}`],
      copyRegions: ['us-west-2']
    })
    // Through the proxy, which records the calls in the order they were made.
    const proxy = await startAwsProxy({ target: moto.endpoint })
    const endpoint = process.env.AWS_ENDPOINT_URL
    process.env.AWS_ENDPOINT_URL = proxy.endpoint
    let found: Awaited<ReturnType<typeof removeLeftovers>>
    try {
      found = await removeLeftovers({ builds: [['amazon-ebs.web', build]], regions: ['us-east-1'], runStart, productAmis: [], keep: false }, OPTS)
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint
      await proxy.close()
    }
    const removed = found.filter((f) => f.outcome === 'removed').map((f) => `${f.region} ${f.kind}`)
    expect(removed.sort()).toEqual(
      [
        'us-east-1 instance',
        'us-east-1 volume',
        'us-east-1 AMI',
        'us-east-1 snapshot',
        'us-east-1 launch template',
        'us-east-1 security group',
        'us-east-1 key pair',
        'us-west-2 AMI',
        'us-west-2 snapshot',
        'global instance profile',
        'global role'
      ].sort()
    )
    const { Reservations = [] } = await east.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
    expect(Reservations[0].Instances?.[0].State?.Name).toBe('terminated')
    const { Volumes = [] } = await east.send(new DescribeVolumesCommand({ Filters: [{ Name: 'size', Values: ['8'] }] }))
    expect(Volumes.filter((v) => v.State !== 'deleted')).toEqual([])
    expect((await east.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [group] }] }))).SecurityGroups).toEqual([])
    expect((await east.send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? []).toEqual([])
    expect(await exists(() => iam().send(new GetRoleCommand({ RoleName: name })))).toBe(false)
    expect(await exists(() => iam().send(new GetInstanceProfileCommand({ InstanceProfileName: name })))).toBe(false)
    for (const [client, id] of [[east, ami], [west, copy]] as const) {
      const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [id as string] }] }))
      expect(Images).toEqual([])
    }

    // The order: each removal comes after what AWS refuses it before.
    const [snapshot] = snapshotsBefore.get(ami as string) ?? []
    const [copySnapshot] = snapshotsBefore.get(copy as string) ?? []
    type Call = [region: string, action: string, id?: string]
    const matches = ([region, action, id]: Call) => (c: AwsProxyCall): boolean =>
      c.region === region && c.action === action && (id === undefined || Object.values(c.params).includes(id))
    const lastOf = (call: Call): number => proxy.calls.reduce((found, c, i) => (matches(call)(c) ? i : found), -1)
    const mustPrecede: Array<[string, Call, Call]> = [
      // A volume is deleted once detached (VolumeInUse); a group once no instance uses it (DependencyViolation).
      ['instance before its volume', ['us-east-1', 'TerminateInstances', instance], ['us-east-1', 'DeleteVolume']],
      ['instance before its security group', ['us-east-1', 'TerminateInstances', instance], ['us-east-1', 'DeleteSecurityGroup', GroupId]],
      // A snapshot an AMI still uses is refused (InvalidSnapshot.InUse).
      ['AMI before its snapshot', ['us-east-1', 'DeregisterImage', ami], ['us-east-1', 'DeleteSnapshot', snapshot]],
      ['copy before its snapshot', ['us-west-2', 'DeregisterImage', copy], ['us-west-2', 'DeleteSnapshot', copySnapshot]],
      // IAM refuses to delete a profile that holds a role, or a role in a profile or with an inline policy (DeleteConflict).
      ['role out of the profile before the profile', ['us-east-1', 'RemoveRoleFromInstanceProfile', name], ['us-east-1', 'DeleteInstanceProfile', name]],
      ['role out of the profile before the role', ['us-east-1', 'RemoveRoleFromInstanceProfile', name], ['us-east-1', 'DeleteRole', name]],
      ['inline policy before the role', ['us-east-1', 'DeleteRolePolicy', name], ['us-east-1', 'DeleteRole', name]]
    ]
    const outOfOrder = mustPrecede.filter(([, before, after]) => {
      const [b, a] = [lastOf(before), proxy.calls.findIndex(matches(after))]
      return !(b >= 0 && a > b)
    })
    expect(outOfOrder.map(([why]) => why)).toEqual([])

    // The look-alikes made before the run are all still there.
    expect((await east.send(new DescribeImagesCommand({ ImageIds: [oldAmi as string] }))).Images).toHaveLength(1)
    expect((await east.send(new DescribeKeyPairsCommand({ KeyNames: ['team-key'] }))).KeyPairs).toHaveLength(1)
    expect(await exists(() => iam().send(new GetRoleCommand({ RoleName: `packer-${uuid(9)}` })))).toBe(true)
  })

  it('spares products, and keeps (lists, removes nothing) when asked to', async () => {
    const east = ec2('us-east-1')
    const runStart = new Date(Date.now() - 1000)
    const amiName = `keep-${Date.now()}`
    const { ImageId: product } = await east.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: amiName }))
    await east.send(new CreateKeyPairCommand({ KeyName: `packer_${uuid(4)}` }))
    const build = ledger({ amiNames: [amiName], keyPairs: [`packer_${uuid(4)}`] })
    const kept = await removeLeftovers({ builds: [['b', build]], regions: ['us-east-1'], runStart, productAmis: [], keep: true }, OPTS)
    expect(kept.map((f) => `${f.kind} ${f.outcome}`).sort()).toEqual(['AMI kept', 'key pair kept', 'snapshot kept'])
    expect((await east.send(new DescribeKeyPairsCommand({ KeyNames: [`packer_${uuid(4)}`] }))).KeyPairs).toHaveLength(1)

    const spared = await removeLeftovers({ builds: [['b', build]], regions: ['us-east-1'], runStart, productAmis: [product as string], keep: false }, OPTS)
    expect(spared.map((f) => `${f.kind} ${f.outcome}`)).toEqual(['key pair removed'])
    expect((await east.send(new DescribeImagesCommand({ ImageIds: [product as string] }))).Images).toHaveLength(1)
  })

  it('retries a security group that is still in use (DependencyViolation), as the plugin does', async () => {
    let refusals = 2
    const proxy = await startAwsProxy({
      target: moto.endpoint,
      answer: (action) => {
        if (action !== 'DeleteSecurityGroup' || refusals === 0) return undefined
        refusals--
        return {
          status: 400,
          contentType: 'text/xml',
          body: '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>DependencyViolation</Code><Message>resource has a dependent object</Message></Error></Errors><RequestID>1</RequestID></Response>'
        }
      }
    })
    const endpoint = process.env.AWS_ENDPOINT_URL
    process.env.AWS_ENDPOINT_URL = proxy.endpoint
    try {
      const group = `packer_${uuid(5)}`
      await ec2('us-east-1').send(new CreateSecurityGroupCommand({ GroupName: group, Description: 'Temporary group for Packer' }))
      const found = await removeLeftovers(
        { builds: [['b', ledger({ securityGroups: [group] })]], regions: ['us-east-1'], runStart: new Date(), productAmis: [], keep: false },
        OPTS
      )
      expect(found.map((f) => `${f.kind} ${f.outcome}`)).toEqual(['security group removed'])
      expect(proxy.calls.filter((c) => c.action === 'DeleteSecurityGroup')).toHaveLength(3)
      expect((await ec2('us-east-1').send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [group] }] }))).SecurityGroups).toEqual([])
    } finally {
      process.env.AWS_ENDPOINT_URL = endpoint
      await proxy.close()
    }
  })

  it('finds what a cancelled call still made: an instance whose id Packer never printed, an AMI that lands late', async () => {
    const east = ec2('us-east-1')
    const runStart = new Date(Date.now() - 1000)
    const key = `packer_${uuid(6)}`
    await east.send(new CreateKeyPairCommand({ KeyName: key }))
    const { Instances = [] } = await east.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1, KeyName: key }))
    const amiName = `late-${Date.now()}`
    // The CreateImage Packer gave up on lands after the post step's first look.
    const landing = sleep(400).then(() => east.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: amiName })))
    const build = ledger({ amiNames: [amiName], keyPairs: [key], unconfirmed: true })
    const found = await removeLeftovers({ builds: [['b', build]], regions: ['us-east-1'], runStart, productAmis: [], keep: false }, { ...OPTS, lateLookMs: 1500 })
    const { ImageId: late } = await landing
    expect(found.filter((f) => f.outcome === 'removed').map((f) => `${f.kind} ${f.id}`)).toEqual(
      expect.arrayContaining([`instance ${Instances[0].InstanceId}`, `AMI ${late}`, `key pair ${key}`])
    )
    expect((await east.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [late as string] }] }))).Images).toEqual([])
  })
})
