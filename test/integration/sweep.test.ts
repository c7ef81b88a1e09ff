/**
 * `mode: sweep` as a scheduled workflow runs it: the bundled action, no template, no Packer,
 * against moto. Each test sets its scene up in a region of its own, with the SDK, as a lost
 * runner's build of packer-plugin-amazon would have left it, next to look-alikes that must stay.
 */
import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RunInstancesCommand,
  type Tag
} from '@aws-sdk/client-ec2'
import { randomBytes } from 'node:crypto'
import { sweep as sweepSource } from '../../src/aws/sweep.js'
import { FAMILY_TAG } from '../../src/aws/tags.js'
import { startAwsProxy } from '../support/aws-proxy.js'
import { startImageStateProxy, type ImageStateProxy } from '../support/image-state-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'

let moto: Moto
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })
/** One of moto's public AMIs, in every region. */
const SOURCE_AMI = 'ami-03cf127a'

beforeAll(async () => {
  moto = await startMoto()
})

afterAll(async () => {
  await moto?.stop()
})

interface Swept {
  region: string
  kind: string
  id: string
  reason: string
  removed: boolean
}

/** A name as the plugin makes it: `packer_` and uuid.TimeOrderedUUID(), the Unix seconds first. */
function packerName(): string {
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex')
  return `packer_${Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}`
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

interface Scene {
  /** What a lost runner left: the builder, its key pair and group, and a key pair and a group of a build that never launched. */
  builder: string
  builderKey: string
  builderGroup: string
  orphanKey: string
  orphanGroup: string
  /** What must stay. */
  unrelated: string
  /** Named Packer Builder by hand: one mark, not proof (a Name-tag reaper would stop it). */
  namedOnly: string
  teamKey: string
  /** A Packer group a network interface still holds. */
  heldGroup: string
}

async function scene(region: string): Promise<Scene> {
  const client = ec2(region)
  const group = async (): Promise<string> =>
    (await client.send(new CreateSecurityGroupCommand({ GroupName: packerName(), Description: 'Temporary group for Packer' }))).GroupId as string
  const key = async (name: string): Promise<string> => {
    await client.send(new CreateKeyPairCommand({ KeyName: name }))
    return name
  }
  const builderKey = await key(packerName())
  const builderGroup = await group()
  const builder = await launch(client, { key: builderKey, groups: [builderGroup], tags: { Name: 'Packer Builder' } })
  const teamKey = await key(`team-key-${region}`)
  const unrelated = await launch(client, { key: teamKey, tags: { Name: 'web' } })
  const namedOnly = await launch(client, { key: teamKey, tags: { Name: 'Packer Builder' } })
  const heldGroup = await group()
  const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
  await client.send(new CreateNetworkInterfaceCommand({ SubnetId: Subnets[0].SubnetId, Groups: [heldGroup], Description: 'held by a load balancer' }))
  return { builder, builderKey, builderGroup, orphanKey: await key(packerName()), orphanGroup: await group(), unrelated, namedOnly, teamKey, heldGroup }
}

function sweep(region: string, inputs: Record<string, string> = {}, endpoint = moto.endpoint): Promise<RunResult> {
  return runAction({
    eventName: 'schedule',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: endpoint, AWS_REGION: region },
    inputs: { mode: 'sweep', 'sweep-older-than': '0m', 'sweep-regions': region, ...inputs }
  })
}

const swept = (run: RunResult): Swept[] => JSON.parse(run.outputs['swept']) as Swept[]
const listed = (run: RunResult): string[] => swept(run).map((s) => `${s.kind} ${s.id}`).sort()

async function instanceState(region: string, id: string): Promise<string | undefined> {
  const { Reservations = [] } = await ec2(region).send(new DescribeInstancesCommand({ InstanceIds: [id] }))
  return Reservations[0]?.Instances?.[0]?.State?.Name
}

async function keyExists(region: string, name: string): Promise<boolean> {
  const { KeyPairs = [] } = await ec2(region).send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: [name] }] }))
  return KeyPairs.length > 0
}

async function groupExists(region: string, id: string): Promise<boolean> {
  const { SecurityGroups = [] } = await ec2(region).send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [id] }] }))
  return SecurityGroups.length > 0
}

/** Everything of the scene is still there, leftovers and look-alikes alike. */
async function expectUntouched(region: string, s: Scene): Promise<void> {
  for (const id of [s.builder, s.unrelated, s.namedOnly]) expect(await instanceState(region, id)).toBe('running')
  for (const name of [s.builderKey, s.orphanKey, s.teamKey]) expect(await keyExists(region, name)).toBe(true)
  for (const id of [s.builderGroup, s.orphanGroup, s.heldGroup]) expect(await groupExists(region, id)).toBe(true)
}

