/**
 * What revoke.test.ts let through when Stryker broke src/channels/revoke.ts (docs/testing.md),
 * against moto behind the loopback proxy: AMIs named in two regions of one build, an AMI revoked,
 * disabled or deprecated before, channels of a reached family that do not name a revoked AMI,
 * parameters that merely carry the family tag, more parameters than a page, fifty and more
 * families, the words of the log, the report and the refusals, and answers SSM may give (tags in
 * another order, a tag removed during the run, a parameter without a name).
 */
import { jest } from '@jest/globals'
import { CreateImageCommand, EnableImageDeprecationCommand, DisableImageCommand, RunInstancesCommand, CreateTagsCommand } from '@aws-sdk/client-ec2'
import { AddTagsToResourceCommand, PutParameterCommand, RemoveTagsFromResourceCommand } from '@aws-sdk/client-ssm'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ChannelReport } from '../../src/channels/outcome.js'
import { runRevoke, soonestDeprecation } from '../../src/channels/revoke.js'
import { runChannelMode } from '../../src/channels/run.js'
import { readOptions } from '../../src/inputs.js'
import type { Report } from '../../src/report/render.js'
import { awsBed } from '../support/aws-bed.js'
import { channelStep } from '../support/channel-builds.js'
import { PUBLIC_AMI, world } from '../support/channel-world.js'
import { capturedStdout } from '../support/stdout.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
const RUN_URL = 'https://github.com/acme/images/actions/runs/900'
const REVOKED = 'packer-ami-action:revoked'
const REVOKED_BY = 'packer-ami-action:revoked-by'
const FAMILY = 'packer-ami-action:family'
const outputs = mkdtempSync(path.join(tmpdir(), 'revoke-mutants-'))
const bed = awsBed({ env: { GITHUB_RUN_ID: '900', GITHUB_SHA: 'c'.repeat(40), GITHUB_OUTPUT: path.join(outputs, 'output') } })
const w = world(bed)
const out = capturedStdout()
beforeEach(() => {
  writeFileSync(process.env.GITHUB_OUTPUT as string, '')
})

let n = 0
const unique = (name: string): string => `${name}-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`
const assignBuild = channelStep('800')
const assign = (family: string, amis: Record<string, string>, channel = 'production') => assignBuild(family, amis, channel)
const builtOn = (parent: string, region = EAST): Record<string, string> => ({
  'packer-ami-action:base-ami': parent,
  'packer-ami-action:base-ami-region': region,
  'packer-ami-action:base-ami-name': `base-${parent}`
})

function options(inputs: Record<string, string>) {
  return readOptions((name) => ({ mode: 'revoke', 'aws-region': EAST, 'revoke-reason': 'CVE-2026-1234 in openssl', ...inputs })[name] ?? '', {})
}
const revoke = (inputs: Record<string, string>, runUrl = RUN_URL) => runRevoke(options(inputs), runUrl)

