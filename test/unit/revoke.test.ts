/**
 * `mode: revoke` against moto behind the loopback proxy (which answers DisableImage and shows
 * deprecation times as EC2 does): a base AMI revoked with its descendants, both families'
 * channels moved back, nothing deregistered, look-alikes untouched; the dry run; a channel with
 * nowhere to go; a refusal. The bundle's run is in test/integration/channels.test.ts.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ec2'
import { runRevoke, soonestDeprecation } from '../../src/channels/revoke.js'
import { readOptions } from '../../src/inputs.js'
import { awsBed } from '../support/aws-bed.js'
import { channelStep } from '../support/channel-builds.js'
import { PUBLIC_AMI, world } from '../support/channel-world.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
const RUN_URL = 'https://github.com/acme/images/actions/runs/900'
const bed = awsBed({ env: { GITHUB_RUN_ID: '900', GITHUB_SHA: 'c'.repeat(40) } })
const w = world(bed)

let n = 0
const unique = (name: string): string => `${name}-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`

/** `family`'s channel, as a build assigning it left it. */
const assignBuild = channelStep('800')
const assign = (family: string, amis: Record<string, string>, channel = 'production') => assignBuild(family, amis, channel)

/** The lineage tags of an AMI built on `parent` (in us-east-1), as the action sets them. */
const builtOn = (parent: string, region = EAST): Record<string, string> => ({
  'packer-ami-action:base-ami': parent,
  'packer-ami-action:base-ami-region': region,
  'packer-ami-action:base-ami-name': `base-${parent}`
})

function revoke(inputs: Record<string, string>) {
  const opts = readOptions((name) => ({ mode: 'revoke', 'aws-region': EAST, 'revoke-reason': 'CVE-2026-1234 in openssl', ...inputs })[name] ?? '', {})
  return runRevoke(opts, RUN_URL)
}

/** Base B0 then B1, each in both regions; app A0 on B0 and A1 on B1; app-plus on A1; the channels of base and app at B1 and A1. */
async function lineage() {
  const base = unique('acme/base')
  const app = unique('acme/app')
  const plus = unique('acme/app-plus')
  const b0 = await w.built(base, [EAST, WEST])
  const b1 = await w.built(base, [EAST, WEST])
  const a0 = await w.built(app, [EAST, WEST], builtOn(b0[EAST]))
  const a1 = await w.built(app, [EAST, WEST], builtOn(b1[EAST]))
  const p1 = await w.built(plus, [EAST], builtOn(a1[EAST]))
  for (const [family, older, newer] of [[base, b0, b1], [app, a0, a1]] as const) {
    await assign(family, older)
    await assign(family, newer)
  }
  await assign(plus, p1)
  // Look-alikes: another family's AMI whose tags mention B1 under other keys; Amazon's public AMI tagged as built on B1.
  const other = await w.built(unique('acme/other'), [EAST], { notes: `rebuilt after ${b1[EAST]}`, 'packer-ami-action:base-ami-name': b1[EAST] })
  await w.tag(EAST, PUBLIC_AMI, { 'packer-ami-action:family': app, ...builtOn(b1[EAST]) })
  return { base, app, plus, b0, b1, a0, a1, p1, other }
}

const WRITES = ['CreateTags', 'EnableImageDeprecation', 'DisableImage', 'PutParameter', 'LabelParameterVersion', 'DeregisterImage', 'DeleteSnapshot', 'ModifyImageAttribute']

