/**
 * Runs the bundled action the way a GitHub-hosted runner does: a separate
 * node process, inputs as INPUT_* variables, and the file-based commands
 * (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_STEP_SUMMARY) read back afterwards.
 * Testing dist/ rather than src/ proves the shipped bundle works.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The commit every run pretends to build, for tests that expect it in tags or summaries. */
export const githubSha = '3f7a2c9e1b4d8f60a5e2c7b9d1f3a6e8c0b2d4f6'

export interface RunOptions {
  inputs: Record<string, string>
  /** Applied last, so it can override any runner variable. */
  env?: Record<string, string>
  /** Default 'push'. */
  eventName?: string
  /** Written to GITHUB_EVENT_PATH as JSON; default {}. */
  event?: unknown
  /** GITHUB_WORKSPACE and the process's cwd; default a fresh temp dir. */
  cwd?: string
  /** RUNNER_TOOL_CACHE; default a fresh temp dir. Share one to test cache hits. */
  toolCache?: string
  entry?: 'index' | 'post'
  /** Passed as STATE_<name>, as the runner does for a post step. */
  state?: Record<string, string>
  /** Default 120000. */
  timeoutMs?: number
  /** Called once the action runs, to watch it and signal it as a runner would on cancel. */
  onSpawn?: (live: LiveRun) => void
}

/** The running action: its process group, its state file, and its output so far. */
export interface LiveRun {
  pid: number
  stateFile: string
  stdout: () => string
}

export interface RunResult {
  /** null when the process died of a signal. */
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  state: Record<string, string>
  runnerTemp: string
}

const DEFAULT_TIMEOUT_MS = 120_000
const TAIL_CHARS = 4_000

/** The Node major action.yml declares (`runs.using: node24`). */
const ACTION_NODE_MAJOR = 24

let checkedActionNode: string | undefined

/**
 * The node binary that runs the bundle: $ACTION_NODE when set (CI points it at a
 * Node 24, see test/support/node24.ts), else the node running jest. A set
 * ACTION_NODE is checked once to run and to be Node 24, so a wrong path fails
 * every test with this message rather than passing under some other node.
 */
export function actionNode(): string {
  const binary = process.env.ACTION_NODE
  if (binary === undefined || binary === '') return process.execPath
  if (checkedActionNode === binary) return binary
  let version: string
  try {
    version = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim()
  } catch (error) {
    throw new Error(`ACTION_NODE=${binary} does not run: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
  const major = /^v(\d+)\./.exec(version)?.[1]
  if (major !== String(ACTION_NODE_MAJOR)) {
    throw new Error(`ACTION_NODE=${binary} reports ${JSON.stringify(version)}, expected Node ${ACTION_NODE_MAJOR} (action.yml runs the bundle on node${ACTION_NODE_MAJOR})`)
  }
  checkedActionNode = binary
  return binary
}

/** The runner's names for this machine, as RUNNER_OS and RUNNER_ARCH spell them. */
function runnerOs(): string {
  return ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[process.platform] ?? 'Linux'
}

function runnerArch(): string {
  return ({ x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' } as Record<string, string>)[process.arch] ?? 'X64'
}

/** @actions/core reads input `name` from INPUT_<NAME>, spaces as underscores and hyphens kept. */
function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

function emptyFile(dir: string, name: string): string {
  const file = path.join(dir, name)
  writeFileSync(file, '')
  return file
}

function freshDir(parent: string, name: string): string {
  const dir = path.join(parent, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * Reads a GITHUB_OUTPUT / GITHUB_STATE file: `name<<DELIM` heredocs as
 * @actions/core writes them, and plain `name=value` lines as shell steps do.
 */
export function parseCommandFile(content: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = content.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name, delimiter] = heredoc
      const end = lines.indexOf(delimiter, i + 1)
      if (end === -1) throw new Error(`unterminated ${name}<<${delimiter} in command file`)
      result[name] = lines.slice(i + 1, end).join('\n')
      i = end
      continue
    }
    const plain = /^([^=]+)=(.*)$/.exec(line)
    if (plain !== null) result[plain[1]] = plain[2]
  }
  return result
}

function tail(text: string): string {
  return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text
}

/** The run, or an error carrying its whole log, so a failed step shows why. */
export function succeeded(run: RunResult): RunResult {
  if (run.code !== 0) throw new Error(`the action failed (${run.code}):\n${run.stdout}\n${run.stderr}`)
  return run
}

export async function runAction(opts: RunOptions): Promise<RunResult> {
  const node = actionNode()
  const base = mkdtempSync(path.join(tmpdir(), 'packer-ami-action-run-'))
  const files = freshDir(base, 'files')
  const runnerTemp = freshDir(base, 'runner-temp')
  const toolCache = opts.toolCache ?? freshDir(base, 'tool-cache')
  const cwd = opts.cwd ?? freshDir(base, 'workspace')
  const eventPath = path.join(files, 'event.json')
  writeFileSync(eventPath, JSON.stringify(opts.event ?? {}))

  const commandFiles = {
    GITHUB_OUTPUT: emptyFile(files, 'output'),
    GITHUB_STATE: emptyFile(files, 'state'),
    GITHUB_STEP_SUMMARY: emptyFile(files, 'step-summary.md'),
    GITHUB_ENV: emptyFile(files, 'env'),
    GITHUB_PATH: emptyFile(files, 'path')
  }

  // Built from scratch so nothing from the developer's shell (AWS_* above all)
  // can make a test pass that would fail on a clean runner.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? base,
    LANG: process.env.LANG ?? 'C.UTF-8',
    ...Object.fromEntries(Object.entries(opts.inputs).map(([name, value]) => [inputVariable(name), value])),
    ...Object.fromEntries(Object.entries(opts.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])),
    ...commandFiles,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_REPOSITORY: 'acme/images',
    GITHUB_SHA: githubSha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_WORKFLOW: 'images',
    GITHUB_JOB: 'build',
    GITHUB_ACTION: 'packer-ami-action',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: cwd,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
    RUNNER_OS: runnerOs(),
    RUNNER_ARCH: runnerArch(),
    ...opts.env
  }

  const script = path.join(repoRoot, 'dist', ...(opts.entry === 'post' ? ['post', 'index.js'] : ['index.js']))
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  // A process group of its own, so a timeout also kills the packer it started.
  const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  if (child.pid !== undefined) opts.onSpawn?.({ pid: child.pid, stateFile: commandFiles.GITHUB_STATE, stdout: () => stdout })

  const code = await new Promise<number | null>((resolve, reject) => {
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group emptied between the timer firing and the kill: nothing left to stop.
      }
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (exitCode) => {
      clearTimeout(timer)
      if (timedOut) {
        reject(
          new Error(
            `${path.relative(repoRoot, script)} ran longer than ${timeoutMs} ms and was killed\n` +
              `--- stdout (tail) ---\n${tail(stdout)}\n--- stderr (tail) ---\n${tail(stderr)}`
          )
        )
      } else {
        resolve(exitCode)
      }
    })
  })

  return {
    code,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(commandFiles.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(commandFiles.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseCommandFile(readFileSync(commandFiles.GITHUB_STATE, 'utf8')),
    runnerTemp
  }
}
