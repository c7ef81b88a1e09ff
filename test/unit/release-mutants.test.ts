/**
 * downloadVerified and fetchReleaseIndex (src/packer/release.ts) against a loopback release
 * site of a made-up product, so Stryker's mutants of release.ts meet a unit test (the install
 * tests run the bundle, which holds none). Each case checks the files asked for, what is
 * returned or refused, and what the log says; see docs/testing.md.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as openpgp from 'openpgp'
import { downloadVerified, fetchReleaseIndex, type ReleaseSite, type VerifiedDownload } from '../../src/packer/release.js'
import { keyIdSuffix } from '../../src/packer/verify.js'
import { capturedStdout } from '../support/stdout.js'

const PRODUCT = 'demo'
const VERSION = '1.2.3'
const ZIP = `${PRODUCT}_${VERSION}_linux_amd64.zip`
const SUMS = `${PRODUCT}_${VERSION}_SHA256SUMS`
const zip = Buffer.from('PK\u0003\u0004 the release zip')
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

/** Path → body, or an HTTP status to answer instead. */
type Files = Record<string, Buffer | string | number>

let server: http.Server
let url: string
let files: Files = {}
let requests: string[] = []
let runnerTemp: string
let publicKey: string
let keyId: string
let privateKey: openpgp.PrivateKey
let otherPrivateKey: openpgp.PrivateKey

async function sign(data: Buffer, key: openpgp.PrivateKey = privateKey): Promise<Buffer> {
  const signed = await openpgp.sign({ message: await openpgp.createMessage({ binary: data }), signingKeys: key, detached: true, format: 'binary' })
  return Buffer.from(signed as Uint8Array)
}

const sumsFor = (z: Buffer): Buffer => Buffer.from(`${'0'.repeat(64)}  ${PRODUCT}_${VERSION}_darwin_arm64.zip\n${sha256(z)}  ${ZIP}\n`)

/** A complete release: the zip, SUMS and the key-id-suffixed signature. */
async function release(over: Files = {}): Promise<void> {
  const sums = sumsFor(zip)
  files = {
    [`/${PRODUCT}/${VERSION}/${ZIP}`]: zip,
    [`/${PRODUCT}/${VERSION}/${SUMS}`]: sums,
    [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: await sign(sums),
    ...over
  }
}

const site = (verifySignature = true): ReleaseSite => ({ mirror: url, signingKey: publicKey, verifySignature })
const wanted = (label = 'demo 1.2.3'): VerifiedDownload => ({ product: PRODUCT, version: VERSION, zipName: ZIP, label })
const asked = (): string[] => requests.map((r) => r.replace(`/${PRODUCT}/${VERSION}/`, '')).sort()

/** The error `call` rejects with; fails the test when it resolves. */
async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call
  } catch (err) {
    return err as Error
  }
  throw new Error('resolved, but should have failed')
}

/** What @actions/core wrote to stdout: its info lines and its ::warning:: commands. */
const out = capturedStdout()

beforeAll(async () => {
  // tool-cache retries 5xx and network errors 10 to 20 s apart; these globals are its own knob.
  Object.assign(globalThis, { TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS: 0, TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS: 0 })
  runnerTemp = mkdtempSync(path.join(tmpdir(), 'pam-release-'))
  process.env.RUNNER_TEMP = runnerTemp
  const make = (name: string) => openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name }], format: 'object' })
  const trusted = await make('trusted')
  privateKey = trusted.privateKey
  otherPrivateKey = (await make('other')).privateKey
  publicKey = trusted.publicKey.armor()
  keyId = await keyIdSuffix(publicKey)
  server = http.createServer((req, res) => {
    const p = (req.url ?? '').split('?')[0]
    requests.push(p)
    const body = files[p]
    if (body === undefined || typeof body === 'number') {
      res.writeHead(body ?? 404).end()
      return
    }
    res.writeHead(200).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

beforeEach(() => {
  requests = []
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(runnerTemp, { recursive: true, force: true })
})

describe('downloadVerified with the signature checked', () => {
  it('returns the downloaded zip after the suffixed signature and the SHA-256 check, and says so', async () => {
    await release()
    const zipPath = await downloadVerified(site(), wanted())
    expect(readFileSync(zipPath)).toEqual(zip)
    expect(asked()).toEqual([SUMS, `${SUMS}.${keyId}.sig`, ZIP].sort())
    expect(out).toContain(`Signature on ${SUMS} verified\n`)
    expect(out).toContain(`SHA-256 of ${ZIP} verified\n`)
    expect(out.join('')).not.toContain('::warning::')
  })

  it('an older release with only the plain .sig: asks for the suffixed one first, then takes the plain one', async () => {
    const sums = sumsFor(zip)
    await release({ [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: 404, [`/${PRODUCT}/${VERSION}/${SUMS}.sig`]: await sign(sums) })
    await expect(downloadVerified(site(), wanted())).resolves.toBeDefined()
    expect(requests.filter((r) => r.endsWith('.sig'))).toEqual([`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`, `/${PRODUCT}/${VERSION}/${SUMS}.sig`])
  })

  it('neither signature file: refuses, naming both', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: 404 })
    await expect(downloadVerified(site(), wanted())).rejects.toThrow(
      `demo 1.2.3: signature check failed: ${url}/${PRODUCT}/${VERSION} has neither ${SUMS}.${keyId}.sig nor ${SUMS}.sig`
    )
  })

  it('a suffixed signature the mirror refuses (403, not 404) fails at once: the plain one is not taken instead', async () => {
    const sums = sumsFor(zip)
    await release({ [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: 403, [`/${PRODUCT}/${VERSION}/${SUMS}.sig`]: await sign(sums) })
    await expect(downloadVerified(site(), wanted())).rejects.toThrow(`demo 1.2.3: download of ${url}/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig failed: HTTP 403`)
    expect(requests).not.toContain(`/${PRODUCT}/${VERSION}/${SUMS}.sig`)
  })

  it('SUMS signed by another key: refused with the label, the zip never vouched for', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: await sign(sumsFor(zip), otherPrivateKey) })
    await expect(downloadVerified(site(), wanted())).rejects.toThrow(/^demo 1\.2\.3: signature check failed: SHA256SUMS is not signed by the trusted key/)
    expect(out.join('')).not.toContain('verified')
  })

  it('a zip that differs from its signed SUMS line: refused, the label first and the cause kept', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${ZIP}`]: Buffer.from('tampered') })
    const err = await failure(downloadVerified(site(), wanted()))
    expect(err).toBeInstanceOf(Error)
    expect(err.message).toMatch(new RegExp(`^demo 1\\.2\\.3: checksum check failed: ${ZIP} has SHA-256 ${sha256(Buffer.from('tampered'))}`))
    expect(err.cause).toBeInstanceOf(Error)
    expect(out).toContain(`Signature on ${SUMS} verified\n`)
    expect(out).not.toContain(`SHA-256 of ${ZIP} verified\n`)
  })

  it('with no label the message is the check alone', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${ZIP}`]: Buffer.from('tampered') })
    await expect(downloadVerified(site(), wanted(''))).rejects.toThrow(/^checksum check failed: /)
  })
})

