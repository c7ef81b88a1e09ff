/**
 * What retention.test.ts let through when Stryker broke src/aws/retention.ts (docs/testing.md):
 * the id tie-break among equally new AMIs of earlier runs, and familyImages and
 * referencesOfOlder, which only the bundle's integration tests ran. Those two run here against
 * moto, through a client that records each request and, where a case needs it, answers as an
 * endpoint that pages or ignores a filter would.
 */
import {
  CopyImageCommand,
  CreateTagsCommand,
  DescribeImagesCommand,
  EC2Client,
  EnableImageDeregistrationProtectionCommand,
  RunInstancesCommand,
  type DescribeImagesCommandOutput,
  type Image
} from '@aws-sdk/client-ec2'
import { SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import { familyImages, planRetention, referencesOfOlder, type Candidate } from '../../src/aws/retention.js'
import { FAMILY_TAG, TEST_TAG } from '../../src/aws/tags.js'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'

describe('planRetention breaks ties of earlier runs by AMI id, whatever the order they are listed in', () => {
  const T = '2024-06-01T12:00:00.000Z'
  const tied: Candidate[] = ['ami-10', 'ami-11', 'ami-12'].map((ami) => ({ ami, created: T, snapshots: [] }))
  const orders = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0]
  ].map((o) => o.map((i) => tied[i]))

  it.each(orders.map((o) => [o.map((c) => c.ami).join(', '), o]))('listed %s: keep 1 keeps ami-10, keep 2 ami-10 and ami-11', (_name, order) => {
    expect(planRetention(order as Candidate[], 1, new Set(), new Map()).kept.map((c) => c.ami)).toEqual(['ami-10'])
    expect(planRetention(order as Candidate[], 2, new Set(), new Map()).kept.map((c) => c.ami)).toEqual(['ami-10', 'ami-11'])
    expect(planRetention(order as Candidate[], 1, new Set(), new Map()).remove.map((c) => c.ami)).toEqual(['ami-11', 'ami-12'])
  })
})

const SOURCE_AMI = 'ami-03cf127a'
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
let moto: Moto
let proxy: AwsProxy

type Answer = (input: Record<string, unknown>, real: () => Promise<DescribeImagesCommandOutput>) => Promise<DescribeImagesCommandOutput>

/** A client of the proxy in front of moto that records each DescribeImages input; `answer` may reshape moto's answer. */
function recording(region: string, answer?: Answer): { ec2: EC2Client; inputs: Array<Record<string, unknown>> } {
  const ec2 = new EC2Client({ region, endpoint: proxy.endpoint, credentials })
  const inputs: Array<Record<string, unknown>> = []
  const send = ec2.send.bind(ec2) as (command: unknown) => Promise<unknown>
  ;(ec2 as unknown as { send: (command: { input: Record<string, unknown> }) => Promise<unknown> }).send = (command) => {
    if (!(command instanceof DescribeImagesCommand)) return send(command)
    inputs.push(command.input as Record<string, unknown>)
    const real = (): Promise<DescribeImagesCommandOutput> => send(command) as Promise<DescribeImagesCommandOutput>
    return answer === undefined ? real() : answer(command.input as Record<string, unknown>, real)
  }
  return { ec2, inputs }
}

async function image(ec2: EC2Client, region: string, family?: string): Promise<string> {
  const { ImageId } = await ec2.send(new CopyImageCommand({ SourceImageId: SOURCE_AMI, SourceRegion: region, Name: `img-${randomUUID()}` }))
  if (family !== undefined) await ec2.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: [{ Key: FAMILY_TAG, Value: family }] }))
  return ImageId as string
}

async function described(ec2: EC2Client, ids: string[]): Promise<Map<string, Image>> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: ids }))
  return new Map(Images.map((i) => [i.ImageId as string, i]))
}

