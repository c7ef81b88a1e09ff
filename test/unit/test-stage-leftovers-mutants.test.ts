/**
 * removeTestInstances (src/test-stage/leftovers.ts), the post step's part for the test stage,
 * against moto behind the loopback proxy, written to kill what Stryker's mutants of it showed
 * untested (docs/testing.md): which instances are this job's (its token, the AMI the instance
 * tests being the one it runs, a deadline), whatever their deadline; the look-alikes that stay;
 * the regions looked in; every page of the look-up; a termination EC2 does not confirm in time;
 * and a refused call. Each test checks what is left in moto, the list returned, the log and the
 * calls that reached EC2 (counted at the proxy).
 *
 * The lost runner's side (no post step: `mode: sweep` removes a test instance once its test
 * deadline and `sweep-older-than` have passed) is src/aws/sweep.ts's, tested in
 * test/unit/test-stage.test.ts and test/integration/test-stage-leftovers.test.ts.
 */
import { CopyImageCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2'
import { jest } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { removeTestInstances, TestLeftoverError, type TestLeftover } from '../../src/test-stage/leftovers.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'

/** One of moto's public AMIs, in every region. */
const SOURCE_AMI = 'ami-03cf127a'
const FAST = { pollMs: 10, timeoutMs: 10_000 }
/** The instance states the post step counts as alive: EC2's states but `terminated`. */
const LIVE = ['pending', 'running', 'shutting-down', 'stopping', 'stopped']
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
const HOUR = 3_600_000

let moto: Moto
const saved = { ...process.env }
const closers: Array<() => Promise<void>> = []
let out: string[] = []

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

const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })
const log = (): string => out.join('')

/** The action's clients reach moto through the proxy, which counts their calls. */
async function through(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<AwsProxy> {
  const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
  closers.push(() => proxy.close())
  Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' })
  return proxy
}

/** An AMI of this account in the region, made from moto's public one. */
async function ami(client: EC2Client, region: string): Promise<string> {
  const { ImageId } = await client.send(new CopyImageCommand({ SourceImageId: SOURCE_AMI, SourceRegion: region, Name: `app-${randomUUID()}` }))
  return ImageId as string
}

async function launch(client: EC2Client, image: string, tags: Record<string, string>): Promise<string> {
  const { Instances = [] } = await client.send(
    new RunInstancesCommand({
      ImageId: image,
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }]
    })
  )
  return Instances[0].InstanceId as string
}

async function state(client: EC2Client, instance: string): Promise<string | undefined> {
  const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
  return Reservations[0]?.Instances?.[0]?.State?.Name
}

/** The tags the test stage launches an instance with (src/test-stage/instance-tags.ts), written out. */
function testTags(image: string, token: string, deadline: Date): Record<string, string> {
  return {
    Name: `packer-ami-action test of ${image}`,
    'packer-ami-action:test-of': image,
    'packer-ami-action:test-run': token,
    'packer-ami-action:test-deadline': deadline.toISOString(),
    'packer-ami-action:run-url': 'https://github.com/acme/images/actions/runs/1',
    'packer-ami-action:build': 'amazon-ebs.app'
  }
}

