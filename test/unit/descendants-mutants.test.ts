/**
 * What revoke.test.ts let through when Stryker broke src/channels/descendants.ts (docs/testing.md),
 * against moto behind the loopback proxy: which AMIs a revocation reaches as copies (the other
 * regions of the build, the same family, build and run) and as descendants (the lineage tags
 * naming a revoked AMI in its region), with look-alikes that must survive: a family or build
 * whose tag value is an EC2 filter wildcard, an AMI of the family without the run URL, an AMI
 * naming a revoked id in another region; AMIs disabled before; an AMI without a regions tag; and
 * what the look-ups ask EC2 (filters, regions, at most 200 ids a call).
 */
import { CreateImageCommand, CreateTagsCommand, DeleteTagsCommand, DisableImageCommand, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { runRevoke } from '../../src/channels/revoke.js'
import { readOptions } from '../../src/inputs.js'
import { awsBed } from '../support/aws-bed.js'
import type { AwsProxyCall } from '../support/aws-proxy.js'
import { PUBLIC_AMI, world } from '../support/channel-world.js'

const EAST = 'us-east-1'
const WEST = 'us-west-2'
const RUN_URL = 'https://github.com/acme/images/actions/runs/900'
const REVOKED = 'packer-ami-action:revoked'
const FAMILY = 'packer-ami-action:family'
const BUILD = 'packer-ami-action:build'
const REGIONS = 'packer-ami-action:regions'
const RUN = 'packer-ami-action:run-url'
const BASE_AMI = 'packer-ami-action:base-ami'
const bed = awsBed({ env: { GITHUB_RUN_ID: '900', GITHUB_SHA: 'c'.repeat(40) } })
const w = world(bed)

let n = 0
const unique = (name: string): string => `${name}-${++n}-${Date.now().toString(36)}`
const builtOn = (parent: string, region = EAST): Record<string, string> => ({
  [BASE_AMI]: parent,
  'packer-ami-action:base-ami-region': region,
  'packer-ami-action:base-ami-name': `base-${parent}`
})
const tags = (image: { Tags?: Array<{ Key?: string; Value?: string }> } | undefined): Record<string, string> =>
  Object.fromEntries((image?.Tags ?? []).map((t) => [t.Key as string, t.Value as string]))

function revoke(inputs: Record<string, string>) {
  const opts = readOptions((name) => ({ mode: 'revoke', 'aws-region': EAST, 'revoke-reason': 'CVE-2026-1234 in openssl', ...inputs })[name] ?? '', {})
  return runRevoke(opts, RUN_URL)
}

/** The filters of an EC2 Describe* call as the proxy recorded it: name → values. */
function filters(call: AwsProxyCall): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (let i = 1; call.params[`Filter.${i}.Name`] !== undefined; i++) {
    const values: string[] = []
    for (let j = 1; call.params[`Filter.${i}.Value.${j}`] !== undefined; j++) values.push(call.params[`Filter.${i}.Value.${j}`])
    out[call.params[`Filter.${i}.Name`]] = values
  }
  return out
}
/** The look-ups for copies of a build (they name its run URL) and for descendants (they name base AMIs), since call `from`. */
const copyLookUps = (from: number): AwsProxyCall[] => bed.proxy.calls.slice(from).filter((c) => c.action === 'DescribeImages' && filters(c)[`tag:${RUN}`] !== undefined)
const descendantLookUps = (from: number): AwsProxyCall[] => bed.proxy.calls.slice(from).filter((c) => c.action === 'DescribeImages' && filters(c)[`tag:${BASE_AMI}`] !== undefined)

async function expectUntouched(region: string, ami: string): Promise<void> {
  const image = await w.image(region, ami)
  expect(image?.State).toBe('available')
  expect(image?.DeprecationTime).toBeUndefined()
  expect(tags(image)[REVOKED]).toBeUndefined()
}

