/**
 * Real command-line tools the tests depend on. Only Debian's packages are
 * reachable from this workplace, so a missing tool is installed with apt-get
 * rather than downloaded, and the same code works on a fresh CI machine.
 */
import { execFileSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'

/** Absolute path of `command` as a shell would find it on PATH, if any. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue
    const candidate = path.resolve(dir, command)
    if (isExecutableFile(candidate)) return candidate
  }
  return undefined
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/** apt's package lists only need refreshing once, however many tools are missing. */
let aptUpdated = false

function aptGet(args: string[]): void {
  // apt's chatter goes to stderr so it never mixes into output a test parses.
  execFileSync('apt-get', args, {
    stdio: ['ignore', 2, 2],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  })
}

/**
 * Path of `command`, installing Debian package `debianPackage` first when the
 * command is not on PATH yet.
 */
export function ensureDebianCommand(command: string, debianPackage: string): string {
  const existing = findOnPath(command)
  if (existing !== undefined) return existing
  try {
    if (!aptUpdated) {
      aptGet(['update'])
      aptUpdated = true
    }
    aptGet(['install', '-y', debianPackage])
  } catch (error) {
    throw new Error(
      `'${command}' is not on PATH and installing Debian package '${debianPackage}' failed ` +
        "(apt-get's own output is just above; it needs root and a reachable package mirror)",
      { cause: error }
    )
  }
  const installed = findOnPath(command)
  if (installed === undefined) {
    throw new Error(`'${command}' is still not on PATH after apt-get install -y ${debianPackage}`)
  }
  return installed
}

/** Absolute path of a real `packer` binary (Debian ships 1.6.6). */
export function ensurePacker(): string {
  return ensureDebianCommand('packer', 'packer')
}
