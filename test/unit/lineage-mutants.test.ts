/**
 * What lineage-parents and lineage-outdated let through when Stryker broke
 * src/lineage/lineage.ts (docs/testing.md): where Packer's printed base is described, one
 * build's source never taken for another's, sources the wait already found asked for again,
 * a base that is gone, the lineage tags, the base a rebuild's previous AMI was built on, and
 * which families are outdated. Against moto, through the loopback proxy, which records what
 * each call asked and the source of CreateImage and CopyImage as EC2 does.
 */
import { CopyImageCommand, CreateImageCommand, CreateTagsCommand, ModifyImageAttributeCommand, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { familyImages, type Candidate } from '../../src/aws/retention.js'
import { BASE_AMI_TAG, BASE_NAME_TAG, BASE_REGION_TAG, BUILD_TAG, FAMILY_TAG } from '../../src/aws/tags.js'
import { lineageTags, outdatedFamilies, parentsOf, previousBase } from '../../src/lineage/lineage.js'
import { awsBed } from '../support/aws-bed.js'
import { CATALOGUE_AMI, EAST, OTHER, OURS, REPOSITORY_TAG, WEST, otherAccountEc2 } from '../support/lineage-accounts.js'

const bed = awsBed({ proxy: { otherAccounts: [OTHER] } })
const ec2 = bed.ec2

/** The DescribeImages calls made since `from`: region and the ids asked for. */
function described(from: number): Array<{ region?: string; ids: string[] }> {
  return bed.proxy.calls
    .slice(from)
    .filter((c) => c.action === 'DescribeImages')
    .map((c) => ({ region: c.region, ids: Object.entries(c.params).filter(([k]) => k.startsWith('ImageId.')).map(([, v]) => v) }))
}

/** An image of the catalogue AMI copied into `region` (so it exists there alone), with its name. */
async function baseIn(region: string): Promise<{ id: string; name: string }> {
  const name = `base-${randomUUID()}`
  const { ImageId } = await ec2(region).send(new CopyImageCommand({ SourceImageId: CATALOGUE_AMI, SourceRegion: EAST, Name: name }))
  return { id: ImageId as string, name }
}

/** What Packer's amazon-ebs makes in us-east-1: an instance from `base`, an image of it. */
async function builtOn(base: string): Promise<string> {
  const { Instances = [] } = await ec2(EAST).send(new RunInstancesCommand({ ImageId: base, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
  const { ImageId } = await ec2(EAST).send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `lineage-${randomUUID()}` }))
  return ImageId as string
}

/**
 * An AMI of another account, shared with ours, with `tags`. EC2 shows a shared AMI's tags only
 * to the account that put them on it ("Tag your Amazon EC2 resources"); moto keeps tags with the
 * owner, so the owner's tags here stand in for tags this account put on the shared AMI.
 */
async function sharedWithUs(tags: Record<string, string>): Promise<string> {
  const other = otherAccountEc2(bed.moto.endpoint, EAST)
  try {
    const { ImageId } = await other.send(new CopyImageCommand({ SourceImageId: CATALOGUE_AMI, SourceRegion: EAST, Name: `shared-${randomUUID()}` }))
    await other.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
    await other.send(new ModifyImageAttributeCommand({ ImageId, LaunchPermission: { Add: [{ UserId: OURS }] } }))
    return ImageId as string
  } finally {
    other.destroy()
  }
}

async function tag(ami: string, tags: Record<string, string>): Promise<void> {
  await ec2(EAST).send(new CreateTagsCommand({ Resources: [ami], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
}

describe("parentsOf: the base Packer printed (Found Image ID)", () => {
  it("is described first in the region of that source's resolved base, matched by id, by source or as a named build's source", async () => {
    const base = await baseIn(WEST)
    for (const [build, source, id] of [
      ['amazon-ebs.web', 'amazon-ebs.other', base.id],
      ['amazon-ebs.web', 'amazon-ebs.web', 'ami-0000000000000000a'],
      ['app.amazon-ebs.web', 'amazon-ebs.web', 'ami-0000000000000000a']
    ]) {
      const from = bed.proxy.calls.length
      const parents = await parentsOf(ec2, { [build]: base.id }, [{ source, region: WEST, id }], () => [EAST])
      expect(parents).toStrictEqual({ [build]: { id: base.id, region: WEST, name: base.name, created: expect.any(String) } })
      // Found in the base's region at once: its own region is not asked.
      expect(described(from)).toEqual([{ region: WEST, ids: [base.id] }])
    }
  })

  it("a resolved base of another source sends no look-up to that base's region", async () => {
    const base = await baseIn(EAST)
    const from = bed.proxy.calls.length
    const parents = await parentsOf(ec2, { 'amazon-ebs.web': base.id }, [{ source: 'amazon-ebs.db', region: WEST, id: 'ami-0000000000000000b' }], () => [EAST])
    expect(parents).toStrictEqual({ 'amazon-ebs.web': { id: base.id, region: EAST, name: base.name, created: expect.any(String) } })
    expect(described(from)).toEqual([{ region: EAST, ids: [base.id] }])
  })

  it("is looked for in the build's regions in turn, and found in the second", async () => {
    const base = await baseIn(WEST)
    const from = bed.proxy.calls.length
    const parents = await parentsOf(ec2, { 'amazon-ebs.web': base.id }, [], () => [EAST, WEST])
    expect(parents).toStrictEqual({ 'amazon-ebs.web': { id: base.id, region: WEST, name: base.name, created: expect.any(String) } })
    expect(described(from)).toEqual([
      { region: EAST, ids: [base.id] },
      { region: WEST, ids: [base.id] }
    ])
  })

  // An answer without `imagesSet` (EC2 sends `<imagesSet/>` when nothing matches) holds no image:
  // the next region is asked.
  it("an answer without images in the first region: the base is looked for in the next", async () => {
    const base = await baseIn(WEST)
    bed.answer = (action, _body, region) =>
      action === 'DescribeImages' && region === EAST
        ? { status: 200, contentType: 'text/xml;charset=UTF-8', body: '<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId></DescribeImagesResponse>' }
        : undefined
    const parents = await parentsOf(ec2, { 'amazon-ebs.web': base.id }, [], () => [EAST, WEST])
    expect(parents).toStrictEqual({ 'amazon-ebs.web': { id: base.id, region: WEST, name: base.name, created: expect.any(String) } })
  })

  it('found in no region: the id alone, in the first region, or in none when the build has no region', async () => {
    const gone = 'ami-0123456789abcdef0'
    expect(await parentsOf(ec2, { 'amazon-ebs.web': gone }, [], () => [EAST, WEST])).toStrictEqual({ 'amazon-ebs.web': { id: gone, region: EAST } })
    expect(await parentsOf(ec2, { 'amazon-ebs.web': gone }, [], () => [])).toStrictEqual({ 'amazon-ebs.web': { id: gone, region: '' } })
  })
})

describe('parentsOf: the source EC2 records, where Packer printed none', () => {
  it("each build gets its own AMIs' source, and a build whose AMIs record none gets no entry", async () => {
    const other = await baseIn(EAST)
    const a = await builtOn(CATALOGUE_AMI)
    const b = await builtOn(other.id)
    const parents = await parentsOf(ec2, {}, [], () => [EAST], [
      { build: 'amazon-ebs.a', region: EAST, ami: a },
      { build: 'amazon-ebs.b', region: EAST, ami: b },
      // The catalogue's AMI records no source.
      { build: 'amazon-ebs.c', region: EAST, ami: CATALOGUE_AMI }
    ])
    expect(Object.keys(parents).sort()).toEqual(['amazon-ebs.a', 'amazon-ebs.b'])
    expect(parents['amazon-ebs.a']).toMatchObject({ id: CATALOGUE_AMI, region: EAST })
    expect(parents['amazon-ebs.b']).toStrictEqual({ id: other.id, region: EAST, name: other.name, created: expect.any(String) })
  })

  it('the sources the wait found are not asked for again: only the base is described, and none for an AMI without one', async () => {
    const base = await baseIn(EAST)
    const from = bed.proxy.calls.length
    const parents = await parentsOf(ec2, {}, [], () => [EAST], [
      { build: 'amazon-ebs.a', region: EAST, ami: 'ami-00000000000000aaa', source: { id: base.id, region: EAST } },
      { build: 'amazon-ebs.n', region: EAST, ami: 'ami-00000000000000bbb', source: null }
    ])
    expect(parents).toStrictEqual({ 'amazon-ebs.a': { id: base.id, region: EAST, name: base.name, created: expect.any(String) } })
    expect(described(from)).toEqual([{ region: EAST, ids: [base.id] }])
  })

  it('a base deregistered since is still the parent, without a name or creation time', async () => {
    const gone = 'ami-0123456789abcdef1'
    const parents = await parentsOf(ec2, {}, [], () => [EAST], [{ build: 'amazon-ebs.a', region: EAST, ami: 'ami-00000000000000ccc', source: { id: gone, region: WEST } }])
    expect(parents).toStrictEqual({ 'amazon-ebs.a': { id: gone, region: WEST, name: undefined, created: undefined } })
  })
})

describe('lineageTags', () => {
  it('tags the base, its region and name; an empty name where EC2 gave none; no tags without a parent', () => {
    expect(lineageTags({ id: 'ami-0a', region: WEST, name: 'al2023-ami-2023.6', created: '2024-01-01T00:00:00.000Z' })).toStrictEqual({
      [BASE_AMI_TAG]: 'ami-0a',
      [BASE_REGION_TAG]: WEST,
      [BASE_NAME_TAG]: 'al2023-ami-2023.6'
    })
    expect(lineageTags({ id: 'ami-0a', region: WEST })).toStrictEqual({ [BASE_AMI_TAG]: 'ami-0a', [BASE_REGION_TAG]: WEST, [BASE_NAME_TAG]: '' })
    expect(lineageTags(undefined)).toStrictEqual({})
  })
})

describe('previousBase', () => {
  it('the base of the newest earlier AMI of this build of this repository', async () => {
    const repository = `owner/repo-${randomUUID().slice(0, 8)}`
    const older = await builtOn(CATALOGUE_AMI)
    await tag(older, { [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'amazon-ebs.web', [BASE_AMI_TAG]: 'ami-0000000000000old1', [BASE_NAME_TAG]: 'old' })
    await sleep(1100)
    const newer = await builtOn(CATALOGUE_AMI)
    await tag(newer, { [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'app.amazon-ebs.web', [BASE_AMI_TAG]: 'ami-0000000000000new1', [BASE_NAME_TAG]: 'new' })
    await sleep(1100)
    // Made later, none of them an earlier AMI of this build: another build, one whose name
    // only ends the same way, another repository, and one without the base tag.
    for (const tags of [
      { [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'amazon-ebs.db', [BASE_AMI_TAG]: 'ami-000000000000other' },
      { [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'amazon-ebs.webapp', [BASE_AMI_TAG]: 'ami-000000000000other' },
      { [REPOSITORY_TAG]: 'owner/elsewhere', [BUILD_TAG]: 'amazon-ebs.web', [BASE_AMI_TAG]: 'ami-000000000000other' },
      { [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'amazon-ebs.web' }
    ] as Array<Record<string, string>>) {
      await tag(await builtOn(CATALOGUE_AMI), tags)
    }
    // And another account's AMI of the same build, shared with this one: not this account's own.
    await sharedWithUs({ [REPOSITORY_TAG]: repository, [BUILD_TAG]: 'amazon-ebs.web', [BASE_AMI_TAG]: 'ami-000000000000other' })
    const from = bed.proxy.calls.length
    expect(await previousBase(ec2(EAST), repository, 'amazon-ebs.web')).toStrictEqual({ ami: newer, base: 'ami-0000000000000new1', name: 'new' })
    // One call, for this account's AMIs of this repository that carry a base: not every AMI of the account.
    const asked = bed.proxy.calls.slice(from).filter((c) => c.action === 'DescribeImages')
    expect(asked.map((c) => Object.fromEntries(Object.entries(c.params).filter(([k]) => k !== 'Action' && k !== 'Version')))).toEqual([
      {
        'Owner.1': 'self',
        'Filter.1.Name': `tag:${REPOSITORY_TAG}`,
        'Filter.1.Value.1': repository,
        'Filter.2.Name': 'tag-key',
        'Filter.2.Value.1': BASE_AMI_TAG
      }
    ])
    expect(await previousBase(ec2(EAST), repository, 'amazon-ebs.cache')).toBeUndefined()
  })

  // DescribeImages promises no order (EC2 API Reference, DescribeImages): the newest by
  // CreationDate, whatever order EC2 lists them in.
  it('takes the newest by creation date when EC2 lists it first', async () => {
    const image = (id: string, created: string, base: string): string =>
      `<item><imageId>${id}</imageId><creationDate>${created}</creationDate><tagSet>` +
      [
        [REPOSITORY_TAG, 'owner/repo'],
        [BUILD_TAG, 'amazon-ebs.web'],
        [BASE_AMI_TAG, base]
      ]
        .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
        .join('') +
      '</tagSet></item>'
    bed.answer = (action) =>
      action === 'DescribeImages'
        ? {
            status: 200,
            contentType: 'text/xml;charset=UTF-8',
            body:
              '<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId><imagesSet>' +
              image('ami-00000000000000new', '2025-02-01T00:00:00.000Z', 'ami-0000000000000new1') +
              image('ami-00000000000000old', '2025-01-01T00:00:00.000Z', 'ami-0000000000000old1') +
              '</imagesSet></DescribeImagesResponse>'
          }
        : undefined
    expect(await previousBase(ec2(EAST), 'owner/repo', 'amazon-ebs.web')).toStrictEqual({ ami: 'ami-00000000000000new', base: 'ami-0000000000000new1', name: undefined })
  })
})

describe('outdatedFamilies', () => {
  /** A base family of its own for the test: an older AMI of ours, then the current one. */
  async function baseFamily(): Promise<{ run: string; base: string; older: string; current: string }> {
    const run = randomUUID().slice(0, 8)
    const base = `base-${run}`
    const older = await builtOn(CATALOGUE_AMI)
    await tag(older, { [FAMILY_TAG]: base })
    const current = await builtOn(CATALOGUE_AMI)
    await tag(current, { [FAMILY_TAG]: base })
    return { run, base, older, current }
  }

  it('reports, by name, the families whose newest AMI is built on an older AMI of ours; not this one, not one built on the current AMI', async () => {
    const { run, base, older, current } = await baseFamily()
    // A member of the base family itself built on its older AMI: not another family.
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: base, [BASE_AMI_TAG]: older })
    // Made first, named last: reported after `a-…`.
    const z = await builtOn(CATALOGUE_AMI)
    await tag(z, { [FAMILY_TAG]: `z-${run}`, [BASE_AMI_TAG]: older })
    const a = await builtOn(CATALOGUE_AMI)
    await tag(a, { [FAMILY_TAG]: `a-${run}`, [BASE_AMI_TAG]: older })
    // Moved on: its older AMI is built on the older base, its newest on the current one.
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `moved-${run}`, [BASE_AMI_TAG]: older })
    await sleep(1100)
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `moved-${run}`, [BASE_AMI_TAG]: current })
    // An AMI that names the older one as its base but belongs to no family; and another
    // account's, shared with this one, which is not this account's family.
    await tag(await builtOn(CATALOGUE_AMI), { [BASE_AMI_TAG]: older })
    await sharedWithUs({ [FAMILY_TAG]: `foreign-${run}`, [BASE_AMI_TAG]: older })
    // EC2 lists a family in no promised order: newest first here.
    const listed: string[] = []
    const list = async (family: string): Promise<Candidate[]> => {
      listed.push(family)
      return (await familyImages(ec2(EAST), family)).reverse()
    }
    const found = await outdatedFamilies(ec2(EAST), EAST, base, current, list)
    // The base family, then each family built on its older AMIs, once.
    expect(listed[0]).toBe(base)
    expect(listed.slice(1).sort()).toStrictEqual([`a-${run}`, `moved-${run}`, `z-${run}`])
    expect(found).toStrictEqual([
      { family: `a-${run}`, region: EAST, ami: a, builtOn: older, baseFamily: base, current },
      { family: `z-${run}`, region: EAST, ami: z, builtOn: older, baseFamily: base, current }
    ])
  })

  // 1,100 older AMIs: six look-ups of 200 values (filter-emulation.ts), no more than five at once.
  it('looks a family of 1,100 older AMIs up in six calls, five at a time at most', async () => {
    const run = randomUUID().slice(0, 8)
    const base = `base-${run}`
    const older = await builtOn(CATALOGUE_AMI)
    const child = await builtOn(CATALOGUE_AMI)
    await tag(child, { [FAMILY_TAG]: `app-${run}`, [BASE_AMI_TAG]: older })
    const gone: Candidate[] = Array.from({ length: 1099 }, (_, i) => ({ ami: `ami-${String(i).padStart(17, '0')}`, created: '2020-01-01T00:00:00.000Z', snapshots: [] }))
    const listing: Candidate[] = [...gone, { ami: older, created: '2024-01-01T00:00:00.000Z', snapshots: [] }, { ami: 'ami-00000000000current', created: '2025-01-01T00:00:00.000Z', snapshots: [] }]
    const from = bed.proxy.calls.length
    const found = await outdatedFamilies(ec2(EAST), EAST, base, 'ami-00000000000current', (family) => (family === base ? Promise.resolve(listing) : familyImages(ec2(EAST), family)))
    expect(found).toStrictEqual([{ family: `app-${run}`, region: EAST, ami: child, builtOn: older, baseFamily: base, current: 'ami-00000000000current' }])
    const lookups = bed.proxy.calls.slice(from).filter((c) => c.action === 'DescribeImages' && c.params['Filter.1.Name'] === `tag:${BASE_AMI_TAG}`)
    expect(lookups.map((c) => Object.keys(c.params).filter((k) => k.startsWith('Filter.1.Value.')).length)).toEqual([200, 200, 200, 200, 200, 100])
    const inFlight = lookups.map((c) => lookups.filter((o) => o.receivedAt <= c.receivedAt && (o.answeredAt ?? Infinity) > c.receivedAt).length)
    expect(Math.max(...inFlight)).toBe(5)
  })

  it("without a listing given, lists the families itself (retention's listing), and takes each family's newest", async () => {
    const { run, base, older, current } = await baseFamily()
    const child = await builtOn(CATALOGUE_AMI)
    await tag(child, { [FAMILY_TAG]: `app-${run}`, [BASE_AMI_TAG]: older })
    // Moved on, listed oldest first: its newest AMI is built on the current one.
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `moved-${run}`, [BASE_AMI_TAG]: older })
    await sleep(1100)
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `moved-${run}`, [BASE_AMI_TAG]: current })
    expect(await outdatedFamilies(ec2(EAST), EAST, base, current)).toStrictEqual([
      { family: `app-${run}`, region: EAST, ami: child, builtOn: older, baseFamily: base, current }
    ])
  })

  it("a family's first AMI has no older one: nothing is outdated, and nothing is looked up", async () => {
    const run = randomUUID().slice(0, 8)
    const current = await builtOn(CATALOGUE_AMI)
    await tag(current, { [FAMILY_TAG]: `first-${run}` })
    const from = bed.proxy.calls.length
    expect(await outdatedFamilies(ec2(EAST), EAST, `first-${run}`, current)).toStrictEqual([])
    // The family's own listing only.
    expect(bed.proxy.calls.slice(from).filter((c) => c.action === 'DescribeImages' && c.params['Filter.1.Name'] === `tag:${BASE_AMI_TAG}`)).toEqual([])
  })

  it('passes over a family listed empty, or whose newest AMI is gone, by the time it is looked at', async () => {
    const { run, base, older, current } = await baseFamily()
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `empty-${run}`, [BASE_AMI_TAG]: older })
    await tag(await builtOn(CATALOGUE_AMI), { [FAMILY_TAG]: `gone-${run}`, [BASE_AMI_TAG]: older })
    const list = async (family: string): Promise<Candidate[]> => {
      if (family === `empty-${run}`) return []
      if (family === `gone-${run}`) return [{ ami: 'ami-0123456789abcdef2', created: '2030-01-01T00:00:00.000Z', snapshots: [] }]
      return familyImages(ec2(EAST), family)
    }
    expect(await outdatedFamilies(ec2(EAST), EAST, base, current, list)).toStrictEqual([])
  })
})
