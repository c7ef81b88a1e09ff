import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import * as path from 'node:path'
import semver from 'semver'
import { TOOL_NAME } from '../constants.js'
import { downloadVerified, fetchReleaseIndex, type ReleaseSite } from './release.js'
import { extractIntoCache } from './tool-cache.js'
import { isExactVersion, platform, resolveVersion } from './versions.js'

export interface InstallRequest extends ReleaseSite {
  spec: string
}

export interface InstalledPacker {
  version: string
  /** Absolute path of the packer executable. */
  binary: string
  fromCache: boolean
}

/**
 * A range or `latest` is resolved against the mirror's index.json. When the mirror cannot be
 * read, the newest cached release in the range will do, with a warning; with none cached the
 * error names the range and how to do without the network.
 */
async function resolveRange(req: InstallRequest): Promise<string> {
  try {
    return resolveVersion(await fetchReleaseIndex(req.mirror, TOOL_NAME), req.spec, 'packer-version')
  } catch (err) {
    if ((err as Error).message.startsWith('packer-version:')) throw err
    const why = (err as Error).message
    const cached = semver.maxSatisfying(tc.findAllVersions(TOOL_NAME), req.spec === 'latest' ? '*' : req.spec)
    if (cached === null) {
      throw new Error(
        `packer-version: "${req.spec}" is a range, resolved against ${req.mirror}/${TOOL_NAME}/index.json, which could not be read (${why}); ` +
          'an exact version (1.11.2) in the tool cache needs no network',
        { cause: err }
      )
    }
    core.warning(`packer-version: could not read ${req.mirror}/${TOOL_NAME}/index.json (${why}); using Packer ${cached}, the newest release in the tool cache matching "${req.spec}"`)
    return cached
  }
}

/** The version `packer-version` names: itself when exact, else resolved against the mirror. */
export async function packerVersion(req: InstallRequest): Promise<string> {
  return isExactVersion(req.spec) ? req.spec : await resolveRange(req)
}

/**
 * Finds Packer in the tool cache, or downloads, verifies, extracts and caches it; either way it
 * ends up on PATH. An exact version already in the cache makes no network call. `resolved` is
 * packerVersion's answer when the caller has already asked for it.
 */
export async function installPacker(req: InstallRequest, resolved: Promise<string> = packerVersion(req)): Promise<InstalledPacker> {
  const exe = process.platform === 'win32' ? 'packer.exe' : 'packer'
  const version = await resolved
  let dir = tc.find(TOOL_NAME, version)
  const fromCache = dir !== ''
  if (fromCache) {
    core.info(`Packer ${version} found in the tool cache`)
  } else {
    const { os, arch } = platform(process.platform, process.arch)
    const zipName = `packer_${version}_${os}_${arch}.zip`
    core.info(`Downloading Packer ${version} (${os}/${arch}) from ${req.mirror}`)
    const zip = await downloadVerified(req, { product: TOOL_NAME, version, zipName, label: '' })
    dir = await extractIntoCache(zip, TOOL_NAME, version)
  }
  core.addPath(dir)
  return { version, binary: path.join(dir, exe), fromCache }
}
