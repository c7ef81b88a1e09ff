/**
 * The fault-injecting proxy in front of a real moto_server, driven by the
 * real AWS SDK v3 clients: passthrough, the locally answered
 * EnableImageDeprecation, the emulated AMI deregistration protection,
 * throttling and 503 faults (and the SDK's retries getting past them), SSM's
 * JSON protocol, added latency, DescribeImageReferences (left to moto, or answered
 * from moto's state), DeregisterImage's DeleteAssociatedSnapshots (honoured, or refused as
 * UnknownParameter), CreateLaunchTemplateVersion's SourceVersion, EC2's answer for an unknown
 * launch template id, the parameters recorded with each call, SSM's DataType filter, EC2's
 * reading of a DescribeInstances filter that names no value, EC2's limit of 200 values in one
 * filter, DescribeNetworkInterfaces by any of an interface's groups, and whose snapshots
 * DescribeSnapshots shows.
 */
import {
  CreateImageCommand,
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DeregisterImageCommand,
  DescribeImageReferencesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type DescribeImageReferencesCommandInput,
  DescribeSnapshotsCommand,
  TerminateInstancesCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DisableImageDeregistrationProtectionCommand,
  EC2Client,
  type EC2ClientConfig,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  CreateTagsCommand,
  CreateKeyPairCommand,
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  CopyImageCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand, SSMClient, type SSMClientConfig } from '@aws-sdk/client-ssm'
import { mulberry32, startAwsProxy, type AwsProxy, type AwsProxyCall, type AwsProxyOptions } from '../support/aws-proxy.js'
import { asAccount, startMoto, type Moto } from '../support/moto.js'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
/** A public AMI moto serves in us-east-1. */
const PUBLIC_AMI = 'ami-03cf127a'

let moto: Moto
const open: Array<{ destroy(): void }> = []
const proxies: AwsProxy[] = []

beforeAll(async () => {
  moto = await startMoto()
}, 30_000)

afterEach(async () => {
  // Close the proxies while the SDK clients still hold keep-alive sockets:
  // close() has to end those itself or this hangs.
  await Promise.all(proxies.splice(0).map((p) => p.close()))
  for (const client of open.splice(0)) client.destroy()
})

afterAll(async () => {
  await moto?.stop()
})

async function proxy(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<AwsProxy> {
  const started = await startAwsProxy({ target: moto.endpoint, ...opts })
  proxies.push(started)
  return started
}

function ec2(endpoint: string, config: Partial<EC2ClientConfig> = {}): EC2Client {
  const client = new EC2Client({ region: 'us-east-1', endpoint, credentials, ...config })
  open.push(client)
  return client
}

function ssm(endpoint: string, config: Partial<SSMClientConfig> = {}): SSMClient {
  const client = new SSMClient({ region: 'us-east-1', endpoint, credentials, ...config })
  open.push(client)
  return client
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message }
  }
  throw new Error('expected the call to fail')
}


/** The calls as recorded, without when each arrived and was answered (checked once, below). */
function untimed(calls: AwsProxyCall[]): Array<Omit<AwsProxyCall, 'receivedAt' | 'answeredAt'>> {
  return calls.map((call) => {
    const { receivedAt, answeredAt, ...rest } = call
    void [receivedAt, answeredAt]
    return rest
  })
}

