/**
 * isNotFound (src/packer/release.ts), which the plugin install asks before it tries the next
 * place: only a download the mirror answered with 404, found through the chain of causes that
 * downloadVerified's label adds. Against a loopback server; see docs/testing.md.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { downloadVerified, isNotFound } from '../../src/packer/release.js'

let server: http.Server
let url: string
let runnerTemp: string

beforeAll(async () => {
  Object.assign(globalThis, { TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS: 0, TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS: 0 })
  runnerTemp = mkdtempSync(path.join(tmpdir(), 'pam-not-found-'))
  process.env.RUNNER_TEMP = runnerTemp
  // /404/… answers 404, /403/… 403: every file of a release under it.
  server = http.createServer((req, res) => res.writeHead(Number((req.url ?? '').split('/')[1]) || 500).end())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(runnerTemp, { recursive: true, force: true })
})

async function failure(status: number): Promise<unknown> {
  try {
    await downloadVerified({ mirror: `${url}/${status}`, signingKey: '', verifySignature: false }, { product: 'demo', version: '1.0.0', zipName: 'demo.zip', label: 'demo 1.0.0' })
  } catch (err) {
    return err
  }
  throw new Error('resolved, but should have failed')
}

describe('isNotFound', () => {
  it('is true for a download the mirror answered with 404, under the label downloadVerified adds', async () => {
    const err = await failure(404)
    expect((err as Error).message).toMatch(/^demo 1\.0\.0: download of .* failed: HTTP 404$/)
    expect(isNotFound(err)).toBe(true)
  })

  it('is false for another status, an error of another kind, a cause that is no error, and a thrown string', async () => {
    expect(isNotFound(await failure(403))).toBe(false)
    expect(isNotFound(new Error('HTTP 404'))).toBe(false)
    expect(isNotFound(new Error('wrapped', { cause: 'HTTP 404' }))).toBe(false)
    expect(isNotFound('404')).toBe(false)
  })
})
