/**
 * What the summary says about the base images, and the fingerprint skip-unchanged matches
 * (src/lineage/fingerprinting.ts): the bases as AWS answers now (skip-unchanged) or as Packer
 * printed them, a base that moved on since the newest earlier AMI of its source, the blind list,
 * and the digest. Against moto behind the loopback proxy, reached as the action reaches AWS:
 * through the SDK's own endpoint setting (AWS_ENDPOINT_URL), with the action's clients.
 */
import { CopyImageCommand, CreateTagsCommand, EC2Client, ModifyImageAttributeCommand } from '@aws-sdk/client-ec2'
import { PutParameterCommand } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { BASE_AMI_TAG, BASE_NAME_TAG, BUILD_TAG } from '../../src/aws/tags.js'
import { fingerprint, prepareFingerprint, type BuildInputs, type PreparedFingerprint } from '../../src/fingerprint.js'
import type { ResolvedBase } from '../../src/lineage/base-images.js'
import type { BaseSpec } from '../../src/lineage/template-reads.js'
import { basesFromPacker, fingerprintReport, lookUpBases, type BaseChange, type BaseLookups } from '../../src/lineage/fingerprinting.js'
import { renderLineage } from '../../src/report/lineage.js'
import type { Report } from '../../src/report/render.js'
import { awsBed } from '../support/aws-bed.js'
import { clientsAt, type OwnAwsClients } from '../support/aws-clients.js'
import { CATALOGUE_AMI, EAST, OTHER, OURS, REPOSITORY_TAG, WEST, otherAccountEc2 } from '../support/lineage-accounts.js'

/** EC2's answer to a caller without ec2:DescribeImages (EC2 API Reference, "Error codes"). */
const UNAUTHORIZED = {
  status: 403,
  contentType: 'text/xml;charset=UTF-8',
  body: '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>1</RequestID></Response>'
}

/**
 * moto behind the proxy (test/support/aws-bed.ts), the action's clients pointed at the proxy with
 * no region of their own; the test's own clients (`ec2`, seeding) go to moto directly, so the
 * proxy counts only what the action asks.
 */
const bed = awsBed({ proxy: { otherAccounts: [OTHER] }, env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined } })
let own: OwnAwsClients
const ec2 = (region: string): EC2Client => own.ec2(region)
let dir: string
let prepared: PreparedFingerprint
let inputs: BuildInputs

beforeAll(() => {
  own = clientsAt(bed.moto.endpoint)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprinting-'))
  fs.writeFileSync(path.join(dir, 'web.pkr.hcl'), 'source "amazon-ebs" "web" {}\n')
  inputs = { templateFiles: [path.join(dir, 'web.pkr.hcl')], root: dir, varFiles: [], variables: {}, only: [], except: [], packerVersion: '1.6.6' }
  prepared = prepareFingerprint(inputs)
})

afterEach(() => {
  delete process.env.AWS_REGION
})