describe('aws-proxy in front of moto', () => {
  it('passes EC2 calls through to moto and records them', async () => {
    const p = await proxy()
    const out = await ec2(p.endpoint).send(new DescribeImagesCommand({ ImageIds: [PUBLIC_AMI] }))

    expect(out.Images?.map((i) => i.ImageId)).toEqual([PUBLIC_AMI])
    expect(out.Images?.[0]?.State).toBe('available')
    expect(untimed(p.calls)).toEqual([
      { service: 'ec2', action: 'DescribeImages', region: 'us-east-1', faulted: false, params: { Action: 'DescribeImages', Version: '2016-11-15', 'ImageId.1': PUBLIC_AMI } }
    ])
    // Each call is stamped when it arrived and when its answer went out, for a timeline.
    expect(p.calls[0].answeredAt).toBeGreaterThanOrEqual(p.calls[0].receivedAt)
  })

  it('passes moto errors through unchanged', async () => {
    const p = await proxy()
    const error = await rejection(ec2(p.endpoint).send(new DescribeImagesCommand({ ImageIds: ['ami-12345678'] })))

    expect(error).toMatchObject({ name: 'InvalidAMIID.NotFound', status: 400 })
  })

  it('answers EnableImageDeprecation itself and records image, time and region', async () => {
    const p = await proxy()
    const deprecateAt = new Date('2031-02-03T04:05:06Z')
    // A region other than the default shows it is read from the signature.
    const out = await ec2(p.endpoint, { region: 'eu-west-1' }).send(
      new EnableImageDeprecationCommand({ ImageId: PUBLIC_AMI, DeprecateAt: deprecateAt })
    )

    expect(out.Return).toBe(true)
    expect(p.deprecations).toHaveLength(1)
    expect(p.deprecations[0]).toMatchObject({ imageId: PUBLIC_AMI, region: 'eu-west-1' })
    expect(new Date(p.deprecations[0].deprecateAt).toISOString()).toBe(deprecateAt.toISOString())
    expect(p.calls).toMatchObject([
      { service: 'ec2', action: 'EnableImageDeprecation', region: 'eu-west-1', faulted: false, params: { ImageId: PUBLIC_AMI } }
    ])
  })

  it('with faultRate 1 and no retries, answers with RequestLimitExceeded, then a plain 503', async () => {
    const p = await proxy({ faultRate: 1 })
    const client = ec2(p.endpoint, { maxAttempts: 1 })

    const first = await rejection(client.send(new DescribeRegionsCommand({})))
    const second = await rejection(client.send(new DescribeRegionsCommand({})))

    expect(first).toMatchObject({ name: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' })
    expect(second.status).toBe(503)
    const params = { Action: 'DescribeRegions', Version: '2016-11-15' }
    expect(untimed(p.calls)).toEqual([
      { service: 'ec2', action: 'DescribeRegions', region: 'us-east-1', faulted: true, params },
      { service: 'ec2', action: 'DescribeRegions', region: 'us-east-1', faulted: true, params }
    ])
  })

  it('throttles SSM the way SSM does (400 ThrottlingException)', async () => {
    const p = await proxy({ faultRate: 1 })
    const error = await rejection(
      ssm(p.endpoint, { maxAttempts: 1 }).send(new PutParameterCommand({ Name: '/t/x', Value: 'v', Type: 'String' }))
    )

    expect(error).toMatchObject({ name: 'ThrottlingException', status: 400, message: 'Rate exceeded' })
    // SSM speaks JSON: no Query-API parameters to record.
    expect(untimed(p.calls)).toEqual([{ service: 'ssm', action: 'PutParameter', region: 'us-east-1', faulted: true, params: {} }])
  })

  it('faults only the listed actions when faultActions is given', async () => {
    const p = await proxy({ faultRate: 1, faultActions: ['CreateTags', 'PutParameter'] })
    const client = ec2(p.endpoint, { maxAttempts: 1 })

    await client.send(new DescribeImagesCommand({ ImageIds: [PUBLIC_AMI] }))
    const tagging = await rejection(
      client.send(new CreateTagsCommand({ Resources: [PUBLIC_AMI], Tags: [{ Key: 'k', Value: 'v' }] }))
    )
    await ssm(p.endpoint, { maxAttempts: 1 }).send(new GetParameterCommand({ Name: '/nope' })).catch(() => undefined)

    expect(tagging.name).toBe('RequestLimitExceeded')
    expect(p.calls.map((c) => [c.action, c.faulted])).toEqual([
      ['DescribeImages', false],
      ['CreateTags', true],
      ['GetParameter', false]
    ])
  })

  it('with faultRate 0.3, the SDK retries (adaptive) get every one of 20 calls through', async () => {
    // Seed 45 faults 4 of the first 20 draws (2 throttles, 2 plain 503s) and
    // none of the next 4, so no call is faulted twice. That keeps this quick:
    // after a throttle the adaptive mode's client-side rate limiter drops to
    // 0.5 requests/s, and seeds with chains of faults take 10-25 s.
    const p = await proxy({ faultRate: 0.3, seed: 45 })
    const client = ec2(p.endpoint, { retryMode: 'adaptive', maxAttempts: 10 })

    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.send(new DescribeImagesCommand({ ImageIds: [PUBLIC_AMI] })))
    )

    expect(results.every((r) => r.Images?.[0]?.ImageId === PUBLIC_AMI)).toBe(true)
    const faulted = p.calls.filter((c) => c.faulted).length
    expect(faulted).toBeGreaterThan(0)
    // Every faulted attempt was retried: 20 successes plus one attempt per fault.
    expect(p.calls).toHaveLength(20 + faulted)
    expect(p.calls.every((c) => c.service === 'ec2' && c.action === 'DescribeImages')).toBe(true)
  }, 15_000)

  it('passes SSM PutParameter through and GetParameter reads it back', async () => {
    const p = await proxy()
    const client = ssm(p.endpoint, { region: 'eu-central-1' })

    const put = await client.send(
      new PutParameterCommand({ Name: '/packer/ami/latest', Value: PUBLIC_AMI, Type: 'String', Overwrite: true })
    )
    const got = await client.send(new GetParameterCommand({ Name: '/packer/ami/latest' }))

    expect(put.Version).toBe(1)
    expect(got.Parameter?.Value).toBe(PUBLIC_AMI)
    expect(untimed(p.calls)).toEqual([
      { service: 'ssm', action: 'PutParameter', region: 'eu-central-1', faulted: false, params: {} },
      { service: 'ssm', action: 'GetParameter', region: 'eu-central-1', faulted: false, params: {} }
    ])
  })

  it('adds delayMs of latency to each request', async () => {
    const p = await proxy({ delayMs: 150 })
    const client = ec2(p.endpoint)

    const started = Date.now()
    await client.send(new DescribeRegionsCommand({}))
    await client.send(new DescribeRegionsCommand({}))

    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
  })

  it('close() ends in-flight requests and their delay promptly', async () => {
    const p = await proxy({ delayMs: 60_000 })
    const pending = rejection(ec2(p.endpoint, { maxAttempts: 1 }).send(new DescribeRegionsCommand({})))
    // Let the request reach the proxy and start its 60 s wait.
    await new Promise((resolve) => setTimeout(resolve, 200))

    const started = Date.now()
    await p.close()
    const error = await pending

    expect(Date.now() - started).toBeLessThan(2_000)
    // The socket was cut, not answered: no HTTP status.
    expect(error.status).toBeUndefined()
    expect(p.calls).toEqual([])
  })

  it('uses a seeded, repeatable PRNG', () => {
    const a = mulberry32(7)
    const b = mulberry32(7)
    const first = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(first)
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true)
    const c = mulberry32(8)
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first)
  })
})

