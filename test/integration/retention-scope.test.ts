/**
 * `keep-latest` touches only its own family, and only AMIs this account owns: the bundled action
 * against a moto of its own (no other suite's AMIs), through the proxy, which records every call.
 * Each test takes a family of its own, so nothing another test left matters.
 *
 * The look-alike owned by another account is one of the public AMIs moto serves (owned by
 * Amazon's account), tagged in our account with our family tag: we can launch it and, in our view,
 * it carries the family. A private AMI another account shares with us cannot be staged in moto 5:
 * its accounts have separate backends and DescribeImages only looks in the caller's
 * (moto/ec2/models/amis.py, describe_images), so such an AMI never shows, with or without
 * `Owners` (x-moto-account-id does make a second account, but what it shares stays invisible).
 */
import { CopyImageCommand, CreateTagsCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { familyAmis } from '../support/family.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const FAMILY_TAG = 'packer-ami-action:family'
const REGION = 'us-east-1'
/** Our account in moto. */
const ACCOUNT = '123456789012'
let moto: Moto
let mirror: Mirror
let proxy: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const ec2 = (): EC2Client => new EC2Client({ region: REGION, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  proxy = await startAwsProxy({ target: moto.endpoint })
})

afterAll(async () => {
  await Promise.all([proxy?.close(), moto?.stop(), mirror?.close()])
})

/** Packer talks to moto directly; the action's SDK goes through the proxy. */
function build(inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('fixtures/single'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint },
    inputs: { ...installFrom(mirror), template: 'packer/single.pkr.hcl', variables: `ec2_endpoint: ${moto.endpoint}`, ...inputs }
  })
}

/** An AMI of our account, named as the fixture names its AMIs, with `tags`. */
async function ownAmi(tags: Record<string, string>): Promise<string> {
  const { ImageId } = await ec2().send(
    new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: REGION, Name: `solo-${Date.now()}-${randomUUID().slice(0, 8)}` })
  )
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
  if (Tags.length > 0) await ec2().send(new CreateTagsCommand({ Resources: [ImageId as string], Tags }))
  return ImageId as string
}

/** Whether the AMI is still there to launch, whoever owns it. */
async function available(ami: string): Promise<boolean> {
  const { Images = [] } = await ec2().send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [ami] }] }))
  return Images.some((i) => i.State === 'available')
}

/** DeregisterImage calls the run sent, by image id. */
const deregistered = (from: number): string[] =>
  proxy.calls.slice(from).filter((c) => c.action === 'DeregisterImage').map((c) => c.params.ImageId)

interface RetentionEntry {
  region: string
  family: string
  kept: string[]
  removed: string[]
  spared: string[]
}

describe('keep-latest stays within its family and its account', () => {
  it('removes the older AMI of its family and leaves AMIs of other families, however alike', async () => {
    const family = `acme/scope-${randomUUID().slice(0, 8)}`
    const older = await ownAmi({ [FAMILY_TAG]: family })
    // Look-alikes: a family whose name begins with ours, one that differs in case, and an AMI of ours with no family.
    const canary = await ownAmi({ [FAMILY_TAG]: `${family}-canary` })
    const shouting = await ownAmi({ [FAMILY_TAG]: family.toUpperCase() })
    const untagged = await ownAmi({})
    const from = proxy.calls.length

    const run = succeeded(await build({ family, 'keep-latest': '1' }))
    const newest = run.outputs['ami-id']

    expect(await familyAmis(ec2(), family)).toEqual([newest])
    expect(deregistered(from)).toEqual([older])
    for (const ami of [canary, shouting, untagged]) expect(await available(ami)).toBe(true)
    expect(await familyAmis(ec2(), `${family}-canary`)).toEqual([canary])
    const retention = (JSON.parse(run.outputs['images']) as { retention: RetentionEntry[] }).retention
    expect(retention).toMatchObject([{ region: REGION, family, kept: [newest], removed: [older], spared: [] }])
  })

  it('leaves an AMI another account owns that carries the family tag in our account', async () => {
    const family = `acme/scope-${randomUUID().slice(0, 8)}`
    // One of moto's public AMIs, not ami-03cf127a, which the builds copy.
    const { Images = [] } = await ec2().send(new DescribeImagesCommand({ Owners: ['amazon'] }))
    const foreign = Images.find((i) => i.ImageId !== 'ami-03cf127a' && i.OwnerId !== ACCOUNT && i.State === 'available')?.ImageId as string
    expect(foreign).toMatch(/^ami-/)
    await ec2().send(new CreateTagsCommand({ Resources: [foreign], Tags: [{ Key: FAMILY_TAG, Value: family }] }))
    // Without `Owners`, DescribeImages would hand it to retention: the family tag alone does not keep it out.
    const { Images: lookAlikes = [] } = await ec2().send(new DescribeImagesCommand({ Filters: [{ Name: `tag:${FAMILY_TAG}`, Values: [family] }] }))
    expect(lookAlikes.map((i) => [i.ImageId, i.OwnerId === ACCOUNT])).toEqual([[foreign, false]])
    const older = await ownAmi({ [FAMILY_TAG]: family })
    const from = proxy.calls.length

    const run = succeeded(await build({ family, 'keep-latest': '1' }))
    const newest = run.outputs['ami-id']

    expect(deregistered(from)).toEqual([older])
    expect(await available(foreign)).toBe(true)
    expect(await familyAmis(ec2(), family)).toEqual([newest])
    const retention = (JSON.parse(run.outputs['images']) as { retention: RetentionEntry[] }).retention
    expect(retention).toMatchObject([{ region: REGION, family, kept: [newest], removed: [older], spared: [] }])
  })
})
