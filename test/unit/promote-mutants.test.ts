/**
 * What channels.test.ts let through when Stryker broke src/channels/promote.ts (docs/testing.md),
 * against moto behind the loopback proxy: where a promotion's AMIs come from and why each version
 * was written, the snapshots shared with the AMI a promotion or a rollback hands out, refusals
 * (their list, its order, the report kept with them), look-alike parameters in the source, the
 * target and a rollback, a channel that exists nowhere, and SSM refusing or failing in a region.
 */
import { DescribeImagesCommand, DescribeSnapshotAttributeCommand } from '@aws-sdk/client-ec2'
import { PutParameterCommand } from '@aws-sdk/client-ssm'
import { runPromote } from '../../src/channels/promote.js'
import { runChannelMode } from '../../src/channels/run.js'
import { readOptions } from '../../src/inputs.js'
import { renderChannelReport } from '../../src/report/channels.js'
import type { Report } from '../../src/report/render.js'
import { awsBed } from '../support/aws-bed.js'
import { channelStep } from '../support/channel-builds.js'
import { PUBLIC_AMI, world } from '../support/channel-world.js'
import { capturedStdout } from '../support/stdout.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
const SHARE_WITH = '210987654321'
const bed = awsBed({ env: { GITHUB_RUN_ATTEMPT: '1', GITHUB_RUN_ID: '700', GITHUB_SHA: 'e'.repeat(40), GITHUB_OUTPUT: undefined } })
const w = world(bed)
const out = capturedStdout()

let n = 0
const family = (): string => `acme/images/promote-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`
const log = (): string => out.join('')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
/** `mode: build`'s channel step for one build of `f`. */
const assignBuild = channelStep('690')

const options = (inputs: Record<string, string>) => readOptions((name) => ({ mode: 'promote', 'aws-region': EAST, ...inputs })[name] ?? '', {})
const promote = (inputs: Record<string, string>) => runPromote(options(inputs), 'https://github.com/acme/images/actions/runs/700')

/** The step as the action runs it (src/channels/run.ts): the report it keeps even when it fails. */
async function step(inputs: Record<string, string>): Promise<{ report: Report; error?: Error }> {
  const report = { mode: 'promote', ok: false, run: { runUrl: 'https://github.com/acme/images/actions/runs/700' } } as unknown as Report
  let error: Error | undefined
  await runChannelMode(options(inputs), report).catch((e: Error) => (error = e))
  return { report, error }
}

/** A parameter of the channel's name the action did not write (no ownership tags), in `region`. */
async function lookAlike(region: string, name: string, versions = 1): Promise<void> {
  for (let v = 1; v <= versions; v++) {
    await w.ssm(region).send(new PutParameterCommand({ Name: name, Value: PUBLIC_AMI, Type: 'String', DataType: 'aws:ec2:image', Overwrite: v > 1 }))
  }
}

/** The snapshots behind an AMI, and the accounts each may make volumes from. */
async function snapshotSharing(region: string, ami: string): Promise<Array<string[]>> {
  const { Images = [] } = await w.ec2(region).send(new DescribeImagesCommand({ ImageIds: [ami] }))
  const snapshots = (Images[0]?.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []))
  expect(snapshots.length).toBeGreaterThan(0)
  return Promise.all(
    snapshots.map(async (SnapshotId) => {
      const { CreateVolumePermissions = [] } = await w.ec2(region).send(new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: 'createVolumePermission' }))
      return CreateVolumePermissions.map((p) => p.UserId as string)
    })
  )
}

/** The writes a refused promotion must not make, counted at the proxy. */
const WRITES = ['PutParameter', 'LabelParameterVersion', 'ModifyImageAttribute', 'ModifySnapshotAttribute', 'CreateLaunchTemplateVersion', 'CreateTags']
const writesSince = (from: number): string[] => bed.proxy.calls.slice(from).filter((c) => WRITES.includes(c.action)).map((c) => c.action)

