import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import semver from 'semver'
import { DEFAULT_PACKER_MIRROR } from '../constants.js'
import type { Options } from '../inputs.js'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'
import { confirmPlugins } from './plugin-confirm.js'
import { carryOver, checkPluginPath, ownPluginFolder, packerPluginFolder } from './plugin-folders.js'
import { parseInstallation, type Installation, type PlacedPlugin, type PluginPlatform } from './plugin-installations.js'
import { pluginPlan, type PluginNeeds } from './plugin-plan.js'
import { installPlugin, MissingRelease, pluginName, type PluginRequest } from './plugins.js'
import { printed, runPacker } from './run.js'
import { isExactVersion, platform } from './versions.js'

/**
 * Installs the official plugins the template needs from the mirror, verified and cached, where
 * Packer loads them, and has Packer confirm it loads them, at those versions. The folder is the
 * user's PACKER_PLUGIN_PATH, or else one of the action's own for this step, into which the
 * contents of Packer's default folder are carried (what earlier steps installed stays visible)
 * but for other versions of the plugins placed (the pin holds). Returns the environment Packer
 * runs in from then on as soon as the plugins are in place, with Packer's confirmation of them
 * still running: await it before `packer init` or a build, so that it
 * runs beside what comes between (the fingerprint, the base-image look-ups) instead of before
 * it. It never rejects unawaited. `packerBinary` settles when Packer is installed: the plugins
 * download beside Packer's own download.
 */
export async function placePluginsUnconfirmed(
  opts: Options,
  needs: PluginNeeds,
  packerVersion: string,
  env: NodeJS.ProcessEnv,
  packerBinary: Promise<string>
): Promise<{ env: NodeJS.ProcessEnv; confirmation: Promise<void> }> {
  const plan = pluginPlan(needs, packerVersion, opts.amazonPluginVersion)
  if (plan.length === 0) return { env, confirmation: Promise.resolve() }
  const { dir, usersFolder } = pluginFolder(env, plan)
  const packerEnv = { ...env, PACKER_PLUGIN_PATH: dir }
  const site = { mirror: opts.packerMirror, signingKey: opts.signingKey, verifySignature: opts.verifySignature }
  const placed: PlacedPlugin[] = []
  for (const req of plan) {
    const constraint = 'constraint' in req.version ? req.version.constraint : undefined
    try {
      const p = await installPlugin(site, req, dir, env)
      placed.push({ source: p.source, version: p.version, binary: p.binary, constraint })
    } catch (err) {
      if (!(err instanceof MissingRelease)) throw err
      const got = await withoutTheMirror(err, req, { packer: await packerBinary, dir, env: packerEnv, mirror: opts.packerMirror, token: opts.githubToken })
      if (got !== undefined) placed.push({ ...got, constraint })
    }
  }
  // Packer may still be downloading: it confirms the placement once it is there.
  const confirmation = placed.length === 0 ? Promise.resolve() : packerBinary.then((packer) => confirmPlugins({ packer, dir, env: packerEnv, placed, usersFolder, platform: pluginPlatform() }))
  confirmation.catch(() => undefined)
  return { env: packerEnv, confirmation }
}

function pluginPlatform(): PluginPlatform {
  return { ...platform(process.platform, process.arch), ext: process.platform === 'win32' ? '.exe' : '' }
}

/**
 * The user's PACKER_PLUGIN_PATH, as is; else a folder of the action's own holding what Packer's
 * default folder holds, less every version of the plugins the plan places that Packer could
 * prefer to them (plugin-installations.ts, preferredOver): those stay where they are, unseen
 * for this step.
 */
function pluginFolder(env: NodeJS.ProcessEnv, plan: PluginRequest[]): { dir: string; usersFolder: boolean } {
  if (env.PACKER_PLUGIN_PATH) {
    checkPluginPath(env.PACKER_PLUGIN_PATH)
    return { dir: path.resolve(env.PACKER_PLUGIN_PATH), usersFolder: true }
  }
  const dir = ownPluginFolder(env)
  const from = packerPluginFolder(env)
  if (from === undefined || !fs.existsSync(from)) return { dir, usersFolder: false }
  const { carried, leftOut } = carryOver(from, dir, (relative) => plan.some((req) => competes(req, relative)))
  const binaries = (files: string[]): string[] => files.filter((f) => !f.endsWith('_SHA256SUM'))
  if (carried.length > 0) core.info(`Packer's default plugin folder ${from} stays visible to Packer: ${binaries(carried).length} plugin binaries carried into ${dir}`)
  for (const relative of binaries(leftOut)) {
    const found = parseInstallation(from, relative, pluginPlatform())
    const what = found === undefined ? '' : ` (${found.name} ${found.version})`
    core.info(`Left out of Packer's view for this step: ${path.join(from, relative)}${what}; the action places the version this step asks for`)
  }
  return { dir, usersFolder: false }
}

