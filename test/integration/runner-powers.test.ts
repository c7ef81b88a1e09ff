/**
 * Packer, its plugins and its provisioners get none of the runner's powers: the runner's
 * internal credentials and file-command paths stay out of their environment, and nothing they
 * print can issue a workflow command. The bundle runs as a runner runs it; its stdout is read
 * as the runner reads it (test/support/runner-commands.ts).
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { executedCommands, type RunnerCommand } from '../support/runner-commands.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

/** What the runner gives a JavaScript action in a job with `id-token: write`, with made-up values. */
const RUNNER_INTERNALS: Record<string, string> = {
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-value',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.example/oidc-request-url',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-value',
  ACTIONS_RUNTIME_URL: 'https://pipelines.example/runtime-url',
  ACTIONS_RESULTS_URL: 'https://results.example/results-url',
  ACTIONS_CACHE_URL: 'https://cache.example/cache-url',
  ACTIONS_CACHE_SERVICE_V2: 'True',
  ACTIONS_CACHE_MODE: 'read-write',
  ACTIONS_ORCHESTRATION_ID: 'orchestration-id'
}
const FILE_COMMANDS = ['GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']
const TOKEN = 'ghs_runnerPowersTestToken0123456789'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([
    startMoto(),
    startMirror({ versions: ['1.6.6', '1.16.0'], plugins: { amazon: ['1.8.2'] } })
  ])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

function dumpFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'pam-env-')), 'env')
}

/** `NAME=value` lines as `env` prints them. */
function readEnv(file: string): Record<string, string> {
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
  return Object.fromEntries(entries.map((m) => [m[1], m[2]]))
}

function expectNoRunnerPowers(env: Record<string, string>): void {
  for (const name of [...Object.keys(RUNNER_INTERNALS), ...FILE_COMMANDS]) expect(env).not.toHaveProperty(name)
  expect(Object.keys(env).filter((name) => name.startsWith('INPUT_'))).toEqual([])
  expect(Object.values(env).join('\n')).not.toContain(TOKEN)
  // What Packer does need is still there: AWS credentials and the user's own variables.
  expect(env.AWS_ACCESS_KEY_ID).toBe(awsTestEnv.AWS_ACCESS_KEY_ID)
  expect(env.AWS_SECRET_ACCESS_KEY).toBe(awsTestEnv.AWS_SECRET_ACCESS_KEY)
  expect(env.TEAM_SETTING).toBe('kept-for-packer')
}

function run(cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, TEAM_SETTING: 'kept-for-packer', ...RUNNER_INTERNALS, ...env },
    inputs: { ...installFrom(mirror), template: 'packer', 'github-token': TOKEN, comment: 'false', ...inputs }
  })
}

/**
 * The commands that only Packer's text holds, had the runner executed them. The action's own
 * annotations may quote Packer's text: inside an annotation it is escaped data, not a command.
 */
function forged(commands: RunnerCommand[]): RunnerCommand[] {
  return commands.filter(
    (c) =>
      ['set-output', 'save-state', 'x'].includes(c.command) ||
      (c.command === 'add-mask' && c.data !== TOKEN) ||
      (c.command === 'error' && /^(forged by|after a forged)/.test(c.data)) ||
      (c.command === 'stop-commands' && c.data === 'x')
  )
}

