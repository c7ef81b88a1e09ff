import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readOptions, resolveMode, type Mode } from '../../src/inputs.js'
import { HASHICORP_RELEASE_KEY } from '../../src/packer/hashicorp-key.js'

const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-inputs-'))
fs.mkdirSync(path.join(ws, 'tpl'))
fs.writeFileSync(path.join(ws, 'tpl', 'web.pkr.hcl'), 'source "null" "a" {}\n')
fs.mkdirSync(path.join(ws, 'vars'))
fs.writeFileSync(path.join(ws, 'vars', 'a.pkrvars.hcl'), 'x = 1\n')
fs.writeFileSync(path.join(ws, 'b.json'), '{}')
fs.writeFileSync(path.join(ws, 'eu,us.pkrvars.hcl'), 'x = 1\n')
afterAll(() => fs.rmSync(ws, { recursive: true, force: true }))

/** Reads inputs the way core.getInput does: a missing input is the empty string. */
function options(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const all: Record<string, string> = { 'working-directory': ws, ...inputs }
  return readOptions((name) => all[name] ?? '', env)
}

function errorOf(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}): string {
  try {
    options(inputs, env)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('readOptions accepted the inputs')
}

describe('readOptions', () => {
  it('fills every default from the spec', () => {
    expect(options({})).toMatchObject({
      packerVersion: '1.16.0',
      packerMirror: 'https://releases.hashicorp.com',
      signingKey: HASHICORP_RELEASE_KEY,
      verifySignature: true,
      workingDirectory: ws,
      template: ws,
      mode: 'auto',
      variables: {},
      secrets: [],
      varFiles: [],
      only: [],
      except: [],
      fmtCheck: true,
      onError: 'cleanup',
      parallelBuilds: undefined,
      githubToken: '',
      comment: true
    })
    expect(options({}).awsRegion).toBeUndefined()
  })

  it.each([
    ['packer-version', '1.11.2', 'packerVersion', '1.11.2'],
    ['packer-version', 'latest', 'packerVersion', 'latest'],
    ['packer-version', '~1.11', 'packerVersion', '~1.11'],
    ['packer-version', '>=1.10 <1.12', 'packerVersion', '>=1.10 <1.12'],
    ['packer-mirror', 'https://mirror.example/hashicorp/', 'packerMirror', 'https://mirror.example/hashicorp'],
    ['packer-mirror', 'http://127.0.0.1:8080', 'packerMirror', 'http://127.0.0.1:8080'],
    ['verify-signature', 'false', 'verifySignature', false],
    ['verify-signature', 'True', 'verifySignature', true],
    ['template', 'tpl', 'template', path.join(ws, 'tpl')],
    ['template', 'tpl/web.pkr.hcl', 'template', path.join(ws, 'tpl', 'web.pkr.hcl')],
    ['mode', 'build', 'mode', 'build'],
    ['mode', 'validate', 'mode', 'validate'],
    ['var-files', 'vars/a.pkrvars.hcl\nb.json', 'varFiles', [path.join(ws, 'vars', 'a.pkrvars.hcl'), path.join(ws, 'b.json')]],
    ['var-files', 'eu,us.pkrvars.hcl', 'varFiles', [path.join(ws, 'eu,us.pkrvars.hcl')]],
    ['only', 'amazon-ebs.web, amazon-ebs.worker', 'only', ['amazon-ebs.web', 'amazon-ebs.worker']],
    ['except', 'amazon-ebs.web\n\namazon-ebs.worker\n', 'except', ['amazon-ebs.web', 'amazon-ebs.worker']],
    ['fmt-check', 'false', 'fmtCheck', false],
    ['on-error', 'abort', 'onError', 'abort'],
    ['on-error', 'run-cleanup-provisioner', 'onError', 'run-cleanup-provisioner'],
    ['parallel-builds', '4', 'parallelBuilds', 4],
    ['parallel-builds', '0', 'parallelBuilds', 0],
    ['aws-region', 'eu-west-1', 'awsRegion', 'eu-west-1'],
    ['aws-region', 'us-gov-west-1', 'awsRegion', 'us-gov-west-1'],
    ['aws-region', 'eusc-de-east-1', 'awsRegion', 'eusc-de-east-1'],
    ['github-token', 'ghs_abc', 'githubToken', 'ghs_abc'],
    ['github-token', '${{ github.token }}', 'githubToken', ''],
    ['comment', 'false', 'comment', false],
    ['comment-key', 'web-eu', 'commentKey', 'web-eu']
  ])('%s: %j → %s', (input, value, field, expected) => {
    expect(options({ [input]: value })[field as keyof ReturnType<typeof options>]).toStrictEqual(expected)
  })

  it.each([
    [{}, { AWS_REGION: 'eu-west-1' }, 'eu-west-1'],
    [{}, { AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    [{}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }, 'eu-west-1'],
    [{ 'aws-region': 'us-west-2' }, { AWS_REGION: 'eu-west-1' }, 'us-west-2']
  ])('aws-region %j with env %j → %s', (inputs, env, expected) => {
    expect(options(inputs, env).awsRegion).toBe(expected)
  })

  it('merges variables and masks only the sensitive ones', () => {
    const o = options({ variables: 'count: 2\nname: web', 'sensitive-variables': 'password=hunter2\ntoken=t0k' })
    expect(o.variables).toStrictEqual({ count: 2, name: 'web', password: 'hunter2', token: 't0k' })
    expect([...o.secrets].sort()).toStrictEqual(['hunter2', 't0k'])
  })

  it.each([
    ['packer-version', 'one.two'],
    ['packer-version', 'lastest'],
    ['packer-version', '1.11.2; rm -rf /'],
    ['packer-mirror', 'not a url'],
    ['packer-mirror', 'ftp://mirror.example'],
    ['packer-signing-key', 'not a key'],
    ['verify-signature', 'yes'],
    ['working-directory', path.join(ws, 'no-such-dir')],
    ['working-directory', path.join(ws, 'b.json')],
    ['template', 'missing.pkr.hcl'],
    ['mode', 'deploy'],
    ['var-files', 'missing.pkrvars.hcl'],
    ['var-files', 'vars'],
    ['fmt-check', 'maybe'],
    ['on-error', 'ignore'],
    ['parallel-builds', 'two'],
    ['parallel-builds', '-1'],
    ['parallel-builds', '1.5'],
    ['aws-region', 'US-EAST-1'],
    ['aws-region', 'useast1'],
    ['comment', 'nope'],
    ['comment-key', 'a-->b'],
    ['comment-key', 'x<!--y']
  ])('%s: %j is refused with an error naming the input and the value', (input, value) => {
    const message = errorOf({ [input]: value })
    expect(message).toContain(input)
    expect(message).toContain(value)
  })

  it.each<[string, Record<string, string>, NodeJS.ProcessEnv]>([
    ['variables', { variables: '- a\n- b' }, {}],
    ['sensitive-variables', { 'sensitive-variables': 'a: [1' }, {}],
    ['sensitive-variables', { variables: 'a=1', 'sensitive-variables': 'a=2' }, {}],
    ['aws-region', {}, { AWS_REGION: 'nowhere' }]
  ])('refuses with an error naming %s: %j', (input, inputs, env) => {
    expect(errorOf(inputs, env)).toContain(input)
  })

  it.each([
    ['two templates', { template: 'tpl/web.pkr.hcl' }, { template: 'tpl' }, { GITHUB_WORKFLOW: 'ami', GITHUB_JOB: 'build' }, {}],
    ['two jobs', {}, {}, { GITHUB_WORKFLOW: 'ami', GITHUB_JOB: 'build-east' }, { GITHUB_JOB: 'build-west' }],
    ['two workflows', {}, {}, { GITHUB_WORKFLOW: 'ami', GITHUB_JOB: 'build' }, { GITHUB_WORKFLOW: 'nightly' }]
  ])('the default comment-key tells %s apart', (_name, inputsA, inputsB, envA, envB) => {
    const a = options(inputsA, envA).commentKey
    const b = options(inputsB, { ...envA, ...envB }).commentKey
    expect(a).not.toBe('')
    expect(a).not.toBe(b)
    expect(options(inputsA, envA).commentKey).toBe(a)
  })

  it('refuses only and except together, naming both', () => {
    const message = errorOf({ only: 'a', except: 'b' })
    expect(message).toContain('only')
    expect(message).toContain('except')
  })

  it('hands Packer no runner-internal variable unless packer-runner-variables names it', () => {
    expect(options({}).runnerVariables).toEqual([])
    expect(options({ 'packer-runner-variables': 'ACTIONS_ID_TOKEN_REQUEST_URL\nACTIONS_ID_TOKEN_REQUEST_TOKEN' }).runnerVariables).toEqual([
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
    ])
  })

  it('refuses a packer-runner-variables name that is not a runner-internal variable, naming the input', () => {
    const message = errorOf({ 'packer-runner-variables': 'ACTIONS_ID_TOKEN_REQUEST_URL, AWS_PROFILE' })
    expect(message).toMatch(/^packer-runner-variables: "AWS_PROFILE" is not one of the runner's internal variables/)
  })

  it('inventory: off by default; on with the test instance profile SSM needs', () => {
    expect(options({}).inventory).toBe(false)
    expect(options({ inventory: 'true', 'test-instance-profile': 'ami-test', 'aws-region': 'us-east-1' }).inventory).toBe(true)
  })

  it('inventory without test-instance-profile is refused, naming both inputs; a malformed value names the input', () => {
    expect(errorOf({ inventory: 'true', 'aws-region': 'us-east-1', 'test-timeout': '10m' })).toMatch(
      /^inventory: needs test-instance-profile \(an instance profile with AmazonSSMManagedInstanceCore\)/
    )
    expect(errorOf({ inventory: 'yes please' })).toBe('inventory: "yes please" is not true or false')
  })

  it.each([
    ['unterminated quote', 'token: "s3cr3t-Value-42'],
    ['duplicate name', 'token: s3cr3t-Value-42\ntoken: s3cr3t-Value-42'],
    ['bad indentation', 'token: s3cr3t-Value-42\n  other: x\n bad: y']
  ])('a malformed sensitive-variables (%s) does not echo the secret', (_name, text) => {
    const message = errorOf({ 'sensitive-variables': text })
    expect(message).toContain('sensitive-variables')
    expect(message).not.toContain('s3cr3t-Value-42')
  })
})

describe('resolveMode', () => {
  const events = ['pull_request', 'pull_request_target', 'merge_group']
  it.each<[Mode, string, 'validate' | 'build']>([
    ['auto', 'pull_request', 'validate'],
    ['auto', 'pull_request_target', 'validate'],
    ['auto', 'merge_group', 'validate'],
    ['auto', 'push', 'build'],
    ['auto', 'workflow_dispatch', 'build'],
    ['auto', 'release', 'build'],
    ['auto', '', 'build'],
    ['validate', 'push', 'validate'],
    ['build', 'pull_request', 'build']
  ])('%s on %j → %s', (mode, event, expected) => {
    expect(resolveMode(mode, event, events)).toBe(expected)
  })
})