describe('mode revoke', () => {
  it('revokes a base AMI with every copy and descendant, moves both families channels back, deregisters nothing, and leaves look-alikes alone', async () => {
    const l = await lineage()
    const before = bed.proxy.calls.length
    const report = await revoke({ family: l.base, 'ami-id': l.b1[EAST], 'revoke-descendants': 'true', 'revoke-disable': 'true' })

    expect(report.revoked.map((r) => [r.region, r.ami, r.family, r.builtOn]).sort()).toEqual(
      [
        [EAST, l.b1[EAST], l.base, undefined],
        [WEST, l.b1[WEST], l.base, undefined],
        [EAST, l.a1[EAST], l.app, l.b1[EAST]],
        [WEST, l.a1[WEST], l.app, l.b1[EAST]],
        [EAST, l.p1[EAST], l.plus, l.a1[EAST]]
      ].sort()
    )
    for (const r of report.revoked) {
      const image = await w.image(r.region, r.ami)
      expect(image?.State).toBe('disabled')
      expect(image?.Tags).toEqual(expect.arrayContaining([{ Key: 'packer-ami-action:revoked', Value: 'CVE-2026-1234 in openssl' }, { Key: 'packer-ami-action:revoked-by', Value: RUN_URL }]))
      expect(Date.parse(image?.DeprecationTime as string)).toBeLessThanOrEqual(Date.now() + 120_000)
    }

    for (const region of [EAST, WEST]) {
      expect(await w.value(region, parameter(l.base, 'production'))).toBe(l.b0[region])
      expect(await w.value(region, parameter(l.app, 'production'))).toBe(l.a0[region])
    }
    expect(report.assignments.map((a) => [a.family, a.region, a.previous, a.ami])).toEqual(
      expect.arrayContaining([
        [l.base, EAST, l.b1[EAST], l.b0[EAST]],
        [l.base, WEST, l.b1[WEST], l.b0[WEST]],
        [l.app, EAST, l.a1[EAST], l.a0[EAST]],
        [l.app, WEST, l.a1[WEST], l.a0[WEST]]
      ])
    )
    // app-plus's channel had only the revoked AMI: it stays, and the report says so.
    expect(report.stuck).toEqual([expect.objectContaining({ region: EAST, parameter: parameter(l.plus, 'production'), ami: l.p1[EAST] })])
    expect(await w.value(EAST, parameter(l.plus, 'production'))).toBe(l.p1[EAST])

    const calls = bed.proxy.calls.slice(before)
    expect(calls.filter((c) => c.action === 'DeregisterImage' || c.action === 'DeleteSnapshot')).toEqual([])
    const { Images = [] } = await w.ec2(EAST).send(new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: true, Filters: [{ Name: 'image-id', Values: [l.b1[EAST], l.a1[EAST], l.p1[EAST]] }] }))
    expect(Images).toHaveLength(3)
    for (const lookAlike of [l.other[EAST], PUBLIC_AMI]) {
      const image = await w.image(EAST, lookAlike)
      expect(image?.State).toBe('available')
      expect(image?.DeprecationTime).toBeUndefined()
      expect(image?.Tags?.some((t) => t.Key === 'packer-ami-action:revoked')).toBe(false)
    }
    // The older AMIs the channels moved back to are untouched.
    for (const ami of [l.b0[EAST], l.a0[WEST]]) expect((await w.image(ami === l.b0[EAST] ? EAST : WEST, ami))?.State).toBe('available')
  })

  it('without revoke-descendants only the named AMI and its copies are revoked; a channel may move back past an AMI revoked before', async () => {
    const l = await lineage()
    await w.tag(EAST, l.b0[EAST], { 'packer-ami-action:revoked': 'earlier' })
    const report = await revoke({ family: l.base, 'ami-ids': JSON.stringify({ [WEST]: l.b1[WEST] }) })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([l.b1[EAST], l.b1[WEST]].sort())
    expect((await w.image(EAST, l.a1[EAST]))?.Tags?.some((t) => t.Key === 'packer-ami-action:revoked')).toBe(false)
    expect((await w.image(EAST, l.b1[EAST]))?.State).toBe('available')
    // us-east-1's only earlier AMI was revoked already: nowhere to go there; us-west-2 moves back.
    expect(report.stuck.map((s) => s.region)).toEqual([EAST])
    expect(report.passedOver).toEqual([expect.objectContaining({ region: EAST, ami: l.b0[EAST], why: 'is revoked (earlier)' })])
    expect(await w.value(WEST, parameter(l.base, 'production'))).toBe(l.b0[WEST])
    expect(await w.value(EAST, parameter(l.base, 'production'))).toBe(l.b1[EAST])
  })

  it('cleanup-dry-run reports the plan and changes nothing', async () => {
    const l = await lineage()
    const before = bed.proxy.calls.length
    const report = await revoke({ family: l.base, 'ami-id': l.b1[EAST], 'revoke-descendants': 'true', 'revoke-disable': 'true', 'cleanup-dry-run': 'true' })
    expect(report.dryRun).toBe(true)
    expect(report.revoked).toHaveLength(5)
    expect(report.assignments).toEqual([])
    expect(report.planned.map((m) => [m.family, m.region, m.ami]).sort()).toEqual(
      [
        [l.base, EAST, l.b0[EAST]],
        [l.base, WEST, l.b0[WEST]],
        [l.app, EAST, l.a0[EAST]],
        [l.app, WEST, l.a0[WEST]]
      ].sort()
    )
    expect(bed.proxy.calls.slice(before).filter((c) => WRITES.includes(c.action))).toEqual([])
    expect((await w.image(EAST, l.b1[EAST]))?.State).toBe('available')
    expect(await w.value(EAST, parameter(l.base, 'production'))).toBe(l.b1[EAST])
  })

  it('refuses, changing nothing, an AMI of another family or of another account', async () => {
    const l = await lineage()
    const before = bed.proxy.calls.length
    await expect(revoke({ family: l.base, 'ami-ids': JSON.stringify({ [EAST]: l.a1[EAST], [WEST]: l.b1[WEST] }) })).rejects.toThrow(`${l.a1[EAST]} in ${EAST} is of family ${l.app}, not ${l.base}`)
    await expect(revoke({ family: l.app, 'ami-id': PUBLIC_AMI })).rejects.toThrow(`${PUBLIC_AMI} in ${EAST} does not exist in this account`)
    expect(bed.proxy.calls.slice(before).filter((c) => WRITES.includes(c.action))).toEqual([])
  })
})

describe('soonestDeprecation', () => {
  it.each([
    ['2026-12-06T10:00:00.000Z', '2026-12-06T10:01:00.000Z'],
    ['2026-12-06T10:00:29.999Z', '2026-12-06T10:01:00.000Z'],
    ['2026-12-06T10:00:30.001Z', '2026-12-06T10:02:00.000Z']
  ])('%s → %s: a whole minute at least 30 s ahead, which EC2 neither rounds into the past nor refuses', (now, at) => {
    expect(soonestDeprecation(new Date(now)).toISOString()).toBe(at)
  })
})