afterAll(() => {
  own?.destroy()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** An image of our own in `region`, a copy of the catalogue AMI, with a name of its own. */
async function image(region: string, prefix: string): Promise<{ id: string; name: string }> {
  const name = `${prefix}-${randomUUID()}`
  const { ImageId } = await ec2(region).send(new CopyImageCommand({ SourceImageId: CATALOGUE_AMI, SourceRegion: EAST, Name: name }))
  return { id: ImageId as string, name }
}

/** An AMI a build of `repository` made in `region` on `base`, with the tags after-build.ts writes. */
async function earlier(region: string, repository: string, build: string, base: { id: string; name: string }): Promise<string> {
  const { id } = await image(region, 'earlier')
  const tags = { [REPOSITORY_TAG]: repository, [BUILD_TAG]: build, [BASE_AMI_TAG]: base.id, [BASE_NAME_TAG]: base.name }
  await ec2(region).send(new CreateTagsCommand({ Resources: [id], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
  return id
}

/**
 * The same, made by another account and shared with ours. EC2 shows a shared AMI's tags only to
 * the account that put them on it ("Tag your Amazon EC2 resources"); moto keeps tags with the
 * owner, so the owner's tags stand in for tags this account put on it.
 */
async function sharedWithUs(repository: string, build: string, base: { id: string; name: string }): Promise<string> {
  const other = otherAccountEc2(bed.moto.endpoint, EAST)
  try {
    const { ImageId } = await other.send(new CopyImageCommand({ SourceImageId: CATALOGUE_AMI, SourceRegion: EAST, Name: `shared-${randomUUID()}` }))
    const tags = { [REPOSITORY_TAG]: repository, [BUILD_TAG]: build, [BASE_AMI_TAG]: base.id, [BASE_NAME_TAG]: base.name }
    await other.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
    await other.send(new ModifyImageAttributeCommand({ ImageId, LaunchPermission: { Add: [{ UserId: OURS }] } }))
    return ImageId as string
  } finally {
    other.destroy()
  }
}

/** The summary's lineage section, as the job summary and the pull-request comment show it. */
function summary(lookups: BaseLookups, blind: string[] = []): string[] {
  const report: Report = {
    mode: 'build',
    ok: true,
    artifacts: [],
    template: 'web.pkr.hcl',
    run: { sha: '', commitUrl: '', runUrl: '' },
    lineage: fingerprintReport(prepared, blind, lookups),
    reused: false
  }
  return renderLineage(report)
}

/** The history look-ups (previousBase's DescribeImages by the base tag) made since `from`, by region. */
function historyLookups(from: number): Array<string | undefined> {
  return bed.proxy.calls
    .slice(from)
    .filter((c) => c.action === 'DescribeImages' && Object.values(c.params).includes(BASE_AMI_TAG))
    .map((c) => c.region)
}

const repo = (): string => `acme/images-${randomUUID().slice(0, 8)}`

describe('lookUpBases: the bases as AWS answers now, and how each moved since the newest earlier AMI of its source', () => {
  it("reports a base that moved on (previous AMI, from, to, names), not one that did not; each source's history in its base's region", async () => {
    const repository = repo()
    const [oldWeb, newWeb, oldDb, newDb] = await Promise.all([image(WEST, 'old-web'), image(WEST, 'new-web'), image(EAST, 'old-db'), image(EAST, 'new-db')])
    // web: an older AMI on the new base, the newest on the old one: it moved on since the newest.
    // db: an older AMI on the old base, the newest on the current one: unchanged.
    await earlier(WEST, repository, 'amazon-ebs.web', newWeb)
    await earlier(EAST, repository, 'amazon-ebs.db', oldDb)
    await sleep(1100)
    const lastWeb = await earlier(WEST, repository, 'my release.amazon-ebs.web', oldWeb)
    await earlier(EAST, repository, 'amazon-ebs.db', newDb)
    // Made later, none an earlier build of db: another repository's, another account's shared
    // with ours, a build whose name only ends the same way, and db's own in another region.
    await earlier(EAST, 'acme/elsewhere', 'amazon-ebs.db', oldDb)
    await sharedWithUs(repository, 'amazon-ebs.db', oldDb)
    await earlier(EAST, repository, 'amazon-ebs.dbx', oldDb)
    await earlier(WEST, repository, 'amazon-ebs.db', oldDb)
    // The current bases: web's by id, db's by the newest of a name filter, param's from SSM.
    const parameter = `/images/base/${randomUUID().slice(0, 8)}`
    await own.ssm(EAST).send(new PutParameterCommand({ Name: parameter, Value: newDb.id, Type: 'String' }))
    const specs: BaseSpec[] = [
      { source: 'amazon-ebs.web', region: WEST, ami: newWeb.id },
      { source: 'amazon-ebs.db', region: EAST, filter: { filters: { name: 'new-db-*' }, owners: ['self'], mostRecent: true, includeDeprecated: false } },
      { source: 'amazon-ebs.param', region: EAST, parameter }
    ]
    const from = bed.proxy.calls.length
    const lookups = await lookUpBases(specs, repository)
    expect(lookups).toStrictEqual({
      bases: [
        { source: 'amazon-ebs.web', region: WEST, id: newWeb.id, name: newWeb.name, created: expect.any(String) },
        { source: 'amazon-ebs.db', region: EAST, id: newDb.id, name: newDb.name, created: expect.any(String) },
        { source: 'amazon-ebs.param', region: EAST, id: newDb.id, name: newDb.name, created: expect.any(String) }
      ],
      changes: [{ source: 'amazon-ebs.web', previousAmi: lastWeb, from: oldWeb.id, fromName: oldWeb.name, to: newWeb.id, toName: newWeb.name }]
    })
    expect(historyLookups(from)).toEqual([WEST, EAST, EAST])
    const lines = summary(lookups)
    expect(lines.filter((l) => l.includes('moved on'))).toEqual([
      `- amazon-ebs.web: the base moved on from ${oldWeb.id} (${oldWeb.name}) to ${newWeb.id} (${newWeb.name}); rebuilt (the last AMI, ${lastWeb}, was built on the old base)`
    ])
  })

  it('a base whose history cannot be read has no change, and the others keep theirs', async () => {
    const repository = repo()
    const [oldBase, newBase] = await Promise.all([image(EAST, 'old'), image(EAST, 'new')])
    const westBase = await image(WEST, 'west')
    const last = await earlier(EAST, repository, 'amazon-ebs.web', oldBase)
    await earlier(WEST, repository, 'amazon-ebs.db', oldBase)
    // The caller may describe images in us-west-2 by id, not list them by tag there.
    bed.answer = (action, body, region) => (action === 'DescribeImages' && region === WEST && body.includes('tag-key') ? UNAUTHORIZED : undefined)
    const from = bed.proxy.calls.length
    const lookups = await lookUpBases(
      [
        { source: 'amazon-ebs.db', region: WEST, ami: westBase.id },
        { source: 'amazon-ebs.web', region: EAST, ami: newBase.id }
      ],
      repository
    )
    expect(lookups.bases.map((b) => [b.source, b.id])).toEqual([
      ['amazon-ebs.db', westBase.id],
      ['amazon-ebs.web', newBase.id]
    ])
    expect(lookups.changes).toStrictEqual([{ source: 'amazon-ebs.web', previousAmi: last, from: oldBase.id, fromName: oldBase.name, to: newBase.id, toName: newBase.name }])
    // db's history was asked for (and refused: with it, db on oldBase in us-west-2 would be a change), then web's.
    expect(historyLookups(from)).toEqual([WEST, EAST])
  })

  it("looks up no history for a base it could not resolve (nor in the runner's region), and lists it as blind", async () => {
    const repository = repo()
    const base = await image(EAST, 'base')
    // Earlier builds of both sources in us-east-1, the runner's region, on some base.
    await earlier(EAST, repository, 'amazon-ebs.web', base)
    await earlier(EAST, repository, 'amazon-ebs.db', base)
    process.env.AWS_REGION = EAST
    const from = bed.proxy.calls.length
    const lookups = await lookUpBases(
      [
        { source: 'amazon-ebs.web', ami: 'ami-0123456789abcdef0' },
        { source: 'amazon-ebs.db', region: EAST, filter: { filters: { name: `nothing-${randomUUID()}` }, owners: ['self'], mostRecent: false, includeDeprecated: false } }
      ],
      repository
    )
    expect(lookups).toStrictEqual({
      bases: [
        { source: 'amazon-ebs.web', region: undefined, unknown: 'its region is only known to Packer' },
        { source: 'amazon-ebs.db', region: EAST, unknown: 'no image matches: Packer would fail to find one' }
      ],
      changes: []
    })
    expect(historyLookups(from)).toEqual([])
    const report = fingerprintReport(prepared, ['file("${var.x}")'], lookups)
    expect(report.blind).toEqual([
      'file("${var.x}")',
      'base image of amazon-ebs.web: its region is only known to Packer',
      'base image of amazon-ebs.db: no image matches: Packer would fail to find one'
    ])
    const lines = summary(lookups, ['file("${var.x}")'])
    expect(lines.filter((l) => l.startsWith('- '))).toEqual([
      '- file("${var.x}")',
      '- base image of amazon-ebs.web: its region is only known to Packer',
      '- base image of amazon-ebs.db: no image matches: Packer would fail to find one'
    ])
    expect(lines.some((l) => l.includes('moved on'))).toBe(false)
  })

  it('no source: nothing asked of AWS', async () => {
    const from = bed.proxy.calls.length
    expect(await lookUpBases([], repo())).toStrictEqual({ bases: [], changes: [] })
    expect(bed.proxy.calls.length).toBe(from)
  })
})

describe("basesFromPacker: the bases Packer printed (Found Image ID), without skip-unchanged", () => {
  it("takes each source's base from its build, by the source's name or a named build's; a source it printed none for is blind", async () => {
    const repository = repo()
    const [oldBase, printed] = await Promise.all([image(EAST, 'old'), image(EAST, 'printed')])
    const last = await earlier(EAST, repository, 'my release.amazon-ebs.web', oldBase)
    // db's newest earlier AMI is on the base Packer printed for it: unchanged.
    await earlier(WEST, repository, 'amazon-ebs.db', { id: 'ami-0000000000000db01', name: 'db-base' })
    const found = {
      // Builds whose names only end like a source's, or hold it: none is `cache`'s.
      'amazon-ebs.cachex': 'ami-00000000000000c01',
      'my release.amazon-ebs.cachex': 'ami-00000000000000c02',
      'my-amazon-ebs.cache': 'ami-00000000000000c03',
      'amazon-ebs.cache.x': 'ami-00000000000000c04',
      'my release.amazon-ebs.web': printed.id,
      'amazon-ebs.db': 'ami-0000000000000db01'
    }
    const specs: BaseSpec[] = [
      { source: 'amazon-ebs.web', region: EAST },
      { source: 'amazon-ebs.db', region: WEST, ami: 'ami-0000000000000db01' },
      { source: 'amazon-ebs.cache', region: EAST }
    ]
    const lookups = await basesFromPacker(specs, found, repository)
    expect(lookups).toStrictEqual({
      bases: [
        { source: 'amazon-ebs.web', region: EAST, id: printed.id },
        { source: 'amazon-ebs.db', region: WEST, id: 'ami-0000000000000db01' },
        { source: 'amazon-ebs.cache', region: EAST, unknown: 'Packer printed no Found Image ID for it' }
      ],
      // Packer prints no name: the summary shows the new base's as `?`.
      changes: [{ source: 'amazon-ebs.web', previousAmi: last, from: oldBase.id, fromName: oldBase.name, to: printed.id, toName: undefined }]
    })
    const lines = summary(lookups)
    expect(lines.filter((l) => l.startsWith('- '))).toEqual([
      `- amazon-ebs.web: the base moved on from ${oldBase.id} (${oldBase.name}) to ${printed.id} (?); rebuilt (the last AMI, ${last}, was built on the old base)`,
      '- base image of amazon-ebs.cache: Packer printed no Found Image ID for it'
    ])
  })

  it('a source of no known region keeps the id Packer printed, and no history is looked up for it', async () => {
    const repository = repo()
    const base = await image(EAST, 'base')
    await earlier(EAST, repository, 'amazon-ebs.web', base)
    process.env.AWS_REGION = EAST
    const from = bed.proxy.calls.length
    const lookups = await basesFromPacker([{ source: 'amazon-ebs.web' }], { 'amazon-ebs.web': 'ami-0123456789abcdef0' }, repository)
    expect(lookups).toStrictEqual({ bases: [{ source: 'amazon-ebs.web', region: undefined, id: 'ami-0123456789abcdef0' }], changes: [] })
    expect(historyLookups(from)).toEqual([])
  })
})

describe('fingerprintReport: the digest skip-unchanged matches, and what the summary says it covers', () => {
  const web: ResolvedBase = { source: 'amazon-ebs.web', region: EAST, id: 'ami-0123456789abcdef0', name: 'web-base' }
  const db: ResolvedBase = { source: 'amazon-ebs.db', region: WEST, id: 'ami-0fedcba9876543210', name: 'db-base' }
  const blindDb: ResolvedBase = { source: 'amazon-ebs.db', unknown: 'its region is only known to Packer' }

  it('is the fingerprint of the build inputs with one line per base: source, region and id, or `?` and why it is unknown', () => {
    // BuildInputs.bases (src/fingerprint.ts) documents the line; test/unit/fingerprint.test.ts pins the algorithm.
    expect(fingerprintReport(prepared, [], { bases: [web, db], changes: [] }).digest).toBe(
      fingerprint({ ...inputs, bases: ['amazon-ebs.web us-east-1 ami-0123456789abcdef0', 'amazon-ebs.db us-west-2 ami-0fedcba9876543210'] })
    )
    expect(fingerprintReport(prepared, [], { bases: [web, blindDb], changes: [] }).digest).toBe(
      fingerprint({ ...inputs, bases: ['amazon-ebs.web us-east-1 ami-0123456789abcdef0', 'amazon-ebs.db ? unknown: its region is only known to Packer'] })
    )
  })

  it('changes when a base id changes, or becomes unknown; not for the same bases in another order', () => {
    const digest = (bases: ResolvedBase[]): string => fingerprintReport(prepared, [], { bases, changes: [] }).digest
    const first = digest([web, db])
    expect(digest([db, web])).toBe(first)
    expect(digest([web, { ...db, id: 'ami-0fedcba9876543211' }])).not.toBe(first)
    expect(digest([web, { ...db, region: EAST }])).not.toBe(first)
    expect(digest([web, blindDb])).not.toBe(first)
    expect(digest([web, { ...blindDb, unknown: 'no image matches: Packer would fail to find one' }])).not.toBe(digest([web, blindDb]))
    // The name is not the image: the same id under another name is the same base.
    expect(digest([web, { ...db, name: 'renamed' }])).toBe(first)
  })

  it('the summary shows the digest, what it covers and each base; the report carries the lookups through', () => {
    const changes: BaseChange[] = [{ source: 'amazon-ebs.web', previousAmi: 'ami-0000000000000e001', from: 'ami-0000000000000b001', to: web.id as string, toName: web.name }]
    const report = fingerprintReport(prepared, ['env("HOME")'], { bases: [web, blindDb], changes })
    expect(report).toStrictEqual({
      digest: report.digest,
      parts: { files: 1, plugins: [], env: [], bases: ['amazon-ebs.db ? unknown: its region is only known to Packer', 'amazon-ebs.web us-east-1 ami-0123456789abcdef0'] },
      bases: [web, blindDb],
      blind: ['env("HOME")', 'base image of amazon-ebs.db: its region is only known to Packer'],
      changes
    })
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/)
    const lines = summary({ bases: [web, blindDb], changes }, ['env("HOME")'])
    expect(lines).toContain(
      `Fingerprint \`${report.digest.slice(0, 12)}\` covers 1 file, 0 plugins, 0 env() variables, base images: amazon-ebs.web: ${web.id} (web-base), amazon-ebs.db: unknown; variables, var-files, only/except and the Packer version.`
    )
    expect(lines).toContain(`- amazon-ebs.web: the base moved on from ami-0000000000000b001 (?) to ${web.id} (web-base); rebuilt (the last AMI, ami-0000000000000e001, was built on the old base)`)
  })
})