describe('Packer and its plugins get none of the runner powers', () => {
  it('a shell-local provisioner in build mode sees AWS credentials and the user variables, not the runner internals', async () => {
    const dump = dumpFile()
    const result = succeeded(
      await run(workspaceWith('fixtures/runner-powers'), { variables: `ec2_endpoint: ${moto.endpoint}\nenv_dump: ${dump}` })
    )
    expect(result.outputs['ami-id']).toMatch(/^ami-/)
    expectNoRunnerPowers(readEnv(dump))
  })

  it('the amazon plugin from the mirror is started without them, when the action checks it', async () => {
    const dump = dumpFile()
    const cache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const result = await runAction({
      cwd: workspaceWith('packer'),
      toolCache: cache,
      eventName: 'pull_request',
      env: { ...awsTestEnv, TEAM_SETTING: 'kept-for-packer', PAM_PLUGIN_ENV_DUMP: dump, ...RUNNER_INTERNALS },
      inputs: { ...installFrom(mirror), 'packer-version': '1.16.0', template: 'packer', 'github-token': TOKEN, comment: 'false' }
    })
    succeeded(result)
    expect(result.stdout).toContain('Downloading plugin github.com/hashicorp/amazon 1.8.2')
    expectNoRunnerPowers(readEnv(dump))
  })

  it('a plugin that packer validate starts sees the same environment', async () => {
    const cwd = workspaceWith('fixtures/runner-powers-validate')
    const dump = dumpFile()
    // Packer 1.6.6 finds single-component plugins in its working directory and starts them to validate.
    const plugin = path.join(cwd, 'packer-provisioner-envdump')
    writeFileSync(plugin, `#!/bin/sh\nenv > '${dump}'\nexit 1\n`)
    chmodSync(plugin, 0o755)
    await run(cwd, { mode: 'validate' })
    expectNoRunnerPowers(readEnv(dump))
  })

  it('passes on exactly the internal variables packer-runner-variables names', async () => {
    const dump = dumpFile()
    succeeded(
      await run(workspaceWith('fixtures/runner-powers'), {
        variables: `ec2_endpoint: ${moto.endpoint}\nenv_dump: ${dump}`,
        'packer-runner-variables': 'ACTIONS_ID_TOKEN_REQUEST_TOKEN\nACTIONS_ID_TOKEN_REQUEST_URL'
      })
    )
    const env = readEnv(dump)
    expect(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBe(RUNNER_INTERNALS.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(RUNNER_INTERNALS.ACTIONS_ID_TOKEN_REQUEST_URL)
    expect(env).not.toHaveProperty('ACTIONS_RUNTIME_TOKEN')
  })

  it('refuses a packer-runner-variables name that is not internal, before anything is downloaded', async () => {
    const before = mirror.requests.length
    const result = await run(workspaceWith('packer'), { 'packer-runner-variables': 'AWS_PROFILE' })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain(`::error::packer-runner-variables: "AWS_PROFILE" is not one of the runner's internal variables`)
    expect(mirror.requests.length).toBe(before)
  })
})

describe('nothing Packer prints is a workflow command', () => {
  it('a provisioner printing workflow commands issues none of them; the action still issues its own', async () => {
    const result = succeeded(
      await run(workspaceWith('fixtures/runner-powers'), { variables: `ec2_endpoint: ${moto.endpoint}\nenv_dump: ${dumpFile()}` })
    )
    // The lines reached the log as Packer printed them (after its build prefix)...
    expect(result.stdout).toContain('::set-output name=ami-id::ami-0evil')
    expect(result.stdout).toContain('##[set-output name=ami-id;]ami-0legacy')
    const commands = executedCommands(result.stdout)
    // ...and none of them runs, while the action's own commands do: the token's mask and the build's group.
    expect(forged(commands)).toEqual([])
    expect(commands.filter((c) => c.command === 'add-mask').map((c) => c.data)).toContain(TOKEN)
    expect(commands.filter((c) => c.command === 'group').map((c) => c.data)).toContain('amazon-ebs.powers')
    expect(commands.filter((c) => c.command === 'endgroup')).toHaveLength(1)
  })

  it('a failed provisioner: its lines are fenced, the action error for the failed build is not', async () => {
    const result = await run(workspaceWith('fixtures/runner-powers'), {
      variables: `ec2_endpoint: ${moto.endpoint}\nenv_dump: ${dumpFile()}\nfail: true`
    })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain('::error::forged by a provisioner')
    const commands = executedCommands(result.stdout)
    expect(forged(commands)).toEqual([])
    const errors = commands.filter((c) => c.command === 'error')
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.map((c) => c.data).join('\n')).toMatch(/amazon-ebs\.powers/)
  })

  it.each(['validate', 'build'])('a template error in %s mode issues no command from its text', async (mode) => {
    const result = await run(workspaceWith('fixtures/template-error'), { mode })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toContain('add-mask::leaked')
    const commands = executedCommands(result.stdout)
    expect(forged(commands)).toEqual([])
    expect(commands.some((c) => c.command === 'error' && c.data.includes('Bad source'))).toBe(true)
  })
})
