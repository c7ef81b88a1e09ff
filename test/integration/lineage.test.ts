/**
 * The fingerprint sees everything a build reads, every AMI carries the image it was built on,
 * and a base that moves on makes `skip-unchanged` rebuild. Real Packer (Debian's 1.6.6, whose
 * built-in amazon-ebs selects `source_ami_filter` images as packer-plugin-amazon v1.8.2 does)
 * against moto; base images are made in moto with CopyImage, EBS-backed as Packer needs.
 */
import { CopyImageCommand, DescribeImagesCommand, EC2Client, type Image } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { startEbsRootProxy, type EbsRootProxy } from '../support/ebs-root-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
let ec2: EC2Client
/** What Packer talks to: moto, with CreateImage's AMIs EBS-backed as on AWS, so that an AMI of ours can be a base. */
let packerEc2: EbsRootProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6', '1.16.0'], plugins: { amazon: ['1.8.1', '1.8.2'] } })])
  packerEc2 = await startEbsRootProxy(moto.endpoint)
  ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
})

afterAll(async () => {
  ec2?.destroy()
  await Promise.all([packerEc2?.close(), moto?.stop(), mirror?.close()])
})

/**
 * A new EBS-backed base image named `name`, owned by this account. moto's creation times have a
 * resolution of one second, and Packer picks the newest by them: wait out the second first.
 */
async function newBase(name: string): Promise<string> {
  await sleep(1100)
  const { ImageId } = await ec2.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: name }))
  return ImageId as string
}

async function image(id: string): Promise<Image> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))
  return Images[0]
}

const tag = (i: Image, key: string): string | undefined => i.Tags?.find((t) => t.Key === key)?.Value

function run(cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'schedule',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1', ...env },
    inputs: { ...installFrom(mirror), 'skip-unchanged': 'true', ...inputs }
  })
}