/** A fresh AMI of this account in moto: an instance of the public AMI, imaged. */
async function ownImage(client: EC2Client, name: string): Promise<string> {
  const run = await client.send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
  const instance = run.Instances?.[0]?.InstanceId as string
  const { ImageId } = await client.send(new CreateImageCommand({ InstanceId: instance, Name: `${name}-${Date.now()}` }))
  return ImageId as string
}

async function protectionShown(client: EC2Client, ami: string): Promise<string | undefined> {
  const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ami] }))
  expect(Images.map((i) => i.ImageId)).toEqual([ami])
  return Images[0].DeregistrationProtection
}

describe('aws-proxy: AMI deregistration protection, which moto 5 lacks', () => {
  it('enable, DescribeImages shows it, DeregisterImage is refused; disable, and it deregisters', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'protected')

    const enabled = await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))
    expect(enabled.Return).toBe('enabled-without-cooldown')
    expect(await protectionShown(client, ami)).toBe('enabled-without-cooldown')
    expect(p.deregistrationProtection(ami, 'us-east-1')).toBe('enabled-without-cooldown')

    const refused = await rejection(client.send(new DeregisterImageCommand({ ImageId: ami })))
    expect(refused).toMatchObject({ name: 'OperationNotPermitted', status: 400 })
    expect(refused.message).toContain(ami)
    // Refused by the proxy, so moto still has it.
    expect(await protectionShown(client, ami)).toBe('enabled-without-cooldown')

    const disabled = await client.send(new DisableImageDeregistrationProtectionCommand({ ImageId: ami }))
    expect(disabled.Return).toBe('disabled')
    expect(await protectionShown(client, ami)).toBeUndefined()
    expect(p.deregistrationProtection(ami, 'us-east-1')).toBeUndefined()

    await client.send(new DeregisterImageCommand({ ImageId: ami }))
    const left = await client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [ami] }] }))
    expect(left.Images).toEqual([])
  })

  it('marks only the protected image among several in one DescribeImages answer', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const guarded = await ownImage(client, 'guarded')
    const plain = await ownImage(client, 'plain')
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: guarded, WithCooldown: true }))

    const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [guarded, plain, PUBLIC_AMI] }))
    const shown = Object.fromEntries(Images.map((i) => [i.ImageId, i.DeregistrationProtection]))

    expect(shown).toEqual({ [guarded]: 'enabled-with-cooldown', [plain]: undefined, [PUBLIC_AMI]: undefined })
    // Everything else moto said is still there.
    expect(Images.find((i) => i.ImageId === guarded)?.BlockDeviceMappings?.length).toBeGreaterThan(0)
  })

  it('with a cooldown, disabling leaves the image protected for 24 hours', async () => {
    let clock = Date.parse('2030-05-06T07:08:09Z')
    const p = await proxy({ now: () => clock })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'cooldown')
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami, WithCooldown: true }))

    const disabled = await client.send(new DisableImageDeregistrationProtectionCommand({ ImageId: ami }))
    expect(disabled.Return).toBe('disabled after 2030-05-07T07:08:09Z')
    expect(await protectionShown(client, ami)).toBe('disabled after 2030-05-07T07:08:09Z')
    const refused = await rejection(client.send(new DeregisterImageCommand({ ImageId: ami })))
    expect(refused).toMatchObject({ name: 'OperationNotPermitted', status: 400 })

    clock += 24 * 60 * 60_000
    expect(await protectionShown(client, ami)).toBeUndefined()
    await client.send(new DeregisterImageCommand({ ImageId: ami }))
  })

  it('keeps protection per region: the same id elsewhere is not protected', async () => {
    const p = await proxy()
    const ami = await ownImage(ec2(p.endpoint), 'regional')
    await ec2(p.endpoint).send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))

    expect(p.deregistrationProtection(ami, 'us-east-1')).toBe('enabled-without-cooldown')
    expect(p.deregistrationProtection(ami, 'eu-west-1')).toBeUndefined()
    // moto keeps AMIs per region: in eu-west-1 that id does not exist, and EC2 says so.
    const elsewhere = await rejection(
      ec2(p.endpoint, { region: 'eu-west-1' }).send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))
    )
    expect(elsewhere.name).toBe('InvalidAMIID.NotFound')
    expect(p.deregistrationProtection(ami, 'eu-west-1')).toBeUndefined()
  })

  it('answers DescribeImageAttribute deregistrationProtection, which moto does not know', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'attribute')
    const attribute = async (): Promise<string | undefined> =>
      (await client.send(new DescribeImageAttributeCommand({ ImageId: ami, Attribute: 'deregistrationProtection' })))
        .DeregistrationProtection?.Value

    expect(await attribute()).toBe('disabled')
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))
    expect(await attribute()).toBe('enabled-without-cooldown')
    // Other attributes are still moto's.
    const description = await client.send(new DescribeImageAttributeCommand({ ImageId: ami, Attribute: 'description' }))
    expect(description.ImageId).toBe(ami)
  })

  it('asks for the ImageId it needs, as EC2 does, and records nothing', async () => {
    const p = await proxy()
    const missing = await rejection(
      ec2(p.endpoint).send(new EnableImageDeregistrationProtectionCommand({} as { ImageId: string }))
    )
    expect(missing).toMatchObject({ name: 'MissingParameter', status: 400 })
  })

  it('DescribeImages streams through untouched while nothing is protected', async () => {
    const p = await proxy()
    const { Images = [] } = await ec2(p.endpoint).send(new DescribeImagesCommand({ ImageIds: [PUBLIC_AMI] }))
    expect(Images[0]?.DeregistrationProtection).toBeUndefined()
    expect(p.calls.map((c) => c.action)).toEqual(['DescribeImages'])
  })
})

