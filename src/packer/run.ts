import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import { createInterface } from 'node:readline'
import { StringDecoder } from 'node:string_decoder'
import { setTimeout as sleep } from 'node:timers/promises'
import { crashReport, directEnv, routeLine } from './direct.js'

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
  /** Called when the runner's SIGINT or SIGTERM arrives, before it is forwarded. */
  onSignal?: (signal: NodeJS.Signals) => void
  /**
   * Packer writes its stdout here (its stderr beside it, `.stderr`), read back as it grows,
   * instead of into a pipe: a pipe dies with the node process, and Packer with it at its next
   * line, mid-build and without its own cleanup, when the runner kills the step.
   */
  outputFile?: string
}

/** What Packer printed on both streams, for an error message or a report. */
export function printed(run: PackerRun): string {
  return (run.stdout + '\n' + run.stderr).trim()
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** How much of Packer's log (its stderr without its parent) is kept to find a crash in. */
const LOG_TAIL_BYTES = 512 * 1024

/**
 * Runs Packer without a shell, in its own process group, and without its second process
 * (direct.ts) unless PACKER_LOG asks for Packer's log. With its parent, Packer ignores a SIGINT
 * sent to its PID alone, so the runner's SIGINT and SIGTERM are forwarded to the whole group
 * either way: Packer's own cleanup starts at once.
 */
export async function runPacker(binary: string, args: string[], opts: RunOptions): Promise<PackerRun> {
  const direct = directEnv(opts.env)
  if (direct === undefined) return spawnPacker(binary, args, opts)
  const shown: string[] = []
  const errors: string[] = []
  const onLine = (line: string): void => {
    const routed = routeLine(line)
    if (routed.stream === 'stderr') return void errors.push(routed.text)
    shown.push(routed.text)
    opts.onLine?.(routed.text)
  }
  const run = await spawnPacker(binary, args, { ...opts, env: direct, onLine })
  const stderr = [...errors, crashReport(run.stderr, run.code)].filter((part) => part !== '').join('\n')
  return { code: run.code, stdout: shown.join('\n'), stderr }
}

function spawnPacker(binary: string, args: string[], opts: RunOptions): Promise<PackerRun> {
  return opts.outputFile !== undefined ? runIntoFile(binary, args, opts, opts.outputFile) : runPiped(binary, args, opts)
}

function runPiped(binary: string, args: string[], opts: RunOptions): Promise<PackerRun> {
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
    let kept = 0
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err.push(chunk)
      kept += chunk.length
      while (kept > LOG_TAIL_BYTES && err.length > 1) kept -= err.shift()?.length ?? 0
    })
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

/** How often the growing output file is read while Packer runs. */
const TAIL_MS = 25

async function runIntoFile(binary: string, args: string[], opts: RunOptions, file: string): Promise<PackerRun> {
  const errFile = `${file}.stderr`
  const out = fs.openSync(file, 'a', 0o600)
  const err = fs.openSync(errFile, 'a', 0o600)
  let child
  try {
    child = spawn(binary, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', out, err] })
  } finally {
    fs.closeSync(out)
    fs.closeSync(err)
  }
  const forward = (signal: NodeJS.Signals): void => {
    opts.onSignal?.(signal)
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, signal)
      } catch {
        // The group is gone already.
      }
    }
  }
  for (const signal of FORWARDED) process.on(signal, forward)
  let settled: { code: number | null; signal: NodeJS.Signals | null } | Error | undefined
  const exited = new Promise<void>((resolve) => {
    child.once('error', (e) => resolve(void (settled = new Error(`could not start ${binary}: ${e.message}`))))
    child.once('exit', (code, signal) => resolve(void (settled = { code, signal })))
  })
  try {
    if (child.pid !== undefined) opts.onStart?.(child.pid)
    const lines: string[] = []
    const tail = new FileTail(file, (line) => {
      lines.push(line)
      opts.onLine?.(line)
    })
    while (settled === undefined) {
      tail.read()
      await Promise.race([sleep(TAIL_MS), exited])
    }
    if (settled instanceof Error) throw settled
    tail.read()
    tail.flush()
    const { code, signal } = settled
    return { code: code ?? (signal === null ? 1 : 128), stdout: lines.join('\n'), stderr: readTail(errFile, LOG_TAIL_BYTES) }
  } finally {
    for (const s of FORWARDED) process.off(s, forward)
  }
}

/** The last `bytes` of a file, from the first whole line in them. */
function readTail(file: string, bytes: number): string {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const start = Math.max(0, size - bytes)
    const buffer = Buffer.alloc(size - start)
    fs.readSync(fd, buffer, 0, buffer.length, start)
    const text = buffer.toString('utf8')
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1)
  } finally {
    fs.closeSync(fd)
  }
}

/** Reads a file as it grows, line by line; a last line without its newline waits for flush(). */
class FileTail {
  private position = 0
  private partial = ''
  private readonly decoder = new StringDecoder('utf8')

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void
  ) {}

  read(): void {
    const fd = fs.openSync(this.file, 'r')
    try {
      const buffer = Buffer.alloc(64 * 1024)
      for (;;) {
        const n = fs.readSync(fd, buffer, 0, buffer.length, this.position)
        if (n === 0) break
        this.position += n
        const text = this.partial + this.decoder.write(buffer.subarray(0, n))
        const parts = text.split('\n')
        this.partial = parts.pop() ?? ''
        for (const line of parts) this.onLine(line.replace(/\r$/, ''))
      }
    } finally {
      fs.closeSync(fd)
    }
  }

  flush(): void {
    if (this.partial !== '') this.onLine(this.partial)
    this.partial = ''
  }
}
