import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import * as fs from 'node:fs'
import type { ReleaseIndex } from './versions.js'

/**
 * HashiCorp's release layout, shared by Packer and its official plugins:
 * `{mirror}/{product}/index.json`, and under `{mirror}/{product}/{version}/` the zip, the
 * `{product}_{version}_SHA256SUMS` and its detached signature.
 */
export interface ReleaseSite {
  mirror: string
  signingKey: string
  verifySignature: boolean
}

export interface VerifiedDownload {
  product: string
  version: string
  zipName: string
  /** Prefixes every failure, so the user knows what was being installed. */
  label: string
}

export async function fetchReleaseIndex(mirror: string, product: string): Promise<ReleaseIndex> {
  const url = `${mirror}/${product}/index.json`
  const file = await fetchFile(url)
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseIndex
    if (typeof index.versions !== 'object' || index.versions === null) throw new Error('no "versions" object')
    return index
  } catch (err) {
    throw new Error(`packer-mirror: ${url} is not a release index (${(err as Error).message})`, { cause: err })
  }
}

/**
 * Downloads the zip, SHA256SUMS and its signature; checks the signature with the key, then the
 * zip's SHA-256 against SUMS. Returns the verified zip's path; any failure names the check.
 */
export async function downloadVerified(site: ReleaseSite, d: VerifiedDownload): Promise<string> {
  const base = `${site.mirror}/${d.product}/${d.version}`
  const sumsName = `${d.product}_${d.version}_SHA256SUMS`
  // OpenPGP is most of the bundle's weight and only a download needs it: it loads beside the download.
  const verifying = verifier()
  verifying.catch(() => undefined)
  const [zipPath, sumsPath, sigPath] = await Promise.all([
    fetchFile(`${base}/${d.zipName}`),
    fetchFile(`${base}/${sumsName}`),
    site.verifySignature ? downloadSignature(base, sumsName, site.signingKey) : Promise.resolve(undefined)
  ]).catch((err: unknown) => {
    throw labelled(d.label, err)
  })
  const sums = fs.readFileSync(sumsPath)
  const { verifyChecksum, verifySignature } = await verifying
  try {
    if (sigPath === undefined) {
      core.warning(`verify-signature is false: ${sumsName} is not checked against a signing key`)
    } else {
      await verifySignature(sums, fs.readFileSync(sigPath), site.signingKey)
      core.info(`Signature on ${sumsName} verified`)
    }
    verifyChecksum(sums.toString('utf8'), d.zipName, fs.readFileSync(zipPath))
  } catch (err) {
    throw labelled(d.label, err)
  }
  core.info(`SHA-256 of ${d.zipName} verified`)
  return zipPath
}

let verifyModule: Promise<typeof import('./verify.js')> | undefined

function verifier(): Promise<typeof import('./verify.js')> {
  verifyModule ??= import('./verify.js')
  return verifyModule
}

function labelled(label: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err)
  return new Error(label === '' ? message : `${label}: ${message}`, { cause: err })
}

/** The key-id-suffixed signature is the current one; older releases only have the plain name. */
async function downloadSignature(base: string, sumsName: string, signingKey: string): Promise<string> {
  const keyId = await (await verifier()).keyIdSuffix(signingKey)
  for (const name of [`${sumsName}.${keyId}.sig`, `${sumsName}.sig`]) {
    try {
      return await fetchFile(`${base}/${name}`)
    } catch (err) {
      if (!(err instanceof DownloadError) || err.status !== 404) throw err
    }
  }
  throw new Error(`signature check failed: ${base} has neither ${sumsName}.${keyId}.sig nor ${sumsName}.sig`)
}

/** True when `err`, or an error it was caused by, is a download the mirror answered with 404. */
export function isNotFound(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) if (e instanceof DownloadError && e.status === 404) return true
  return false
}

class DownloadError extends Error {
  constructor(
    url: string,
    readonly status: number | undefined,
    cause: string
  ) {
    super(`download of ${url} failed: ${cause}`)
  }
}

/** tool-cache retries 5xx, 408, 429 and network errors; this only names the URL that failed. */
async function fetchFile(url: string): Promise<string> {
  try {
    return await tc.downloadTool(url)
  } catch (err) {
    const status = err instanceof tc.HTTPError ? err.httpStatusCode : undefined
    throw new DownloadError(url, status, status === undefined ? (err as Error).message : `HTTP ${status}`)
  }
}
