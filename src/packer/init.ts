import * as core from '@actions/core'
import semver from 'semver'
import { INIT_MIN_VERSION } from '../constants.js'
import { initArgs } from './args.js'
import { printed, runPacker } from './run.js'

/** `packer init` exists from 1.7 on and only reads HCL2 `required_plugins`. */
export function needsInit(version: string, hcl2: boolean): boolean {
  return hcl2 && semver.gte(version, INIT_MIN_VERSION)
}

/** Installs the template's plugins; the token lifts GitHub's anonymous rate limit on downloads. */
export async function init(binary: string, template: string, cwd: string, env: NodeJS.ProcessEnv, token: string): Promise<void> {
  const run = await runPacker(binary, initArgs(template), {
    cwd,
    env: token === '' ? env : { ...env, PACKER_GITHUB_API_TOKEN: token }
  })
  if (run.code !== 0) throw new Error(`packer init failed:\n${printed(run)}`)
  core.info(run.stdout.trim() || 'packer init: plugins up to date')
}
