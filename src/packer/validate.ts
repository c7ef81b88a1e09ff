import * as core from '@actions/core'
import * as path from 'node:path'
import { fmtArgs, validateArgs, type CommonArgs } from './args.js'
import { printed, runPacker } from './run.js'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'

export interface ValidationResult {
  ok: boolean
  /** `packer fmt -diff` output when formatting is off; absent when not checked. */
  fmtDiff?: string
  /** Packer's own message when `packer validate` failed. */
  validateErrors?: string
}

export interface ValidateRequest {
  binary: string
  cwd: string
  env: NodeJS.ProcessEnv
  args: CommonArgs
  /** The format check, run before. */
  formatting: FormatCheck
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
 * at once while the template is read; validation waits for it.
 */
export async function checkFormat(req: FormatRequest): Promise<FormatCheck> {
  const found: FormatCheck = { diffs: [], errors: [] }
  for (const target of req.targets) {
    const fmt = await runPacker(req.binary, fmtArgs(target), { cwd: req.cwd, env: req.env })
    if (fmt.code === 0) {
      core.info(`packer fmt -check ${target}: formatted`)
    } else if (fmt.code === FMT_UNFORMATTED) {
      found.diffs.push(printed(fmt))
      core.error(`packer fmt -check: ${target} is not formatted; run \`packer fmt\`\n${printed(fmt)}`)
    } else {
      found.errors.push(`packer fmt failed on ${target} (exit code ${fmt.code}):\n${printed(fmt)}`)
      core.error(found.errors[found.errors.length - 1])
    }
  }
  return found
}

/** Runs `packer validate` and reports it with the format check, so every problem shows at once. */
export async function validate(req: ValidateRequest): Promise<ValidationResult> {
  const result: ValidationResult = { ok: true }
  const { diffs, errors: fmtErrors } = req.formatting
  if (diffs.length > 0) result.fmtDiff = diffs.join('\n')
  const run = await runPacker(req.binary, validateArgs(req.args), { cwd: req.cwd, env: req.env })
  const validateErrors = run.code === 0 ? [] : [printed(run)]
  if (run.code === 0) {
    printUntrusted(`packer validate: ${run.stdout.trim() || 'the configuration is valid'}`)
    endUntrusted()
  } else {
    core.error(`packer validate failed:\n${printed(run)}`)
  }
  const errors = [...fmtErrors, ...validateErrors]
  result.ok = diffs.length + errors.length === 0
  if (errors.length > 0) result.validateErrors = errors.join('\n')
  return result
}