describe('where a promotion comes from, as the summary and the history say', () => {
  it('from a channel, from ami-ids and a rollback each name their source; every version says why it was written; none is a dry run', async () => {
    const f = family()
    const first = await w.built(f, [EAST], { 'packer-ami-action:test': 'passed' })
    const second = await w.built(f, [EAST], { 'packer-ami-action:test': 'passed' })
    await assignBuild(f, first, 'candidate')

    const fromChannel = await promote({ family: f, channel: 'production', 'from-channel': 'candidate' })
    expect(fromChannel.source).toBe('channel candidate')
    expect(fromChannel.assignments.map((a) => [a.ami, a.reason])).toEqual([[first[EAST], 'promote from candidate']])
    const r = { mode: 'promote', ok: true, run: { runUrl: 'https://github.com/acme/images/actions/runs/700' }, channels: fromChannel } as unknown as Report
    const summary = renderChannelReport(r)
    expect(summary).toContain('## Packer promote: ✅ passed\n')
    expect(summary).toContain('| From | channel candidate |')

    const fromIds = await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(second) })
    expect(fromIds.source).toBe('ami-ids')
    expect(fromIds.dryRun).toBe(false)
    expect(fromIds.assignments.map((a) => [a.ami, a.reason])).toEqual([[second[EAST], 'promote']])

    const back = await promote({ family: f, channel: 'production', rollback: 'true' })
    expect(back.source).toBe('rollback')
    expect(back.assignments.map((a) => [a.ami, a.reason])).toEqual([[first[EAST], 'rollback to version 1']])

    const history = await w.history(EAST, parameter(f, 'production'))
    expect(history.map((v) => v.description)).toEqual([
      expect.stringContaining(`→ ${first[EAST]} (promote from candidate)`),
      expect.stringContaining(`→ ${second[EAST]} (promote)`),
      expect.stringContaining(`→ ${first[EAST]} (rollback to version 1)`)
    ])
  })
})

describe('sharing what a promotion hands out', () => {
  it('the AMIs promoted from ami-ids are shared with their snapshots in every region', async () => {
    const f = family()
    const amis = await w.built(f, [EAST, WEST])
    await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis), 'share-accounts': SHARE_WITH })
    for (const region of [EAST, WEST]) {
      for (const accounts of await snapshotSharing(region, amis[region])) expect(accounts).toEqual([SHARE_WITH])
    }
  })

  it('the earlier AMI a rollback moves back to is shared with its snapshots', async () => {
    const f = family()
    const a = await w.built(f, [EAST])
    const b = await w.built(f, [EAST])
    await assignBuild(f, a, 'production')
    await assignBuild(f, b, 'production')
    for (const accounts of await snapshotSharing(EAST, a[EAST])) expect(accounts).toEqual([])
    const back = await promote({ family: f, channel: 'production', rollback: 'true', 'share-accounts': SHARE_WITH })
    expect(back.assignments.map((x) => x.ami)).toEqual([a[EAST]])
    for (const accounts of await snapshotSharing(EAST, a[EAST])) expect(accounts).toEqual([SHARE_WITH])
  })

  it('without share inputs, nothing is shared and no snapshot is looked at', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    const from = bed.proxy.calls.length
    const report = await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis) })
    expect(report.sharedWith).toEqual([])
    const calls = bed.proxy.calls.slice(from).map((c) => c.action)
    expect(calls.filter((c) => ['ModifyImageAttribute', 'ModifySnapshotAttribute', 'DescribeSnapshots'].includes(c))).toEqual([])
    expect(calls).toContain('PutParameter')
  })
})

