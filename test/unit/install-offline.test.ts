/**
 * A packer-version range when the mirror cannot be read: the newest cached release in the range,
 * with a warning; none cached: an error naming the range, the index it needed and the way out.
 * The mirror is a loopback port nothing listens on; the tool cache is laid out as
 * @actions/tool-cache lays it out ({cache}/packer/{version}/{arch} and {arch}.complete).
 */
import { jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installPacker } from '../../src/packer/install.js'

let cache: string
let closedPort: number

beforeAll(async () => {
  Object.assign(globalThis, { TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS: 0, TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS: 0 })
  // A port that was free a moment ago: connections to it are refused.
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
})

beforeEach(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'pam-offline-cache-'))
  process.env.RUNNER_TOOL_CACHE = cache
  process.env.RUNNER_TEMP = mkdtempSync(path.join(tmpdir(), 'pam-offline-temp-'))
})

afterEach(() => rmSync(cache, { recursive: true, force: true }))

function cached(version: string): void {
  const dir = path.join(cache, 'packer', version, process.arch)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'packer'), '#!/bin/sh\n', { mode: 0o755 })
  writeFileSync(`${dir}.complete`, '')
}

const request = (spec: string) => ({ spec, mirror: `http://127.0.0.1:${closedPort}`, signingKey: '', verifySignature: true })

it('uses the newest cached release in the range, and warns', async () => {
  cached('1.6.5')
  cached('1.6.6')
  cached('1.7.0')
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
  try {
    const installed = await installPacker(request('1.6'))
    expect(installed).toMatchObject({ version: '1.6.6', fromCache: true })
  } finally {
    spy.mockRestore()
  }
  expect(written.join('')).toMatch(/::warning::packer-version: could not read http:\/\/127\.0\.0\.1:\d+\/packer\/index\.json \(.+\); using Packer 1\.6\.6, the newest release in the tool cache matching "1\.6"/)
})

it('with nothing cached in the range, fails naming the range and the index', async () => {
  cached('1.7.0')
  await expect(installPacker(request('~1.6'))).rejects.toThrow(
    new RegExp(`^packer-version: "~1\\.6" is a range, resolved against http://127\\.0\\.0\\.1:${closedPort}/packer/index\\.json, which could not be read \\(.+\\); an exact version \\(1\\.11\\.2\\) in the tool cache needs no network$`)
  )
})
