/**
 * What channels.test.ts and revoke.test.ts let through when Stryker broke
 * src/channels/parameters.ts (docs/testing.md), against moto behind the loopback proxy: the
 * version a channel that holds the AMI already is reported at, a run without labels to give, an
 * answer without InvalidLabels, parameters that carry one of the two ownership tags, another
 * channel of the family under the name, a channel SSM refuses to read, a create or an overwrite
 * SSM refuses, a parameter made between the read and the write, and the oldest version's labels
 * taken off by another run while this one is at SSM's 100 versions.
 */
import { LabelParameterVersionCommand, PutParameterCommand, SSMClient, UnlabelParameterVersionCommand } from '@aws-sdk/client-ssm'
import { ec2Clients } from '../../src/aws/clients.js'
import { ssmClients } from '../../src/aws/references.js'
import { applyMoves, planMoves, type ChannelContext, type Move } from '../../src/channels/assign.js'
import { runPromote } from '../../src/channels/promote.js'
import { readOptions } from '../../src/inputs.js'
import { awsBed } from '../support/aws-bed.js'
import { clientsAt, type OwnAwsClients } from '../support/aws-clients.js'
import type { AwsProxyCall } from '../support/aws-proxy.js'
import { world } from '../support/channel-world.js'
import { capturedStdout } from '../support/stdout.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
const FAMILY_TAG = 'packer-ami-action:family'
const CHANNEL_TAG = 'packer-ami-action:channel'
/** AMI ids as SSM's aws:ec2:image holds them (moto checks the form, not that the AMI exists). */
const AMI = ['ami-0a1b2c3d4e5f60001', 'ami-0a1b2c3d4e5f60002', 'ami-0a1b2c3d4e5f60003']
const bed = awsBed({ env: { GITHUB_RUN_ATTEMPT: '1' } })
const w = world(bed)
const out = capturedStdout()
let direct: OwnAwsClients | undefined
afterAll(() => direct?.destroy())
/** SSM straight at moto, unseen by the proxy: another actor in the account. */
const atMoto = (region: string): SSMClient => (direct ??= clientsAt(bed.moto.endpoint)).ssm(region)
let n = 0
/** A family of its own per test, so tests never see each other's channels. */
const family = (): string => `acme/images/params-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`
const warnings = (): string[] => out.join('').split('\n').filter((l) => l.startsWith('::warning'))
const callsSince = (start: number, action: string): AwsProxyCall[] => bed.proxy.calls.slice(start).filter((c) => c.action === action)

function context(runId = '700', commit = 'e'.repeat(40)): ChannelContext {
  return { ec2: ec2Clients(), ssm: ssmClients(), run: { runId, attempt: '1', commit, runUrl: runId === '' ? '' : `https://github.com/acme/images/actions/runs/${runId}` }, parameterTemplate: '/packer-ami-action/{family}/{channel}' }
}

/** Build mode's writes once its AMIs passed their checks (src/channels/build.ts): read every channel, then write. */
async function assign(f: string, amis: Record<string, string>, ctx = context(), channel = 'candidate') {
  const moves: Move[] = Object.entries(amis).map(([region, ami]) => ({ region, family: f, channel, ami, reason: 'build' }))
  return applyMoves(ctx, await planMoves(ctx, moves))
}

/** `mode: promote` with these inputs; its error's message, or a failure of the test when it went through. */
async function promoteRefusal(inputs: Record<string, string>): Promise<string> {
  process.env.GITHUB_RUN_ID = '750'
  process.env.GITHUB_SHA = 'f'.repeat(40)
  const opts = readOptions((name) => ({ mode: 'promote', 'aws-region': EAST, ...inputs })[name] ?? '', {})
  try {
    await runPromote(opts, 'https://github.com/acme/images/actions/runs/750')
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('the promotion went through')
}

/** SSM's JSON error answer. */
const ssmError = (type: string, message: string) => ({ status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: type, message }) })
const denied = (action: string, name: string) =>
  ssmError('AccessDeniedException', `User: arn:aws:sts::123456789012:assumed-role/ci/run-700 is not authorized to perform: ssm:${action} on resource: arn:aws:ssm:us-east-1:123456789012:parameter${name} with an explicit deny in an identity-based policy`)

