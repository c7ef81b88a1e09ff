import * as fs from 'node:fs'
import * as path from 'node:path'
import * as core from '@actions/core'
import semver from 'semver'
import { globSync } from 'tinyglobby'
import type { BuildInputs } from '../fingerprint.js'
import type { Options } from '../inputs.js'
import { packerPluginFolder } from '../packer/plugin-folders.js'
import type { TemplateInfo } from '../packer/template.js'

/**
 * Everything a build reads that the action can know before Packer runs, for the fingerprint:
 * the template's folder, the files its components and functions name, `fingerprint-files`, the
 * plugins Packer may load, and the values of the variables it reads with env(). Base images
 * come from AWS (base-images.ts) and are added by the caller.
 */
export function buildInputs(opts: Options, template: TemplateInfo, packerVersion: string, env: NodeJS.ProcessEnv): BuildInputs {
  const cwd = opts.workingDirectory
  const templateDir = template.directory ? opts.template : path.dirname(opts.template)
  return {
    templateFiles: template.files,
    root: cwd,
    varFiles: opts.varFiles,
    variables: opts.variables,
    only: opts.only,
    except: opts.except,
    packerVersion,
    files: [templateDir, ...template.reads.files.map((f) => path.resolve(cwd, f)), ...extraFiles(opts.fingerprintFiles, cwd)],
    ignore: template.manifests.map((m) => path.resolve(cwd, m)),
    plugins: semver.gte(packerVersion, '1.10.0') ? installedPlugins(env) : [],
    env: Object.fromEntries(template.reads.envNames.map((name) => [name, env[name]]))
  }
}

/** `fingerprint-files` globs, relative to the working directory; one that matches nothing is a warning. */
function extraFiles(globs: string[], cwd: string): string[] {
  return globs.flatMap((glob) => {
    const found = globSync(glob, { cwd, dot: true, absolute: true, onlyFiles: true, expandDirectories: true })
    if (found.length === 0) core.warning(`fingerprint-files: "${glob}" matches no file under ${cwd}`)
    return found
  })
}

/**
 * Every plugin binary in the folder Packer >= 1.10 loads from (src/packer/plugin-folders.ts:
 * PACKER_PLUGIN_PATH, else Packer's default folder), with the checksum Packer's installer wrote
 * beside it. Versions are in the names, so a plugin that moves to another version changes the
 * list, whoever installed it.
 */
export function installedPlugins(env: NodeJS.ProcessEnv): string[] {
  const folder = packerPluginFolder(env)
  if (folder === undefined) return []
  const found: string[] = []
  for (const file of walk(folder)) {
    const name = path.basename(file)
    if (!name.startsWith('packer-plugin-') || name.endsWith('_SHA256SUM')) continue
    const sum = readOr(`${file}_SHA256SUM`)
    found.push(`${path.relative(folder, file)} ${sum ?? `size ${fs.statSync(file).size}`}`)
  }
  return found.sort()
}

function walk(dir: string): string[] {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  // Carried-over plugins may be symbolic links to files; linked folders Packer passes by.
  return entries.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.isFile() || e.isSymbolicLink() ? [path.join(dir, e.name)] : []))
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    return undefined
  }
}