/** A launch template whose version 1 launches `first` and every later one, up to `versions`, the public AMI. */
async function launchTemplate(client: EC2Client, name: string, first: string, versions: number): Promise<string> {
  const created = await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `${name}-${Date.now()}`, LaunchTemplateData: { ImageId: first } }))
  const id = created.LaunchTemplate?.LaunchTemplateId as string
  for (let v = 2; v <= versions; v++) {
    await client.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { ImageId: PUBLIC_AMI } }))
  }
  return id
}

async function snapshotsOf(client: EC2Client, ami: string): Promise<string[]> {
  const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ami] }))
  return (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
}

async function snapshotsLeft(client: EC2Client, ids: string[]): Promise<string[]> {
  const { Snapshots = [] } = await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
  return Snapshots.map((s) => s.SnapshotId as string).filter((id) => ids.includes(id))
}

describe('aws-proxy: DescribeImageReferences', () => {
  const all = (ImageIds: string[], extra: Partial<DescribeImageReferencesCommandInput> = {}): DescribeImageReferencesCommand =>
    new DescribeImageReferencesCommand({ ImageIds, IncludeAllResourceTypes: true, ...extra })

  it('by default goes to moto, which lacks it: the caller gets EC2\'s InvalidAction at once, not retried 500s', async () => {
    const p = await proxy()
    const started = Date.now()
    const error = await rejection(ec2(p.endpoint, { maxAttempts: 3 }).send(all([PUBLIC_AMI])))

    expect(error).toMatchObject({ name: 'InvalidAction', status: 400 })
    expect(error.message).toContain('DescribeImageReferences')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(p.calls.map((c) => c.action)).toEqual(['DescribeImageReferences'])
  })

  it('with imageReferences, finds live and stopped instances, launch templates and aws:ec2:image parameters, with ARNs', async () => {
    const p = await proxy({ imageReferences: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'referenced')
    const other = await ownImage(client, 'unreferenced')
    const run = await client.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }))
    const instance = run.Instances?.[0]?.InstanceId as string
    const template = await launchTemplate(client, 'refs', ami, 1)
    const name = `/team-${Date.now()}/base-ami`
    await ssm(p.endpoint).send(new PutParameterCommand({ Name: name, Value: ami, Type: 'String', DataType: 'aws:ec2:image' }))
    // A text parameter holding the id is no reference: EC2 looks at aws:ec2:image ones.
    await ssm(p.endpoint).send(new PutParameterCommand({ Name: `${name}-as-text`, Value: ami, Type: 'String' }))

    const out = await client.send(all([ami, other]))

    expect(out.NextToken).toBeUndefined()
    expect(out.ImageReferences).toEqual([
      { ImageId: ami, ResourceType: 'ec2:Instance', Arn: `arn:aws:ec2:us-east-1:123456789012:instance/${instance}` },
      { ImageId: ami, ResourceType: 'ec2:LaunchTemplate', Arn: `arn:aws:ec2:us-east-1:123456789012:launch-template/${template}` },
      { ImageId: ami, ResourceType: 'ssm:Parameter', Arn: `arn:aws:ssm:us-east-1:123456789012:parameter${name}` }
    ])
    expect(p.calls.map((c) => c.action)).toEqual(expect.arrayContaining(['DescribeImageReferences']))
    expect(p.calls.map((c) => c.action)).not.toContain('DescribeInstances')
  })

  it('counts terminated instances by default, as EC2 does, and not when state-name leaves them out', async () => {
    const p = await proxy({ imageReferences: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'terminated')
    const run = await client.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }))
    await client.send(new TerminateInstancesCommand({ InstanceIds: [run.Instances?.[0]?.InstanceId as string] }))

    expect((await client.send(all([ami]))).ImageReferences).toHaveLength(1)
    const live = await client.send(
      all([ami], { ResourceTypes: [{ ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: ['pending', 'running', 'stopped'] }] }] })
    )
    expect(live.ImageReferences).toEqual([])
  })

  it('looks at the 10 newest launch template versions unless version-depth says more', async () => {
    const p = await proxy({ imageReferences: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'old-version')
    const template = await launchTemplate(client, 'deep', ami, 12)
    const depth = (n: string): Partial<DescribeImageReferencesCommandInput> => ({
      ResourceTypes: [{ ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: [n] }] }]
    })

    expect((await client.send(all([ami]))).ImageReferences).toEqual([])
    expect((await client.send(all([ami], depth('11')))).ImageReferences).toEqual([])
    expect((await client.send(all([ami], depth('12')))).ImageReferences?.map((r) => r.Arn)).toEqual([
      `arn:aws:ec2:us-east-1:123456789012:launch-template/${template}`
    ])
    expect((await client.send(all([ami], depth('10000')))).ImageReferences).toHaveLength(1)
    expect(await rejection(client.send(all([ami], depth('10001'))))).toMatchObject({ name: 'InvalidParameterValue', status: 400 })
  })

  it('pages by MaxResults and NextToken', async () => {
    const p = await proxy({ imageReferences: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'paged')
    await client.send(new RunInstancesCommand({ ImageId: ami, MinCount: 7, MaxCount: 7 }))

    const first = await client.send(all([ami], { MaxResults: 5 }))
    expect(first.ImageReferences).toHaveLength(5)
    expect(first.NextToken).toBeDefined()
    const second = await client.send(all([ami], { MaxResults: 5, NextToken: first.NextToken }))
    expect(second.ImageReferences).toHaveLength(2)
    expect(second.NextToken).toBeUndefined()
    expect(new Set([...(first.ImageReferences ?? []), ...(second.ImageReferences ?? [])].map((r) => r.Arn)).size).toBe(7)
  })

  it('refuses what EC2 refuses: more than 10 ids, no resource types, MaxResults under 5', async () => {
    const p = await proxy({ imageReferences: true })
    const client = ec2(p.endpoint)
    const eleven = Array.from({ length: 11 }, (_, i) => `ami-${String(i).padStart(8, '0')}`)

    expect(await rejection(client.send(all(eleven)))).toMatchObject({ name: 'InvalidParameterValue', status: 400 })
    expect(await rejection(client.send(new DescribeImageReferencesCommand({ ImageIds: [PUBLIC_AMI] })))).toMatchObject({
      name: 'MissingParameter',
      status: 400
    })
    expect(await rejection(client.send(all([PUBLIC_AMI], { MaxResults: 4 })))).toMatchObject({ name: 'InvalidParameterValue', status: 400 })
  })
})

