import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { actionNode, runAction, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

/** A pull request run with no AWS credentials at all, as a fork's pull request gets. */
function pullRequest(cwd: string, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'pull_request',
    event: { pull_request: { number: 7 } },
    inputs: {
      ...installFrom(mirror),
      template: 'packer',
      ...inputs
    }
  })
}

const log = (run: RunResult): string => run.stdout + run.stderr

describe('validate mode', () => {
  it('validates a pull request without AWS credentials and creates no AMI', async () => {
    const before = await describeImages(moto.endpoint, 'us-east-1')
    const run = await pullRequest(workspaceWith('packer'), { variables: `ec2_endpoint: ${moto.endpoint}` })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.outputs['mode']).toBe('validate')
    expect(run.outputs['ami-id']).toBeUndefined()
    expect(run.summary).toMatch(/Packer validate: ✅ passed/)
    expect(await describeImages(moto.endpoint, 'us-east-1')).toHaveLength(before.length)
  })

  it('fails a broken template with Packer\'s own message, in the log and the summary', async () => {
    const run = await pullRequest(workspaceWith('fixtures/broken'), {})
    expect(run.code).not.toBe(0)
    // On the pull request's diff: the file (workspace-relative) and the line Packer names.
    expect(log(run)).toContain('::error title=packer validate,file=packer/broken.pkr.hcl,line=4::Unsupported argument: An argument named "no_such_field" is not expected here.')
    expect(run.summary).toMatch(/Packer validate: ❌ failed/)
    // The cause leads the summary, with its place, before the table and the full output.
    const cause = run.summary.indexOf('- packer/broken.pkr.hcl:4: Unsupported argument')
    expect(cause).toBeGreaterThan(0)
    expect(cause).toBeLessThan(run.summary.indexOf('| Template |'))
  })

  it('fails a badly formatted template on fmt-check, showing the diff', async () => {
    const run = await pullRequest(workspaceWith('fixtures/unformatted'), {})
    expect(run.code).not.toBe(0)
    // The first line that differs is line 2 (`region` is not indented): the annotation sits there.
    expect(log(run)).toContain('::error title=packer fmt,file=packer/unformatted.pkr.hcl,line=2::packer/unformatted.pkr.hcl is not formatted: run `packer fmt packer`')
    expect(run.summary).toContain('- packer/unformatted.pkr.hcl:2: packer/unformatted.pkr.hcl is not formatted (run \\`packer fmt packer\\`)')
    expect(run.summary).toMatch(/^-region = "us-east-1"$/m)
    expect(run.summary).toMatch(/^\+ {2}region\s+= "us-east-1"$/m)
  })

  it('validates a single .pkr.json template with fmt-check on: fmt reads only HCL files', async () => {
    const run = await pullRequest(workspaceWith('fixtures/json-single'), { template: 'packer/web.pkr.json' })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.summary).toMatch(/Packer validate: ✅ passed/)
  })

  it('formats a directory\'s HCL files and the .pkrvars.hcl var-files', async () => {
    const cwd = workspaceWith('packer')
    writeFileSync(path.join(cwd, 'messy.pkrvars.hcl'), 'app_version="1"\n')
    writeFileSync(path.join(cwd, 'packer', 'tidy.pkrvars.hcl'), 'app_version = "2"\n')
    const run = await pullRequest(cwd, { 'var-files': 'messy.pkrvars.hcl\npacker/tidy.pkrvars.hcl' })
    expect(run.code).not.toBe(0)
    expect(log(run)).toContain('::error title=packer fmt,file=messy.pkrvars.hcl,line=1::messy.pkrvars.hcl is not formatted: run `packer fmt messy.pkrvars.hcl`')
    expect(log(run)).toMatch(/packer fmt -check \S+\/packer: formatted/)
    expect(log(run).match(/::error title=packer fmt/g)).toHaveLength(1)
  })

  it('skips the format check when fmt-check is false', async () => {
    const run = await pullRequest(workspaceWith('fixtures/unformatted'), { 'fmt-check': 'false' })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
  })

  it('builds nothing in mode validate even on a release event', async () => {
    // Everything a build would need is there: credentials, an endpoint that builds, a release event.
    const before = await Promise.all(['us-east-1', 'us-west-2'].map((region) => describeImages(moto.endpoint, region)))
    const run = await runAction({
      cwd: workspaceWith('packer'),
      toolCache,
      eventName: 'release',
      event: { release: { tag_name: 'v1.0.0' } },
      env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
      inputs: {
        mode: 'validate',
        ...installFrom(mirror),
        template: 'packer',
        variables: `ec2_endpoint: ${moto.endpoint}`
      }
    })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.outputs['mode']).toBe('validate')
    expect(run.summary).toMatch(/Packer validate: ✅ passed/)
    expect(run.outputs['ami-id']).toBeUndefined()
    expect(run.outputs['artifacts']).toBeUndefined()
    expect(log(run)).not.toMatch(/amazon-ebs\.\w+: (Creating|Launching|Prevalidating)/)
    const after = await Promise.all(['us-east-1', 'us-west-2'].map((region) => describeImages(moto.endpoint, region)))
    expect(after.map((images) => images.length)).toEqual(before.map((images) => images.length))
  })
})

describe('the compiled code a self-hosted runner keeps', () => {
  const compileCache = (cache: string): string => path.join(cache, 'packer-ami-action', 'compile-cache')
  const nodeMajor = Number(execFileSync(actionNode(), ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0])

  it('goes into the tool cache on a self-hosted runner (Node 22.1 and later), and nowhere on a GitHub-hosted one', async () => {
    const selfHosted = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const hosted = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    for (const [cache, runner] of [[selfHosted, 'self-hosted'], [hosted, 'github-hosted']]) {
      const run = await runAction({
        cwd: workspaceWith('packer'),
        toolCache: cache,
        eventName: 'pull_request',
        env: { RUNNER_ENVIRONMENT: runner },
        inputs: { ...installFrom(mirror), template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}` }
      })
      expect(run.code).toBe(0)
    }
    expect(existsSync(compileCache(hosted))).toBe(false)
    if (nodeMajor < 22) return expect(existsSync(compileCache(selfHosted))).toBe(false)
    // Node writes a folder per version and V8 build, holding a file per module it compiled.
    const files = readdirSync(compileCache(selfHosted), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    expect(files.length).toBeGreaterThan(0)
  })
})
