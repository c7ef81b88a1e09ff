import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/**
 * The one folder Packer 1.11 to 1.16 loads plugins from, as it resolves it: PACKER_PLUGIN_PATH
 * when set (packer/plugin_folders.go:19-28 at v1.16.0), else packer-plugin-sdk's ConfigDir()
 * joined with `plugins` (plugin_folders.go:30-36). ConfigDir (SDK v0.6.10): on Unix
 * `$PACKER_CONFIG_DIR/.packer.d`, else `~/.packer.d` when that exists, else
 * `$XDG_CONFIG_HOME/packer`, else `~/.config/packer` (pathing/config_file_unix.go:20-45); on
 * Windows `$PACKER_CONFIG_DIR/packer.d`, else `%APPDATA%/packer.d` or `~/packer.d`
 * (config_file_windows.go:19-31, config_file.go:44-56). Undefined where Packer finds no home.
 */
export function packerPluginFolder(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  exists: (dir: string) => boolean = fs.existsSync
): string | undefined {
  if (env.PACKER_PLUGIN_PATH) return env.PACKER_PLUGIN_PATH
  const join = platform === 'win32' ? path.win32.join : path.posix.join
  if (platform === 'win32') {
    if (env.PACKER_CONFIG_DIR) return join(env.PACKER_CONFIG_DIR, 'packer.d', 'plugins')
    const home = env.APPDATA || env.HOME
    return home ? join(home, 'packer.d', 'plugins') : undefined
  }
  if (env.PACKER_CONFIG_DIR) return join(env.PACKER_CONFIG_DIR, '.packer.d', 'plugins')
  const home = env.HOME
  if (!home) return undefined
  if (exists(join(home, '.packer.d'))) return join(home, '.packer.d', 'plugins')
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'packer', 'plugins')
}

/**
 * Packer >= 1.11 takes one folder in PACKER_PLUGIN_PATH and fails on a list
 * (packer/plugin_folders.go:20-25).
 */
export function checkPluginPath(value: string): void {
  if (value.includes(path.delimiter)) {
    throw new Error(
      `PACKER_PLUGIN_PATH is a list of folders ("${value}"); Packer 1.11 and later take one folder there: set it to the one that holds your plugins`
    )
  }
}

/** Packer does not look deeper than this below its folder (plugin-getter/plugins.go:197-209). */
const MAX_DEPTH = 17

/**
 * Carries the files of Packer's default plugin folder into `to`, at the same paths below it,
 * so that plugins an earlier step installed there (`packer plugins install`, `packer init`)
 * stay visible when PACKER_PLUGIN_PATH points Packer at `to`. Each file is hard-linked, else
 * symlinked, else copied: the originals are never touched. `leaveOut` (a path below the
 * folder, `/`-separated) keeps a file out. Directories that are symlinks are passed by, as
 * Packer's walk passes them by (filepath.WalkDir). Returns what was carried and left out.
 */
export function carryOver(from: string, to: string, leaveOut: (relative: string) => boolean): { carried: string[]; leftOut: string[] } {
  const carried: string[] = []
  const leftOut: string[] = []
  const walk = (dir: string, parts: string[]): void => {
    if (parts.length > MAX_DEPTH) return
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const rel = [...parts, entry.name]
      const source = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(source, rel)
        continue
      }
      const file = entry.isFile() ? source : entry.isSymbolicLink() ? fileBehind(source) : undefined
      if (file === undefined) continue
      const relative = rel.join('/')
      if (leaveOut(relative)) {
        leftOut.push(relative)
        continue
      }
      const target = path.join(to, ...rel)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      link(file, target)
      carried.push(relative)
    }
  }
  walk(from, [])
  return { carried, leftOut }
}

/** The file a symlink leads to, or undefined for a directory or a dangling link. */
function fileBehind(link: string): string | undefined {
  try {
    const real = fs.realpathSync(link)
    return fs.statSync(real).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

function link(from: string, to: string): void {
  try {
    fs.linkSync(from, to)
    return
  } catch {
    // Another file system, or a file the user may not link to: try a symlink.
  }
  try {
    fs.symlinkSync(from, to)
  } catch {
    fs.copyFileSync(from, to)
    fs.chmodSync(to, fs.statSync(from).mode & 0o777)
  }
}

/** A folder of the action's own for this step, in RUNNER_TEMP, which the runner empties after the job. */
export function ownPluginFolder(env: NodeJS.ProcessEnv): string {
  const base = env.RUNNER_TEMP || os.tmpdir()
  fs.mkdirSync(base, { recursive: true })
  return fs.mkdtempSync(path.join(base, 'packer-plugins-'))
}
