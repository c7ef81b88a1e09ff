import * as core from '@actions/core'
import { fmtArgs, validateArgs, type CommonArgs } from './args.js'
import { printed, runPacker } from './run.js'

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
  fmtCheck: boolean
}

/** Runs the format check (when asked) and `packer validate`, both, so every problem shows at once. */
export async function validate(req: ValidateRequest): Promise<ValidationResult> {
  const result: ValidationResult = { ok: true }
  if (req.fmtCheck) {
    const fmt = await runPacker(req.binary, fmtArgs(req.args.template), { cwd: req.cwd, env: req.env })
    if (fmt.code !== 0) {
      result.ok = false
      result.fmtDiff = printed(fmt)
      core.error(`packer fmt -check: the template is not formatted; run \`packer fmt\`\n${result.fmtDiff}`)
    } else {
      core.info('packer fmt -check: formatted')
    }
  }
  const run = await runPacker(req.binary, validateArgs(req.args), { cwd: req.cwd, env: req.env })
  if (run.code !== 0) {
    result.ok = false
    result.validateErrors = printed(run)
    core.error(`packer validate failed:\n${result.validateErrors}`)
  } else {
    core.info(`packer validate: ${run.stdout.trim() || 'the configuration is valid'}`)
  }
  return result
}