/**
 * A file of Packer's default folder Packer could load instead of what `req` places: one whose
 * name starts `packer-plugin-<name>_` (its `_SHA256SUM` too), anywhere for a plugin Packer finds
 * by name, below the source's parent folder for one `required_plugins` names.
 */
function competes(req: PluginRequest, relative: string): boolean {
  const name = pluginName(req.source)
  if (!path.posix.basename(relative).startsWith(`packer-plugin-${name}_`)) return false
  if (!('constraint' in req.version)) return true
  return relative.startsWith(`${path.posix.dirname(req.source)}/`)
}

interface Fallback {
  packer: string
  dir: string
  env: NodeJS.ProcessEnv
  mirror: string
  token: string
}

/** What to do about a release the mirror has not got. */
export type MissingReleasePlan =
  | { kind: 'error'; error: Error }
  | { kind: 'init'; note: string }
  | { kind: 'install'; args: string[]; version?: string; note: string }

/**
 * A release the mirror has not got. A custom mirror is the user's choice of source: an error
 * naming the mirror and the version. The default mirror lacks some releases GitHub has (old
 * versions, plugins never published there): a `required_plugins` entry is left to `packer
 * init`, which downloads it from GitHub with the token; `amazon-plugin-version` goes to
 * `packer plugins install`, which does the same for a plugin no `required_plugins` names
 * (command/plugins_install.go:124-220 at v1.16.0, the version as a go-version constraint).
 * Either way with a note.
 */
export function missingReleasePlan(err: MissingRelease, req: PluginRequest, mirror: string): MissingReleasePlan {
  if (mirror !== DEFAULT_PACKER_MIRROR) return { kind: 'error', error: err }
  const unsigned = "checked against its release's checksums (no signature)"
  if ('constraint' in req.version) {
    return { kind: 'init', note: `${err.message}. packer init will download ${req.source} from GitHub instead, ${unsigned}` }
  }
  const { spec, input } = req.version
  const version = err.version ?? (isExactVersion(spec) ? spec : undefined)
  if (version === undefined && spec !== 'latest') {
    const error = new Error(`${err.message}; ${input}: "${spec}" is a range, which only the mirror's index can answer: name an exact version or latest`, { cause: err })
    return { kind: 'error', error }
  }
  return {
    kind: 'install',
    args: ['plugins', 'install', req.source, ...(version === undefined ? [] : [`v${version}`])],
    version,
    note: `${err.message}. Installing ${req.source} ${version ?? 'latest'} from GitHub with packer plugins install, ${unsigned}`
  }
}

async function withoutTheMirror(err: MissingRelease, req: PluginRequest, f: Fallback): Promise<Omit<PlacedPlugin, 'constraint'> | undefined> {
  const plan = missingReleasePlan(err, req, f.mirror)
  if (plan.kind === 'error') throw plan.error
  core.notice(plan.note)
  if (plan.kind === 'init') return undefined
  const { args, version } = plan
  const run = await runPacker(f.packer, args, { cwd: f.dir, env: f.token === '' ? f.env : { ...f.env, PACKER_GITHUB_API_TOKEN: f.token } })
  if (run.code !== 0) throw new Error(`packer ${args.join(' ')} failed:\n${printed(run)}`, { cause: err })
  if (run.stdout.trim() !== '') printUntrusted(run.stdout.trim())
  endUntrusted()
  const installed = installedVersions(f.dir, req.source).filter((i) => version === undefined || i.version === version)
  const newest = installed[installed.length - 1]
  if (newest === undefined) throw new Error(`packer ${args.join(' ')} left no ${req.source} binary in ${f.dir}:\n${printed(run)}`, { cause: err })
  return { source: req.source, version: newest.version, binary: newest.binary }
}

/** The binaries of `source` in its folder below `dir`, lowest version first. */
function installedVersions(dir: string, source: string): Installation[] {
  const folder = path.join(dir, ...source.split('/'))
  const files = fs.existsSync(folder) ? fs.readdirSync(folder) : []
  return files
    .map((f) => parseInstallation(dir, `${source}/${f}`, pluginPlatform()))
    .filter((i): i is Installation => i !== undefined && i.name === pluginName(source))
    .sort((a, b) => semver.compare(a.version, b.version))
}