describe('planRetention and the test stage\'s verdicts', () => {
  const at = (minute: number): string => `2024-06-01T12:${String(minute).padStart(2, '0')}:00.000Z`
  // Newest first: this run's AMI that failed its test, an earlier run's AMI still being tested,
  // one that failed, then three that passed or had no test.
  const candidates: Candidate[] = [
    { ami: 'ami-this-run-failed', created: at(50), snapshots: [], test: 'failed' },
    { ami: 'ami-pending', created: at(40), snapshots: [], test: 'pending' },
    { ami: 'ami-failed', created: at(30), snapshots: [], test: 'failed' },
    { ami: 'ami-passed', created: at(20), snapshots: [], test: 'passed' },
    { ami: 'ami-untested', created: at(10), snapshots: [] },
    { ami: 'ami-oldest', created: at(0), snapshots: [], test: 'passed' }
  ]

  it('keeps the newest 2 that passed (or had no test) besides this run\'s own, spares the one still under test, and removes the failed one and the oldest', () => {
    const plan = planRetention(candidates, 2, new Set(['ami-this-run-failed']), new Map())
    expect(plan.kept.map((c) => c.ami)).toEqual(['ami-this-run-failed', 'ami-passed', 'ami-untested'])
    expect(plan.spared.map((c) => [c.ami, c.reason])).toEqual([['ami-pending', 'its test has not finished']])
    expect(plan.remove.map((c) => c.ami)).toEqual(['ami-failed', 'ami-oldest'])
  })
})

