import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'
import semver from 'semver'
import { constraintTest } from './plugin-constraint.js'
import { protocolProblem } from './plugin-installations.js'
import { downloadVerified, fetchReleaseIndex, isNotFound, type ReleaseSite } from './release.js'
import { extractIntoCache } from './tool-cache.js'
import { isExactVersion, platform, resolveVersion, type ReleaseIndex } from './versions.js'

/** One official plugin to install, and which release of it will do. */
export interface PluginRequest {
  /** `github.com/hashicorp/amazon`, in the case the template writes it: Packer keeps it. */
  source: string
  /**
   * From an input (`amazon-plugin-version`): an exact version, `latest` or a semver range; or
   * from `required_plugins`: Packer's own constraint syntax (`>= 1.2.8, < 2.0.0`, `~> 1.2`).
   */
  version: { input: string; spec: string } | { constraint: string }
}

export interface InstalledPlugin {
  source: string
  version: string
  /** Where Packer finds it: `{dir}/github.com/hashicorp/amazon/packer-plugin-amazon_v…`. */
  binary: string
  fromCache: boolean
}

/**
 * The mirror has no release that answers the request (its index, the version, or the build
 * for this platform is missing), as opposed to one that fails a check.
 */
export class MissingRelease extends Error {
  constructor(
    message: string,
    /** The exact version asked for, when there was one. */
    readonly version?: string,
    options?: ErrorOptions
  ) {
    super(message, options)
  }
}

/**
 * Installs an official plugin from the mirror in the release site's layout, verified as Packer
 * itself is (signature on SHA256SUMS, then the zip's SHA-256), kept in the tool cache, and laid
 * out where Packer >= 1.11 loads it: `{dir}/{source}/packer-plugin-{name}_v{version}_x5.0_{os}_{arch}`
 * with `_SHA256SUM` beside it, source and name in the case the template writes them (Packer
 * searches `{dir}/{source as written}` for `packer-plugin-{name as written}_`:
 * hcl2template/addrs/plugin.go:35-38 and 202-204, plugin-getter/plugins.go:135-141 and 151-157,
 * v1.16.0). The release is looked up by its lower-case name. A version already in the cache
 * makes no request. The plugin's `describe` runs in `env`, Packer's environment: the plugin is
 * no more trusted than Packer. Throws MissingRelease when the mirror has no such release.
 */
export async function installPlugin(site: ReleaseSite, req: PluginRequest, dir: string, env: NodeJS.ProcessEnv): Promise<InstalledPlugin> {
  const name = pluginName(req.source)
  const product = `packer-plugin-${name.toLowerCase()}`
  const { version, cachedDir } = await chooseVersion(site.mirror, product, req)
  const label = `plugin ${req.source} ${version}`
  let cached = cachedDir ?? tc.find(product, version)
  const fromCache = cached !== ''
  if (fromCache) {
    core.info(`Plugin ${req.source} ${version} found in the tool cache`)
  } else {
    const { os, arch } = platform(process.platform, process.arch)
    const zipName = `${product}_${version}_${os}_${arch}.zip`
    core.info(`Downloading plugin ${req.source} ${version} (${os}/${arch}) from ${site.mirror}`)
    const zip = await downloadVerified(site, { product, version, zipName, label }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err
      throw new MissingRelease(`${label}: packer-mirror ${site.mirror} has no release ${version} of ${req.source} for ${os}/${arch} (${(err as Error).message})`, version, {
        cause: err
      })
    })
    cached = await extractIntoCache(zip, product, version, async (extracted) => {
      const fresh = path.join(extracted, binaryName(extracted, product, version, label))
      await checkDescribe(fresh, version, label, env)
      // Hashed once, here: a cache hit then costs a link, not a read of the whole binary.
      fs.writeFileSync(`${fresh}${SUM_SUFFIX}`, createHash('sha256').update(fs.readFileSync(fresh)).digest('hex'))
    })
  }
  const file = binaryName(cached, product, version, label)
  const binary = path.join(dir, ...req.source.split('/'), `packer-plugin-${name}${file.slice(product.length)}`)
  place(path.join(cached, file), binary)
  core.info(`Plugin ${req.source} ${version} is in place for Packer: ${binary}`)
  return { source: req.source, version, binary, fromCache }
}

/** `github.com/hashicorp/amazon` → `amazon`: the last part names the plugin and its release. */
export function pluginName(source: string): string {
  const parts = source.split('/')
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9][\w.-]*$/.test(p))) {
    throw new Error(`"${source}" is not a plugin source of the form github.com/<owner>/<name>`)
  }
  return parts[2].replace(/^packer-plugin-/, '')
}