describe('aws-proxy: DeregisterImage with DeleteAssociatedSnapshots', () => {
  it('moto ignores the flag: without the option the snapshots stay and nothing is reported', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'flag-ignored')
    const snapshots = await snapshotsOf(client, ami)

    const out = await client.send(new DeregisterImageCommand({ ImageId: ami, DeleteAssociatedSnapshots: true }))

    expect(out.DeleteSnapshotResults).toBeUndefined()
    expect(snapshots.length).toBeGreaterThan(0)
    expect(await snapshotsLeft(client, snapshots)).toEqual(snapshots)
  })

  it('with the option, deletes them and reports each, as EC2 does', async () => {
    const p = await proxy({ deleteAssociatedSnapshots: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'flag-honoured')
    const snapshots = await snapshotsOf(client, ami)

    const out = await client.send(new DeregisterImageCommand({ ImageId: ami, DeleteAssociatedSnapshots: true }))

    expect(out.Return).toBe(true)
    expect(out.DeleteSnapshotResults).toEqual(snapshots.map((SnapshotId) => ({ SnapshotId, ReturnCode: 'success' })))
    expect(await snapshotsLeft(client, snapshots)).toEqual([])
    const left = await client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [ami] }] }))
    expect(left.Images).toEqual([])
    expect(p.calls.map((c) => c.action)).toEqual(['RunInstances', 'CreateImage', 'DescribeImages', 'DeregisterImage', 'DescribeSnapshots', 'DescribeImages'])
  })

  it('with the option, a protected image is still refused and keeps its snapshots; an unknown one is moto\'s error', async () => {
    const p = await proxy({ deleteAssociatedSnapshots: true })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'flag-protected')
    const snapshots = await snapshotsOf(client, ami)
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))

    expect(await rejection(client.send(new DeregisterImageCommand({ ImageId: ami, DeleteAssociatedSnapshots: true })))).toMatchObject({
      name: 'OperationNotPermitted'
    })
    expect(await snapshotsLeft(client, snapshots)).toEqual(snapshots)
    expect(
      await rejection(client.send(new DeregisterImageCommand({ ImageId: 'ami-00000000deadbeef0', DeleteAssociatedSnapshots: true })))
    ).toMatchObject({ name: 'InvalidAMIID.NotFound', status: 400 })
  })

  it('unknown-parameter: refuses the flag as an EC2 endpoint without it does, deregistering nothing; without the flag it deregisters', async () => {
    const p = await proxy({ deleteAssociatedSnapshots: 'unknown-parameter' })
    const client = ec2(p.endpoint)
    const ami = await ownImage(client, 'flag-unknown')
    const snapshots = await snapshotsOf(client, ami)

    expect(await rejection(client.send(new DeregisterImageCommand({ ImageId: ami, DeleteAssociatedSnapshots: true })))).toEqual({
      name: 'UnknownParameter',
      status: 400,
      message: 'The parameter DeleteAssociatedSnapshots is not recognized'
    })
    expect((await client.send(new DescribeImagesCommand({ ImageIds: [ami] }))).Images?.[0]?.State).toBe('available')

    await client.send(new DeregisterImageCommand({ ImageId: ami }))
    const left = await client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [ami] }] }))
    expect(left.Images).toEqual([])
    expect(await snapshotsLeft(client, snapshots)).toEqual(snapshots)
  })

  it('with snapshotOutcome, reports a snapshot skipped or failed as EC2 does, and leaves it', async () => {
    const outcomes = new Map<string, 'skipped' | 'internal-error'>()
    const p = await proxy({ deleteAssociatedSnapshots: true, snapshotOutcome: (id) => outcomes.get(id) })
    const client = ec2(p.endpoint)
    const [shared, failing] = [await ownImage(client, 'outcome-skipped'), await ownImage(client, 'outcome-failed')]
    const [sharedSnapshot] = await snapshotsOf(client, shared)
    const [failingSnapshot] = await snapshotsOf(client, failing)
    outcomes.set(sharedSnapshot, 'skipped').set(failingSnapshot, 'internal-error')

    const skipped = await client.send(new DeregisterImageCommand({ ImageId: shared, DeleteAssociatedSnapshots: true }))
    const failed = await client.send(new DeregisterImageCommand({ ImageId: failing, DeleteAssociatedSnapshots: true }))

    expect(skipped.DeleteSnapshotResults).toEqual([{ SnapshotId: sharedSnapshot, ReturnCode: 'skipped' }])
    expect(failed.DeleteSnapshotResults).toEqual([{ SnapshotId: failingSnapshot, ReturnCode: 'internal-error' }])
    expect(await snapshotsLeft(client, [sharedSnapshot, failingSnapshot])).toEqual(expect.arrayContaining([sharedSnapshot, failingSnapshot]))
  })
})