// moto starts only for the tests that need it: a mutant of planRetention runs none of them.
describe('against moto', () => {
  beforeAll(async () => {
    moto = await startMoto()
    proxy = await startAwsProxy({ target: moto.endpoint, imageReferences: true })
  })

  afterAll(async () => {
    await proxy?.close()
    await moto?.stop()
  })

  describe('familyImages', () => {
    it("asks for this account's available AMIs of the family, and maps each to a candidate", async () => {
      const region = 'eu-west-1'
      const { ec2, inputs } = recording(region)
      const a = await image(ec2, region, 'acme/web')
      const b = await image(ec2, region, 'acme/web')
      await image(ec2, region, 'acme/db')
      await image(ec2, region)
      // Someone else's AMI (moto's catalogue) with our tag on it: not ours, never a candidate.
      await ec2.send(new CreateTagsCommand({ Resources: [SOURCE_AMI], Tags: [{ Key: FAMILY_TAG, Value: 'acme/web' }] }))
      await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: b }))
      const real = await described(ec2, [a, b])
      inputs.length = 0

      const found = await familyImages(ec2, 'acme/web')

      const snapshots = (id: string): string[] => (real.get(id)?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
      expect([...found].sort((x, y) => x.ami.localeCompare(y.ami))).toStrictEqual(
        [
          { ami: a, created: real.get(a)?.CreationDate, snapshots: snapshots(a) },
          { ami: b, created: real.get(b)?.CreationDate, snapshots: snapshots(b), protection: 'enabled-without-cooldown' }
        ].sort((x, y) => x.ami.localeCompare(y.ami))
      )
      expect(snapshots(a).length).toBeGreaterThan(0)
      expect(inputs).toEqual([
        {
          Owners: ['self'],
          Filters: [
            { Name: `tag:${FAMILY_TAG}`, Values: ['acme/web'] },
            { Name: 'state', Values: ['available'] }
          ],
          MaxResults: 1000,
          NextToken: undefined
        }
      ])
    })

    it('reads the test stage\'s verdict tag of each AMI, so that retention knows which ones are still being tested or failed', async () => {
      const region = 'eu-central-1'
      const { ec2 } = recording(region)
      const pending = await image(ec2, region, 'acme/tested')
      const failed = await image(ec2, region, 'acme/tested')
      const untested = await image(ec2, region, 'acme/tested')
      await ec2.send(new CreateTagsCommand({ Resources: [pending], Tags: [{ Key: TEST_TAG, Value: 'pending' }] }))
      await ec2.send(new CreateTagsCommand({ Resources: [failed], Tags: [{ Key: TEST_TAG, Value: 'failed' }] }))

      const found = new Map((await familyImages(ec2, 'acme/tested')).map((c) => [c.ami, c]))

      expect(found.get(pending)?.test).toBe('pending')
      expect(found.get(failed)?.test).toBe('failed')
      expect(found.get(untested)).not.toHaveProperty('test')
    })

    it('follows NextToken to the last page', async () => {
      const region = 'eu-west-2'
      let pages = 0
      const { ec2, inputs } = recording(region, async (input, real) => {
        const all = await real()
        pages++
        const images = all.Images ?? []
        // Two pages: the first AMI, then the rest.
        return input.NextToken === undefined ? { ...all, Images: images.slice(0, 1), NextToken: 'page-2' } : { ...all, Images: images.slice(1) }
      })
      const ids = [await image(ec2, region, 'acme/paged'), await image(ec2, region, 'acme/paged'), await image(ec2, region, 'acme/paged')]
      const found = await familyImages(ec2, 'acme/paged')
      expect(found.map((c) => c.ami).sort()).toEqual(ids.sort())
      expect(pages).toBe(2)
      expect(inputs.map((i) => i.NextToken)).toEqual([undefined, 'page-2'])
    })

    it("drops what an endpoint answers past its filters: another family's AMI, an AMI without an id", async () => {
      const region = 'eu-west-3'
      const { ec2 } = recording(region, async (_input, real) => {
        const all = await real()
        const extra: Image[] = [
          { ImageId: 'ami-0other', CreationDate: '2024-01-01T00:00:00.000Z', Tags: [{ Key: FAMILY_TAG, Value: 'acme/other' }] },
          { CreationDate: '2024-01-01T00:00:00.000Z', Tags: [{ Key: FAMILY_TAG, Value: 'acme/lean' }] },
          { ImageId: 'ami-0nodate', Tags: [{ Key: FAMILY_TAG, Value: 'acme/lean' }] }
        ]
        return { ...all, Images: [...(all.Images ?? []), ...extra] }
      })
      const mine = await image(ec2, region, 'acme/lean')
      const found = await familyImages(ec2, 'acme/lean')
      expect(found.map((c) => c.ami).sort()).toStrictEqual([mine, 'ami-0nodate'].sort())
      expect(found.find((c) => c.ami === 'ami-0nodate')).toStrictEqual({ ami: 'ami-0nodate', created: '', snapshots: [] })
    })
  })

  describe('referencesOfOlder', () => {
    it('asks only about the AMIs past the newest N that are not this run\'s, and returns what refers to them', async () => {
      const region = 'ap-southeast-2'
      const ec2 = new EC2Client({ region, endpoint: proxy.endpoint, credentials })
      const ssm = new SSMClient({ region, endpoint: proxy.endpoint, credentials })
      const [oldest, older, newest] = [await image(ec2, region), await image(ec2, region), await image(ec2, region)]
      const launchFrom = async (ami: string): Promise<string> =>
        ((await ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }))).Instances ?? [])[0].InstanceId as string
      const onOldest = await launchFrom(oldest)
      await launchFrom(newest)
      await launchFrom(older)
      const candidates: Candidate[] = [
        { ami: oldest, created: '2024-01-01T00:00:00.000Z', snapshots: [] },
        { ami: older, created: '2024-02-01T00:00:00.000Z', snapshots: [] },
        { ami: newest, created: '2024-03-01T00:00:00.000Z', snapshots: [] }
      ]
      const calls = proxy.calls.length

      const check = await referencesOfOlder({ ec2, ssm }, candidates, 1, new Set([older]))

      expect(check.via).toBe('DescribeImageReferences')
      expect([...check.references]).toEqual([[oldest, [`instance:${onOldest}`]]])
      const asked = proxy.calls.slice(calls).filter((c) => c.action === 'DescribeImageReferences')
      expect(asked.flatMap((c) => Object.entries(c.params).filter(([k]) => k.startsWith('ImageId')).map(([, v]) => v))).toEqual([oldest])
    })
  })
})
