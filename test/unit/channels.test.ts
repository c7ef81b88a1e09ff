/**
 * Channels against moto behind the loopback proxy: build-mode assignment, promotion, rollback,
 * and the checks that refuse a promotion before anything is written. The action's own functions
 * run here with the clients it makes (AWS_ENDPOINT_URL); what they did is read back from SSM and
 * EC2 directly. The bundle's end-to-end runs are in test/integration/channels.test.ts.
 */
import { CreateLaunchTemplateCommand, DescribeImageAttributeCommand } from '@aws-sdk/client-ec2'
import { LabelParameterVersionCommand, PutParameterCommand } from '@aws-sdk/client-ssm'
import { runPromote } from '../../src/channels/promote.js'
import { readOptions } from '../../src/inputs.js'
import { awsBed } from '../support/aws-bed.js'
import { channelStep } from '../support/channel-builds.js'
import { world } from '../support/channel-world.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
/** The commit of run `id`: each run here builds or promotes from a commit of its own. */
const sha = (id: string): string => id.padStart(40, 'c')
const bed = awsBed({ env: { GITHUB_RUN_ATTEMPT: '1' } })
const w = world(bed)

/** A family of its own per test, so tests never see each other's channels. */
let n = 0
const family = (): string => `acme/images/web-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`

/** `mode: build`'s channel step for the AMIs of one build (amazon-ebs.web) of `f`, as run `runId`. */
function assignBuild(f: string, amis: Record<string, string>, runId: string, channel = 'candidate') {
  return channelStep(runId, sha(runId))(f, amis, channel)
}

/** `mode: promote` with these inputs, as run `runId`. */
function promote(inputs: Record<string, string>, runId: string) {
  process.env.GITHUB_RUN_ID = runId
  process.env.GITHUB_SHA = sha(runId)
  const opts = readOptions((name) => ({ mode: 'promote', 'aws-region': EAST, ...inputs })[name] ?? '', {})
  return runPromote(opts, `https://github.com/acme/images/actions/runs/${runId}`)
}

async function refusal(inputs: Record<string, string>): Promise<string> {
  try {
    await promote(inputs, '999')
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('the promotion went through')
}

describe('channels: build, promote, rollback', () => {
  it('build assigns candidate in two regions; promotions and a rollback move production; the history keeps every version with its labels', async () => {
    const f = family()
    const first = await w.built(f, [EAST, WEST])
    const built = await assignBuild(f, first, '101')
    expect(built.map((a) => [a.region, a.channel, a.ami, a.version, a.previous])).toEqual([
      [EAST, 'candidate', first[EAST], 1, undefined],
      [WEST, 'candidate', first[WEST], 1, undefined]
    ])
    for (const region of [EAST, WEST]) expect(await w.value(region, parameter(f, 'candidate'))).toBe(first[region])

    const promoted = await promote({ family: f, channel: 'production', 'from-channel': 'candidate' }, '102')
    expect(promoted.assignments.map((a) => [a.region, a.ami, a.version])).toEqual([
      [EAST, first[EAST], 1],
      [WEST, first[WEST], 1]
    ])

    // The second build went through a test stage and passed it.
    const second = await w.built(f, [EAST, WEST], { 'packer-ami-action:test': 'passed' })
    await assignBuild(f, second, '103')
    const again = await promote({ family: f, channel: 'production', 'from-channel': 'candidate' }, '104')
    expect(again.assignments.map((a) => [a.region, a.previous, a.ami, a.version])).toEqual([
      [EAST, first[EAST], second[EAST], 2],
      [WEST, first[WEST], second[WEST], 2]
    ])

    const back = await promote({ family: f, channel: 'production', rollback: 'true' }, '105')
    expect(back.assignments.map((a) => [a.region, a.previous, a.ami, a.version])).toEqual([
      [EAST, second[EAST], first[EAST], 3],
      [WEST, second[WEST], first[WEST], 3]
    ])
    for (const region of [EAST, WEST]) {
      expect(await w.value(region, parameter(f, 'production'))).toBe(first[region])
      const history = await w.history(region, parameter(f, 'production'))
      expect(history.map((v) => [v.version, v.ami, v.labels])).toEqual([
        [1, first[region], ['run-102', `commit-${sha('102')}`]],
        [2, second[region], ['run-104', `commit-${sha('104')}`]],
        [3, first[region], ['run-105', `commit-${sha('105')}`]]
      ])
      expect(history[2].description).toContain('rollback to version 1')
      expect(history[2].description).toContain('actions/runs/105')
    }
  })
})

describe('a promotion distributes as a build does', () => {
  it('shares the AMIs before the channel names them, then rolls out launch templates', async () => {
    const f = family()
    const amis = await w.built(f, [EAST, WEST])
    const template = `web-${n}-${Date.now().toString(36)}`
    const { LaunchTemplate } = await w.ec2(EAST).send(new CreateLaunchTemplateCommand({ LaunchTemplateName: template, LaunchTemplateData: { ImageId: 'ami-03cf127a', InstanceType: 't3.micro' } }))
    const before = bed.proxy.calls.length
    const report = await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis), 'share-accounts': '210987654321', 'launch-templates': template, 'launch-template-default': 'true' }, '150')

    for (const region of [EAST, WEST]) {
      const { LaunchPermissions = [] } = await w.ec2(region).send(new DescribeImageAttributeCommand({ ImageId: amis[region], Attribute: 'launchPermission' }))
      expect(LaunchPermissions).toEqual([{ UserId: '210987654321' }])
    }
    const calls = bed.proxy.calls.slice(before).map((c) => c.action)
    expect(calls.lastIndexOf('ModifyImageAttribute')).toBeLessThan(calls.indexOf('PutParameter'))
    expect(report.sharedWith).toEqual(['210987654321'])
    expect(report.launchTemplates).toEqual({
      versions: [{ region: EAST, template, id: LaunchTemplate?.LaunchTemplateId, version: 2, default: true, ami: amis[EAST] }],
      missing: [{ region: WEST, template }]
    })
  })
})