/** The step as the action runs it (src/channels/run.ts): the report it keeps, and the outputs it sets. */
async function step(inputs: Record<string, string>, runUrl = RUN_URL): Promise<{ report: Report; error?: Error; outputs: Record<string, string> }> {
  const report = { mode: 'revoke', run: { runUrl } } as unknown as Report
  let error: Error | undefined
  await runChannelMode(options(inputs), report).catch((e: Error) => (error = e))
  const outputs: Record<string, string> = {}
  for (const m of readFileSync(process.env.GITHUB_OUTPUT as string, 'utf8').matchAll(/^(\S+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]] = m[3]
  return { report, error, outputs }
}

const tags = (image: { Tags?: Array<{ Key?: string; Value?: string }> } | undefined): Record<string, string> =>
  Object.fromEntries((image?.Tags ?? []).map((t) => [t.Key as string, t.Value as string]))
const WRITES = ['CreateTags', 'EnableImageDeprecation', 'DisableImage', 'PutParameter', 'LabelParameterVersion', 'DeregisterImage', 'DeleteSnapshot', 'ModifyImageAttribute']
const log = (): string => out.join('')
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('which AMIs a revocation touches, and how', () => {
  it('an AMI named in both regions of its build is revoked once in each, and the revoked output lists each once', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST, WEST])
    const before = bed.proxy.calls.length
    // A GitHub Enterprise Server's run URL can be longer than the 256 characters of an EC2 tag value.
    const longRunUrl = `https://github.${'internal.'.repeat(25)}example.com/acme/images/actions/runs/900`
    const { report, error, outputs } = await step({ family: base, 'ami-ids': JSON.stringify(b), 'revoke-disable': 'true' }, longRunUrl)
    expect(error).toBeUndefined()

    const revoked = JSON.parse(outputs.revoked) as Array<{ region: string; ami: string }>
    expect(revoked.map((r) => [r.region, r.ami]).sort()).toEqual([
      [EAST, b[EAST]],
      [WEST, b[WEST]]
    ])
    expect(report.channels?.revoked).toHaveLength(2)
    const calls = bed.proxy.calls.slice(before)
    for (const [region, ami] of Object.entries(b)) {
      expect(calls.filter((c) => c.action === 'CreateTags' && c.params['ResourceId.1'] === ami)).toHaveLength(1)
      expect(calls.filter((c) => c.action === 'EnableImageDeprecation' && c.params.ImageId === ami)).toHaveLength(1)
      expect(calls.filter((c) => c.action === 'DisableImage' && c.params.ImageId === ami)).toHaveLength(1)
      const image = await w.image(region, ami)
      expect(image?.State).toBe('disabled')
      expect(tags(image)[REVOKED_BY]).toBe(longRunUrl.slice(0, 256))
    }
    // The family has no channel: nothing to read past the listing, and nothing written to SSM.
    expect(calls.filter((c) => c.service === 'ssm').map((c) => c.action)).toEqual(['DescribeParameters', 'DescribeParameters'])
  })

  it('an AMI revoked, disabled and deprecated before keeps its first reason and time; a copy deprecated for later is deprecated now', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST, WEST])
    await w.tag(EAST, b[EAST], { [REVOKED]: 'first: CVE-2026-0001', [REVOKED_BY]: 'https://github.com/acme/images/actions/runs/1' })
    await w.ec2(EAST).send(new DisableImageCommand({ ImageId: b[EAST] }))
    // Deprecated last week: EC2 took the time when it was in the future, and it has passed since.
    const lastWeek = new Date(Date.now() - 7 * 86_400_000)
    lastWeek.setUTCSeconds(0, 0)
    bed.proxy.deprecations.push({ imageId: b[EAST], deprecateAt: lastWeek.toISOString(), region: EAST })
    // The copy, deprecated by the build for 2030: a revocation deprecates it now.
    await w.ec2(WEST).send(new EnableImageDeprecationCommand({ ImageId: b[WEST], DeprecateAt: new Date('2030-01-01T00:00:00Z') }))
    const before = bed.proxy.calls.length

    const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-disable': 'true' })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], b[WEST]].sort())

    const east = await w.image(EAST, b[EAST])
    expect(tags(east)).toEqual(expect.objectContaining({ [REVOKED]: 'first: CVE-2026-0001', [REVOKED_BY]: 'https://github.com/acme/images/actions/runs/1' }))
    expect(east?.State).toBe('disabled')
    expect(east?.DeprecationTime).toBe(lastWeek.toISOString())
    const west = await w.image(WEST, b[WEST])
    expect(tags(west)).toEqual(expect.objectContaining({ [REVOKED]: 'CVE-2026-1234 in openssl', [REVOKED_BY]: RUN_URL }))
    expect(west?.State).toBe('disabled')
    expect(Date.parse(west?.DeprecationTime as string)).toBeLessThanOrEqual(Date.now() + 120_000)
    // Nothing written to the AMI that was revoked already.
    const writes = bed.proxy.calls.slice(before).filter((c) => WRITES.includes(c.action))
    expect(writes.filter((c) => c.region === EAST)).toEqual([])
  })

  it('an AMI deprecated already at the soonest time a revocation could set gets no second deprecation', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST])
    // The clock stands at the start of a minute's window: every deprecation time the run computes is the same one.
    const start = Math.floor((Date.now() + 30_000) / 60_000) * 60_000 - 30_000 + 1
    const at = soonestDeprecation(new Date(start))
    await w.ec2(EAST).send(new EnableImageDeprecationCommand({ ImageId: b[EAST], DeprecateAt: at }))
    const before = bed.proxy.calls.length
    jest.useFakeTimers({ now: start, advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'] })
    try {
      await revoke({ family: base, 'ami-id': b[EAST] })
    } finally {
      jest.useRealTimers()
    }
    expect(bed.proxy.calls.slice(before).filter((c) => c.action === 'EnableImageDeprecation')).toEqual([])
    expect((await w.image(EAST, b[EAST]))?.DeprecationTime).toBe(at.toISOString())
  })
})