describe('a fingerprint that sees every input', () => {
  const id = randomUUID().slice(0, 8)
  const ws = workspaceWith('fixtures/lineage')
  const dir = path.join(ws, 'packer')
  const inputs = { 'working-directory': 'packer', template: 'packer' }
  const variables = (): string => `ec2_endpoint: ${packerEc2.endpoint}\nbase_name: lineage-${id}-*`
  const stage = { LINEAGE_STAGE: 'one' }
  let base1: string
  let first: RunResult

  beforeAll(async () => {
    base1 = await newBase(`lineage-${id}-1`)
    first = succeeded(await run(ws, { ...inputs, variables: variables() }, stage))
  })

  it('builds on the base the filter selects, and says so in the tags, the output and the summary', async () => {
    expect(first.outputs['reused']).toBe('false')
    const ami = first.outputs['ami-id']
    const built = await image(ami)
    expect(tag(built, 'packer-ami-action:base-ami')).toBe(base1)
    expect(tag(built, 'packer-ami-action:base-ami-region')).toBe('us-east-1')
    expect(tag(built, 'packer-ami-action:base-ami-name')).toBe(`lineage-${id}-1`)
    expect(JSON.parse(first.outputs['base-images'])).toEqual({
      'amazon-ebs.app': { 'us-east-1': expect.objectContaining({ id: base1, name: `lineage-${id}-1` }) }
    })
    expect(first.summary).toContain(`amazon-ebs.app: built on ${base1} (lineage-${id}-1, created `)
    // The summary names what the fingerprint covers: the env() variable by name, never its value.
    expect(first.summary).toMatch(/covers \d+ files, 0 plugins, 1 env\(\) variable \(LINEAGE\\_STAGE, values hashed\)/)
    expect(first.summary).not.toContain('one')
  })

  it('reuses when nothing changed, or only a file no build reads', async () => {
    const again = succeeded(await run(ws, { ...inputs, variables: variables() }, stage))
    expect(again.outputs['reused']).toBe('true')
    expect(again.outputs['ami-id']).toBe(first.outputs['ami-id'])
    expect(again.summary).toContain(`Base images are current: amazon-ebs.app on ${base1}`)
    writeFileSync(path.join(dir, 'docs', 'notes.md'), 'Changed notes, still read by no build.\n')
    const unrelated = succeeded(await run(ws, { ...inputs, variables: variables() }, stage))
    expect(unrelated.outputs['reused']).toBe('true')
    expect(unrelated.outputs['fingerprint']).toBe(first.outputs['fingerprint'])
  })

  it.each<[string, () => void | Record<string, string>]>([
    ['the provisioner script', () => writeFileSync(path.join(dir, 'scripts', 'setup.sh'), '#!/bin/sh\necho setting up, changed\n')],
    ['the file() input', () => writeFileSync(path.join(dir, 'files', 'user-data.txt'), 'stage changed=')],
    ['the env() value', () => ({ LINEAGE_STAGE: 'two' })]
  ])('rebuilds when %s changes', async (_name, change) => {
    const before = succeeded(await run(ws, { ...inputs, variables: variables() }, stage))
    const env = change() ?? stage
    const after = succeeded(await run(ws, { ...inputs, variables: variables() }, env))
    expect(after.outputs['fingerprint']).not.toBe(before.outputs['fingerprint'])
    expect(after.outputs['reused']).toBe('false')
    expect(after.outputs['ami-id']).not.toBe(before.outputs['ami-id'])
  })

  it('rebuilds on a new base when one appears, and says which base changed from what to what', async () => {
    const current = succeeded(await run(ws, { ...inputs, variables: variables() }, { LINEAGE_STAGE: 'two' }))
    expect(current.outputs['reused']).toBe('true')
    const base2 = await newBase(`lineage-${id}-2`)
    const moved = succeeded(await run(ws, { ...inputs, variables: variables() }, { LINEAGE_STAGE: 'two' }))
    expect(moved.outputs['reused']).toBe('false')
    expect(tag(await image(moved.outputs['ami-id']), 'packer-ami-action:base-ami')).toBe(base2)
    expect(moved.summary).toContain(`amazon-ebs.app: the base moved on from ${base1} (lineage-${id}-1) to ${base2} (lineage-${id}-2); rebuilt`)
    const settled = succeeded(await run(ws, { ...inputs, variables: variables() }, { LINEAGE_STAGE: 'two' }))
    expect(settled.outputs['reused']).toBe('true')
    expect(settled.outputs['ami-id']).toBe(moved.outputs['ami-id'])
  })

  it('warns about a fingerprint-files glob that matches nothing, and refuses one that leaves the workspace', async () => {
    const none = succeeded(await run(ws, { ...inputs, variables: variables(), 'fingerprint-files': 'nothing/**/*.yml' }, { LINEAGE_STAGE: 'two' }))
    expect(none.stdout).toContain('::warning::fingerprint-files: "nothing/**/*.yml" matches no file')
    const before = mirror.requests.length
    const escape = await run(ws, { ...inputs, variables: variables(), 'fingerprint-files': '../../etc/*' })
    expect(escape.code).not.toBe(0)
    expect(escape.stdout).toContain('::error::fingerprint-files: "../../etc/*" reaches outside the workspace')
    expect(mirror.requests.length).toBe(before)
  })

  it('rebuilds when a file fingerprint-files adds changes', async () => {
    writeFileSync(path.join(dir, 'docs', 'notes.md'), 'Notes the user says a build depends on.\n')
    const extra = { ...inputs, variables: variables(), 'fingerprint-files': 'docs/*.md' }
    const before = succeeded(await run(ws, extra, { LINEAGE_STAGE: 'two' }))
    writeFileSync(path.join(dir, 'docs', 'notes.md'), 'Changed notes.\n')
    const after = succeeded(await run(ws, extra, { LINEAGE_STAGE: 'two' }))
    expect(after.outputs['fingerprint']).not.toBe(before.outputs['fingerprint'])
    expect(after.outputs['reused']).toBe('false')
  })
})

