/**
 * The environment Packer runs in. Packer hands it to every plugin it starts and to every
 * `shell-local` provisioner, so it gets the runner's environment without the runner's own
 * powers: the credentials a JavaScript action is given (OIDC token requests, the cache, artifact
 * and results services) and the paths of the file commands that set later steps' environment,
 * PATH and outputs. A third-party plugin then can neither mint the workflow's OIDC tokens nor
 * change what later steps run. The action's `INPUT_*` variables (the token, sensitive values)
 * never reach Packer.
 */

/**
 * What the runner sets for a JavaScript action that Packer needs none of (actions/runner v2.336.0:
 * src/Runner.Worker/Handlers/NodeScriptActionHandler.cs lines 56-92 for the ACTIONS_* variables;
 * the file commands of src/Runner.Worker/FileCommandManager.cs, CreateArtifactsFileCommand.cs and
 * ArtifactsListFileCommand.cs). A user may pass any of them on by name.
 */
export const RUNNER_INTERNAL_VARIABLES: readonly string[] = [
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'ACTIONS_ORCHESTRATION_ID',
  'GITHUB_ENV',
  'GITHUB_PATH',
  'GITHUB_OUTPUT',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_ARTIFACTS',
  'GITHUB_ARTIFACTS_LIST'
]

/**
 * Packer's environment: the runner's, less the action's inputs and the runner's internal
 * variables (but those the user named in `passed`), with telemetry off.
 */
export function packerEnv(env: NodeJS.ProcessEnv, passed: readonly string[] = []): NodeJS.ProcessEnv {
  const withheld = new Set(RUNNER_INTERNAL_VARIABLES.filter((name) => !passed.includes(name)))
  const kept = Object.entries(env).filter(([name]) => !name.startsWith('INPUT_') && !withheld.has(name))
  return { ...Object.fromEntries(kept), CHECKPOINT_DISABLE: '1' }
}