describe('what a write reports', () => {
  it('a channel that holds the AMI already is reported at the version that holds it, and gets no new version', async () => {
    const f = family()
    await assign(f, { [EAST]: AMI[0] })
    await assign(f, { [EAST]: AMI[1] })
    const start = bed.proxy.calls.length
    const [again] = await assign(f, { [EAST]: AMI[1] })
    expect(again).toMatchObject({ ami: AMI[1], previous: AMI[1], version: 2, unchanged: true })
    expect(callsSince(start, 'PutParameter')).toEqual([])
    expect(out.join('')).toContain(`holds ${AMI[1]} already (version 2)`)
  })

  it('a run with no label to give (no run id, no commit, as outside a runner) writes the version and labels nothing', async () => {
    const f = family()
    const start = bed.proxy.calls.length
    const [written] = await assign(f, { [EAST]: AMI[0] }, context('', ''))
    expect(written).toMatchObject({ ami: AMI[0], version: 1 })
    expect(await w.history(EAST, parameter(f, 'candidate'))).toEqual([expect.objectContaining({ version: 1, ami: AMI[0], labels: [] })])
    expect(callsSince(start, 'LabelParameterVersion')).toEqual([])
    expect(warnings()).toEqual([])
  })

  it('SSM leaving InvalidLabels out of its answer, as its model allows when it took every label, warns of no refused label', async () => {
    // LabelParameterVersion's result gives InvalidLabels the shape ParameterLabelList, of 1 to 10
    // labels (botocore's ssm service-2.json), so an answer with every label taken may leave it out,
    // and the SDK then gives undefined. moto always sends a list; the proxy answers as SSM may.
    bed.answer = (action, body) => (action === 'LabelParameterVersion' ? { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ ParameterVersion: (JSON.parse(body) as { ParameterVersion: number }).ParameterVersion }) } : undefined)
    const f = family()
    const [written] = await assign(f, { [EAST]: AMI[0] })
    expect(written).toMatchObject({ ami: AMI[0], version: 1 })
    expect(warnings()).toEqual([])
  })
})

describe('whose parameter it is', () => {
  it('a parameter carrying only the family tag, and one carrying only the channel tag, were not made by the action: the promotion says so and writes nothing', async () => {
    const f = family()
    const name = parameter(f, 'production')
    await atMoto(EAST).send(new PutParameterCommand({ Name: name, Value: AMI[0], Type: 'String', DataType: 'aws:ec2:image', Tags: [{ Key: FAMILY_TAG, Value: f }] }))
    await atMoto(WEST).send(new PutParameterCommand({ Name: name, Value: AMI[1], Type: 'String', DataType: 'aws:ec2:image', Tags: [{ Key: CHANNEL_TAG, Value: 'production' }] }))
    const message = await promoteRefusal({ family: f, channel: 'production', 'ami-ids': JSON.stringify({ [EAST]: AMI[2], [WEST]: AMI[2] }) })
    for (const region of [EAST, WEST]) {
      expect(message).toContain(`${name} in ${region} is not this action's channel: it does not carry the tags ${FAMILY_TAG} and ${CHANNEL_TAG}: the action did not create it`)
    }
    expect(await w.history(EAST, name)).toEqual([expect.objectContaining({ ami: AMI[0] })])
    expect(await w.history(WEST, name)).toEqual([expect.objectContaining({ ami: AMI[1] })])
  })

  it("another channel of the family under the name (channel-parameter changed since) is refused, not overwritten", async () => {
    // prod-eu written with the default template; then the template becomes .../prod-{channel}, and
    // its channel eu names the same parameter.
    const f = family()
    await assign(f, { [EAST]: AMI[0] }, context(), 'prod-eu')
    const start = bed.proxy.calls.length
    const message = await promoteRefusal({ family: f, channel: 'eu', 'channel-parameter': '/packer-ami-action/{family}/prod-{channel}', 'ami-ids': JSON.stringify({ [EAST]: AMI[1] }) })
    expect(message).toContain(`${parameter(f, 'prod-eu')} in ${EAST} is not this action's channel: it is the channel prod-eu of family ${f}`)
    expect(callsSince(start, 'PutParameter')).toEqual([])
    expect(await w.history(EAST, parameter(f, 'prod-eu'))).toEqual([expect.objectContaining({ ami: AMI[0] })])
  })

  it('a parameter made between the read and the write, by someone else, is refused and keeps its value', async () => {
    const f = family()
    const name = parameter(f, 'candidate')
    const ctx = context()
    const planned = await planMoves(ctx, [{ region: EAST, family: f, channel: 'candidate', ami: AMI[0], reason: 'build' }])
    await atMoto(EAST).send(new PutParameterCommand({ Name: name, Value: AMI[1], Type: 'String', DataType: 'aws:ec2:image' }))
    await expect(applyMoves(ctx, planned)).rejects.toThrow(`${name} exists and is not this action's channel candidate of ${f}: it does not carry the tags ${FAMILY_TAG} and ${CHANNEL_TAG}`)
    expect(await w.history(EAST, name)).toEqual([expect.objectContaining({ version: 1, ami: AMI[1], labels: [] })])
  })
})

