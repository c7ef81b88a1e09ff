import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { TOOL_NAME } from '../constants.js'
import { keyIdSuffix, verifyChecksum, verifySignature } from './verify.js'
import { isExactVersion, platform, resolveVersion, type ReleaseIndex } from './versions.js'

export interface InstallRequest {
  spec: string
  mirror: string
  signingKey: string
  verifySignature: boolean
}

export interface InstalledPacker {
  version: string
  /** Absolute path of the packer executable. */
  binary: string
  fromCache: boolean
}

/**
 * Finds Packer in the tool cache, or downloads, verifies, extracts and caches it; either way it
 * ends up on PATH. An exact version already in the cache makes no network call.
 */
export async function installPacker(req: InstallRequest): Promise<InstalledPacker> {
  const exe = process.platform === 'win32' ? 'packer.exe' : 'packer'
  const version = isExactVersion(req.spec) ? req.spec : resolveVersion(await fetchIndex(req.mirror), req.spec)
  let dir = tc.find(TOOL_NAME, version)
  const fromCache = dir !== ''
  if (fromCache) {
    core.info(`Packer ${version} found in the tool cache`)
  } else {
    dir = await download(req, version)
  }
  core.addPath(dir)
  return { version, binary: path.join(dir, exe), fromCache }
}

async function fetchIndex(mirror: string): Promise<ReleaseIndex> {
  const url = `${mirror}/packer/index.json`
  const file = await fetchFile(url)
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseIndex
    if (typeof index.versions !== 'object' || index.versions === null) throw new Error('no "versions" object')
    return index
  } catch (err) {
    throw new Error(`packer-mirror: ${url} is not a release index (${(err as Error).message})`, { cause: err })
  }
}

async function download(req: InstallRequest, version: string): Promise<string> {
  const { os, arch } = platform(process.platform, process.arch)
  const base = `${req.mirror}/packer/${version}`
  const zipName = `packer_${version}_${os}_${arch}.zip`
  const sumsName = `packer_${version}_SHA256SUMS`
  core.info(`Downloading Packer ${version} (${os}/${arch}) from ${req.mirror}`)
  const [zipPath, sumsPath, sigPath] = await Promise.all([
    fetchFile(`${base}/${zipName}`),
    fetchFile(`${base}/${sumsName}`),
    req.verifySignature ? downloadSignature(base, sumsName, req.signingKey) : Promise.resolve(undefined)
  ])
  const sums = fs.readFileSync(sumsPath)
  if (sigPath === undefined) {
    core.warning('verify-signature is false: SHA256SUMS is not checked against a signing key')
  } else {
    await verifySignature(sums, fs.readFileSync(sigPath), req.signingKey)
    core.info('Signature on SHA256SUMS verified')
  }
  verifyChecksum(sums.toString('utf8'), zipName, fs.readFileSync(zipPath))
  core.info(`SHA-256 of ${zipName} verified`)
  const extracted = await tc.extractZip(zipPath)
  return tc.cacheDir(extracted, TOOL_NAME, version)
}

/** The key-id-suffixed signature is the current one; older releases only have the plain name. */
async function downloadSignature(base: string, sumsName: string, signingKey: string): Promise<string> {
  const keyId = await keyIdSuffix(signingKey)
  for (const name of [`${sumsName}.${keyId}.sig`, `${sumsName}.sig`]) {
    try {
      return await fetchFile(`${base}/${name}`)
    } catch (err) {
      if (!(err instanceof DownloadError) || err.status !== 404) throw err
    }
  }
  throw new Error(`signature check failed: ${base} has neither ${sumsName}.${keyId}.sig nor ${sumsName}.sig`)
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