const leftovers = (s: Scene): string[] =>
  [`instance ${s.builder}`, `key pair ${s.builderKey}`, `key pair ${s.orphanKey}`, `security group ${s.builderGroup}`, `security group ${s.orphanGroup}`].sort()

describe('mode: sweep', () => {
  it('removes a lost builder, its key pair and group, and orphans of Packer; leaves look-alikes and what is in use', async () => {
    const region = 'us-east-1'
    const s = await scene(region)
    const run = succeeded(await sweep(region))

    expect(run.outputs['mode']).toBe('sweep')
    // No template in the workspace, and no Packer: nothing was installed.
    expect(run.outputs['packer-version']).toBeUndefined()
    expect(listed(run)).toEqual(leftovers(s))
    expect(swept(run).every((x) => x.removed && x.region === region)).toBe(true)
    expect(swept(run).find((x) => x.id === s.builder)?.reason).toMatch(new RegExp(`temporary key pair ${s.builderKey}.*Name tag "Packer Builder".*running since`))

    expect(await instanceState(region, s.builder)).toBe('terminated')
    expect(await keyExists(region, s.builderKey)).toBe(false)
    expect(await keyExists(region, s.orphanKey)).toBe(false)
    expect(await groupExists(region, s.builderGroup)).toBe(false)
    expect(await groupExists(region, s.orphanGroup)).toBe(false)

    expect(await instanceState(region, s.unrelated)).toBe('running')
    expect(await instanceState(region, s.namedOnly)).toBe('running')
    expect(await keyExists(region, s.teamKey)).toBe(true)
    expect(await groupExists(region, s.heldGroup)).toBe(true)

    expect(run.summary).toContain('## Packer sweep: ✅ passed')
    expect(run.summary).toContain(`| ${region} | instance | \`${s.builder}\` |`)
    expect(run.summary).toMatch(new RegExp(`\\| ${region} \\| instance \\| \`${s.namedOnly}\` \\| only one of Packer's marks`))
    expect(run.summary).toMatch(new RegExp(`\\| ${region} \\| security group \\| \`packer\\\\?_[0-9a-f-]+ \\(${s.heldGroup}\\)\` \\| in use by eni-`))
  })

  it('a dry run lists every leftover and removes nothing', async () => {
    const region = 'us-west-1'
    const s = await scene(region)
    const run = succeeded(await sweep(region, { 'cleanup-dry-run': 'true' }))

    expect(listed(run)).toEqual(leftovers(s))
    expect(swept(run).some((x) => x.removed)).toBe(false)
    await expectUntouched(region, s)
    expect(run.summary).toContain('## Packer sweep (dry run: nothing removed): ✅ passed')
    expect(run.summary).toContain('| Would remove |')
    expect(run.stdout).toContain(`${region}: would remove instance ${s.builder}`)
  })

  it('older-than spares young leftovers: a build may still be running', async () => {
    const region = 'eu-west-1'
    const s = await scene(region)
    const run = succeeded(await sweep(region, { 'sweep-older-than': '1h' }))

    expect(swept(run)).toEqual([])
    await expectUntouched(region, s)
    expect(run.summary).toContain('| Older than | 1h (made before ')
    expect(run.summary).toContain('Nothing to sweep: no builder leftover older than the cutoff.')
    expect(run.summary).toMatch(new RegExp(`\`${s.builder}\` \\| launched [0-9T:Z-]+, after the cutoff`))
  })

  describe('AMIs of the action\'s families stuck pending or failed', () => {
    let proxy: ImageStateProxy

    beforeAll(async () => {
      proxy = await startImageStateProxy(moto.endpoint)
    })

    afterAll(async () => {
      await proxy?.close()
    })

    it('deregisters them and deletes their snapshots; spares available ones and AMIs without the family tag', async () => {
      const region = 'us-east-2'
      const client = ec2(region)
      const source = await launch(client, {})
      const image = async (name: string, family?: string): Promise<string> => {
        const { ImageId } = await client.send(new CreateImageCommand({ InstanceId: source, Name: name }))
        if (family !== undefined) await client.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: tags({ [FAMILY_TAG]: family }) }))
        return ImageId as string
      }
      const failed = await image('web-failed', 'acme/images/web')
      const pending = await image('web-pending', 'acme/images/web')
      const healthy = await image('web-ok', 'acme/images/web')
      const foreign = await image('not-ours')
      proxy.show(failed, 'failed')
      proxy.show(pending, 'pending')
      proxy.show(foreign, 'failed')
      const snapshotsOf = async (ami: string): Promise<string[]> => {
        const { Snapshots = [] } = await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'description', Values: [`*for ${ami}`] }] }))
        return Snapshots.map((x) => x.SnapshotId as string)
      }
      const failedSnapshots = await snapshotsOf(failed)
      const pendingSnapshots = await snapshotsOf(pending)
      expect(failedSnapshots.length).toBeGreaterThan(0)

      const run = succeeded(await sweep(region, {}, proxy.endpoint))

      expect(listed(run)).toEqual(
        [`AMI ${failed}`, `AMI ${pending}`, ...[...failedSnapshots, ...pendingSnapshots].map((x) => `snapshot ${x}`)].sort()
      )
      expect(swept(run).find((x) => x.id === failed)?.reason).toMatch(/^family acme\/images\/web, failed since /)
      const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ['self'] }))
      expect(Images.map((i) => i.ImageId).sort()).toEqual([healthy, foreign].sort())
      expect(await snapshotsOf(failed)).toEqual([])
      expect(await snapshotsOf(pending)).toEqual([])
      expect((await snapshotsOf(healthy)).length).toBeGreaterThan(0)
      expect(await instanceState(region, source)).toBe('running')
    })
  })

  it('an instance it cannot terminate fails the step, keeps its key pair and group, and does not hold the others back', async () => {
    const region = 'us-west-2'
    const client = ec2(region)
    const s = await scene(region)
    const stuckKey = packerName()
    await client.send(new CreateKeyPairCommand({ KeyName: stuckKey }))
    const { GroupId: stuckGroup } = await client.send(new CreateSecurityGroupCommand({ GroupName: packerName(), Description: 'Temporary group for Packer' }))
    const { Instances = [] } = await client.send(
      new RunInstancesCommand({
        ImageId: SOURCE_AMI,
        MinCount: 1,
        MaxCount: 1,
        KeyName: stuckKey,
        SecurityGroupIds: [stuckGroup as string],
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags({ Name: 'Packer Builder' }) }]
      })
    )
    const stuck = Instances[0].InstanceId as string
    await client.send(new ModifyInstanceAttributeCommand({ InstanceId: stuck, DisableApiTermination: { Value: true } }))

    const run = await sweep(region)

    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(new RegExp(`::error::the sweep could not remove instance ${stuck} in ${region}`))
    const entry = swept(run).find((x) => x.id === stuck)
    expect(entry).toMatchObject({ kind: 'instance', removed: false })
    expect((entry as { error?: string }).error).toMatch(/OperationNotPermitted|termination/i)
    expect(await instanceState(region, stuck)).toBe('running')
    expect(await keyExists(region, stuckKey)).toBe(true)
    expect(await groupExists(region, stuckGroup as string)).toBe(true)
    // The rest of the region was swept all the same.
    expect(listed(run)).toEqual([...leftovers(s), `instance ${stuck}`].sort())
    expect(await instanceState(region, s.builder)).toBe('terminated')
    expect(await keyExists(region, s.builderKey)).toBe(false)
    expect(await groupExists(region, s.builderGroup)).toBe(false)
    expect(run.summary).toContain('## Packer sweep: ❌ failed')
    expect(run.summary).toMatch(new RegExp(`\\| \`${stuck}\` \\| .* \\| ❌ `))
  })

  it('retries a group AWS still holds for a terminated instance\'s interface (DependencyViolation)', async () => {
    const region = 'ap-southeast-2'
    const s = await scene(region)
    let refusals = 2
    const proxy = await startAwsProxy({
      target: moto.endpoint,
      answer: (action) => {
        if (action !== 'DeleteSecurityGroup' || refusals === 0) return undefined
        refusals--
        return {
          status: 400,
          contentType: 'text/xml',
          body: '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>DependencyViolation</Code><Message>resource sg has a dependent object</Message></Error></Errors><RequestID>1</RequestID></Response>'
        }
      }
    })
    const saved = { ...process.env }
    Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: region })
    try {
      const report = await sweepSource({ regions: [region], olderThanMs: 0, dryRun: false }, { pollMs: 10, timeoutMs: 10_000, groupRetryMs: 10, groupTries: 5 })
      expect(report.errors).toEqual([])
      expect(report.swept.map((x) => `${x.kind} ${x.id} ${x.removed}`).sort()).toEqual(leftovers(s).map((x) => `${x} true`))
      expect(proxy.calls.filter((c) => c.action === 'DeleteSecurityGroup')).toHaveLength(4)
      expect(await groupExists(region, s.builderGroup)).toBe(false)
      expect(await groupExists(region, s.heldGroup)).toBe(true)
    } finally {
      process.env = saved
      await proxy.close()
    }
  })

  it('fails, naming the input, without regions to sweep', async () => {
    const run = await runAction({ env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint }, inputs: { mode: 'sweep' } })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain('sweep-regions: mode sweep needs regions to sweep')
  })
})