describe('what SSM refuses', () => {
  it('a channel SSM refuses to read in one region is not taken for absent: nothing is written in any region', async () => {
    const f = family()
    const name = parameter(f, 'candidate')
    bed.answer = (action, _body, region) => (action === 'GetParameter' && region === WEST ? denied('GetParameter', name) : undefined)
    await expect(assign(f, { [EAST]: AMI[0], [WEST]: AMI[0] })).rejects.toThrow('is not authorized to perform: ssm:GetParameter')
    bed.answer = undefined
    for (const region of [EAST, WEST]) expect(await w.value(region, name)).toBeUndefined()
  })

  it("a create SSM refuses fails the write with SSM's reason", async () => {
    const f = family()
    const name = parameter(f, 'candidate')
    bed.answer = (action, body) => (action === 'PutParameter' && (JSON.parse(body) as { Overwrite?: boolean }).Overwrite !== true ? denied('PutParameter', name) : undefined)
    await expect(assign(f, { [EAST]: AMI[0] })).rejects.toThrow('is not authorized to perform: ssm:PutParameter')
    bed.answer = undefined
    expect(await w.value(EAST, name)).toBeUndefined()
  })

  it("an overwrite SSM refuses (a policy's ssm:Overwrite condition) fails with SSM's reason, and every version keeps its labels", async () => {
    const f = family()
    const name = parameter(f, 'candidate')
    await assign(f, { [EAST]: AMI[0] })
    bed.answer = (action, body) => (action === 'PutParameter' && (JSON.parse(body) as { Overwrite?: boolean }).Overwrite === true ? denied('PutParameter', name) : undefined)
    const start = bed.proxy.calls.length
    await expect(assign(f, { [EAST]: AMI[1] }, context('701'))).rejects.toThrow('is not authorized to perform: ssm:PutParameter')
    bed.answer = undefined
    expect(callsSince(start, 'UnlabelParameterVersion')).toEqual([])
    expect(await w.history(EAST, name)).toEqual([expect.objectContaining({ version: 1, ami: AMI[0], labels: ['run-700', `commit-${'e'.repeat(40)}`] })])
  })

  // A version without labels: moto lists it with `Labels: []`; SSM's model gives Labels the shape
  // ParameterLabelList (1 to 10 labels), so SSM may leave the member out. Both answers are tried.
  it.each([
    ["moto's answer", undefined],
    ['the answer without Labels', 'omitted']
  ])("at SSM's 100 versions, an oldest version another run took the labels off in between (%s): SSM's refusal stands, and no label is taken off", async (_what, labels) => {
    const f = family()
    const name = parameter(f, 'candidate')
    const tags = [
      { Key: FAMILY_TAG, Value: f },
      { Key: CHANNEL_TAG, Value: 'candidate' }
    ]
    // 100 labelled versions, as 100 earlier builds left them.
    for (let v = 1; v <= 100; v++) {
      await atMoto(EAST).send(new PutParameterCommand({ Name: name, Value: AMI[0], Type: 'String', DataType: 'aws:ec2:image', ...(v === 1 ? { Tags: tags } : { Overwrite: true }) }))
    }
    await Promise.all(Array.from({ length: 100 }, (_, i) => atMoto(EAST).send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: i + 1, Labels: [`run-${i + 1}`] }))))
    // The other run, refused as this one, moves version 1's label away before this one reads the history.
    bed.before = async (call) => {
      if (call.action !== 'GetParameterHistory') return
      bed.before = undefined
      await atMoto(EAST).send(new UnlabelParameterVersionCommand({ Name: name, ParameterVersion: 1, Labels: ['run-1'] }))
    }
    if (labels === 'omitted') {
      const oldest = { Name: name, Type: 'String', Value: AMI[0], Version: 1, DataType: 'aws:ec2:image', LastModifiedDate: Date.now() / 1000 }
      bed.answer = (action) => (action === 'GetParameterHistory' ? { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ Parameters: [oldest], NextToken: 'next' }) } : undefined)
    }
    const start = bed.proxy.calls.length
    await expect(assign(f, { [EAST]: AMI[1] })).rejects.toMatchObject({ name: 'ParameterMaxVersionLimitExceeded' })
    bed.answer = undefined
    expect(callsSince(start, 'UnlabelParameterVersion')).toEqual([])
    const history = await w.history(EAST, name)
    expect(history).toHaveLength(100)
    expect(history[0]).toMatchObject({ version: 1, labels: [] })
    expect(history.slice(1).every((v, i) => v.labels.join() === `run-${i + 2}` && v.ami === AMI[0])).toBe(true)
  })
})