describe('which channels move', () => {
  it("moves only the channels naming a revoked AMI, over more than a page; a parameter with the family tag but no channel tag is not a channel and stays", async () => {
    const base = unique('acme/base')
    const b0 = await w.built(base, [EAST])
    const b1 = await w.built(base, [EAST])
    const others = Array.from({ length: 11 }, (_, i) => `team-${String(i).padStart(2, '0')}`)
    for (const channel of others) await assign(base, b0, channel)
    // Someone's own parameter, tagged with the family to be found by their tools, holding the revoked AMI.
    const lookAlike = `/team/${base}/golden`
    await w.ssm(EAST).send(new PutParameterCommand({ Name: lookAlike, Value: b1[EAST], Type: 'String', Tags: [{ Key: FAMILY, Value: base }] }))
    // The channel to move, listed last: on the second page of DescribeParameters.
    await assign(base, b0)
    await assign(base, b1)
    const before = bed.proxy.calls.length

    const report = await revoke({ family: base, 'ami-id': b1[EAST] })
    expect(report.stuck).toEqual([])
    expect(report.assignments.map((a) => [a.parameter, a.previous, a.ami])).toEqual([[parameter(base, 'production'), b1[EAST], b0[EAST]]])
    expect(await w.value(EAST, parameter(base, 'production'))).toBe(b0[EAST])
    for (const channel of others) expect((await w.history(EAST, parameter(base, channel))).map((v) => v.ami)).toEqual([b0[EAST]])
    expect((await w.history(EAST, lookAlike)).map((v) => v.ami)).toEqual([b1[EAST]])
    const ssm = bed.proxy.calls.slice(before).filter((c) => c.service === 'ssm')
    expect(ssm.filter((c) => c.action === 'DescribeParameters').length).toBeGreaterThan(1)
  })

  it('fifty families, and fifty-one: a revocation reaching them moves the channels of the first and of the last', async () => {
    const base = unique('acme/base')
    const b0 = await w.built(base, [EAST])
    const b1 = await w.built(base, [EAST])
    await assign(base, b0)
    await assign(base, b1)
    // More than a GetParameters call's ten names of the family in the region, none naming a revoked AMI.
    for (let i = 0; i < 10; i++) await assign(base, b0, `team-${i}`)
    // AMIs of 49 more families built on b1, made the way Packer makes them (CreateImage of one instance).
    const ec2 = w.ec2(EAST)
    const { Instances = [] } = await ec2.send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
    const child = async (family: string): Promise<string> => {
      const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: family.replace(/[^a-zA-Z0-9-]/g, '-') }))
      const t = { [FAMILY]: family, 'packer-ami-action:build': 'amazon-ebs.web', ...builtOn(b1[EAST]) }
      await ec2.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: Object.entries(t).map(([Key, Value]) => ({ Key, Value })) }))
      return ImageId as string
    }
    const families = Array.from({ length: 49 }, () => unique('acme/app'))
    for (const f of families) await child(f)
    // The last family made has a channel to move back.
    const last = families[families.length - 1]
    const older = await w.built(last, [EAST])
    await assign(last, older)
    const lastAmi = (await w.built(last, [EAST], builtOn(b1[EAST])))[EAST]
    await assign(last, { [EAST]: lastAmi })

    const fifty = await revoke({ family: base, 'ami-id': b1[EAST], 'revoke-descendants': 'true', 'cleanup-dry-run': 'true' })
    expect(new Set(fifty.revoked.map((r) => r.family)).size).toBe(50)
    const planned = (r: ChannelReport) => r.planned.map((m) => [m.family, m.ami]).sort()
    expect(planned(fifty)).toEqual([[base, b0[EAST]], [last, older[EAST]]].sort())

    await child(unique('acme/app'))
    const fiftyOne = await revoke({ family: base, 'ami-id': b1[EAST], 'revoke-descendants': 'true', 'cleanup-dry-run': 'true' })
    expect(new Set(fiftyOne.revoked.map((r) => r.family)).size).toBe(51)
    expect(planned(fiftyOne)).toEqual(planned(fifty))
  })

  it('a channel whose earlier AMI is revoked in the same run passes it over; the log, the plan and the stuck channel say so', async () => {
    const base = unique('acme/base')
    const app = unique('acme/app')
    const plus = unique('acme/app-plus')
    const b = await w.built(base, [EAST])
    const aOld = await w.built(app, [EAST])
    const a0 = await w.built(app, [EAST], builtOn(b[EAST]))
    const a1 = await w.built(app, [EAST], builtOn(b[EAST]))
    const p1 = await w.built(plus, [EAST], builtOn(a1[EAST]))
    for (const a of [aOld, a0, a1]) await assign(app, a)
    await assign(plus, p1)
    const appChannel = parameter(app, 'production')
    const plusChannel = parameter(plus, 'production')

    const dry = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true', 'cleanup-dry-run': 'true' })
    expect(dry.planned).toEqual([{ region: EAST, family: app, channel: 'production', ami: aOld[EAST], parameter: appChannel, reason: `revoke of ${a1[EAST]}: back to version 1` }])
    expect(dry.passedOver).toEqual([{ region: EAST, parameter: appChannel, version: 2, ami: a0[EAST], why: 'is being revoked' }])
    const why = 'no earlier version holds an AMI that is not revoked and still usable'
    expect(dry.stuck).toEqual([{ region: EAST, channel: 'production', family: plus, parameter: plusChannel, ami: p1[EAST], why }])
    const lines = log().split('\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        `would revoke ${b[EAST]} (${EAST}, family ${base})`,
        `would revoke ${a0[EAST]} (${EAST}, family ${app}): built on ${b[EAST]}`,
        `would revoke ${a1[EAST]} (${EAST}, family ${app}): built on ${b[EAST]}`,
        `would revoke ${p1[EAST]} (${EAST}, family ${plus}): built on ${a1[EAST]}`,
        `::error::${plusChannel} in ${EAST} still names the revoked ${p1[EAST]}: ${why}`,
        `would move channel production of ${app} in ${EAST} to ${aOld[EAST]} (revoke of ${a1[EAST]}: back to version 1)`
      ])
    )
    expect(await w.value(EAST, appChannel)).toBe(a1[EAST])

    out.length = 0
    const done = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true' })
    expect(log().split('\n')).toEqual(
      expect.arrayContaining([`revoking ${b[EAST]} (${EAST}, family ${base})`, `revoking ${a1[EAST]} (${EAST}, family ${app}): built on ${b[EAST]}`])
    )
    expect(done.assignments.map((a) => [a.parameter, a.ami, a.reason])).toEqual([[appChannel, aOld[EAST], `revoke of ${a1[EAST]}: back to version 1`]])
    expect(await w.value(EAST, appChannel)).toBe(aOld[EAST])
    const history = await w.history(EAST, appChannel)
    expect(history[history.length - 1].description).toContain(`revoke of ${a1[EAST]}: back to version 1`)
  })

  it('reads a channel by its tags whatever their order, and leaves one whose family tag goes during the run', async () => {
    const base = unique('acme/base')
    const b0 = await w.built(base, [EAST])
    const b1 = await w.built(base, [EAST])
    for (const channel of ['production', 'staging', 'canary']) {
      await assign(base, b0, channel)
      await assign(base, b1, channel)
    }
    // The family tag of staging put back by another tool: SSM lists it after the channel tag now.
    const staging = parameter(base, 'staging')
    await w.ssm(EAST).send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: staging, TagKeys: [FAMILY] }))
    await w.ssm(EAST).send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: staging, Tags: [{ Key: FAMILY, Value: base }] }))
    // Once the parameters are listed, someone takes the family tag off canary: it is no longer this action's channel.
    const canary = parameter(base, 'canary')
    bed.before = async (call) => {
      if (call.action !== 'GetParameters') return
      bed.before = undefined
      await w.ssm(EAST).send(new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: canary, TagKeys: [FAMILY] }))
    }

    const report = await revoke({ family: base, 'ami-id': b1[EAST] })
    expect(report.assignments.map((a) => a.parameter).sort()).toEqual([parameter(base, 'production'), staging].sort())
    expect(await w.value(EAST, staging)).toBe(b0[EAST])
    expect(await w.value(EAST, canary)).toBe(b1[EAST])
    expect(report.stuck).toEqual([])
  })

  it('a parameter SSM answers without a name is passed over, and nothing is asked about it', async () => {
    const base = unique('acme/base')
    const b0 = await w.built(base, [EAST])
    const b1 = await w.built(base, [EAST])
    await assign(base, b0)
    await assign(base, b1)
    const name = parameter(base, 'production')
    const listTags: string[] = []
    bed.answer = (action, body) => {
      if (action === 'ListTagsForResource') listTags.push(body)
      if (action !== 'GetParameters') return undefined
      // SSM names every parameter it answers with: this one does not, and holds the revoked AMI.
      const Parameters = [
        { Type: 'String', Value: b1[EAST], Version: 1, DataType: 'aws:ec2:image' },
        { Name: name, Type: 'String', Value: b1[EAST], Version: 2, DataType: 'aws:ec2:image' }
      ]
      return { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ Parameters, InvalidParameters: [] }) }
    }
    const report = await revoke({ family: base, 'ami-id': b1[EAST] })
    expect(report.assignments.map((a) => [a.parameter, a.ami])).toEqual([[name, b0[EAST]]])
    // Its tags are read, as the checks before the write read them again; never those of a parameter without a name.
    expect(new Set(listTags.map((b) => (JSON.parse(b) as { ResourceId?: string }).ResourceId))).toEqual(new Set([name]))

    // A listing of parameters none of which has a name: nothing to get.
    bed.answer = (action) =>
      action === 'DescribeParameters' ? { status: 200, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ Parameters: [{ Type: 'String' }] }) } : undefined
    const start = bed.proxy.calls.length
    const none = await revoke({ family: base, 'ami-id': b0[EAST], 'cleanup-dry-run': 'true' })
    expect(none.planned).toEqual([])
    expect(bed.proxy.calls.slice(start).filter((c) => c.action === 'GetParameters')).toEqual([])
  })
})

