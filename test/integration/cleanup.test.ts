/**
 * The post step after a build that failed rather than was cancelled: it removes only what
 * builds that did not finish left, proves each resource is this run's, keeps what
 * `on-error: abort` kept unless the job was cancelled, and never touches a product.
 */
import {
  CopyImageCommand,
  CreateKeyPairCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  TerminateInstancesCommand
} from '@aws-sdk/client-ec2'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const ec2 = (): EC2Client =>
  new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
const env = (): Record<string, string> => ({ ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

interface Artifact {
  build: string
  ami?: string
}

function build(inputs: Record<string, string>, variables = ''): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('fixtures/two-builds'),
    toolCache,
    eventName: 'release',
    env: env(),
    inputs: { ...installFrom(mirror), template: 'packer/two.pkr.hcl', variables: `ec2_endpoint: ${moto.endpoint}\n${variables}`, ...inputs }
  })
}

const post = (state: Record<string, string>): Promise<RunResult> => runAction({ entry: 'post', env: env(), state, inputs: {} })

async function imageExists(id: string): Promise<boolean> {
  const { Images = [] } = await ec2().send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [id] }] }))
  return Images.some((i) => i.State !== 'deregistered')
}

async function liveInstances(): Promise<string[]> {
  const { Reservations = [] } = await ec2().send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] })
  )
  return Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId as string)
}

describe('the post step after a failed build', () => {
  it('two builds, one failing in a provisioner: the good AMI is a product, reported and kept', async () => {
    const main = await build({})
    expect(main.code).not.toBe(0)
    const artifacts = JSON.parse(main.outputs['artifacts']) as Artifact[]
    const good = artifacts.find((a) => a.build === 'amazon-ebs.good')?.ami as string
    expect(good).toMatch(/^ami-/)
    expect(main.outputs['ami-id']).toBe(good)
    expect(main.summary).toContain(good)
    expect(main.summary).toMatch(/failing\.amazon-ebs\.bad: .*exit/s)
    const after = await post(main.state)
    expect(after.code).toBe(0)
    expect(after.stdout).not.toMatch(/removed AMI/)
    expect(await imageExists(good)).toBe(true)
  })

  it('a provisioner that prints an owned AMI\'s id, and a key pair name, then fails: neither is touched', async () => {
    const client = ec2()
    const { ImageId: golden } = await client.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: `golden-${Date.now()}` }))
    await client.send(new CreateKeyPairCommand({ KeyName: 'team-debug-key' }))
    // Older than the run by more than the clock margin the post step allows.
    await sleep(6000)
    const printed = `AMI: ${golden}\\nSource AMI: ${golden}\\nCreating temporary keypair: team-debug-key`
    const main = await build({ only: 'failing.amazon-ebs.bad' }, `failing_output: "${printed}"`)
    expect(main.code).not.toBe(0)
    // Packer shows the lines as the build's own, in the very form of the plugin's messages.
    const output = readFileSync(main.state['packer-output'], 'utf8')
    expect(output).toContain(`failing.amazon-ebs.bad: AMI: ${golden}`)
    expect(output).toContain('failing.amazon-ebs.bad: Creating temporary keypair: team-debug-key')
    const after = await post({ ...main.state, cancelled: 'true' })
    expect(after.code).toBe(0)
    expect(await imageExists(golden as string)).toBe(true)
    const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['team-debug-key'] }] }))
    expect(KeyPairs).toHaveLength(1)
  })

  describe('on-error: abort', () => {
    let main: RunResult
    let instance: string

    beforeAll(async () => {
      const before = await liveInstances()
      main = await build({ only: 'failing.amazon-ebs.bad', 'on-error': 'abort' })
      instance = (await liveInstances()).filter((i) => !before.includes(i))[0]
    })

    it('keeps the failed build\'s instance and names it, with how to remove it', async () => {
      expect(main.code).not.toBe(0)
      expect(instance).toMatch(/^i-/)
      const after = await post(main.state)
      expect(after.code).toBe(0)
      expect(after.summary).toContain('Kept for debugging')
      expect(after.summary).toContain(`aws ec2 terminate-instances --region us-east-1 --instance-ids ${instance}`)
      expect(await liveInstances()).toContain(instance)
    })

    it('removes it when the job was cancelled', async () => {
      const after = await post({ ...main.state, cancelled: 'true' })
      expect(after.code).toBe(0)
      expect(after.stdout).toContain(`us-east-1: removed instance ${instance}`)
      expect(await liveInstances()).not.toContain(instance)
    })

    afterAll(async () => {
      if (instance !== undefined) await ec2().send(new TerminateInstancesCommand({ InstanceIds: [instance] })).catch(() => undefined)
    })
  })
})