describe('aws-proxy: CreateLaunchTemplateVersion with SourceVersion, which moto ignores', () => {
  const first = {
    ImageId: PUBLIC_AMI,
    InstanceType: 'm5.large' as const,
    KeyName: 'team-key',
    BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { SnapshotId: 'snap-0123456789abcdef0', VolumeSize: 20 } }]
  }

  async function template(client: EC2Client, name: string): Promise<string> {
    const created = await client.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: `${name}-${Date.now()}`, LaunchTemplateData: first }))
    return created.LaunchTemplate?.LaunchTemplateId as string
  }

  async function dataOf(client: EC2Client, id: string, version: number): Promise<unknown> {
    const { LaunchTemplateVersions = [] } = await client.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [String(version)] }))
    return LaunchTemplateVersions[0]?.LaunchTemplateData
  }

  it('moto alone makes the new version of the given parameters only', async () => {
    const direct = ec2(moto.endpoint)
    const id = await template(direct, 'moto-alone')
    await direct.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, SourceVersion: '1', LaunchTemplateData: { ImageId: 'ami-0new' } }))
    expect(await dataOf(direct, id, 2)).toEqual({ ImageId: 'ami-0new' })
  })

  it('inherits the source version\'s parameters; those given overwrite theirs; the snapshot is not inherited', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const id = await template(client, 'inherit')
    await client.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { InstanceType: 't3.nano' } }))

    const made = await client.send(
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, SourceVersion: '1', LaunchTemplateData: { ImageId: 'ami-0new', InstanceType: 't3.small' } })
    )

    expect(made.LaunchTemplateVersion?.VersionNumber).toBe(3)
    expect(await dataOf(client, id, 3)).toEqual({
      ImageId: 'ami-0new',
      InstanceType: 't3.small',
      KeyName: 'team-key',
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 20 } }]
    })
    expect(p.calls.filter((c) => c.action === 'CreateLaunchTemplateVersion').map((c) => c.params.SourceVersion)).toEqual([undefined, '1'])
  })

  it('takes $Default and $Latest, as DescribeLaunchTemplateVersions does', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const id = await template(client, 'aliases')
    await client.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { InstanceType: 't3.nano' } }))

    await client.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, SourceVersion: '$Latest', LaunchTemplateData: { ImageId: 'ami-0latest' } }))
    await client.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, SourceVersion: '$Default', LaunchTemplateData: { ImageId: 'ami-0default' } }))

    expect(await dataOf(client, id, 3)).toEqual({ ImageId: 'ami-0latest', InstanceType: 't3.nano' })
    expect(await dataOf(client, id, 4)).toMatchObject({ ImageId: 'ami-0default', InstanceType: 'm5.large', KeyName: 'team-key' })
  })

  it('an unknown source version or template gets EC2\'s error, and no version is made', async () => {
    const p = await proxy()
    const client = ec2(p.endpoint)
    const id = await template(client, 'unknown-source')
    const fromVersion = (SourceVersion: string, LaunchTemplateId = id): CreateLaunchTemplateVersionCommand =>
      new CreateLaunchTemplateVersionCommand({ LaunchTemplateId, SourceVersion, LaunchTemplateData: { ImageId: 'ami-0new' } })

    expect(await rejection(client.send(fromVersion('9')))).toMatchObject({ name: 'InvalidLaunchTemplateId.VersionNotFound', status: 400 })
    expect(await rejection(client.send(fromVersion('0')))).toMatchObject({ name: 'InvalidLaunchTemplateId.VersionNotFound', status: 400 })
    expect(await rejection(client.send(fromVersion('1', 'lt-0000000000000dead')))).toMatchObject({ name: 'InvalidLaunchTemplateId.NotFound', status: 400 })
    const { LaunchTemplates = [] } = await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }))
    expect(LaunchTemplates[0]?.LatestVersionNumber).toBe(1)
  })
})