describe('the copies a revocation reaches', () => {
  it('asks each other region of the build, and only those, for this family, build and run; the copy is revoked', async () => {
    const family = unique('acme/base')
    const b = await w.built(family, [EAST, WEST])
    const before = bed.proxy.calls.length
    const report = await revoke({ family, 'ami-id': b[EAST] })
    expect(report.revoked.map((r) => [r.region, r.ami, r.builtOn]).sort()).toEqual(
      [
        [EAST, b[EAST], undefined],
        [WEST, b[WEST], undefined]
      ].sort()
    )
    const image = await w.image(EAST, b[EAST])
    // EC2 narrows the look-up to the build's copies: an account with thousands of AMIs is not listed whole.
    const lookUps = copyLookUps(before)
    expect(lookUps.map((c) => c.region)).toEqual([WEST])
    expect(filters(lookUps[0])).toEqual({ [`tag:${FAMILY}`]: [family], [`tag:${RUN}`]: [tags(image)[RUN]], [`tag:${BUILD}`]: ['amazon-ebs.web'] })
    expect(lookUps[0].params['Owner.1']).toBe('self')
  })

  it('a family whose name is an EC2 filter wildcard reaches its own copies, not those of a family the wildcard matches', async () => {
    // EC2 filter values take wildcards ("*" any characters, "?" one): API_DescribeImages.html, Filter.N.
    const family = `${unique('acme/web')}*`
    const lookAlikeFamily = `${family.slice(0, -1)}-canary`
    const b = await w.built(family, [EAST, WEST])
    const run = tags(await w.image(EAST, b[EAST]))[RUN]
    const canary = await w.built(lookAlikeFamily, [WEST], { [RUN]: run, [REGIONS]: `${EAST} ${WEST}` })
    // The family is no part of an SSM name here (a channel-parameter without {family}), so it may hold a "*".
    const report = await revoke({ family, 'ami-id': b[EAST], 'channel-parameter': '/wild/{channel}' })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], b[WEST]].sort())
    await expectUntouched(WEST, canary[WEST])
  })

  it('a build whose name is an EC2 filter wildcard reaches its own copies, not those of a build the wildcard matches', async () => {
    const family = unique('acme/web')
    const build = 'web*.amazon-ebs.ubuntu'
    const b = await w.built(family, [EAST, WEST], { [BUILD]: build })
    const run = tags(await w.image(EAST, b[EAST]))[RUN]
    const other = await w.built(family, [WEST], { [RUN]: run, [BUILD]: 'web-arm.amazon-ebs.ubuntu', [REGIONS]: `${EAST} ${WEST}` })
    const report = await revoke({ family, 'ami-id': b[EAST] })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], b[WEST]].sort())
    await expectUntouched(WEST, other[WEST])
  })

  it.each([
    ['run URL', RUN],
    ['build', BUILD]
  ])('an AMI without the %s tag has no copies: an AMI of its family in another region without it either survives', async (_what, key) => {
    const family = unique('acme/base')
    const b = await w.built(family, [EAST], { [REGIONS]: `${EAST} ${WEST}` })
    const other = await w.built(family, [WEST])
    await w.ec2(EAST).send(new DeleteTagsCommand({ Resources: [b[EAST]], Tags: [{ Key: key }] }))
    await w.ec2(WEST).send(new DeleteTagsCommand({ Resources: [other[WEST]], Tags: [{ Key: key }] }))
    const before = bed.proxy.calls.length
    const report = await revoke({ family, 'ami-id': b[EAST] })
    expect(report.revoked.map((r) => r.ami)).toEqual([b[EAST]])
    expect(copyLookUps(before)).toEqual([])
    await expectUntouched(WEST, other[WEST])
  })

  it('a copy disabled before is reached and marked revoked', async () => {
    const family = unique('acme/base')
    const b = await w.built(family, [EAST, WEST])
    await w.ec2(WEST).send(new DisableImageCommand({ ImageId: b[WEST] }))
    const report = await revoke({ family, 'ami-id': b[EAST] })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], b[WEST]].sort())
    expect(tags(await w.image(WEST, b[WEST]))[REVOKED]).toBe('CVE-2026-1234 in openssl')
  })
})