describe('inputs the action cannot see', () => {
  it('builds every time, and says which input it could not see', async () => {
    const ws = workspaceWith('fixtures/lineage-blind')
    const inputs = { template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}` }
    const first = succeeded(await run(ws, inputs))
    const second = succeeded(await run(ws, inputs))
    expect(second.outputs['fingerprint']).toBe(first.outputs['fingerprint'])
    expect(second.outputs['reused']).toBe('false')
    expect(second.outputs['ami-id']).not.toBe(first.outputs['ami-id'])
    expect(second.stdout).toContain('::warning::skip-unchanged: building, because the action cannot see')
    expect(second.summary).toContain('- amazon-ebs.blind source\\_ami = ${local.bases\\["default"\\]}')
    // Packer's own line still gives the parent.
    expect(tag(await image(second.outputs['ami-id']), 'packer-ami-action:base-ami')).toBe('ami-03cf127a')
  })

  it('builds when AWS refuses the base-image look-up, and says why', async () => {
    const id = randomUUID().slice(0, 8)
    await newBase(`refused-${id}-1`)
    const ws = workspaceWith('fixtures/lineage-app')
    const inputs = { template: 'packer', variables: `ec2_endpoint: ${packerEc2.endpoint}\nbase_name: refused-${id}-*\nami_prefix: refused-app-${id}` }
    succeeded(await run(ws, inputs))
    // The action's look-up is refused as EC2 refuses it without ec2:DescribeImages; Packer's is not.
    const refusing = await startEbsRootProxy(moto.endpoint, { refuseNameLookups: true })
    let refused: RunResult
    try {
      refused = succeeded(await run(ws, inputs, { AWS_ENDPOINT_URL: refusing.endpoint }))
    } finally {
      await refusing.close()
    }
    expect(refused.outputs['reused']).toBe('false')
    expect(refused.summary).toContain('base image of amazon-ebs.app: AWS refused the look-up (UnauthorizedOperation')
    expect(refused.stdout).toContain('::warning::skip-unchanged: building, because the action cannot see')
  })
})

describe("the base Packer printed, not a provisioner's line that looks like it", () => {
  it('tags the AMI with the base the filter selected when a provisioner prints "Found Image ID" of another AMI', async () => {
    const id = randomUUID().slice(0, 8)
    const base = await newBase(`printed-${id}-1`)
    const ws = workspaceWith('fixtures/lineage')
    // ami-03cf127a exists (moto's catalogue): a line naming it is no less convincing than Packer's own.
    writeFileSync(path.join(ws, 'packer', 'scripts', 'setup.sh'), '#!/bin/sh\necho "Found Image ID: ami-03cf127a"\n')
    const built = succeeded(await run(ws, { 'working-directory': 'packer', template: 'packer', 'skip-unchanged': 'false', variables: `ec2_endpoint: ${packerEc2.endpoint}\nbase_name: printed-${id}-*` }))
    expect(built.stdout).toContain('amazon-ebs.app: Found Image ID: ami-03cf127a')
    const ami = await image(built.outputs['ami-id'])
    expect(tag(ami, 'packer-ami-action:base-ami')).toBe(base)
    expect(tag(ami, 'packer-ami-action:base-ami-name')).toBe(`printed-${id}-1`)
    expect(built.summary).toContain(`amazon-ebs.app: built on ${base} (printed-${id}-1, created `)
  })
})

describe('families built on other families', () => {
  it('rebuilding the base lists the app family as outdated; the app next run rebuilds on the new base', async () => {
    const id = randomUUID().slice(0, 8)
    const baseWs = workspaceWith('fixtures/lineage-base')
    const appWs = workspaceWith('fixtures/lineage-app')
    const baseInputs = { template: 'packer', family: `base-${id}`, variables: `ec2_endpoint: ${packerEc2.endpoint}\nami_prefix: famb-${id}` }
    const appInputs = { template: 'packer', family: `app-${id}`, variables: `ec2_endpoint: ${packerEc2.endpoint}\nbase_name: famb-${id}-*\nami_prefix: app-${id}` }
    const b1 = succeeded(await run(baseWs, { ...baseInputs, 'skip-unchanged': 'false' }))
    const a1 = succeeded(await run(appWs, appInputs))
    expect(tag(await image(a1.outputs['ami-id']), 'packer-ami-action:base-ami')).toBe(b1.outputs['ami-id'])
    expect(JSON.parse(b1.outputs['outdated'])).toEqual([])

    await sleep(1100)
    const b2 = succeeded(await run(baseWs, { ...baseInputs, 'skip-unchanged': 'false' }))
    expect(JSON.parse(b2.outputs['outdated'])).toEqual([
      { family: `app-${id}`, region: 'us-east-1', ami: a1.outputs['ami-id'], builtOn: b1.outputs['ami-id'], baseFamily: `base-${id}`, current: b2.outputs['ami-id'] }
    ])
    expect(b2.summary).toContain('Built on an older base (outdated)')
    expect(b2.summary).toContain(`| app-${id} | us-east-1 | ${a1.outputs['ami-id']} | ${b1.outputs['ami-id']} | ${b2.outputs['ami-id']} |`)

    const a2 = succeeded(await run(appWs, appInputs))
    expect(a2.outputs['reused']).toBe('false')
    expect(tag(await image(a2.outputs['ami-id']), 'packer-ami-action:base-ami')).toBe(b2.outputs['ami-id'])
    expect(a2.summary).toContain(`the base moved on from ${b1.outputs['ami-id']}`)
  })
})

describe('plugins', () => {
  it('a changed plugin version changes the fingerprint and rebuilds', async () => {
    const ws = workspaceWith('fixtures/lineage-blind')
    const inputs = { template: 'packer', 'packer-version': '1.16.0', variables: `ec2_endpoint: ${moto.endpoint}` }
    const old = succeeded(await run(ws, { ...inputs, 'amazon-plugin-version': '1.8.1' }))
    const same = succeeded(await run(ws, { ...inputs, 'amazon-plugin-version': '1.8.1' }))
    const next = succeeded(await run(ws, { ...inputs, 'amazon-plugin-version': '1.8.2' }))
    expect(same.outputs['fingerprint']).toBe(old.outputs['fingerprint'])
    expect(next.outputs['fingerprint']).not.toBe(old.outputs['fingerprint'])
    expect(next.summary).toMatch(/1 plugin \(github\.com\/hashicorp\/amazon\/packer-plugin-amazon\\_v1\.8\.2\\_x5\.0/)
  })
})