describe('downloadVerified with verify-signature false', () => {
  it('asks for no signature, warns that SUMS is unchecked, and still checks the SHA-256', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${SUMS}.${keyId}.sig`]: 500 })
    const zipPath = await downloadVerified(site(false), wanted())
    expect(readFileSync(zipPath)).toEqual(zip)
    expect(asked()).toEqual([SUMS, ZIP].sort())
    expect(out.join('')).toContain(`::warning::verify-signature is false: ${SUMS} is not checked against a signing key`)
    expect(out).toContain(`SHA-256 of ${ZIP} verified\n`)
  })

  it('refuses a tampered zip all the same', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${ZIP}`]: Buffer.from('tampered') })
    await expect(downloadVerified(site(false), wanted())).rejects.toThrow(/^demo 1\.2\.3: checksum check failed: /)
    expect(out).not.toContain(`SHA-256 of ${ZIP} verified\n`)
  })
})

describe('downloadVerified when a download fails', () => {
  it('a missing zip names its URL and the HTTP status, after the label', async () => {
    await release({ [`/${PRODUCT}/${VERSION}/${ZIP}`]: 404 })
    await expect(downloadVerified(site(false), wanted())).rejects.toThrow(`demo 1.2.3: download of ${url}/${PRODUCT}/${VERSION}/${ZIP} failed: HTTP 404`)
  })

  it('a mirror that does not answer: the error of the connection, after the URL', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    const err = await failure(downloadVerified({ ...site(false), mirror: dead }, wanted()))
    expect(err.message).toMatch(new RegExp(`^demo 1\\.2\\.3: download of ${dead}/${PRODUCT}/${VERSION}/\\S+ failed: `))
    expect(err.message).not.toMatch(/failed: HTTP /)
    expect(err.message).toMatch(/ECONNREFUSED/)
  })
})

describe('fetchReleaseIndex', () => {
  it('reads index.json', async () => {
    files = { [`/${PRODUCT}/index.json`]: JSON.stringify({ name: PRODUCT, versions: { [VERSION]: { version: VERSION } } }) }
    await expect(fetchReleaseIndex(url, PRODUCT)).resolves.toEqual({ name: PRODUCT, versions: { [VERSION]: { version: VERSION } } })
    expect(requests).toEqual([`/${PRODUCT}/index.json`])
  })

  it.each([
    ['that is not JSON', '<html>mirror</html>', /packer-mirror: .* is not a release index \(.*JSON/],
    ['without versions', '{"name":"demo"}', /packer-mirror: .* is not a release index \(no "versions" object\)/],
    ['with versions null', '{"versions":null}', /is not a release index \(no "versions" object\)/],
    ['with versions a string', '{"versions":"1.2.3"}', /is not a release index \(no "versions" object\)/]
  ])('refuses an index %s, naming its URL', async (_name, body, message) => {
    files = { [`/${PRODUCT}/index.json`]: body }
    const err = await failure(fetchReleaseIndex(url, PRODUCT))
    expect(err.message).toMatch(message)
    expect(err.message).toContain(`${url}/${PRODUCT}/index.json`)
    expect(err.cause).toBeInstanceOf(Error)
  })

  it('a missing index names its URL and the status', async () => {
    files = {}
    await expect(fetchReleaseIndex(url, PRODUCT)).rejects.toThrow(`download of ${url}/${PRODUCT}/index.json failed: HTTP 404`)
  })
})