describe('regions a policy denies', () => {
  it('a region where SSM refuses the caller is passed over with a warning, not a failed promotion', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    bed.answer = (action, _body, region) =>
      action === 'GetParameter' && region === 'eu-north-1'
        ? { status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AccessDeniedException', message: 'with an explicit deny in a service control policy' }) }
        : undefined
    const from = bed.proxy.calls.length
    const report = await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis) }, '160')
    expect(report.assignments.map((a) => [a.region, a.ami])).toEqual([[EAST, amis[EAST]]])
    expect(bed.proxy.calls.slice(from).some((c) => c.action === 'GetParameter' && c.region === 'eu-north-1')).toBe(true)
  })
})

describe('a promotion refuses, and writes nothing', () => {
  let f: string
  let current: Record<string, string>

  beforeAll(async () => {
    f = family()
    current = await w.built(f, [EAST, WEST])
    await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(current) }, '200')
  })

  /** The writes a refused promotion must not make, counted at the proxy. */
  const WRITES = ['PutParameter', 'LabelParameterVersion', 'ModifyImageAttribute', 'ModifySnapshotAttribute', 'CreateLaunchTemplateVersion', 'CreateTags']

  async function refusedWithoutWrites(amis: Record<string, string>): Promise<string> {
    const before = bed.proxy.calls.length
    const message = await refusal({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis), 'share-accounts': '210987654321' })
    expect(bed.proxy.calls.slice(before).filter((c) => WRITES.includes(c.action))).toEqual([])
    for (const region of [EAST, WEST]) {
      expect(await w.value(region, parameter(f, 'production'))).toBe(current[region])
      expect(await w.history(region, parameter(f, 'production'))).toHaveLength(1)
    }
    return message
  }

  it('an AMI of another family', async () => {
    const other = await w.built('acme/images/other', [EAST, WEST])
    expect(await refusedWithoutWrites(other)).toContain(`${other[EAST]} in ${EAST} is of family acme/images/other, not ${f}`)
  })

  it('a revoked AMI', async () => {
    const amis = await w.built(f, [EAST, WEST], { 'packer-ami-action:revoked': 'CVE-2026-0001' })
    expect(await refusedWithoutWrites(amis)).toContain(`${amis[WEST]} in ${WEST} is revoked (CVE-2026-0001)`)
  })

  it('an AMI whose test failed', async () => {
    const amis = await w.built(f, [EAST, WEST], { 'packer-ami-action:test': 'failed' })
    expect(await refusedWithoutWrites(amis)).toContain(`${amis[EAST]} in ${EAST} failed its test`)
  })

  it('an AMI whose test has not ended (pending)', async () => {
    const amis = await w.built(f, [EAST, WEST], { 'packer-ami-action:test': 'pending' })
    expect(await refusedWithoutWrites(amis)).toContain(`${amis[WEST]} in ${WEST} has not passed its test (pending)`)
  })

  it('an AMI missing in a region the channel covers', async () => {
    const amis = await w.built(f, [EAST])
    expect(await refusedWithoutWrites(amis)).toContain(`channel production covers ${WEST} (holding ${current[WEST]}), but there is no AMI to promote there`)
  })

  it('an AMI that does not exist, and one another account owns that carries the family tag', async () => {
    await w.tag(EAST, 'ami-03cf127a', { 'packer-ami-action:family': f })
    const message = await refusedWithoutWrites({ [EAST]: 'ami-03cf127a', [WEST]: 'ami-0123456789abcdef0' })
    expect(message).toContain(`ami-03cf127a in ${EAST} does not exist in this account`)
    expect(message).toContain(`ami-0123456789abcdef0 in ${WEST} does not exist in this account`)
  })

  it('a deprecated AMI and a disabled one', async () => {
    const amis = await w.built(f, [EAST, WEST])
    // As an AMI deprecated a day ago shows it (EC2 itself takes no DeprecateAt in the past).
    const { EnableImageDeprecationCommand, DisableImageCommand } = await import('@aws-sdk/client-ec2')
    await w.ec2(EAST).send(new EnableImageDeprecationCommand({ ImageId: amis[EAST], DeprecateAt: new Date(Date.now() - 86_400_000) }))
    await w.ec2(WEST).send(new DisableImageCommand({ ImageId: amis[WEST] }))
    const message = await refusedWithoutWrites(amis)
    expect(message).toMatch(new RegExp(`${amis[EAST]} in ${EAST} is deprecated since \\d{4}-`))
    expect(message).toContain(`${amis[WEST]} in ${WEST} is disabled, not available`)
  })

  it('a channel parameter the action did not create, and one of another family', async () => {
    const g = family()
    const amis = await w.built(g, [EAST, WEST])
    await w.ssm(WEST).send(new PutParameterCommand({ Name: parameter(g, 'production'), Value: 'ami-03cf127a', Type: 'String', DataType: 'aws:ec2:image' }))
    const message = await refusal({ family: g, channel: 'production', 'ami-ids': JSON.stringify(amis) })
    expect(message).toContain(`${parameter(g, 'production')} in ${WEST} is not this action's channel: it does not carry the tags`)
    expect(await w.value(WEST, parameter(g, 'production'))).toBe('ami-03cf127a')
    expect(await w.value(EAST, parameter(g, 'production'))).toBeUndefined()

    // A template without {family} puts two families' channels on one name: the second is refused.
    const prefix = `/shared-${n}`
    const shared = `${prefix}/{channel}`
    await promote({ family: g, channel: 'production', 'channel-parameter': shared, 'ami-ids': JSON.stringify(amis) }, '201')
    const h = family()
    const theirs = await w.built(h, [EAST, WEST])
    expect(await refusal({ family: h, channel: 'production', 'channel-parameter': shared, 'ami-ids': JSON.stringify(theirs) })).toContain(`is not this action's channel: it is the channel production of family ${g}`)
    expect(await w.value(EAST, `${prefix}/production`)).toBe(amis[EAST])
  })
})

