import { packerEnv, RUNNER_INTERNAL_VARIABLES } from '../../src/packer/environment.js'

/** What a JavaScript action's process holds on a runner, with OIDC enabled for the job. */
const runner: NodeJS.ProcessEnv = {
  PATH: '/usr/bin',
  HOME: '/home/runner',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SESSION_TOKEN: 'session',
  MY_SETTING: 'kept',
  'INPUT_GITHUB-TOKEN': 'ghs_secret',
  'INPUT_SENSITIVE-VARIABLES': 'db_password: hunter2',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.example/oidc',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token',
  ACTIONS_RUNTIME_URL: 'https://pipelines.example/runtime',
  ACTIONS_RESULTS_URL: 'https://results.example/',
  ACTIONS_CACHE_URL: 'https://cache.example/',
  ACTIONS_CACHE_SERVICE_V2: 'True',
  ACTIONS_CACHE_MODE: 'read-write',
  ACTIONS_ORCHESTRATION_ID: 'orchestration-id',
  GITHUB_ARTIFACTS: '/runner/_temp/_runner_file_commands/artifacts',
  GITHUB_ARTIFACTS_LIST: '/runner/_temp/_runner_file_commands/artifacts_list',
  GITHUB_ENV: '/runner/_temp/_runner_file_commands/set_env',
  GITHUB_PATH: '/runner/_temp/_runner_file_commands/add_path',
  GITHUB_OUTPUT: '/runner/_temp/_runner_file_commands/set_output',
  GITHUB_STATE: '/runner/_temp/_runner_file_commands/save_state',
  GITHUB_STEP_SUMMARY: '/runner/_temp/_runner_file_commands/step_summary',
  GITHUB_REPOSITORY: 'acme/images',
  RUNNER_TEMP: '/runner/_temp',
  ACTIONS_STEP_DEBUG: 'true'
}

describe('packerEnv', () => {
  it('withholds the runner internal credentials, the file commands and the inputs, and keeps the rest', () => {
    const env = packerEnv(runner)
    expect(Object.keys(env).sort()).toEqual(
      ['PATH', 'HOME', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'MY_SETTING', 'GITHUB_REPOSITORY', 'RUNNER_TEMP', 'ACTIONS_STEP_DEBUG', 'CHECKPOINT_DISABLE'].sort()
    )
    expect(env.CHECKPOINT_DISABLE).toBe('1')
    expect(env.AWS_SESSION_TOKEN).toBe('session')
  })

  it('passes on only the internal variables the user named', () => {
    const env = packerEnv(runner, ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_URL'])
    expect(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN).toBe('oidc-request-token')
    expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe('https://pipelines.example/oidc')
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined()
    expect(env['INPUT_GITHUB-TOKEN']).toBeUndefined()
  })

  it('names every variable the fixture above sets as internal, so the first test sees them all', () => {
    for (const name of RUNNER_INTERNAL_VARIABLES) expect(runner[name]).toBeDefined()
  })
})