async function chooseVersion(mirror: string, product: string, req: PluginRequest): Promise<{ version: string; cachedDir?: string }> {
  if ('spec' in req.version) {
    const { input, spec } = req.version
    if (isExactVersion(spec)) return { version: spec }
    const index = await releaseIndex(mirror, product, req.source)
    try {
      return { version: resolveVersion(index, spec, input) }
    } catch (err) {
      throw new MissingRelease(`${(err as Error).message} (packer-mirror ${mirror}, ${req.source})`, undefined, { cause: err })
    }
  }
  // As `packer init` does: any installed release that satisfies the constraint will do.
  const accepts = constraintTest(req.version.constraint)
  const cached = tc.findAllVersions(product).filter(accepts).sort(semver.rcompare)[0]
  if (cached !== undefined) return { version: cached, cachedDir: tc.find(product, cached) }
  const found = newestMatching(await releaseIndex(mirror, product, req.source), accepts)
  if (found === undefined) {
    throw new MissingRelease(`required_plugins: packer-mirror ${mirror} has no release of ${req.source} that matches "${req.version.constraint}"`)
  }
  return { version: found }
}

async function releaseIndex(mirror: string, product: string, source: string): Promise<ReleaseIndex> {
  try {
    return await fetchReleaseIndex(mirror, product)
  } catch (err) {
    if (!isNotFound(err)) throw err
    throw new MissingRelease(`packer-mirror ${mirror} has no releases of ${source} (${(err as Error).message})`, undefined, { cause: err })
  }
}

function newestMatching(index: ReleaseIndex, accepts: (v: string) => boolean): string | undefined {
  const stable = Object.keys(index.versions).filter((v) => semver.valid(v) !== null && semver.prerelease(v) === null)
  return stable.filter(accepts).sort(semver.rcompare)[0]
}

/** The binary a release zip holds: `packer-plugin-amazon_v1.8.2_x5.0_linux_amd64` (`.exe` on Windows). */
function binaryName(dir: string, product: string, version: string, label: string): string {
  const { os, arch } = platform(process.platform, process.arch)
  const ext = process.platform === 'win32' ? '.exe' : ''
  const pattern = new RegExp(`^${product}_v${version.replace(/\./g, '\\.')}_(x\\d+\\.\\d+)_${os}_${arch}${ext.replace('.', '\\.')}$`)
  const found = fs.readdirSync(dir).filter((f) => pattern.test(f))
  if (found.length !== 1) {
    throw new Error(`${label}: the release zip holds no ${product}_v${version}_x<api>_${os}_${arch}${ext} binary`)
  }
  const problem = protocolProblem((pattern.exec(found[0]) as RegExpExecArray)[1])
  if (problem !== undefined) throw new Error(`${label}: ${problem}`)
  return found[0]
}

/**
 * Packer runs `describe` on every plugin it loads and ignores one whose reported version or
 * protocol differs from its file name; checking here turns that silent skip into an error.
 */
export async function checkDescribe(binary: string, version: string, label: string, env: NodeJS.ProcessEnv): Promise<void> {
  fs.chmodSync(binary, 0o755)
  let described: { version?: unknown; api_version?: unknown }
  try {
    const { stdout } = await promisify(execFile)(binary, ['describe'], { env, timeout: 30_000 })
    described = JSON.parse(stdout) as typeof described
  } catch (err) {
    throw new Error(`${label}: \`${path.basename(binary)} describe\` failed: ${(err as Error).message}`, { cause: err })
  }
  const api = /_(x\d+\.\d+)_[^_]+_[^_]+$/.exec(path.basename(binary, '.exe'))?.[1]
  if (described.version !== version || described.api_version !== api) {
    throw new Error(
      `${label}: the binary describes itself as version ${String(described.version)}, protocol ` +
        `${String(described.api_version)}; its file name says ${version}, ${api}`
    )
  }
}

/** Packer's checksum file beside a plugin binary (packer/plugin-getter/checksum.go, v1.16.0). */
const SUM_SUFFIX = '_SHA256SUM'

/**
 * Puts the cached binary where Packer looks (a hard link where the file systems allow, else a
 * copy), mode 0755, with `_SHA256SUM` beside it: 64 hex digits, no newline, as Packer writes it.
 */
function place(from: string, to: string): void {
  const cachedSum = `${from}${SUM_SUFFIX}`
  const sum = fs.existsSync(cachedSum)
    ? fs.readFileSync(cachedSum, 'utf8').trim()
    : createHash('sha256').update(fs.readFileSync(from)).digest('hex')
  const sumFile = `${to}${SUM_SUFFIX}`
  if (fs.existsSync(to) && fs.existsSync(sumFile) && fs.readFileSync(sumFile, 'utf8').trim() === sum) return
  fs.mkdirSync(path.dirname(to), { recursive: true })
  fs.rmSync(to, { force: true })
  try {
    fs.linkSync(from, to)
  } catch {
    fs.copyFileSync(from, to)
  }
  fs.chmodSync(to, 0o755)
  fs.writeFileSync(sumFile, sum)
}