describe('build mode', () => {
  it('never assigns an AMI whose test failed, and writes no region when one region is refused', async () => {
    const f = family()
    const amis = await w.built(f, [EAST, WEST])
    await w.tag(WEST, amis[WEST], { 'packer-ami-action:test': 'failed' })
    await expect(assignBuild(f, amis, '300')).rejects.toThrow(`channel candidate: not assigning, because ${amis[WEST]} (${WEST}) failed its test`)
    expect(await w.value(EAST, parameter(f, 'candidate'))).toBeUndefined()
    expect(await w.value(WEST, parameter(f, 'candidate'))).toBeUndefined()
  })

  it('refuses a parameter of that name the action did not create, before any region is written', async () => {
    const f = family()
    const amis = await w.built(f, [EAST, WEST])
    await w.ssm(EAST).send(new PutParameterCommand({ Name: parameter(f, 'candidate'), Value: 'ami-03cf127a', Type: 'String' }))
    await expect(assignBuild(f, amis, '301')).rejects.toThrow(/refusing to write parameters that are not this action's channels/)
    expect(await w.value(EAST, parameter(f, 'candidate'))).toBe('ami-03cf127a')
    expect(await w.value(WEST, parameter(f, 'candidate'))).toBeUndefined()
  })
})

describe('history', () => {
  it('a rollback passes over a revoked AMI, and one with nowhere to go is refused and writes nothing', async () => {
    const f = family()
    const [a, b, c] = [await w.built(f, [EAST]), await w.built(f, [EAST]), await w.built(f, [EAST])]
    for (const [amis, run] of [[a, '600'], [b, '601'], [c, '602']] as const) await assignBuild(f, amis, run, 'production')
    await w.tag(EAST, b[EAST], { 'packer-ami-action:revoked': 'CVE-2026-0002' })
    const back = await promote({ family: f, channel: 'production', rollback: 'true' }, '603')
    expect(back.assignments.map((x) => [x.previous, x.ami, x.version, x.reason])).toEqual([[c[EAST], a[EAST], 4, 'rollback to version 1']])
    expect(back.passedOver).toEqual([expect.objectContaining({ version: 2, ami: b[EAST], why: 'is revoked (CVE-2026-0002)' })])

    const g = family()
    await assignBuild(g, await w.built(g, [EAST]), '604', 'production')
    expect(await refusal({ family: g, channel: 'production', rollback: 'true' })).toContain(`channel production in ${EAST} has no earlier usable AMI to move back to`)
    expect(await w.history(EAST, parameter(g, 'production'))).toHaveLength(1)
  })

  it('two promotions racing on one channel: both versions are in the history, and the later one holds the channel', async () => {
    const f = family()
    const a = await w.built(f, [EAST])
    const b = await w.built(f, [EAST])
    await Promise.all([
      promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(a) }, '400'),
      promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(b) }, '401')
    ])
    const history = await w.history(EAST, parameter(f, 'production'))
    expect(history.map((v) => v.ami).sort()).toEqual([a[EAST], b[EAST]].sort())
    expect(history.map((v) => v.labels[0]).sort()).toEqual(['run-400', 'run-401'])
    expect(await w.value(EAST, parameter(f, 'production'))).toBe(history[history.length - 1].ami)
  })

  it('keeps writing past the 100 versions SSM keeps, though every version has a label', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    const other = await w.built(f, [EAST])
    const name = parameter(f, 'candidate')
    // 100 labelled versions, as 100 earlier builds left them.
    const tags = [
      { Key: 'packer-ami-action:family', Value: f },
      { Key: 'packer-ami-action:channel', Value: 'candidate' }
    ]
    for (let v = 1; v <= 100; v++) {
      await w.ssm(EAST).send(new PutParameterCommand({ Name: name, Value: other[EAST], Type: 'String', DataType: 'aws:ec2:image', ...(v === 1 ? { Tags: tags } : { Overwrite: true }) }))
    }
    await Promise.all(Array.from({ length: 100 }, (_, i) => w.ssm(EAST).send(new LabelParameterVersionCommand({ Name: name, ParameterVersion: i + 1, Labels: [`run-${i + 1}`] }))))
    const [written] = await assignBuild(f, amis, '5101')
    expect(written).toMatchObject({ version: 101, previous: other[EAST], ami: amis[EAST] })
    const history = await w.history(EAST, name)
    expect(history).toHaveLength(100)
    expect(history[0]).toMatchObject({ version: 2, labels: ['run-2'] })
    expect(history[99]).toMatchObject({ version: 101, ami: amis[EAST], labels: ['run-5101', `commit-${sha('5101')}`] })
  })
})
