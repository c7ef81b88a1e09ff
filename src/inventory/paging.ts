/** Runs the inventory scripts page by page and puts the listing back together. */
import { gunzipSync } from 'node:zlib'
import { collectScript, pageScript, PAGE_SIZE, type Platform } from './scripts.js'

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
  /** SSM cut stdout at 24,000 characters. */
  truncated: boolean
}

/** Executes a script on the instance: AWS-RunShellScript or AWS-RunPowerShellScript through SSM. */
export type RunScript = (script: string) => Promise<RunResult>

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The listing's text; throws, saying which run, when a script fails or its output is not whole. */
export async function readListing(run: RunScript, platform: Platform, nonce: string, page = PAGE_SIZE): Promise<{ listing: string; runs: number }> {
  const first = checked(await run(collectScript(platform, nonce, page)), 'the inventory script')
  const newline = first.indexOf('\n')
  const size = Number(first.slice(0, newline).trim())
  if (newline < 0 || !Number.isSafeInteger(size) || size <= 0) {
    throw new Error(`the inventory script printed no payload length: "${first.slice(0, 80)}"`)
  }
  let payload = first.slice(newline + 1).trim()
  let runs = 1
  while (payload.length < size) {
    const last = payload.length + page >= size
    const chunk = checked(await run(pageScript(platform, nonce, payload.length, last, page)), `the inventory page at ${payload.length}`).trim()
    runs++
    if (chunk === '') throw new Error(`the inventory page at ${payload.length} of ${size} was empty`)
    payload += chunk
  }
  if (payload.length !== size || !BASE64.test(payload)) {
    throw new Error(`the inventory payload is ${payload.length} characters of ${size}, or not base64`)
  }
  let listing: string
  try {
    listing = gunzipSync(Buffer.from(payload, 'base64')).toString('utf8')
  } catch (err) {
    throw new Error(`the inventory payload does not decompress (${(err as Error).message}): its pages do not fit together`, { cause: err })
  }
  return { listing, runs }
}

function checked(result: RunResult, what: string): string {
  if (result.exitCode !== 0) {
    throw new Error(`${what} exited with ${result.exitCode}: ${tail(result.stderr) || tail(result.stdout)}`)
  }
  if (result.truncated) throw new Error(`${what} printed more than SSM returns (24,000 characters)`)
  return result.stdout
}

function tail(text: string): string {
  const t = text.trim()
  return t.length > 500 ? `…${t.slice(-500)}` : t
}
