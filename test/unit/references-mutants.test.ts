/**
 * What references.test.ts let through when Stryker broke src/aws/references.ts
 * (docs/testing.md): a second page of instances in the fallback, batches of exactly ten, a
 * region without launch templates, answers that repeat a reference or leave fields out, errors
 * without a name or HTTP status, labels of odd ARNs, and the SSM client factory. Recording fake
 * clients, as in references.test.ts: these are answers moto cannot be made to give. The last
 * part goes through the loopback proxy in front of moto: how many calls are in flight at once,
 * and answers that leave an instance or a parameter unnamed.
 */
import { DescribeImageReferencesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { SSMClient } from '@aws-sdk/client-ssm'
import { findReferences, referenceLabel, ssmClients } from '../../src/aws/references.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { capturedStdout } from '../support/stdout.js'

type Input = Record<string, unknown>
type Call = [command: string, input: Input]
type Answer = (command: string, input: Input) => unknown

function clients(ec2: Answer, ssm: Answer = () => ({})): { ec2: EC2Client; ssm: SSMClient; calls: Call[] } {
  const calls: Call[] = []
  const fake = <T>(answer: Answer): T =>
    ({
      send: async (command: { constructor: { name: string }; input: Input }) => {
        const name = command.constructor.name.replace(/Command$/, '')
        calls.push([name, command.input])
        return answer(name, command.input)
      }
    }) as unknown as T
  return { ec2: fake<EC2Client>(ec2), ssm: fake<SSMClient>(ssm), calls }
}

const amis = (n: number): string[] => Array.from({ length: n }, (_, i) => `ami-${String(i).padStart(4, '0')}`)
const sent = (calls: Call[], command: string): Input[] => calls.filter(([name]) => name === command).map(([, input]) => input)
const invalidAction = Object.assign(new Error('not valid for this web service'), { name: 'InvalidAction', $metadata: { httpStatusCode: 400 } })

/** The fallback's account: nothing anywhere unless `ec2` says otherwise. */
function fallback(ec2: Answer): Answer {
  return (command, input) => {
    if (command === 'DescribeImageReferences') throw invalidAction
    return ec2(command, input) ?? {}
  }
}

const out = capturedStdout()

describe('findReferences through DescribeImageReferences', () => {
  it('twenty AMIs are two calls of ten, not a third with none', async () => {
    const c = clients(() => ({ ImageReferences: [] }))
    await findReferences(c, amis(20))
    expect(sent(c.calls, 'DescribeImageReferences').map((i) => (i.ImageIds as string[]).length)).toEqual([10, 10])
  })

  it('a reference EC2 repeats is listed once; one without an AMI id is dropped', async () => {
    const ref = { ImageId: 'ami-0001', ResourceType: 'ec2:Instance', Arn: 'arn:aws:ec2:r:1:instance/i-1' }
    const pages: Record<string, unknown> = {
      '': { ImageReferences: [ref, { ResourceType: 'ec2:Instance', Arn: 'arn:aws:ec2:r:1:instance/i-2' }], NextToken: 'p2' },
      p2: { ImageReferences: [ref] }
    }
    const c = clients((_command, input) => pages[(input.NextToken as string | undefined) ?? ''])
    const check = await findReferences(c, ['ami-0001'])
    expect([...check.references]).toEqual([['ami-0001', ['instance:i-1']]])
  })
})

describe('findReferences falls back, and says why', () => {
  it('names the error and its HTTP status in the log and in `via`', async () => {
    const c = clients(fallback(() => undefined))
    const check = await findReferences(c, ['ami-0001'])
    expect(check.via).toBe('instances, launch template versions and SSM parameters (DescribeImageReferences: InvalidAction, HTTP 400)')
    expect(out.join('')).toContain(
      'DescribeImageReferences did not answer (InvalidAction, HTTP 400): checking instances, launch template versions and SSM parameters instead\n'
    )
  })

  it.each<[string, unknown, string]>([
    ["an error with a name and no HTTP status (the SDK's own, a timeout)", Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'TimeoutError'],
    ['an error with a Code', { Code: 'RequestLimitExceeded', name: 'Whatever', $metadata: { httpStatusCode: 503 } }, 'RequestLimitExceeded, HTTP 503'],
    ['a thrown value with neither', {}, 'error']
  ])('%s', async (_name, thrown, why) => {
    const c = clients((command) => {
      if (command === 'DescribeImageReferences') throw thrown
      return {}
    })
    const check = await findReferences(c, ['ami-0001'])
    expect(check.via).toBe(`instances, launch template versions and SSM parameters (DescribeImageReferences: ${why})`)
  })

  it('reads every page of instances', async () => {
    const c = clients(
      fallback((command, input) => {
        if (command !== 'DescribeInstances') return undefined
        return input.NextToken === undefined
          ? { Reservations: [{ Instances: [{ InstanceId: 'i-1', ImageId: 'ami-0001' }] }], NextToken: 'more' }
          : { Reservations: [{ Instances: [{ InstanceId: 'i-2', ImageId: 'ami-0002' }] }] }
      })
    )
    const check = await findReferences(c, ['ami-0001', 'ami-0002'])
    expect(Object.fromEntries(check.references)).toEqual({ 'ami-0001': ['instance:i-1'], 'ami-0002': ['instance:i-2'] })
    expect(sent(c.calls, 'DescribeInstances').map((i) => i.NextToken)).toEqual([undefined, 'more'])
  })

  it('a region without launch templates asks for no versions; a version without launch data is no reference', async () => {
    const none = clients(fallback(() => undefined))
    await findReferences(none, ['ami-0001'])
    expect(sent(none.calls, 'DescribeLaunchTemplateVersions')).toEqual([])

    const bare = clients(
      fallback((command) => {
        if (command === 'DescribeLaunchTemplates') return { LaunchTemplates: [{ LaunchTemplateId: 'lt-1' }] }
        if (command === 'DescribeLaunchTemplateVersions') return { LaunchTemplateVersions: [{ VersionNumber: 1 }, { VersionNumber: 2, LaunchTemplateData: { ImageId: 'ami-0001' } }] }
        return undefined
      })
    )
    const check = await findReferences(bare, ['ami-0001'])
    expect([...check.references]).toEqual([['ami-0001', ['launch-template:lt-1:v2']]])
  })
})

describe('referenceLabel of ARNs of other shapes', () => {
  it.each<[string | undefined, string | undefined, string]>([
    ['ec2:Instance', undefined, 'ec2:Instance:'],
    ['ec2:Something', 'not:an:arn:at:all:thing/1', 'ec2:Something:not:an:arn:at:all:thing/1'],
    // A colon inside the resource part stays in the label.
    ['ecs:TaskDefinition', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3', 'task-definition:web:3'],
    // A resource part with no type before its slash is another shape: shown whole.
    ['ec2:Something', 'arn:aws:ec2:us-east-1:123456789012:/thing', 'ec2:Something:arn:aws:ec2:us-east-1:123456789012:/thing'],
    [undefined, 'arn:aws:ssm:us-east-1:123456789012:parameter/team/base-ami', 'ssm:/team/base-ami']
  ])('%s %s is %s', (ResourceType, Arn, expected) => {
    expect(referenceLabel({ ImageId: 'ami-1', ResourceType: ResourceType as 'ec2:Instance', Arn })).toBe(expected)
  })
})

describe('ssmClients', () => {
  it('makes one SSM client per region, in that region', async () => {
    const clientOf = ssmClients()
    const east = clientOf('us-east-1')
    expect(east).toBeInstanceOf(SSMClient)
    expect(await east.config.region()).toBe('us-east-1')
    expect(clientOf('us-east-1')).toBe(east)
    expect(await clientOf('eu-west-1').config.region()).toBe('eu-west-1')
  })
})

describe('findReferences through the proxy in front of moto', () => {
  const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
  let moto: Moto
  const proxies: AwsProxy[] = []

  beforeAll(async () => {
    moto = await startMoto()
  })

  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()))
    await moto?.stop()
  })

  const xml = (action: string, inner: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>${inner}</${action}Response>`

  async function through(region: string, opts: Omit<AwsProxyOptions, 'target'>): Promise<{ ec2: EC2Client; ssm: SSMClient; proxy: AwsProxy }> {
    const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
    proxies.push(proxy)
    return { ec2: new EC2Client({ region, endpoint: proxy.endpoint, credentials }), ssm: new SSMClient({ region, endpoint: proxy.endpoint, credentials }), proxy }
  }

  it('sixty-one AMIs are seven DescribeImageReferences calls, never more than five at once', async () => {
    // EC2's answer when nothing refers to the AMIs, after a pause long enough for calls to overlap.
    const c = await through('eu-north-1', {
      delayMs: 50,
      answer: (action) =>
        action === 'DescribeImageReferences'
          ? { status: 200, contentType: 'text/xml;charset=UTF-8', body: xml(action, '<imageReferenceSet/>') }
          : undefined
    })
    let inFlight = 0
    let most = 0
    const send = c.ec2.send.bind(c.ec2) as (command: unknown) => Promise<unknown>
    ;(c.ec2 as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
      if (!(command instanceof DescribeImageReferencesCommand)) return send(command)
      most = Math.max(most, ++inFlight)
      try {
        return await send(command)
      } finally {
        inFlight--
      }
    }
    const check = await findReferences(c, amis(61))
    expect(check).toEqual({ references: new Map(), via: 'DescribeImageReferences' })
    expect(c.proxy.calls.filter((call) => call.action === 'DescribeImageReferences')).toHaveLength(7)
    expect(most).toBe(5)
  })

  it('the fallback counts no instance and no parameter that an answer leaves unnamed, and asks SSM for no unnamed parameter', async () => {
    // EC2 and SSM always name them; answers that do not must not make an AMI look in use, nor
    // send SSM a GetParameters it would refuse (Names takes 1 to 10 names).
    const getParameters: string[] = []
    const named = Array.from({ length: 10 }, (_, i) => `/team/base-ami-${i}`)
    const c = await through('eu-south-1', {
      answer: (action, body) => {
        if (action === 'DescribeInstances') {
          const inner = '<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet><item><imageId>ami-0001</imageId><instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item></reservationSet>'
          return { status: 200, contentType: 'text/xml;charset=UTF-8', body: xml(action, inner) }
        }
        const json = (value: unknown): { status: number; contentType: string; body: string } => ({ status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(value) })
        if (action === 'DescribeParameters') return json({ Parameters: [...named.map((Name) => ({ Name, DataType: 'aws:ec2:image' })), { DataType: 'aws:ec2:image' }] })
        if (action === 'GetParameters') {
          getParameters.push(body)
          return json({ Parameters: [{ Value: 'ami-0001' }, { Name: named[0], Value: 'ami-0999' }], InvalidParameters: [] })
        }
        return undefined
      }
    })
    const check = await findReferences(c, ['ami-0001'])
    expect(check.via).toMatch(/^instances, launch template versions and SSM parameters \(DescribeImageReferences: InvalidAction, HTTP 400\)$/)
    expect([...check.references]).toEqual([])
    // Ten names are one call: the unnamed one is no eleventh, which would make an empty second call.
    expect(getParameters.map((b) => JSON.parse(b) as unknown)).toEqual([{ Names: named }])
  })
})
