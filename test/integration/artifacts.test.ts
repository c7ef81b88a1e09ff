import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

/** One entry of the `artifacts` output. */
interface Artifact {
  build: string
  builder: string
  builderId: string
  id: string
  region?: string
  ami?: string
}

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

function build(fixture: string, inputs: Record<string, string> = {}): Promise<RunResult & { cwd: string }> {
  const cwd = workspaceWith(`fixtures/${fixture}`)
  return runAction({
    cwd,
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: { ...installFrom(mirror), template: `packer/${fixture}.pkr.hcl`, ...inputs }
  }).then((run) => ({ ...run, cwd }))
}

/** What core.setFailed printed, newlines decoded. */
function stepError(run: RunResult): string | undefined {
  const line = run.stdout.split('\n').find((l) => l.startsWith('::error::'))
  return line?.slice('::error::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

describe('an AMI and a file in one template', () => {
  let run: RunResult & { cwd: string }
  let artifacts: Artifact[]

  beforeAll(async () => {
    run = await build('ami-and-file', { variables: `ec2_endpoint: ${moto.endpoint}` })
    succeeded(run)
    artifacts = JSON.parse(run.outputs['artifacts']) as Artifact[]
  })

  it('lists both in `artifacts`: one entry per AMI and region, and the file with its Packer id', async () => {
    expect(artifacts).toEqual([
      expect.objectContaining({ build: 'amazon-ebs.web', builder: 'amazon-ebs', builderId: 'mitchellh.amazonebs', region: 'us-east-1' }),
      expect.objectContaining({ build: 'amazon-ebs.web', builder: 'amazon-ebs', builderId: 'mitchellh.amazonebs', region: 'us-west-2' }),
      { build: 'file.notes', builder: 'file', builderId: 'packer.file', id: 'File' }
    ])
    for (const a of artifacts.slice(0, 2)) {
      expect(a.id).toBe(`${a.region}:${a.ami}`)
      const [image] = await describeImages(moto.endpoint, a.region as string, [a.ami as string])
      expect(image.ImageId).toBe(a.ami)
    }
    expect(readFileSync(path.join(run.cwd, 'notes.txt'), 'utf8')).toBe('release notes, with a comma')
  })

  it('answers ami-id from the AMI, and cross-checks the manifest without a warning for the file', () => {
    expect(run.outputs['ami-id']).toBe(artifacts[0].ami)
    expect(JSON.parse(run.outputs['ami-ids'])).toEqual({ 'us-east-1': artifacts[0].ami, 'us-west-2': artifacts[1].ami })
    expect(existsSync(run.outputs['manifest'])).toBe(true)
    expect(run.stdout).not.toMatch(/does not match Packer's output/)
  })

  it('shows both in the summary', () => {
    expect(run.summary).toMatch(/Packer build: ✅ passed/)
    for (const a of artifacts.slice(0, 2)) expect(run.summary).toContain(`| amazon-ebs.web | ${a.region} | [${a.ami}]`)
    expect(run.summary).toContain('| Build | Builder | Artifact |')
    expect(run.summary).toContain('| file.notes | file | File |')
  })
})

describe('a template with no AMI', () => {
  it('succeeds with an empty ami-id and lists its file', async () => {
    const run = succeeded(await build('file-only'))
    expect(run.outputs['ami-id']).toBe('')
    expect(JSON.parse(run.outputs['ami-ids'])).toEqual({})
    expect(JSON.parse(run.outputs['artifacts'])).toEqual([{ build: 'file.notes', builder: 'file', builderId: 'packer.file', id: 'File' }])
    expect(JSON.parse(run.outputs['images'])).toEqual({ images: [], parameters: [], retention: [] })
    expect(run.stdout).not.toContain('::error::')
    expect(run.summary).toMatch(/Packer build: ✅ passed/)
    expect(run.summary).toContain('| file.notes | file | File |')
    expect(run.summary).not.toContain('| Build | Region | AMI |')
    expect(run.summary).not.toContain('After the build')
  })
})

describe('a template Packer refuses before any build', () => {
  it('fails with Packer\'s own message in the step\'s error and the summary', async () => {
    const run = await build('unknown-source')
    expect(run.code).not.toBe(0)
    // Packer 1.6.6 (hcl2template, command/build.go writeDiags): the summary, where, then the known builders.
    const error = stepError(run)
    expect(error).toMatch(/^packer build failed:\nError: Unknown source type amazon-ebz\n\n {2}on \S*unknown-source\.pkr\.hcl line 2:\n/)
    expect(error).toContain('known builders: [')
    expect(run.summary).toMatch(/Packer build: ❌ failed/)
    // The cause leads the summary with its place; Packer's whole message is below it, collapsed.
    expect(run.summary).toMatch(/### Cause\n\n- packer\/unknown-source\.pkr\.hcl:2: Unknown source type amazon-ebz: known builders: /)
    expect(run.summary).toMatch(/<summary>Full error<\/summary>\n\n`{3,}\npacker build failed:\nError: Unknown source type amazon-ebz\n/)
    expect(run.stdout).toContain('::error title=packer,file=packer/unknown-source.pkr.hcl,line=2::Unknown source type amazon-ebz')
    expect(run.outputs['artifacts']).toBeUndefined()
  })
})
