import * as path from 'node:path'
import semver from 'semver'
import { constraintTest } from './plugin-constraint.js'

/**
 * How Packer 1.11 to 1.16 reads its plugin folder, pure: which file names it takes for plugins,
 * which protocol it speaks, and which of several versions it loads. Every rule is cited from
 * hashicorp/packer at v1.16.0 (the same code at v1.11.2, v1.12.0 and v1.13.0).
 */

/**
 * The plugin protocol Packer speaks, `x5.0`: packer-plugin-sdk's APIVersionMajor and
 * APIVersionMinor (plugin/server.go:57), the same in the SDK of every Packer from 1.10.0 to
 * 1.16.0 (v0.5.2 to v0.6.10).
 */
export const PACKER_PLUGIN_API = { major: 5, minor: 0 } as const

/**
 * Why Packer would refuse a plugin that speaks protocol `api` (`x5.1`), or undefined when it
 * would load it: the major must equal Packer's and the minor must not be above Packer's
 * (packer/plugin-getter/plugins.go:483-545, NewAPIVersion and CheckProtocolVersion).
 */
export function protocolProblem(api: string): string | undefined {
  const m = /^x?(\d+)\.(\d+)/.exec(api.trim())
  if (m === null) return `invalid plugin protocol "${api}", expected something like "x${PACKER_PLUGIN_API.major}.${PACKER_PLUGIN_API.minor}"`
  const [major, minor] = [Number(m[1]), Number(m[2])]
  const packer = `x${PACKER_PLUGIN_API.major}.${PACKER_PLUGIN_API.minor}`
  if (major !== PACKER_PLUGIN_API.major) return `the plugin speaks protocol ${api}; Packer 1.10 to 1.16 speak ${packer} and load no other major`
  if (minor > PACKER_PLUGIN_API.minor) return `the plugin speaks protocol ${api}; Packer 1.10 to 1.16 speak ${packer} and load no minor above ${PACKER_PLUGIN_API.minor}`
  return undefined
}

/** A plugin binary as its path names it. */
export interface Installation {
  /** As Packer prints it: the folder joined with the path below it. */
  binary: string
  /** The path below the plugin folder, `/`-separated: `github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64`. */
  relative: string
  /** `amazon`: what `packer-plugin-([^_]+)` catches (packer/plugin.go:42). */
  name: string
  /** `1.8.2`, without the `v`. */
  version: string
  /** `x5.0` */
  api: string
}

export interface PluginPlatform {
  os: string
  arch: string
  /** `.exe` on Windows. */
  ext: string
}

/** Packer nests plugins at most this deep below its folder (plugins.go:197-209). */
const MAX_DEPTH = 16

/**
 * Reads a path below Packer's plugin folder as Packer does when it lists installations, or
 * undefined when Packer passes it by: a file at the folder's root or nested too deep
 * (plugins.go:174-177, 197-209), a name not `packer-plugin-<name>_v<version>_<api>_<os>_<arch><ext>`
 * (plugins.go:179-186, 258-276), a version that is not canonical or carries metadata
 * (plugins.go:277-297; hashicorp/go-version v1.9.0 writes versions back as `1.2.3[-pre]`).
 * Checksum and `describe`, which Packer also checks, need the file: not checked here.
 */
export function parseInstallation(dir: string, relative: string, p: PluginPlatform): Installation | undefined {
  const parts = relative.split(/[\\/]/).filter((s) => s !== '')
  if (parts.length < 2 || parts.length - 1 > MAX_DEPTH) return undefined
  const file = parts[parts.length - 1]
  const suffix = `_${p.os}_${p.arch}${p.ext}`
  if (!file.startsWith('packer-plugin-') || !file.endsWith(suffix)) return undefined
  const m = /^packer-plugin-([^_]+)_(v[^_]+)_([^_]+)$/.exec(file.slice(0, file.length - suffix.length))
  if (m === null) return undefined
  const [, name, written, api] = m
  const canonical = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/.test(written)
  if (!canonical || semver.valid(written.slice(1)) === null) return undefined
  return { binary: path.join(dir, ...parts), relative: parts.join('/'), name, version: written.slice(1), api }
}

/** A plugin the action put in Packer's folder, and how Packer will pick it. */
export interface PlacedPlugin {
  /** As written in the template or the action: `github.com/HashiCorp/amazon`. */
  source: string
  version: string
  binary: string
  /**
   * The `required_plugins` constraint it answers, or undefined when Packer finds it by name
   * alone (no `required_plugins` entry for it, or a legacy JSON template).
   */
  constraint?: string
}

/**
 * The installations that would make Packer load something other than `placed`, highest first:
 * with `required_plugins`, those below the source's parent folder whose file name carries the
 * source's name and whose version the constraint allows (plugins.go:151-157 and 327-330;
 * hcl2template/plugin.go:84-100 keeps the last, highest); without, every binary of that name
 * anywhere in the folder (packer/plugin.go:80-112 keeps the last per name). Sorted as
 * InstallList.Less sorts (plugins.go:392-422), a higher version wins, and one of the same version
 * and protocol elsewhere leaves the choice to the sort: both count as preferred. Installations
 * whose protocol Packer refuses are never loaded: not counted.
 */
export function preferredOver(placed: PlacedPlugin, dir: string, listed: Installation[]): Installation[] {
  const name = placed.source.split('/').pop() as string
  const parent = path.join(dir, ...placed.source.split('/').slice(0, -1)) + path.sep
  const allows = placed.constraint === undefined ? undefined : constraintTest(placed.constraint)
  return listed
    .filter((i) => i.binary !== placed.binary && i.name === name && protocolProblem(i.api) === undefined)
    .filter((i) => allows === undefined || (i.binary.startsWith(parent) && allows(semver.coerce(i.version)?.version ?? i.version)))
    .filter((i) => semver.gte(i.version, placed.version))
    .sort((a, b) => semver.rcompare(a.version, b.version))
}