describe('the post step and deregistration protection', () => {
  let proxy: AwsProxy

  beforeAll(async () => {
    proxy = await startAwsProxy({ target: moto.endpoint })
  })

  afterAll(async () => {
    await proxy?.close()
  })

  /** Through the proxy, which emulates the protection moto 5 lacks. */
  const guardedEc2 = (): EC2Client => new EC2Client({ region: 'us-east-1', endpoint: proxy.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })

  it('spares a leftover AMI with deregistration protection and removes an unprotected one of the same run', async () => {
    const client = guardedEc2()
    const runStart = new Date()
    const stamp = Date.now()
    // Two builds that announced their AMI names and never finished, as Packer 1.6.6 prints it.
    const names = { guarded: `guarded-${stamp}`, plain: `plain-${stamp}` }
    const output = path.join(mkdtempSync(path.join(tmpdir(), 'pam-post-')), 'packer-output.txt')
    const t = Math.floor(runStart.getTime() / 1000)
    writeFileSync(
      output,
      [
        `${t},,ui,say,==> amazon-ebs.guarded: Prevalidating AMI Name: ${names.guarded}`,
        `${t},,ui,say,==> amazon-ebs.plain: Prevalidating AMI Name: ${names.plain}`,
        `${t},,ui,error,Build 'amazon-ebs.guarded' errored after 1 minute 2 seconds: interrupted`,
        `${t},,ui,error,Build 'amazon-ebs.plain' errored after 1 minute 2 seconds: interrupted`,
        ''
      ].join('\n')
    )
    // The AMIs those builds left, made after the run began; one of them protected.
    const made = async (name: string): Promise<{ ami: string; snapshots: string[] }> => {
      const { ImageId } = await client.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: name }))
      const { Images = [] } = await client.send(new DescribeImagesCommand({ ImageIds: [ImageId as string] }))
      return { ami: ImageId as string, snapshots: (Images[0]?.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId as string) }
    }
    const guarded = await made(names.guarded)
    const plain = await made(names.plain)
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: guarded.ami }))

    const after = await runAction({
      entry: 'post',
      env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' },
      inputs: {},
      state: { 'packer-output': output, 'run-start': runStart.toISOString(), regions: '["us-east-1"]', 'on-error': 'cleanup', 'packer-exited': 'true' }
    })

    expect(after.stderr + after.stdout).not.toContain('::error::')
    expect(after.code).toBe(0)
    expect(after.stdout).toContain(`us-east-1: spared AMI ${guarded.ami} of amazon-ebs.guarded (deregistration protection is on)`)
    expect(after.stdout).toContain(`us-east-1: removed AMI ${plain.ami} of amazon-ebs.plain`)
    expect(after.summary).toContain(`| amazon-ebs.guarded | us-east-1 | AMI | \`${guarded.ami}\` | spared: deregistration protection is on |`)
    expect(after.summary).toContain(`| amazon-ebs.plain | us-east-1 | AMI | \`${plain.ami}\` | removed |`)
    expect(await imageExists(guarded.ami)).toBe(true)
    expect(proxy.deregistrationProtection(guarded.ami, 'us-east-1')).toBe('enabled-without-cooldown')
    expect(await imageExists(plain.ami)).toBe(false)
    const { Snapshots = [] } = await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    const left = new Set(Snapshots.map((s) => s.SnapshotId))
    expect(guarded.snapshots.every((id) => left.has(id))).toBe(true)
    expect(plain.snapshots.filter((id) => left.has(id))).toEqual([])
    // It never asked EC2 to deregister the protected AMI.
    expect(proxy.calls.filter((c) => c.action === 'DeregisterImage').map((c) => c.params.ImageId)).toEqual([plain.ami])
  })
})
