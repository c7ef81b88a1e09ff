/** Channel parameter names, version labels and descriptions: pure. */

/** A channel as a user names it: one SSM path segment (letters, digits, `_`, `.`, `-`), at most 128 characters. */
export const CHANNEL_NAME = /^[a-zA-Z0-9_.-]{1,128}$/
export const DEFAULT_CHANNEL_PARAMETER = '/packer-ami-action/{family}/{channel}'

/** SSM's rules for a parameter name: letters, digits, `_.-/`, at most 15 levels, 1011 characters, no `aws`/`ssm` prefix. */
const PARAMETER_NAME = /^(\/?[a-zA-Z0-9_.-]+)(\/[a-zA-Z0-9_.-]+)*$/
const MAX_NAME = 1011
const MAX_LEVELS = 15
/** LabelParameterVersion: at most 100 characters of letters, digits, `.`, `-`, `_`; not starting with a digit, `aws` or `ssm`. */
const LABEL = /^(?![0-9])(?!aws)(?!ssm)[a-zA-Z0-9_.-]{1,100}$/i
/** PutParameter's Description: at most 1024 characters. */
const MAX_DESCRIPTION = 1024

/** The parameter name of `channel` of `family`, or why SSM would refuse it. */
export function channelParameter(template: string, family: string, channel: string): { name: string } | { error: string } {
  const name = template.replaceAll('{family}', family).replaceAll('{channel}', channel)
  const levels = name.replace(/^\//, '').split('/').length
  if (!PARAMETER_NAME.test(name)) return { error: `"${name}" is not an SSM parameter name (letters, digits and _ . - / only)` }
  if (name.length > MAX_NAME) return { error: `"${name.slice(0, 60)}…" is longer than ${MAX_NAME} characters` }
  if (levels > MAX_LEVELS) return { error: `"${name}" has ${levels} levels; SSM allows ${MAX_LEVELS}` }
  if (/^\/?(aws|ssm)/i.test(name)) return { error: `"${name}" starts with aws or ssm, which SSM reserves` }
  return { name }
}

export interface RunIdentity {
  /** GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_SHA; any may be empty outside a runner. */
  runId: string
  attempt: string
  commit: string
  runUrl: string
}

export function runIdentity(env: NodeJS.ProcessEnv, runUrl: string): RunIdentity {
  return { runId: env.GITHUB_RUN_ID ?? '', attempt: env.GITHUB_RUN_ATTEMPT ?? '', commit: env.GITHUB_SHA ?? '', runUrl }
}

/**
 * The labels of a version this run writes: `run-<id>` (with `-<attempt>` for a re-run, so a
 * re-run does not take attempt 1's label away: a label sits on one version of a parameter at a
 * time) and `commit-<sha>` (a label cannot start with a digit, and a SHA may). SSM ignores a label
 * that breaks its rules rather than failing, so only valid ones are sent.
 */
export function versionLabels(run: RunIdentity): string[] {
  const attempt = run.attempt !== '' && run.attempt !== '1' ? `-${run.attempt}` : ''
  const labels = [run.runId === '' ? '' : `run-${run.runId}${attempt}`, run.commit === '' ? '' : `commit-${run.commit}`]
  return labels.filter((l) => LABEL.test(l))
}

/** What a version says about itself in GetParameterHistory: why it was written, and by which run. */
export function versionDescription(what: string, run: RunIdentity): string {
  // The commit is here too: its label moves to the newest version the same commit writes.
  const by = [run.commit === '' ? '' : `commit ${run.commit}`, run.runUrl].filter((x) => x !== '').join(', ')
  const text = `packer-ami-action: ${what}${by === '' ? '' : ` (${by})`}`
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text
}
