/**
 * Mistakes caught where they are made: a variable the template does not declare, and `only` /
 * `except` that leave no build. The bundle against Debian's Packer from the loopback mirror and moto.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
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

function run(eventName: string, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('packer'),
    toolCache,
    eventName,
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: { ...installFrom(mirror), template: 'packer', ...inputs }
  })
}

const typo = '::error title=variables::variables: the template declares no variable "app_versoin", so Packer ignores it; did you mean app_version?'

describe('a variable the template does not declare', () => {
  it('fails validation with an error that names it and the declared name', async () => {
    const result = await run('pull_request', { variables: `ec2_endpoint: ${moto.endpoint}\napp_versoin: 1.2.3` })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain(typo)
    expect(result.summary).toContain('did you mean app_version?')
  })

  it('is a warning in build mode, and the build goes on', async () => {
    const result = succeeded(await run('release', { variables: `ec2_endpoint: ${moto.endpoint}\napp_versoin: 1.2.3` }))
    expect(result.stdout).toContain(typo.replace('::error', '::warning'))
    expect(result.outputs['ami-id']).toMatch(/^ami-/)
  })
})

describe('only / except that leave no build', () => {
  it.each(['pull_request', 'release'])('on %s: an error listing the builds, and nothing built', async (event) => {
    const before = (await describeImages(moto.endpoint, 'us-east-1')).length
    const result = await run(event, { variables: `ec2_endpoint: ${moto.endpoint}`, only: 'base' })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain('::error::only: "base" leaves no build to run; the template\'s builds are amazon-ebs.web, amazon-ebs.worker')
    expect(result.outputs['builds']).toBeUndefined()
    expect((await describeImages(moto.endpoint, 'us-east-1')).length).toBe(before)
  })
})

function pullRequest(fixture: 'packer' | `fixtures/${string}`, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith(fixture),
    toolCache,
    eventName: 'pull_request',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: { ...installFrom(mirror), template: 'packer', ...inputs }
  })
}

describe('errors shown where the reader looks', () => {
  it('an HCL syntax error: the parser place leads the summary and annotates the file', async () => {
    const result = await pullRequest('fixtures/unclosed', { variables: 'ec2_endpoint: http://127.0.0.1:9' })
    expect(result.code).not.toBe(0)
    const cause = /^- (packer\/unclosed\.pkr\.hcl:5:\d+: Unclosed configuration block.*)$/m.exec(result.summary)
    expect(cause).not.toBeNull()
    expect(result.summary.indexOf(cause?.[0] as string)).toBeLessThan(result.summary.indexOf('| Template |'))
    expect(result.stdout).toMatch(/::error title=HCL,file=packer\/unclosed\.pkr\.hcl,line=5,col=\d+::Unclosed configuration block/)
  })

  it('a value of the wrong type in variables names the input, never the action var-file or the value', async () => {
    const result = await pullRequest('fixtures/typed', { variables: 'disk_size: big-and-secret-ish' })
    expect(result.code).not.toBe(0)
    expect(result.summary).toContain('- Invalid value for variable: The value for disk\\_size is not compatible')
    expect(result.summary).toContain('on the variables input line 1:')
    expect(result.summary + result.stdout).not.toMatch(/packer-ami-action-[0-9a-f-]{36}/)
    expect(result.summary).not.toContain('big-and-secret-ish')
  })

  it('a passing validation lists the checks it ran and the builds it found', async () => {
    const result = succeeded(await pullRequest('packer', { variables: `ec2_endpoint: ${moto.endpoint}` }))
    expect(result.summary).toContain('Checks: `packer fmt -check packer`, `packer validate`.')
    expect(result.summary).toContain('Builds: `amazon-ebs.web`, `amazon-ebs.worker`.')
  })

  it('an input error writes a short summary naming the input', async () => {
    const result = await pullRequest('packer', { 'parallel-builds': 'two' })
    expect(result.code).not.toBe(0)
    expect(result.summary).toContain('## Packer validate: ❌ failed')
    expect(result.summary).toContain('- parallel-builds: "two" is not a whole number (correct the input in the workflow file)')
  })
})

describe('small things a new user meets', () => {
  it('a GitHub API that cannot be reached is a network error in the log, not an HTTP 500', async () => {
    const result = await runAction({
      cwd: workspaceWith('packer'),
      toolCache,
      eventName: 'pull_request',
      event: { pull_request: { number: 7 } },
      env: { ...awsTestEnv, GITHUB_API_URL: 'http://127.0.0.1:9' },
      inputs: { ...installFrom(mirror), template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}`, 'github-token': 'ghs_unreachable0123456789' }
    })
    expect(result.stdout).toMatch(/GitHub API [^\n]*: network error \([^)\n]+\), retrying/)
    expect(result.stdout).not.toMatch(/GitHub API [^\n]*: 500, retrying/)
  })

  it('a value too short to mask is left unmasked, and the step says so without showing it', async () => {
    const result = await pullRequest('packer', { variables: `ec2_endpoint: ${moto.endpoint}`, 'sensitive-variables': 'pin: 12\ntoken: s3cr3t-v4lue' })
    expect(result.stdout).toContain('::add-mask::s3cr3t-v4lue')
    expect(result.stdout).not.toContain('::add-mask::12')
    expect(result.stdout).toContain('::warning::sensitive-variables: 1 value is shorter than 4 characters and not masked')
  })
})
