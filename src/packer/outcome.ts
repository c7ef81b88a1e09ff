import { prefixedBuild, type PackerEvent } from './machine-readable.js'

/** An error Packer printed: a build's own, or one of the run (before any build, HCP, a signal). */
export interface PackerError {
  build?: string
  text: string
}

// hashicorp/packer @ v1.6.6 … v1.16.0 : command/build.go. Durations are durafmt's ("1 second
// 445 milliseconds"), which hold no colon.
const FINISHED = /^Build '(.+?)' finished after /
const ERRORED = /^Build '(.+?)' errored after [^:]*: ([\s\S]*)$/
// The closing list (`\n==> Some builds didn't complete successfully and had errors:`, then
// `--> NAME: err` per build) repeats what the targeted `error` lines say.
const ERROR_LIST = /^\s*==> Some builds didn't complete successfully and had errors:\s*$/
const LISTED = /^--> /

// command/build.go (v1.11.0 … v1.16.0) skips a build HCP Packer has done for this fingerprint
// with an untargeted ui,say; as `errors.As` there looks for a value where
// internal/hcp/registry/types.bucket.go returns a pointer, the skip most likely reaches
// `writeDiags` instead, as this ui,error. Names are Go-quoted (%q).
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"'
const SKIPPED = [
  new RegExp(`^skipping already done build ${QUOTED}$`),
  new RegExp(`^Error: hcp: failed to start build ${QUOTED}\\s+build is already done\\s*$`)
]

/** A Go-quoted name back to its text; its escapes are JSON's for any name a template can hold. */
function unquote(inner: string): string {
  try {
    return JSON.parse(`"${inner}"`) as string
  } catch {
    return inner
  }
}

/** The build HCP Packer skipped, if the line says so. */
export function skippedBuild(text: string): string | undefined {
  for (const pattern of SKIPPED) {
    const m = pattern.exec(text)
    if (m !== null) return unquote(m[1])
  }
  return undefined
}

/**
 * How a run went, from its events: the errors Packer printed, the builds HCP Packer skipped,
 * the builds that ran to an end. A `ui,error` line with a build's `==> NAME: ` prefix is that
 * build's output (a provisioner's stderr, a plugin's message) and no failure by itself: a
 * build that fails says so in `Build 'NAME' errored` and its `error` line.
 */
export class RunOutcome {
  private readonly general: string[] = []
  private readonly byBuild = new Map<string, string[]>()
  private readonly skippedBuilds = new Set<string>()
  private readonly ranBuilds = new Set<string>()

  add(event: PackerEvent): void {
    if (event.kind === 'error') return this.buildError(event.build, event.text)
    if (event.kind !== 'ui') return
    const text = event.text
    const skipped = skippedBuild(text)
    if (skipped !== undefined) {
      this.skippedBuilds.add(skipped)
      return
    }
    const finished = FINISHED.exec(text)
    if (finished !== null) this.ranBuilds.add(finished[1])
    if (event.level !== 'error' || prefixedBuild(text) !== undefined) return
    const errored = ERRORED.exec(text)
    if (errored !== null) {
      this.ranBuilds.add(errored[1])
      return this.buildError(errored[1], errored[2])
    }
    if (ERROR_LIST.test(text) || LISTED.test(text)) return
    const message = text.trim()
    if (message !== '' && !this.general.includes(message)) this.general.push(message)
  }

  /** The run's own errors first, as printed; then each build's, builds by name. */
  errors(): PackerError[] {
    const builds = [...this.byBuild.keys()].sort()
    return [
      ...this.general.map((text) => ({ text })),
      ...builds.flatMap((build) => (this.byBuild.get(build) as string[]).map((text) => ({ build, text })))
    ]
  }

  /** Builds HCP Packer skipped as already done, by name. */
  skipped(): string[] {
    return [...this.skippedBuilds].sort()
  }

  /** True when HCP Packer skipped every build and nothing else happened: nothing to make. */
  allSkipped(): boolean {
    return this.skippedBuilds.size > 0 && this.ranBuilds.size === 0 && this.byBuild.size === 0 && this.general.length === 0
  }

  private buildError(build: string, text: string): void {
    const message = text.trim()
    const list = this.byBuild.get(build) ?? []
    if (message !== '' && !list.includes(message)) list.push(message)
    this.byBuild.set(build, list)
  }
}

/** Longest message quoted whole; Packer's longest (HCL diagnostics with the known-builders list) fit. */
export const MAX_MESSAGE_CHARS = 2_000
/** Past this many, the rest are counted, not quoted: the log has them all. */
export const MAX_MESSAGES = 20

/** Errors as the step's error and the report quote them: `NAME: text` for a build's own. */
export function describeErrors(errors: PackerError[]): string[] {
  const lines = errors.slice(0, MAX_MESSAGES).map((e) => clip(e.build === undefined ? e.text : `${e.build}: ${e.text}`))
  if (errors.length > MAX_MESSAGES) lines.push(`… and ${errors.length - MAX_MESSAGES} more errors (see the log)`)
  return lines
}

/**
 * Why the step fails, if it does, quoting what Packer printed: a non-zero exit, or a run that
 * made no artifact at all, unless HCP Packer skipped every build as done already.
 */
export function failureOf(run: { code: number; stderr: string }, outcome: RunOutcome, artifactCount: number): string | undefined {
  const errors = describeErrors(outcome.errors())
  if (run.code !== 0) {
    const reasons = errors.length > 0 ? errors : [clip(run.stderr) || `exit code ${run.code}`]
    return `packer build failed:\n${reasons.join('\n')}`
  }
  if (artifactCount > 0 || outcome.allSkipped()) return undefined
  const said = errors.length > 0 ? `:\n${errors.join('\n')}` : ''
  return `packer build succeeded but produced no artifact${said}`
}

/** One message, trimmed and cut to `MAX_MESSAGE_CHARS`. */
export function clip(text: string): string {
  const message = text.trim()
  if (message.length <= MAX_MESSAGE_CHARS) return message
  return `${message.slice(0, MAX_MESSAGE_CHARS).trimEnd()} … (cut: ${message.length - MAX_MESSAGE_CHARS} more characters in the log)`
}
