import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { generateSigningKey, startMirror, type Mirror, type MirrorOptions } from '../support/mirror.js'
import { runAction, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const mirrors: Mirror[] = []

async function mirrorWith(opts: MirrorOptions): Promise<Mirror> {
  const mirror = await startMirror(opts)
  mirrors.push(mirror)
  return mirror
}

afterAll(async () => {
  await Promise.all(mirrors.map((m) => m.close()))
})

/** Validate mode: it installs Packer and runs it without AWS, which is all these tests need. */
function install(mirror: Mirror, inputs: Record<string, string>, toolCache?: string): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('packer'),
    toolCache,
    eventName: 'pull_request',
    inputs: {
      'packer-mirror': mirror.url,
      'packer-signing-key': mirror.publicKeyArmored,
      template: 'packer',
      ...inputs
    }
  })
}

const log = (run: RunResult): string => run.stdout + run.stderr

function cachedVersions(toolCache: string): string[] {
  try {
    return readdirSync(path.join(toolCache, 'packer'))
  } catch {
    return []
  }
}

describe('install from a mirror', () => {
  it('downloads, verifies and caches; a warm cache for an exact version makes no network call', async () => {
    const mirror = await mirrorWith({ versions: ['1.6.6'] })
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const cold = await install(mirror, { 'packer-version': '1.6.6' }, toolCache)
    expect(cold.code).toBe(0)
    expect(cold.outputs['packer-version']).toBe('1.6.6')
    expect(log(cold)).toContain('Signature on packer_1.6.6_SHA256SUMS verified')
    expect(mirror.requests).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/packer_1\.6\.6_linux_(amd64|arm64)\.zip$/),
        '/packer/1.6.6/packer_1.6.6_SHA256SUMS',
        `/packer/1.6.6/packer_1.6.6_SHA256SUMS.${mirror.keyId}.sig`
      ])
    )
    expect(cachedVersions(toolCache)).toEqual(['1.6.6'])

    const warm = await install({ ...mirror, url: 'http://127.0.0.1:9' }, { 'packer-version': '1.6.6' }, toolCache)
    expect(warm.code).toBe(0)
    expect(log(warm)).toContain('Packer 1.6.6 found in the tool cache')
  })

  it('falls back to the plain .sig of older releases', async () => {
    const mirror = await mirrorWith({ versions: ['1.6.6'], plainSigOnly: true })
    const run = await install(mirror, { 'packer-version': '1.6.6' })
    expect(run.code).toBe(0)
    expect(mirror.requests).toContain('/packer/1.6.6/packer_1.6.6_SHA256SUMS.sig')
  })

  it.each([
    ['latest', '1.6.6'],
    ['~1.5', '1.5.7'],
    ['>=1.5.0 <1.6.6', '1.6.5']
  ])('resolves %s to the highest stable match (%s)', async (spec, expected) => {
    const mirror = await mirrorWith({ versions: ['1.5.0', '1.5.7', '1.6.5', '1.6.6', '1.6.7-rc1', '1.6.7-beta2'] })
    const run = await install(mirror, { 'packer-version': spec })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(run.outputs['packer-version']).toBe(expected)
    expect(mirror.requests[0]).toBe('/packer/index.json')
  })
})

describe('refusing a bad download', () => {
  it.each<[string, MirrorOptions, RegExp]>([
    ['a tampered zip', { versions: ['1.6.6'], tamper: 'zip' }, /checksum check failed: packer_1\.6\.6_\w+_\w+\.zip has SHA-256/],
    ['SUMS changed after signing', { versions: ['1.6.6'], tamper: 'sums-after-signing' }, /signature check failed/]
  ])('%s fails and caches nothing', async (_name, opts, message) => {
    const mirror = await mirrorWith(opts)
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const run = await install(mirror, { 'packer-version': '1.6.6' }, toolCache)
    expect(run.code).not.toBe(0)
    expect(log(run)).toMatch(message)
    expect(cachedVersions(toolCache)).toEqual([])
  })

  it('refuses a mirror signed by another key when checking against the default HashiCorp key', async () => {
    const other = await generateSigningKey()
    const mirror = await mirrorWith({ versions: ['1.6.6'], signWith: other.privateKey, plainSigOnly: true })
    const run = await install(mirror, { 'packer-version': '1.6.6', 'packer-signing-key': '' })
    expect(run.code).not.toBe(0)
    expect(log(run)).toMatch(/signature check failed: SHA256SUMS is not signed by the trusted key/)
  })

  it('names a malformed packer-version before any download', async () => {
    const mirror = await mirrorWith({ versions: ['1.6.6'] })
    const run = await install(mirror, { 'packer-version': 'v1..6' })
    expect(run.code).not.toBe(0)
    expect(log(run)).toContain('packer-version: "v1..6" is not a version')
    expect(mirror.requests).toEqual([])
  })
})

describe('verify-signature: false', () => {
  const signatures = (mirror: Mirror): string[] => mirror.requests.filter((r) => r.endsWith('.sig'))

  it('still checks the SHA-256: a tampered zip fails and nothing is cached', async () => {
    const mirror = await mirrorWith({ versions: ['1.6.6'], tamper: 'zip' })
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const run = await install(mirror, { 'packer-version': '1.6.6', 'verify-signature': 'false' }, toolCache)
    expect(run.code).not.toBe(0)
    expect(log(run)).toMatch(/::error::checksum check failed: packer_1\.6\.6_\w+_\w+\.zip has SHA-256/)
    expect(cachedVersions(toolCache)).toEqual([])
    // The signature really was off: none was fetched, and the run said so.
    expect(signatures(mirror)).toEqual([])
    expect(log(run)).toContain('verify-signature is false: packer_1.6.6_SHA256SUMS is not checked against a signing key')
  })

  it('installs an intact release signed by a key nobody trusts, checking its SHA-256', async () => {
    const other = await generateSigningKey()
    const mirror = await mirrorWith({ versions: ['1.6.6'], signWith: other.privateKey })
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const run = await install(mirror, { 'packer-version': '1.6.6', 'verify-signature': 'false' }, toolCache)
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(log(run)).toMatch(/SHA-256 of packer_1\.6\.6_\w+_\w+\.zip verified/)
    expect(signatures(mirror)).toEqual([])
    expect(cachedVersions(toolCache)).toEqual(['1.6.6'])
  })
})

describe('a flaky mirror', () => {
  it('retries a dropped download and installs', async () => {
    const mirror = await mirrorWith({ versions: ['1.6.6'], drop: { path: /\.zip$/, times: 1 } })
    const run = await install(mirror, { 'packer-version': '1.6.6' })
    expect(log(run)).not.toContain('::error::')
    expect(run.code).toBe(0)
    expect(mirror.requests.filter((p) => p.endsWith('.zip'))).toHaveLength(2)
  }, 60_000)
})