describe('refusals: all of them, in order, with the report kept', () => {
  it('two refusals, each on a line of the error, sorted, and the failed step keeps them in its report', async () => {
    const f = family()
    const current = await w.built(f, [EAST, WEST])
    await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(current) })
    const revoked = await w.built(f, [EAST], { 'packer-ami-action:revoked': 'CVE-2026-0003' })
    const from = bed.proxy.calls.length
    const { report, error } = await step({ family: f, channel: 'production', 'ami-ids': JSON.stringify(revoked) })
    const expected = [`${revoked[EAST]} in ${EAST} is revoked (CVE-2026-0003)`, `channel production covers ${WEST} (holding ${current[WEST]}), but there is no AMI to promote there`]
    expect(report.channels?.refused).toEqual(expected)
    expect(error?.message).toBe(`not promoting to production; nothing was changed:\n- ${expected[0]}\n- ${expected[1]}`)
    expect(writesSince(from)).toEqual([])
    for (const region of [EAST, WEST]) expect(await w.value(region, parameter(f, 'production'))).toBe(current[region])
  })

  it('a target channel that is a look-alike in a region without an AMI is refused once, for not being ours, and survives', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    await lookAlike(WEST, parameter(f, 'production'))
    const from = bed.proxy.calls.length
    const { report } = await step({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis) })
    expect(report.channels?.refused).toEqual([
      `${parameter(f, 'production')} in ${WEST} is not this action's channel: it does not carry the tags packer-ami-action:family and packer-ami-action:channel: the action did not create it`
    ])
    expect(writesSince(from)).toEqual([])
    expect(await w.value(WEST, parameter(f, 'production'))).toBe(PUBLIC_AMI)
    expect(await w.value(EAST, parameter(f, 'production'))).toBeUndefined()
  })

  it('a source channel that is a look-alike in one region is refused for that alone, and survives', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    await assignBuild(f, amis, 'candidate')
    await lookAlike(WEST, parameter(f, 'candidate'))
    const { report, error } = await step({ family: f, channel: 'production', 'from-channel': 'candidate' })
    expect(error?.message).toMatch(/^not promoting to production/)
    expect(report.channels?.refused).toEqual([
      `${parameter(f, 'candidate')} in ${WEST} is not this action's channel: it does not carry the tags packer-ami-action:family and packer-ami-action:channel: the action did not create it`
    ])
    expect(await w.value(WEST, parameter(f, 'candidate'))).toBe(PUBLIC_AMI)
    for (const region of [EAST, WEST]) expect(await w.value(region, parameter(f, 'production'))).toBeUndefined()
  })

  it('a source channel that exists in no region is refused, not a promotion of nothing', async () => {
    const f = family()
    const { report, error } = await step({ family: f, channel: 'production', 'from-channel': 'candidate' })
    expect(error).toBeDefined()
    expect(report.channels?.refused).toEqual([`channel candidate of family ${f} (${parameter(f, 'candidate')}) exists in no region`])
    expect(report.channels?.assignments).toEqual([])
  })
})

