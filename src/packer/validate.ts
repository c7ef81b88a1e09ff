import * as core from '@actions/core'
import * as path from 'node:path'
import { fmtArgs, validateArgs, type CommonArgs } from './args.js'
import { printed, runPacker } from './run.js'
import { fmtCauses, hideVarFile, packerCauses, type Cause } from '../report/places.js'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'

export interface ValidationResult {
  ok: boolean
  /** `packer fmt -diff` output when formatting is off; absent when not checked. */
  fmtDiff?: string
  /** Packer's own message when `packer validate` failed. */
  validateErrors?: string
  /** Each problem with its place, first the format check's, then validation's. */
  causes: Cause[]
  /** What `packer fmt -check` read. */
  formatTargets: string[]
}

export interface ValidateRequest {
  binary: string
  cwd: string
  env: NodeJS.ProcessEnv
  args: CommonArgs
  /** The format check, running beside. */
  formatting: Promise<FormatCheck>
}

/** `packer fmt -check` exits 3 when a file is not formatted; any other failure is an error. */
const FMT_UNFORMATTED = 3

/**
 * `packer fmt` reads only `.pkr.hcl` and `.pkrvars.hcl` files and fails on anything else (a
 * `.pkr.json` template among them): a template directory (fmt picks its HCL files), an HCL
 * template file, and the user's `.pkrvars.hcl` var-files.
 */
export function fmtTargets(template: string, isDirectory: boolean, varFiles: string[]): string[] {
  const hcl = (f: string): boolean => f.endsWith('.pkr.hcl') || f.endsWith('.pkrvars.hcl')
  // fmt on a directory already reads the var-files that sit in it.
  const inTemplateDir = (f: string): boolean => isDirectory && path.dirname(path.resolve(f)) === path.resolve(template)
  return [...(isDirectory || hcl(template) ? [template] : []), ...varFiles.filter((f) => hcl(f) && !inTemplateDir(f))]
}

/** What `packer fmt -check` found: diffs of unformatted files, and Packer's errors. */
export interface FormatCheck {
  diffs: string[]
  errors: string[]
  causes: Cause[]
  /** What was checked, for the report. */
  targets: string[]
}

export interface FormatRequest {
  binary: string
  cwd: string
  env: NodeJS.ProcessEnv
  /** What `packer fmt -check` reads: see fmtTargets. Empty checks nothing. */
  targets: string[]
}

/**
 * `packer fmt -check` on each target. It needs no plugin and no parsed template, so it starts
 * at once while the template is read; validation runs beside it.
 */
export async function checkFormat(req: FormatRequest): Promise<FormatCheck> {
  const found: FormatCheck = { diffs: [], errors: [], causes: [], targets: req.targets }
  const ctx = { cwd: req.cwd, workspace: process.env.GITHUB_WORKSPACE || req.cwd }
  for (const target of req.targets) {
    const fmt = await runPacker(req.binary, fmtArgs(target), { cwd: req.cwd, env: req.env })
    if (fmt.code === 0) {
      core.info(`packer fmt -check ${target}: formatted`)
    } else if (fmt.code === FMT_UNFORMATTED) {
      found.diffs.push(printed(fmt))
      // One annotation per file, on its first line that differs, so it shows on the diff.
      for (const cause of fmtCauses(fmt.stdout, ctx, target)) {
        found.causes.push(cause)
        core.error(`${cause.message}: ${cause.fix}`, { title: 'packer fmt', file: cause.file, startLine: cause.line })
      }
    } else {
      found.errors.push(`packer fmt failed on ${target} (exit code ${fmt.code}):\n${printed(fmt)}`)
      core.error(found.errors[found.errors.length - 1])
    }
  }
  return found
}

/**
 * Runs `packer validate` while `packer fmt -check` runs, and reports it with the format check,
 * so every problem shows at once.
 */
export async function validate(req: ValidateRequest): Promise<ValidationResult> {
  const running = runPacker(req.binary, validateArgs(req.args), { cwd: req.cwd, env: req.env })
  running.catch(() => undefined)
  const formatting = await req.formatting
  const result: ValidationResult = { ok: true, causes: [], formatTargets: formatting.targets }
  const { diffs, errors: fmtErrors } = formatting
  result.causes.push(...formatting.causes)
  if (diffs.length > 0) result.fmtDiff = diffs.join('\n')
  const run = await running
  const text = hideVarFile(printed(run), req.args.actionVarFile)
  const validateErrors = run.code === 0 ? [] : [text]
  if (run.code === 0) {
    printUntrusted(`packer validate: ${run.stdout.trim() || 'the configuration is valid'}`)
    endUntrusted()
  } else {
    const ctx = { cwd: req.cwd, workspace: process.env.GITHUB_WORKSPACE || req.cwd, actionVarFile: req.args.actionVarFile }
    const causes = packerCauses(printed(run), ctx)
    result.causes.push(...causes)
    for (const c of causes) core.error(c.message, { title: 'packer validate', file: c.file, startLine: c.line })
    if (causes.length === 0) core.error(`packer validate failed:\n${text}`)
    printUntrusted(text)
    endUntrusted()
  }
  const errors = [...fmtErrors, ...validateErrors]
  result.ok = diffs.length + errors.length === 0
  if (errors.length > 0) result.validateErrors = errors.join('\n')
  return result
}
