import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'
import { parseInstallation, preferredOver, type Installation, type PlacedPlugin, type PluginPlatform } from './plugin-installations.js'
import { checkDescribe } from './plugins.js'
import { printed, runPacker } from './run.js'

export interface ConfirmRequest {
  /** The Packer that will run the template. */
  packer: string
  /** Packer's plugin folder: PACKER_PLUGIN_PATH in `env`. */
  dir: string
  env: NodeJS.ProcessEnv
  placed: PlacedPlugin[]
  /** The folder is the user's own PACKER_PLUGIN_PATH, not the action's. */
  usersFolder: boolean
  platform: PluginPlatform
}

/**
 * Asks Packer itself which plugin binaries it loads: `packer plugins installed` lists every
 * binary in its folder that passes the checks Packer makes before loading one (file name,
 * `_SHA256SUM`, `describe` reporting the same version and protocol; command/plugins_installed.go
 * and plugin-getter/plugins.go:222-348 at v1.16.0). Fails, naming the plugin, the path and what
 * Packer said, when a placed binary is not listed, or when Packer would load another version
 * instead (see preferredOver).
 */
export async function confirmPlugins(req: ConfirmRequest): Promise<void> {
  const run = await runPacker(req.packer, ['plugins', 'installed'], { cwd: req.dir, env: req.env })
  if (run.code !== 0) {
    throw new Error(`\`packer plugins installed\` failed (exit code ${run.code}), so Packer could not confirm the plugins in ${req.dir}:\n${printed(run)}`)
  }
  const lines = listedBinaries(run.stdout)
  printUntrusted(`packer plugins installed (PACKER_PLUGIN_PATH=${req.dir}):\n${lines.join('\n') || '(none)'}`)
  endUntrusted()
  const problems: string[] = []
  for (const p of req.placed) {
    if (!lines.includes(p.binary)) {
      problems.push(`plugin ${p.source} ${p.version}: Packer does not load ${p.binary}: \`packer plugins installed\` does not list it. ${await whyNot(p, req.env)}`)
    }
  }
  problems.push(...pinProblems(req.placed, req.dir, lines, req.usersFolder, req.platform))
  if (problems.length > 0) {
    throw new Error(`${problems.join('\n')}\n\`packer plugins installed\` said:\n${printed(run) || '(nothing)'}`)
  }
  for (const p of req.placed) core.info(`Packer confirms plugin ${p.source} ${p.version}: ${p.binary}`)
}

/** The binaries `packer plugins installed` prints, one path a line (plugins_installed.go:75-77). */
export function listedBinaries(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
}

/** What in Packer's listing would be loaded instead of a placed plugin, said plainly. */
export function pinProblems(placed: PlacedPlugin[], dir: string, lines: string[], usersFolder: boolean, platform: PluginPlatform): string[] {
  const listed = lines
    .filter((l) => l.startsWith(dir + path.sep))
    .map((l) => parseInstallation(dir, path.relative(dir, l), platform))
    .filter((i): i is Installation => i !== undefined)
  return placed.flatMap((p) =>
    preferredOver(p, dir, listed).map((other) => {
      const wanted = p.constraint === undefined ? `${p.version}, the version the action placed` : `${p.version}, which the action placed for required_plugins "${p.constraint}"`
      const where = usersFolder
        ? `your PACKER_PLUGIN_PATH (${dir}) holds ${other.binary}. The action does not remove your files: remove that binary, narrow the version, or point PACKER_PLUGIN_PATH elsewhere`
        : `the action's plugin folder ${dir} holds ${other.binary}`
      return `plugin ${p.source}: Packer would load version ${other.version} instead of ${wanted}: ${where}`
    })
  )
}

/** Why Packer passed a placed binary by: the checksum file, else the binary's own `describe`. */
async function whyNot(p: PlacedPlugin, env: NodeJS.ProcessEnv): Promise<string> {
  if (!fs.existsSync(p.binary)) return 'The file is not there.'
  const sumFile = `${p.binary}_SHA256SUM`
  const actual = createHash('sha256').update(fs.readFileSync(p.binary)).digest('hex')
  const written = fs.existsSync(sumFile) ? fs.readFileSync(sumFile, 'utf8').slice(0, 64).toLowerCase() : undefined
  if (written !== actual) {
    return `Its checksum file ${sumFile} ${written === undefined ? 'is missing' : `says ${written}`}; the binary's SHA-256 is ${actual} (Packer ignores a plugin whose checksum does not match: plugin-getter/plugins.go:237-256).`
  }
  try {
    await checkDescribe(p.binary, p.version, `plugin ${p.source} ${p.version}`, env)
  } catch (err) {
    return `${(err as Error).message}.`
  }
  return 'Its checksum and `describe` look right to the action; Packer says why below (set PACKER_LOG=1 for its reasons).'
}