describe('refusals', () => {
  it('names every AMI it refuses, in order, in the error and the summary, and changes nothing', async () => {
    const base = unique('acme/base')
    const other = unique('acme/other')
    const o = await w.built(other, [EAST, WEST])
    // This account's own AMI in us-east-1 that the action did not make: no family tag.
    const { Instances = [] } = await w.ec2(EAST).send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
    const { ImageId: handMade } = await w.ec2(EAST).send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: unique('hand-made') }))
    const problems = [`${handMade} in ${EAST} is not an AMI of this action (no family tag), not ${base}`, `${o[WEST]} in ${WEST} is of family ${other}, not ${base}`]
    const sorted = [...problems].sort()
    // The region whose problem sorts first answers last.
    const slow = sorted[0] === problems[0] ? EAST : WEST
    bed.before = async (call) => {
      if (call.action === 'DescribeImages' && call.region === slow) await sleep(400)
    }
    const start = bed.proxy.calls.length
    const { report, error } = await step({ family: base, 'ami-ids': JSON.stringify({ [EAST]: handMade, [WEST]: o[WEST] }) })
    expect(error?.message).toBe(`not revoking anything:\n- ${sorted[0]}\n- ${sorted[1]}`)
    expect(report.channels?.refused).toEqual(sorted)
    expect(bed.proxy.calls.slice(start).filter((c) => WRITES.includes(c.action))).toEqual([])
  })
})