describe('the descendants a revocation reaches', () => {
  it('asks EC2, in each region the builds reach, for this account\'s AMIs with the family tag built on the revoked ids', async () => {
    const base = unique('acme/base')
    const app = unique('acme/app')
    const b = await w.built(base, [EAST, WEST])
    const a = await w.built(app, [WEST], builtOn(b[EAST]))
    const before = bed.proxy.calls.length
    const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true', 'cleanup-dry-run': 'true' })
    expect(report.revoked.map((r) => [r.region, r.ami, r.family, r.builtOn]).sort()).toEqual(
      [
        [EAST, b[EAST], base, undefined],
        [WEST, b[WEST], base, undefined],
        [WEST, a[WEST], app, b[EAST]]
      ].sort()
    )
    const lookUps = descendantLookUps(before)
    // Two rounds (the children, then their children: none), each in both regions.
    expect(lookUps.map((c) => c.region).sort()).toEqual([EAST, EAST, WEST, WEST])
    for (const c of lookUps) {
      expect(c.params['Owner.1']).toBe('self')
      expect(Object.keys(filters(c)).sort()).toEqual([`tag:${BASE_AMI}`, 'tag-key'].sort())
      expect(filters(c)['tag-key']).toEqual([FAMILY])
    }
    const asked = lookUps.map((c) => filters(c)[`tag:${BASE_AMI}`].sort())
    expect(asked).toEqual(expect.arrayContaining([[b[EAST], b[WEST]].sort(), [a[WEST], b[EAST], b[WEST]].sort()]))
  })

  it('an AMI naming a revoked id as its base in another region is not built on it, and survives', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST])
    const child = await w.built(unique('acme/app'), [EAST], builtOn(b[EAST]))
    const lookAlike = await w.built(unique('acme/app'), [EAST], builtOn(b[EAST], 'eu-west-1'))
    const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true' })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], child[EAST]].sort())
    await expectUntouched(EAST, lookAlike[EAST])
  })

  it('a descendant disabled before is reached, and so are the AMIs built on it', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST])
    const child = await w.built(unique('acme/app'), [EAST], builtOn(b[EAST]))
    const grandchild = await w.built(unique('acme/app-plus'), [EAST], builtOn(child[EAST]))
    await w.ec2(EAST).send(new DisableImageCommand({ ImageId: child[EAST] }))
    const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true' })
    expect(report.revoked.map((r) => [r.ami, r.builtOn]).sort()).toEqual(
      [
        [b[EAST], undefined],
        [child[EAST], b[EAST]],
        [grandchild[EAST], child[EAST]]
      ].sort()
    )
    for (const ami of [child[EAST], grandchild[EAST]]) expect(tags(await w.image(EAST, ami))[REVOKED]).toBe('CVE-2026-1234 in openssl')
  })

  it.each([
    ['without a regions tag', undefined],
    ['with a regions tag of extra spaces', `  ${EAST}   `]
  ])('an AMI %s is looked for in its own region only', async (_what, regions) => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST])
    if (regions === undefined) await w.ec2(EAST).send(new DeleteTagsCommand({ Resources: [b[EAST]], Tags: [{ Key: REGIONS }] }))
    else await w.tag(EAST, b[EAST], { [REGIONS]: regions })
    const child = await w.built(unique('acme/app'), [EAST], builtOn(b[EAST]))
    const before = bed.proxy.calls.length
    const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true' })
    expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], child[EAST]].sort())
    expect(bed.proxy.calls.slice(before).filter((c) => c.service === 'ec2' && c.region !== EAST)).toEqual([])
    expect(descendantLookUps(before).map((c) => c.region)).toEqual([EAST, EAST])
  })
})

describe('many revoked AMIs', () => {
  it('asks for at most 200 base ids a look-up, and never for none: 200 ids in one, 201 in two', async () => {
    const base = unique('acme/base')
    const b = await w.built(base, [EAST])
    const app = unique('acme/app')
    // 199 AMIs built on b (made the quick way: one instance, many images; tagged in one call).
    const { Instances = [] } = await w.ec2(EAST).send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
    const children = async (count: number): Promise<string[]> => {
      const amis: string[] = []
      while (amis.length < count) {
        const batch = Array.from({ length: Math.min(25, count - amis.length) }, (_, i) => `${app.replace(/\W/g, '-')}-${amis.length + i}-${Date.now()}`)
        const made = await Promise.all(batch.map((Name) => w.ec2(EAST).send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name }))))
        amis.push(...made.map((m) => m.ImageId as string))
      }
      await w.ec2(EAST).send(new CreateTagsCommand({ Resources: amis, Tags: Object.entries({ [FAMILY]: app, ...builtOn(b[EAST]) }).map(([Key, Value]) => ({ Key, Value })) }))
      return amis
    }
    const first = await children(199)
    const sizes = async (amis: string[]): Promise<number[]> => {
      const before = bed.proxy.calls.length
      const report = await revoke({ family: base, 'ami-id': b[EAST], 'revoke-descendants': 'true', 'cleanup-dry-run': 'true' })
      expect(report.revoked.map((r) => r.ami).sort()).toEqual([b[EAST], ...amis].sort())
      return descendantLookUps(before).map((c) => filters(c)[`tag:${BASE_AMI}`].length)
    }
    // The first round asks for b; the second for b and its 199 children: 200 ids, one look-up.
    expect(await sizes(first)).toEqual([1, 200])
    const last = await children(1)
    // 201 ids: 200 and 1 (EC2 refuses a filter of more than 200 values).
    expect(await sizes([...first, ...last])).toEqual([1, 200, 1])
  })
})
