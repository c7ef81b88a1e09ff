import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface PackerRun {
  code: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd: string
  env: NodeJS.ProcessEnv
  /** Called with each stdout line as it arrives. */
  onLine?: (line: string) => void
  /** Called once Packer runs, with the id of its process group. */
  onStart?: (pid: number) => void
}

/** What Packer printed on both streams, for an error message or a report. */
export function printed(run: PackerRun): string {
  return (run.stdout + '\n' + run.stderr).trim()
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/**
 * Runs Packer without a shell, in its own process group. Packer re-executes itself under a
 * wrapper that ignores a SIGINT sent to its PID alone, so the runner's SIGINT and SIGTERM are
 * forwarded to the whole group: Packer's own cleanup starts at once.
 */
export function runPacker(binary: string, args: string[], opts: RunOptions): Promise<PackerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const forward = (signal: NodeJS.Signals): void => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal)
    }
    for (const signal of FORWARDED) process.on(signal, forward)
    if (child.pid !== undefined) opts.onStart?.(child.pid)
    const out: string[] = []
    const err: string[] = []
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      out.push(line)
      opts.onLine?.(line)
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk))
    child.on('error', (e) => {
      for (const signal of FORWARDED) process.off(signal, forward)
      reject(new Error(`could not start ${binary}: ${e.message}`))
    })
    const closed = new Promise<void>((done) => lines.on('close', done))
    child.on('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward)
      void closed.then(() =>
        resolve({ code: code ?? (signal === null ? 1 : 128), stdout: out.join('\n'), stderr: err.join('') })
      )
    })
  })
}
