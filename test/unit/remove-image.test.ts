/**
 * removeImage against moto, behind the loopback proxy for the answers moto cannot give: EC2
 * honouring DeregisterImage's DeleteAssociatedSnapshots (with a snapshot skipped or failed),
 * an endpoint refusing the parameter (UnknownParameter), and a protected AMI's refusal
 * (OperationNotPermitted). Each case checks what is left in moto and which calls went out.
 */
import {
  CreateImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import { removeImage } from '../../src/aws/images.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { startMoto, type Moto } from '../support/moto.js'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
let moto: Moto
const proxies: AwsProxy[] = []
const clients: EC2Client[] = []

beforeAll(async () => {
  moto = await startMoto()
})

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()))
  for (const client of clients.splice(0)) client.destroy()
})

afterAll(async () => {
  await moto?.stop()
})

/** A client through a fresh proxy, and that proxy. */
async function through(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<{ ec2: EC2Client; proxy: AwsProxy }> {
  const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
  proxies.push(proxy)
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint: proxy.endpoint, credentials, maxAttempts: 1 })
  clients.push(ec2)
  return { ec2, proxy }
}

/** An AMI of this account made from an instance, as a build makes one, and its snapshots. */
async function ownImage(ec2: EC2Client, name: string): Promise<{ ami: string; snapshots: string[] }> {
  const { Instances = [] } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1 }))
  const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `${name}-${Date.now()}` }))
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId as string] }))
  const snapshots = (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
  expect(snapshots).toHaveLength(1)
  return { ami: ImageId as string, snapshots }
}

async function imageExists(ec2: EC2Client, ami: string): Promise<boolean> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [ami] }] }))
  return Images.length > 0
}

async function snapshotsLeft(ec2: EC2Client, ids: string[]): Promise<string[]> {
  const { Snapshots = [] } = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
  return Snapshots.map((s) => s.SnapshotId as string).filter((id) => ids.includes(id))
}

/** What removeImage sent: each call's action and the parameters that tell the calls apart. */
function sent(proxy: AwsProxy, from: number): string[] {
  return proxy.calls.slice(from).map(({ action, params }) => {
    if (action === 'DeregisterImage') return `DeregisterImage ${params.ImageId}${params.DeleteAssociatedSnapshots === 'true' ? ' +snapshots' : ''}`
    return `${action} ${params.SnapshotId ?? params.ImageId ?? ''}`.trim()
  })
}

describe('removeImage', () => {
  it('EC2 deletes every snapshot with the image: one call, nothing left', async () => {
    const { ec2, proxy } = await through({ deleteAssociatedSnapshots: true })
    const { ami, snapshots } = await ownImage(ec2, 'all-at-once')
    const from = proxy.calls.length

    expect(await removeImage(ec2, ami, snapshots)).toEqual([])

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`])
    expect(await imageExists(ec2, ami)).toBe(false)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual([])
  })

  it('an endpoint that ignores the flag (moto) reports nothing: each snapshot is deleted after the deregistration', async () => {
    const { ec2, proxy } = await through()
    const { ami, snapshots } = await ownImage(ec2, 'flag-ignored')
    const from = proxy.calls.length

    expect(await removeImage(ec2, ami, snapshots)).toEqual([])

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`, `DeleteSnapshot ${snapshots[0]}`])
    expect(await imageExists(ec2, ami)).toBe(false)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual([])
  })

  it('a snapshot EC2 skipped because another AMI uses it is left alone and returned', async () => {
    const skipped = new Set<string>()
    const { ec2, proxy } = await through({ deleteAssociatedSnapshots: true, snapshotOutcome: (id) => (skipped.has(id) ? 'skipped' : undefined) })
    const { ami, snapshots } = await ownImage(ec2, 'shared-snapshot')
    snapshots.forEach((s) => skipped.add(s))
    const from = proxy.calls.length

    expect(await removeImage(ec2, ami, snapshots)).toEqual(snapshots)

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`])
    expect(await imageExists(ec2, ami)).toBe(false)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual(snapshots)
  })

  it('a snapshot EC2 failed to delete is deleted here', async () => {
    const failing = new Set<string>()
    const { ec2, proxy } = await through({ deleteAssociatedSnapshots: true, snapshotOutcome: (id) => (failing.has(id) ? 'internal-error' : undefined) })
    const { ami, snapshots } = await ownImage(ec2, 'failed-snapshot')
    snapshots.forEach((s) => failing.add(s))
    const from = proxy.calls.length

    expect(await removeImage(ec2, ami, snapshots)).toEqual([])

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`, `DeleteSnapshot ${snapshots[0]}`])
    expect(await imageExists(ec2, ami)).toBe(false)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual([])
  })

  it('an endpoint that refuses the flag (UnknownParameter) gets the deregistration without it, then the snapshot deletions', async () => {
    const { ec2, proxy } = await through({ deleteAssociatedSnapshots: 'unknown-parameter' })
    const { ami, snapshots } = await ownImage(ec2, 'flag-refused')
    const from = proxy.calls.length

    expect(await removeImage(ec2, ami, snapshots)).toEqual([])

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`, `DeregisterImage ${ami}`, `DeleteSnapshot ${snapshots[0]}`])
    expect(await imageExists(ec2, ami)).toBe(false)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual([])
  })

  it('a protected AMI\'s refusal (OperationNotPermitted) fails the removal and deletes no snapshot', async () => {
    const { ec2, proxy } = await through({ deleteAssociatedSnapshots: true })
    const { ami, snapshots } = await ownImage(ec2, 'protected')
    await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami }))
    const from = proxy.calls.length

    await expect(removeImage(ec2, ami, snapshots)).rejects.toMatchObject({ name: 'OperationNotPermitted' })

    expect(sent(proxy, from)).toEqual([`DeregisterImage ${ami} +snapshots`])
    expect(await imageExists(ec2, ami)).toBe(true)
    expect(await snapshotsLeft(ec2, snapshots)).toEqual(snapshots)
  })
})
