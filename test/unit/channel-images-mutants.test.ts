/**
 * What channels.test.ts and revoke.test.ts let through when Stryker broke src/channels/images.ts
 * (docs/testing.md), against moto behind the loopback proxy: a revocation moving a channel back
 * past an AMI that lost its family tag to one deprecated for later; the deprecation's exact
 * moment; an image EC2 describes without a state; and the look-ups by id, at most 200 a call.
 */
import { DeleteTagsCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2'
import { imageProblems, ownImages } from '../../src/channels/images.js'
import { runRevoke } from '../../src/channels/revoke.js'
import { readOptions } from '../../src/inputs.js'
import { awsBed } from '../support/aws-bed.js'
import { channelStep } from '../support/channel-builds.js'
import type { AwsProxyCall } from '../support/aws-proxy.js'
import { world } from '../support/channel-world.js'

const EAST = 'us-east-1'
const RUN_URL = 'https://github.com/acme/images/actions/runs/900'
const FAMILY = 'packer-ami-action:family'
const bed = awsBed({ env: { GITHUB_RUN_ID: '900', GITHUB_SHA: 'c'.repeat(40) } })
const w = world(bed)

let n = 0
const unique = (name: string): string => `${name}-${++n}-${Date.now().toString(36)}`
const parameter = (f: string, channel: string): string => `/packer-ami-action/${f}/${channel}`
const assign = channelStep('800')

function revoke(inputs: Record<string, string>) {
  const opts = readOptions((name) => ({ mode: 'revoke', 'aws-region': EAST, 'revoke-reason': 'CVE-2026-1234 in openssl', ...inputs })[name] ?? '', {})
  return runRevoke(opts, RUN_URL)
}

/** The values of an EC2 call's filter `name`, as the proxy recorded it. */
function filterValues(call: AwsProxyCall, name: string): string[] | undefined {
  for (let i = 1; call.params[`Filter.${i}.Name`] !== undefined; i++) {
    if (call.params[`Filter.${i}.Name`] !== name) continue
    const values: string[] = []
    for (let j = 1; call.params[`Filter.${i}.Value.${j}`] !== undefined; j++) values.push(call.params[`Filter.${i}.Value.${j}`])
    return values
  }
  return undefined
}

describe('which earlier AMI a channel may move back to', () => {
  it('passes over an AMI that lost its family tag, saying so, and moves back to one deprecated only for later', async () => {
    const family = unique('acme/base')
    const later = await w.built(family, [EAST])
    const untagged = await w.built(family, [EAST])
    const b = await w.built(family, [EAST])
    await assign(family, later, 'production')
    await assign(family, b, 'production')
    await assign(family, untagged, 'beta')
    await assign(family, b, 'beta')
    // Deprecated for 2030 by its build's retention: still usable today.
    await w.ec2(EAST).send(new EnableImageDeprecationCommand({ ImageId: later[EAST], DeprecateAt: new Date('2030-01-01T00:00:00Z') }))
    // Someone removed the family tag: it is no longer known as an AMI of this family.
    await w.ec2(EAST).send(new DeleteTagsCommand({ Resources: [untagged[EAST]], Tags: [{ Key: FAMILY }] }))

    const report = await revoke({ family, 'ami-id': b[EAST] })
    expect(report.assignments.map((a) => [a.region, a.parameter, a.previous, a.ami])).toEqual([[EAST, parameter(family, 'production'), b[EAST], later[EAST]]])
    expect(await w.value(EAST, parameter(family, 'production'))).toBe(later[EAST])
    expect(report.passedOver).toEqual([
      expect.objectContaining({ region: EAST, parameter: parameter(family, 'beta'), ami: untagged[EAST], why: `has no family tag (${FAMILY}); it is not of family ${family}` })
    ])
    expect(report.stuck.map((s) => [s.parameter, s.ami])).toEqual([[parameter(family, 'beta'), b[EAST]]])
    expect(await w.value(EAST, parameter(family, 'beta'))).toBe(b[EAST])
  })

  it('an AMI is deprecated from the very moment of its deprecation time on', async () => {
    const family = unique('acme/base')
    const a = await w.built(family, [EAST])
    const at = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000)
    await w.ec2(EAST).send(new EnableImageDeprecationCommand({ ImageId: a[EAST], DeprecateAt: at }))
    const image = (await ownImages(w.ec2(EAST), [a[EAST]])).get(a[EAST])
    expect(image?.DeprecationTime).toBe(at.toISOString())
    expect(imageProblems(image, family, new Date(at.getTime() - 1))).toEqual([])
    expect(imageProblems(image, family, at)).toEqual([`is deprecated since ${at.toISOString()}`])
  })

  it('an image described without a state is not available, in words', () => {
    // API_Image.html lists every field of an Image as optional.
    const image = { ImageId: 'ami-0123456789abcdef0', Tags: [{ Key: FAMILY, Value: 'acme/base' }] }
    expect(imageProblems(image, 'acme/base', new Date())).toEqual(['is in no known state, not available'])
  })
})

describe('ownImages', () => {
  it.each([
    [200, [200]],
    [201, [200, 1]]
  ])('looks %i ids up by an image-id filter of at most 200 values a call (EC2 refuses more), with Owners self', async (count, sizes) => {
    const family = unique('acme/base')
    const first = await w.built(family, [EAST])
    const last = await w.built(family, [EAST])
    // Ids no AMI has (EC2 leaves them out of its answer), between two that exist; one id twice.
    const absent = Array.from({ length: count - 2 }, (_, i) => `ami-${(0xf00000000 + i).toString(16).padStart(17, '0')}`)
    const ids = [first[EAST], ...absent, first[EAST], last[EAST]]
    const before = bed.proxy.calls.length
    const found = await ownImages(w.ec2(EAST), ids)
    expect([...found.keys()].sort()).toEqual([first[EAST], last[EAST]].sort())
    const calls = bed.proxy.calls.slice(before).filter((c) => c.action === 'DescribeImages')
    expect(calls.map((c) => filterValues(c, 'image-id')?.length)).toEqual(sizes)
    expect(calls.flatMap((c) => filterValues(c, 'image-id') ?? [])).toEqual([...new Set(ids)])
    for (const c of calls) expect(c.params['Owner.1']).toBe('self')
  })
})