describe('aws-proxy: DescribeLaunchTemplates of an id the region lacks', () => {
  it('moto leaves it out; with unknownLaunchTemplateIds not-found, it is EC2\'s InvalidLaunchTemplateId.NotFound', async () => {
    const created = await ec2(moto.endpoint).send(
      new CreateLaunchTemplateCommand({ LaunchTemplateName: `known-${Date.now()}`, LaunchTemplateData: { ImageId: PUBLIC_AMI } })
    )
    const known = created.LaunchTemplate?.LaunchTemplateId as string
    const unknown = 'lt-0000000000000dead'
    const lenient = ec2((await proxy()).endpoint)
    const strictProxy = await proxy({ unknownLaunchTemplateIds: 'not-found' })
    const strict = ec2(strictProxy.endpoint)

    expect((await lenient.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [known, unknown] }))).LaunchTemplates?.map((t) => t.LaunchTemplateId)).toEqual([known])
    expect(await rejection(strict.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [known, unknown] })))).toEqual({
      name: 'InvalidLaunchTemplateId.NotFound',
      status: 400,
      message: `The specified launch template, with template ID ${unknown}, does not exist.`
    })
    expect((await strict.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [known] }))).LaunchTemplates).toHaveLength(1)
    // In the other region the id is unknown too: ids are regional.
    const west = ec2(strictProxy.endpoint, { region: 'us-west-2' })
    expect(await rejection(west.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [known] })))).toMatchObject({ name: 'InvalidLaunchTemplateId.NotFound' })
  })
})

describe('aws-proxy: SSM DescribeParameters by DataType, which moto refuses', () => {
  it('keeps only parameters of that data type, across pages', async () => {
    const p = await proxy()
    const client = ssm(p.endpoint)
    const prefix = `/datatype-${Date.now()}`
    for (let i = 0; i < 12; i++) {
      await client.send(new PutParameterCommand({ Name: `${prefix}/text-${i}`, Value: 'x', Type: 'String' }))
    }
    await client.send(new PutParameterCommand({ Name: `${prefix}/image`, Value: PUBLIC_AMI, Type: 'String', DataType: 'aws:ec2:image' }))

    const names: string[] = []
    let NextToken: string | undefined
    do {
      const page = await client.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }], MaxResults: 50, NextToken })
      )
      for (const param of page.Parameters ?? []) {
        expect(param.DataType).toBe('aws:ec2:image')
        names.push(param.Name as string)
      }
      NextToken = page.NextToken
    } while (NextToken)

    expect(names).toContain(`${prefix}/image`)
    expect(names.filter((n) => n.startsWith(`${prefix}/text`))).toEqual([])
  })
})

describe('aws-proxy: DescribeInstances with a filter of no value', () => {
  it('moto matches nothing; through the proxy, as on EC2, it matches every instance with some value for it', async () => {
    const region = 'ca-central-1'
    const direct = ec2(moto.endpoint, { region })
    const through = ec2((await proxy()).endpoint, { region })
    const key = `any-value-${Date.now()}`
    await direct.send(new CreateKeyPairCommand({ KeyName: key }))
    const launch = async (KeyName?: string): Promise<string> =>
      ((await direct.send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, KeyName }))).Instances ?? [])[0].InstanceId as string
    const withKey = await launch(key)
    const without = await launch()
    const ids = async (client: EC2Client, name: string): Promise<string[]> => {
      const { Reservations = [] } = await client.send(
        new DescribeInstancesCommand({ Filters: [{ Name: name, Values: [] }, { Name: 'instance-state-name', Values: ['running'] }] })
      )
      return Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId as string).sort()
    }

    expect(await ids(direct, 'key-name')).toEqual([])
    expect(await ids(through, 'key-name')).toEqual([withKey])
    expect(await ids(through, 'instance-id')).toEqual([withKey, without].sort())
    // The other filters still apply; a filter with values is moto's as ever.
    await direct.send(new TerminateInstancesCommand({ InstanceIds: [withKey] }))
    expect(await ids(through, 'key-name')).toEqual([])
    const { Reservations = [] } = await through.send(new DescribeInstancesCommand({ Filters: [{ Name: 'key-name', Values: [key] }] }))
    expect(Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual([withKey])
  })
})

describe('aws-proxy: filters as EC2 reads them', () => {
  it('moto takes them; through the proxy, as on EC2, a Describe* call is refused with FilterLimitExceeded', async () => {
    const region = 'eu-south-1'
    const groups = (n: number): string[] => Array.from({ length: n }, (_, i) => `sg-${String(i).padStart(17, '0')}`)
    const describe = (client: EC2Client, n: number): Promise<unknown> =>
      client.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: groups(n) }] }))
    const direct = ec2(moto.endpoint, { region })
    const through = ec2((await proxy()).endpoint, { region, maxAttempts: 1 })

    await expect(describe(direct, 201)).resolves.toBeDefined()
    await expect(describe(through, 200)).resolves.toBeDefined()
    expect(await rejection(describe(through, 201))).toEqual({
      name: 'FilterLimitExceeded',
      status: 400,
      message: 'The maximum number of filter values specified on a single call is 200'
    })
    // Two filters of 200 values each are within the limit: it is per filter.
    await expect(
      through.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values: groups(200) }, { Name: 'network-interface-id', Values: groups(200) }] }))
    ).resolves.toBeDefined()
  })
})

