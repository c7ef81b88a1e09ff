import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * A Packer that outlived the step: found by the PID the main step saved, checked to still be
 * Packer (a PID can be reused), and stopped, on every runner OS. POSIX runners signal the
 * process group Packer was started in; Windows has no groups, so taskkill ends the tree.
 */
export interface ProcessTable {
  /** The command line of `pid`, or undefined when no such process runs. */
  commandLine(pid: number): string | undefined
  /** Asks the process (group) to stop, or forces it; whether it did is read back after. */
  signal(pid: number, force: boolean): void
}

export function processTable(platform: NodeJS.Platform = process.platform): ProcessTable {
  if (platform === 'win32') return windowsTable
  return { commandLine: platform === 'linux' ? procCommandLine : psCommandLine, signal: signalGroup }
}

export function isPacker(commandLine: string | undefined): boolean {
  if (commandLine === undefined) return false
  const program = commandLine.trim().split(/\s+/)[0] ?? ''
  return /(^|[\\/])packer(\.exe)?$/i.test(program)
}

/** True when Packer was running and is now gone; false when there was nothing to stop. */
export async function stopSurvivingPacker(pid: number, table: ProcessTable = processTable(), graceMs = 5000): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0 || !isPacker(table.commandLine(pid))) return false
  for (const [force, waitMs] of [[false, graceMs], [true, 2000]] as const) {
    table.signal(pid, force)
    for (let waited = 0; waited < waitMs && isPacker(table.commandLine(pid)); waited += 100) await sleep(100)
    if (!isPacker(table.commandLine(pid))) return true
  }
  return !isPacker(table.commandLine(pid))
}

function procCommandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')
  } catch {
    return undefined
  }
}

/** macOS (and any POSIX system with ps): `ps -o command=` prints the command line alone. */
function psCommandLine(pid: number): string | undefined {
  try {
    const out = execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out.trim() === '' ? undefined : out.trim()
  } catch {
    return undefined
  }
}

function signalGroup(pid: number, force: boolean): void {
  try {
    process.kill(-pid, force ? 'SIGKILL' : 'SIGTERM')
  } catch {
    // The group is already gone: what the caller reads back next.
  }
}

const windowsTable: ProcessTable = {
  commandLine(pid) {
    try {
      const out = execFileSync('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        windowsHide: true
      })
      return imageNameFromTasklist(out, pid)
    } catch {
      return undefined
    }
  },
  signal(pid, force) {
    try {
      execFileSync('taskkill', ['/PID', String(pid), '/T', ...(force ? ['/F'] : [])], { stdio: 'ignore', windowsHide: true })
    } catch {
      // A console program may refuse a polite taskkill; the forced one follows.
    }
  }
}

/**
 * `tasklist /FO CSV /NH` prints `"packer.exe","1234","Console","1","52,000 K"` per process, or
 * an INFO line when none matches. The image name stands in for the command line.
 */
export function imageNameFromTasklist(output: string, pid: number): string | undefined {
  for (const line of output.split(/\r?\n/)) {
    const fields = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1])
    if (fields.length >= 2 && Number(fields[1]) === pid) return fields[0]
  }
  return undefined
}
