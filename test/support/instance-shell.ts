/**
 * This machine standing for a test instance: a script runs as AWS-RunShellScript runs it (the
 * agent writes the commands to a file and runs it with sh), in a scratch directory, with a
 * timeout, and the answer is what GetCommandInvocation reports: the exit code, and stdout and
 * stderr cut at 24,000 characters ("StandardOutputContent: The first 24,000 characters written
 * by the plugin to stdout",
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html).
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { RunResult } from '../../src/inventory/paging.js'

export const SSM_OUTPUT_LIMIT = 24_000

export interface InstanceShell {
  run(script: string): Promise<RunResult>
  /** Every script run, in order, with its full stdout length (before SSM's cut). */
  runs: Array<{ script: string; stdoutLength: number; exitCode: number }>
  /** The scratch directory that stands for the instance's disk (its TMPDIR too). */
  dir: string
}

export function instanceShell(opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): InstanceShell {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'instance-'))
  const runs: InstanceShell['runs'] = []
  const run = (script: string): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      const file = path.join(dir, `_script-${runs.length}.sh`)
      fs.writeFileSync(file, script)
      const child = spawn('sh', [file], { cwd: dir, env: { ...process.env, TMPDIR: dir, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
      const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        const exitCode = code ?? -1
        runs.push({ script, stdoutLength: stdout.length, exitCode })
        resolve({
          exitCode,
          stdout: stdout.slice(0, SSM_OUTPUT_LIMIT),
          stderr: stderr.slice(0, SSM_OUTPUT_LIMIT),
          truncated: stdout.length > SSM_OUTPUT_LIMIT
        })
      })
    })
  return { run, runs, dir }
}