const without = (tags: Record<string, string>, key: string): Record<string, string> => Object.fromEntries(Object.entries(tags).filter(([k]) => k !== key))
const byInstance = (list: TestLeftover[]): TestLeftover[] => [...list].sort((a, b) => a.instance.localeCompare(b.instance))
const ec2Error = (code: string, message: string): { status: number; contentType: string; body: string } => ({
  status: 400,
  contentType: 'text/xml',
  body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>1</RequestID></Response>`
})

describe('removeTestInstances, after a job killed during the test stage', () => {
  it('terminates in each region given every live instance with the job\'s token that tests the AMI it runs, past its deadline or not; look-alikes stay', async () => {
    const [east, west, far] = ['us-east-1', 'eu-west-1', 'ap-southeast-2']
    const [e, w, f] = [ec2(east), ec2(west), ec2(far)]
    const token = randomUUID()
    // The AMI tested (moto's public one, in every region), and another of this account.
    const [tested, westAmi, farAmi] = [SOURCE_AMI, SOURCE_AMI, SOURCE_AMI]
    const other = await ami(e, east)
    const future = new Date(Date.now() + HOUR)
    const past = new Date(Date.now() - HOUR)
    const ours = testTags(tested, token, future)

    // The job's: one whose test could still run (the job is over: it goes all the same), one
    // past its deadline and stopped, one in the other region.
    const running = await launch(e, tested, ours)
    const stopped = await launch(e, tested, testTags(tested, token, past))
    await e.send(new StopInstancesCommand({ InstanceIds: [stopped] }))
    const inWest = await launch(w, westAmi, testTags(westAmi, token, future))
    // Look-alikes, each of the tested AMI: another job's; no token; only a Name and the family
    // (tooling that copies an AMI's tags: no AMI carries the test tags); this job's token on an
    // instance of another AMI than the one it names, or without a deadline, a readable deadline
    // or the AMI it tests.
    const lookAlikes = {
      otherJob: await launch(e, tested, testTags(tested, randomUUID(), past)),
      noToken: await launch(e, tested, { ...without(ours, 'packer-ami-action:test-run'), 'packer-ami-action:family': 'acme/images/amazon-ebs.app' }),
      nameOnly: await launch(e, tested, { Name: ours.Name, 'packer-ami-action:family': 'acme/images/amazon-ebs.app' }),
      otherAmi: await launch(e, other, ours),
      noDeadline: await launch(e, tested, without(ours, 'packer-ami-action:test-deadline')),
      badDeadline: await launch(e, tested, { ...ours, 'packer-ami-action:test-deadline': 'soon' }),
      noTestOf: await launch(e, tested, without(ours, 'packer-ami-action:test-of'))
    }
    // A region the stage did not launch in is not looked in.
    const inFar = await launch(f, farAmi, testTags(farAmi, token, past))
    expect(await state(e, stopped)).toBe('stopped')
    const proxy = await through()

    const found = await removeTestInstances(token, [east, west], FAST)

    expect(byInstance(found)).toEqual(
      byInstance([
        { region: east, instance: running, ami: tested, outcome: 'terminated' },
        { region: east, instance: stopped, ami: tested, outcome: 'terminated' },
        { region: west, instance: inWest, ami: westAmi, outcome: 'terminated' }
      ])
    )
    for (const id of [running, stopped]) expect(await state(e, id)).toBe('terminated')
    expect(await state(w, inWest)).toBe('terminated')
    for (const [name, id] of Object.entries(lookAlikes)) expect([name, await state(e, id)]).toEqual([name, 'running'])
    expect(await state(f, inFar)).toBe('running')
    expect(proxy.calls.filter((c) => c.region === far)).toEqual([])
    // One termination per region, of the job's instances only.
    const terminations = proxy.calls.filter((c) => c.action === 'TerminateInstances')
    expect(terminations.map((c) => [c.region, Object.entries(c.params).filter(([k]) => k.startsWith('InstanceId.')).map(([, v]) => v).sort()]).sort()).toEqual(
      [
        [east, [running, stopped].sort()],
        [west, [inWest]]
      ].sort()
    )
    // Each termination in the log, as information: nothing is left for the user to act on.
    for (const [region, id, image] of [
      [east, running, tested],
      [east, stopped, tested],
      [west, inWest, westAmi]
    ]) {
      expect(log()).toContain(`\n${region}: test instance ${id} of ${image}: terminated\n`.slice(1))
    }
    expect(log()).not.toContain('::warning::')
  })

  it('asks EC2 only for the job\'s live instances, by its token: never for every instance of the region', async () => {
    const region = 'us-east-2'
    const client = ec2(region)
    const token = randomUUID()
    const image = SOURCE_AMI
    const mine = await launch(client, image, testTags(image, token, new Date(Date.now() + HOUR)))
    const proxy = await through()

    await removeTestInstances(token, [region], FAST)

    expect(await state(client, mine)).toBe('terminated')
    const lookUps = proxy.calls.filter((c) => c.action === 'DescribeInstances' && c.params['Filter.1.Name'] !== 'instance-id')
    expect(lookUps).toHaveLength(1)
    expect(lookUps[0].params).toEqual({
      Action: 'DescribeInstances',
      Version: '2016-11-15',
      'Filter.1.Name': 'tag:packer-ami-action:test-run',
      'Filter.1.Value.1': token,
      'Filter.2.Name': 'instance-state-name',
      ...Object.fromEntries(LIVE.map((s, k) => [`Filter.2.Value.${k + 1}`, s]))
    })
  })

  it('finds nothing to do where the job left nothing running: its terminated instance is neither terminated again nor reported', async () => {
    const region = 'us-west-2'
    const client = ec2(region)
    const token = randomUUID()
    const image = SOURCE_AMI
    // The stage terminated its instance itself; another job's still runs.
    const done = await launch(client, image, testTags(image, token, new Date(Date.now() + HOUR)))
    await client.send(new TerminateInstancesCommand({ InstanceIds: [done] }))
    const otherJob = await launch(client, image, testTags(image, randomUUID(), new Date(Date.now() + HOUR)))
    const empty = 'eu-central-1'
    const proxy = await through()

    const found = await removeTestInstances(token, [region, empty], FAST)

    expect(found).toEqual([])
    expect(proxy.calls.filter((c) => c.action === 'TerminateInstances')).toEqual([])
    expect(await state(client, done)).toBe('terminated')
    expect(await state(client, otherJob)).toBe('running')
    expect(log()).not.toContain('test instance')
  })

  it('reads every page of the look-up: 101 reservations of the job, where moto pages at 100', async () => {
    // moto answers DescribeInstances 100 reservations at a time, with a NextToken, also when the
    // caller sets no MaxResults (moto/ec2/responses/instances.py, describe_instances).
    const region = 'ca-central-1'
    const client = ec2(region)
    const token = randomUUID()
    const image = SOURCE_AMI
    const tags = testTags(image, token, new Date(Date.now() - HOUR))
    const mine: string[] = []
    for (let batch = 0; batch < 101; batch += 20) {
      mine.push(...(await Promise.all(Array.from({ length: Math.min(20, 101 - batch) }, () => launch(client, image, tags)))))
    }
    const proxy = await through()

    const found = await removeTestInstances(token, [region], FAST)

    expect(found.map((f) => f.instance).sort()).toEqual([...mine].sort())
    expect(found.every((f) => f.outcome === 'terminated')).toBe(true)
    const pages = proxy.calls.filter((c) => c.action === 'DescribeInstances' && c.params['Filter.1.Name'] === 'tag:packer-ami-action:test-run')
    expect(pages).toHaveLength(2)
    expect(pages[1].params.NextToken).toBeTruthy()
    const { Reservations = [] } = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:packer-ami-action:test-run', Values: [token] }, { Name: 'instance-state-name', Values: LIVE }] }))
    expect(Reservations).toEqual([])
  }, 30_000)

  it('reports a termination EC2 does not confirm in time as still running, with a warning', async () => {
    const region = 'sa-east-1'
    const client = ec2(region)
    const token = randomUUID()
    const image = SOURCE_AMI
    const stuck = await launch(client, image, testTags(image, token, new Date(Date.now() - HOUR)))
    // EC2 takes the termination, and the instance does not go within the wait: the proxy answers for EC2.
    await through({
      answer: (action) =>
        action === 'TerminateInstances'
          ? { status: 200, contentType: 'text/xml', body: '<TerminateInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><instancesSet/></TerminateInstancesResponse>' }
          : undefined
    })

    const found = await removeTestInstances(token, [region], { pollMs: 10, timeoutMs: 100 })

    expect(found).toEqual([{ region, instance: stuck, ami: image, outcome: 'still running' }])
    expect(log()).toContain(`::warning::${region}: test instance ${stuck} of ${image}: still running\n`)
    expect(await state(client, stuck)).toBe('running')
  })

  it.each([
    ['the look-up', 'DescribeInstances'],
    ['the termination', 'TerminateInstances']
  ])('fails with EC2\'s message when %s is refused, and terminates nothing', async (_what, refused) => {
    const region = 'eu-west-3'
    const client = ec2(region)
    const token = randomUUID()
    const image = SOURCE_AMI
    const mine = await launch(client, image, testTags(image, token, new Date(Date.now() - HOUR)))
    await through({ answer: (action) => (action === refused ? ec2Error('UnauthorizedOperation', `You are not authorized to perform this operation. (${refused})`) : undefined) })

    await expect(removeTestInstances(token, [region], FAST)).rejects.toThrow(`You are not authorized to perform this operation. (${refused})`)
    expect(await state(client, mine)).toBe('running')
  })

  it('a region EC2 refuses is named, and what the other regions removed is still handed back', async () => {
    const [refusedRegion, region] = ['eu-north-1', 'eu-west-3']
    const token = randomUUID()
    const image = SOURCE_AMI
    const stays = await launch(ec2(refusedRegion), image, testTags(image, token, new Date(Date.now() - HOUR)))
    const goes = await launch(ec2(region), image, testTags(image, token, new Date(Date.now() - HOUR)))
    await through({
      answer: (action, _body, at) => (action === 'DescribeInstances' && at === refusedRegion ? ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.') : undefined)
    })

    const error = await removeTestInstances(token, [refusedRegion, region], FAST).then(
      () => undefined,
      (err: unknown) => err
    )

    expect(error).toBeInstanceOf(TestLeftoverError)
    expect((error as TestLeftoverError).message).toBe(`${refusedRegion}: You are not authorized to perform this operation.`)
    expect((error as TestLeftoverError).found).toEqual([{ region, instance: goes, ami: image, outcome: 'terminated' }])
    expect(await state(ec2(region), goes)).toBe('terminated')
    expect(await state(ec2(refusedRegion), stays)).toBe('running')
  })
})