describe('aws-proxy: DescribeNetworkInterfaces by several groups', () => {
  it('moto matches an interface\'s groups as a set; through the proxy, as on EC2, any of them matching is enough', async () => {
    const region = 'eu-south-1'
    const direct = ec2(moto.endpoint, { region })
    const through = ec2((await proxy()).endpoint, { region })
    const group = async (name: string): Promise<string> =>
      (await direct.send(new CreateSecurityGroupCommand({ GroupName: `${name}-${Date.now()}`, Description: name }))).GroupId as string
    const [a, b, c] = [await group('a'), await group('b'), await group('c')]
    const { Subnets = [] } = await direct.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))
    const eni = async (Groups: string[]): Promise<string> =>
      (await direct.send(new CreateNetworkInterfaceCommand({ SubnetId: Subnets[0].SubnetId, Groups }))).NetworkInterface?.NetworkInterfaceId as string
    const both = await eni([a, b])
    const onlyC = await eni([c])
    const ids = async (client: EC2Client, Values: string[]): Promise<string[]> => {
      const { NetworkInterfaces = [] } = await client.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'group-id', Values }] }))
      return NetworkInterfaces.map((n) => n.NetworkInterfaceId as string).sort()
    }

    expect(await ids(direct, [a, c])).toEqual([onlyC])
    expect(await ids(through, [a, c])).toEqual([both, onlyC].sort())
    expect(await ids(through, [b, c, a])).toEqual([both, onlyC].sort())
    expect(await ids(through, [a])).toEqual([both])
  })
})

describe('aws-proxy: whose snapshots DescribeSnapshots shows, which moto ignores', () => {
  it('Owner self keeps the caller\'s; other accounts\' public or shared ones show beside them, their private ones never', async () => {
    const region = 'eu-south-1'
    const OTHER = '210987654321'
    const direct = ec2(moto.endpoint, { region })
    const other = asAccount(ec2(moto.endpoint, { region }), OTHER)
    const snapshot = async (client: EC2Client, Description: string): Promise<string> => {
      const { VolumeId } = await client.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 }))
      return (await client.send(new CreateSnapshotCommand({ VolumeId, Description }))).SnapshotId as string
    }
    const mark = `owners-${Date.now()}`
    const ours = await snapshot(direct, `${mark} ours`)
    const publicOne = await snapshot(other, `${mark} public`)
    const shared = await snapshot(other, `${mark} shared`)
    const privateOne = await snapshot(other, `${mark} private`)
    await other.send(new ModifySnapshotAttributeCommand({ SnapshotId: publicOne, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }))
    await other.send(new ModifySnapshotAttributeCommand({ SnapshotId: shared, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: ['123456789012'] }))
    const through = ec2((await proxy({ otherAccounts: [OTHER] })).endpoint, { region })
    const ids = async (client: EC2Client, OwnerIds?: string[]): Promise<string[]> => {
      const { Snapshots = [] } = await client.send(new DescribeSnapshotsCommand({ OwnerIds, Filters: [{ Name: 'description', Values: [`${mark} *`] }] }))
      return Snapshots.map((x) => x.SnapshotId as string).sort()
    }

    // moto alone: the caller's only, whatever the owner asked for.
    expect(await ids(direct)).toEqual([ours])
    expect(await ids(direct, [OTHER])).toEqual([ours])
    expect(await ids(through)).toEqual([ours, publicOne, shared].sort())
    expect(await ids(through, ['self'])).toEqual([ours])
    expect(await ids(through, [OTHER])).toEqual([publicOne, shared].sort())
    expect(await ids(through, [''])).toEqual([])
    // moto's built-in snapshots of other owners leave an Owner self answer too.
    const { Snapshots = [] } = await through.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    expect(Snapshots.length).toBeGreaterThan(0)
    expect(Snapshots.every((x) => x.OwnerId === '123456789012')).toBe(true)
    expect(await ids(other)).toEqual([publicOne, shared, privateOne].sort())
  })
})

describe('aws-proxy: whose AMIs DescribeImages shows, where moto shows the caller\'s only', () => {
  it('without owners, other accounts\' public or shared AMIs show beside the caller\'s, their private ones never; Owner self keeps the caller\'s', async () => {
    const region = 'eu-south-2'
    const OTHER = '210987654321'
    const direct = ec2(moto.endpoint, { region })
    const other = asAccount(ec2(moto.endpoint, { region }), OTHER)
    const mark = `owners-${Date.now()}`
    const image = async (client: EC2Client, Name: string): Promise<string> =>
      (await client.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: region, Name }))).ImageId as string
    const ours = await image(direct, `${mark}-ours`)
    const publicOne = await image(other, `${mark}-public`)
    const shared = await image(other, `${mark}-shared`)
    const privateOne = await image(other, `${mark}-private`)
    await other.send(new ModifyImageAttributeCommand({ ImageId: publicOne, LaunchPermission: { Add: [{ Group: 'all' }] } }))
    await other.send(new ModifyImageAttributeCommand({ ImageId: shared, LaunchPermission: { Add: [{ UserId: '123456789012' }] } }))
    const through = ec2((await proxy({ otherAccounts: [OTHER] })).endpoint, { region })
    const ids = async (client: EC2Client, Owners?: string[]): Promise<string[]> => {
      const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners, Filters: [{ Name: 'name', Values: [`${mark}-*`] }] }))
      return Images.map((i) => i.ImageId as string).sort()
    }

    // moto alone: the caller's only, whoever else made an AMI public.
    expect(await ids(direct)).toEqual([ours])
    expect(await ids(through)).toEqual([ours, publicOne, shared].sort())
    expect(await ids(through, ['self'])).toEqual([ours])
    expect(await ids(through, [OTHER])).toEqual([publicOne, shared].sort())
    expect(await ids(through, ['self', OTHER])).toEqual([ours, publicOne, shared].sort())
    expect(await ids(other)).toEqual([publicOne, shared, privateOne].sort())
  })
})
