import * as core from '@actions/core'
import { initArgs } from './args.js'
import { printed, runPacker } from './run.js'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'

/** Installs the template's plugins; the token lifts GitHub's anonymous rate limit on downloads. */
export async function init(binary: string, template: string, cwd: string, env: NodeJS.ProcessEnv, token: string): Promise<void> {
  const run = await runPacker(binary, initArgs(template), {
    cwd,
    env: token === '' ? env : { ...env, PACKER_GITHUB_API_TOKEN: token }
  })
  if (run.code !== 0) throw new Error(`packer init failed:\n${printed(run)}`)
  if (run.stdout.trim() === '') return core.info('packer init: plugins up to date')
  printUntrusted(run.stdout.trim())
  endUntrusted()
}
