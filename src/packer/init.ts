import * as core from '@actions/core'
import { initArgs } from './args.js'
import { printed, runPacker } from './run.js'

/** Installs the template's plugins; the token lifts GitHub's anonymous rate limit on downloads. */
export async function init(binary: string, template: string, cwd: string, env: NodeJS.ProcessEnv, token: string): Promise<void> {
  const run = await runPacker(binary, initArgs(template), {
    cwd,
    env: token === '' ? env : { ...env, PACKER_GITHUB_API_TOKEN: token }
  })
  if (run.code !== 0) throw new Error(`packer init failed:\n${printed(run)}`)
  core.info(run.stdout.trim() || 'packer init: plugins up to date')
}