describe('rollback refusals', () => {
  it('a channel that exists in no region: nothing to roll back, and the step fails', async () => {
    const f = family()
    const { report, error } = await step({ family: f, channel: 'production', rollback: 'true' })
    expect(error).toBeDefined()
    expect(report.channels?.refused).toEqual([`channel production of family ${f} (${parameter(f, 'production')}) exists in no region: nothing to roll back`])
  })

  it('a channel that is only a look-alike is refused for not being ours, and survives with its history', async () => {
    const f = family()
    await lookAlike(EAST, parameter(f, 'production'), 2)
    const from = bed.proxy.calls.length
    const { report } = await step({ family: f, channel: 'production', rollback: 'true' })
    expect(report.channels?.refused).toEqual([
      `${parameter(f, 'production')} in ${EAST} is not this action's channel: it does not carry the tags packer-ami-action:family and packer-ami-action:channel: the action did not create it`
    ])
    expect(writesSince(from)).toEqual([])
    expect(await w.history(EAST, parameter(f, 'production'))).toHaveLength(2)
  })

  it("a look-alike in one region is neither rolled back nor searched for an earlier AMI; ours elsewhere is not moved either", async () => {
    const f = family()
    const [a, b] = [await w.built(f, [EAST]), await w.built(f, [EAST])]
    await assignBuild(f, a, 'production')
    await assignBuild(f, b, 'production')
    await lookAlike(WEST, parameter(f, 'production'), 2)
    const from = bed.proxy.calls.length
    const { report } = await step({ family: f, channel: 'production', rollback: 'true' })
    expect(report.channels?.refused).toEqual([
      `${parameter(f, 'production')} in ${WEST} is not this action's channel: it does not carry the tags packer-ami-action:family and packer-ami-action:channel: the action did not create it`
    ])
    expect(report.channels?.passedOver).toEqual([])
    expect(bed.proxy.calls.slice(from).filter((c) => c.action === 'GetParameterHistory' && c.region === WEST)).toEqual([])
    expect(writesSince(from)).toEqual([])
    expect(await w.value(EAST, parameter(f, 'production'))).toBe(b[EAST])
    expect(await w.history(WEST, parameter(f, 'production'))).toHaveLength(2)
  })

  it('regions with nowhere to go back to are listed in order, however SSM answers them', async () => {
    const f = family()
    const amis = await w.built(f, [EAST, WEST])
    await assignBuild(f, amis, 'production')
    // us-east-1's history comes last: the refusals still read east before west.
    bed.before = async (call) => {
      if (call.action === 'GetParameterHistory' && call.region === EAST) await sleep(400)
    }
    const { report } = await step({ family: f, channel: 'production', rollback: 'true' })
    expect(report.channels?.refused).toEqual([
      `channel production in ${EAST} has no earlier usable AMI to move back to from ${amis[EAST]}`,
      `channel production in ${WEST} has no earlier usable AMI to move back to from ${amis[WEST]}`
    ])
  })

  it('the log says which version a rollback passed over and why', async () => {
    const f = family()
    const [a, b, c] = [await w.built(f, [EAST]), await w.built(f, [EAST]), await w.built(f, [EAST])]
    for (const amis of [a, b, c]) await assignBuild(f, amis, 'production')
    await w.tag(EAST, b[EAST], { 'packer-ami-action:revoked': 'CVE-2026-0004' })
    const back = await promote({ family: f, channel: 'production', rollback: 'true' })
    expect(back.assignments.map((x) => x.ami)).toEqual([a[EAST]])
    expect(log()).toContain(`${EAST}: rollback passes over version 2 (${b[EAST]}): it is revoked (CVE-2026-0004)\n`)
  })
})

describe('SSM refusing or failing in a region', () => {
  const error = (status: number, type: string) => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: type, message: `${type} in this test` }) })

  it('a region SSM does not recognise the caller in is passed over with a warning that names it and the parameter', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    const old = await w.built(f, [WEST])
    await assignBuild(f, old, 'production')
    bed.answer = (action, _body, region) => (action === 'GetParameter' && region === WEST ? error(400, 'UnrecognizedClientException') : undefined)
    const report = await promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis) })
    expect(report.assignments.map((x) => [x.region, x.ami])).toEqual([[EAST, amis[EAST]]])
    expect(log()).toContain(
      `::warning::${WEST}: SSM refused to read ${parameter(f, 'production')} (UnrecognizedClientException); the channel is taken not to cover ${WEST}\n`
    )
    bed.answer = undefined
    expect(await w.value(WEST, parameter(f, 'production'))).toBe(old[WEST])
  })

  it('any other failure to read the channel in a region fails the promotion before anything is written', async () => {
    const f = family()
    const amis = await w.built(f, [EAST])
    const old = await w.built(f, [WEST])
    await assignBuild(f, old, 'production')
    bed.answer = (action, _body, region) => (action === 'GetParameter' && region === WEST ? error(400, 'InvalidKeyId') : undefined)
    const from = bed.proxy.calls.length
    await expect(promote({ family: f, channel: 'production', 'ami-ids': JSON.stringify(amis) })).rejects.toMatchObject({ name: 'InvalidKeyId' })
    expect(writesSince(from)).toEqual([])
    bed.answer = undefined
    expect(await w.value(EAST, parameter(f, 'production'))).toBeUndefined()
    expect(await w.value(WEST, parameter(f, 'production'))).toBe(old[WEST])
  })
})
