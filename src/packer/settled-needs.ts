import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import semver from 'semver'
import { PLUGINS_MIN_VERSION } from '../constants.js'
import type { PluginNeeds } from './plugin-plan.js'
import { templateFiles } from './template.js'

/**
 * What a template needs of plugins (its `required_plugins`, its component types, HCL or legacy
 * JSON), as HCL read it once, kept in the runner's tool cache under a digest of every template
 * file's name and bytes. From Packer 1.10 the plugins to place come from reading the template,
 * which takes HCL's parser 100 to 200 ms to start; with the needs settled, the plugins are placed
 * and Packer starts while the parser reads the template beside it. A self-hosted runner keeps its
 * tool cache between jobs; on a GitHub-hosted one, a second step of the job finds it.
 *
 * Nothing else the template decides comes from here: the checks against the inputs, the regions
 * and the fingerprint still wait for the reading. A template that changed by one byte, or one HCL
 * could not read whole, is read again; FORMAT changes when what is kept, or how it is read, does.
 */
const FORMAT = 1

function entryPath(template: string): string | undefined {
  const root = process.env.RUNNER_TOOL_CACHE
  if (!root) return undefined
  const digest = createHash('sha256').update(`packer-ami-action plugin needs ${FORMAT}\n`)
  for (const file of templateFiles(template)) {
    const bytes = fs.readFileSync(file)
    digest.update(`${path.basename(file)}\n${bytes.length}\n`).update(bytes)
  }
  return path.join(root, 'packer-ami-action', 'plugin-needs', `${digest.digest('hex')}.json`)
}

/**
 * The entry of these template files, its digest taken once: what an earlier run settled for
 * exactly these files (or undefined), and `settle`, which keeps what HCL read of a template it
 * read whole when Packer's plugins come from it (1.10 and later).
 */
export function needsEntry(template: string): { settled?: PluginNeeds; settle(needs: PluginNeeds & { unreadable: string[] }, packerVersion: string): void } {
  let file: string | undefined
  try {
    file = entryPath(template)
  } catch (err) {
    core.debug(`plugin needs of ${template} not kept: ${(err as Error).message}`)
  }
  return { settled: file === undefined ? undefined : read(file), settle: (needs, version) => (file === undefined ? undefined : write(file, needs, version)) }
}

function read(file: string): PluginNeeds | undefined {
  try {
    if (!fs.existsSync(file)) return undefined
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PluginNeeds>
    if (!isNeeds(kept)) throw new Error('not the shape this action writes')
    return kept
  } catch (err) {
    // A damaged entry costs only the wait for the reading.
    core.debug(`plugin needs kept at ${file} not used: ${(err as Error).message}`)
    return undefined
  }
}

function write(file: string, needs: PluginNeeds & { unreadable: string[] }, packerVersion: string): void {
  if (needs.unreadable.length > 0 || semver.lt(packerVersion, PLUGINS_MIN_VERSION)) return
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const kept: PluginNeeds = { hcl2: needs.hcl2, requiredPlugins: needs.requiredPlugins, componentTypes: needs.componentTypes }
    // Written aside and renamed: a run reading it beside this one sees all of it or nothing.
    const partial = `${file}.${process.pid}.partial`
    fs.writeFileSync(partial, JSON.stringify(kept))
    fs.renameSync(partial, file)
  } catch (err) {
    core.debug(`plugin needs not kept: ${(err as Error).message}`)
  }
}

/** Whether two readings ask for the same plugins. */
export function sameNeeds(a: PluginNeeds, b: PluginNeeds): boolean {
  const key = (n: PluginNeeds): string => JSON.stringify([n.hcl2, n.requiredPlugins.map((p) => [p.name, p.source, p.version ?? null]), [...n.componentTypes].sort()])
  return key(a) === key(b)
}

function isNeeds(x: Partial<PluginNeeds>): x is PluginNeeds {
  return (
    typeof x.hcl2 === 'boolean' &&
    Array.isArray(x.componentTypes) &&
    x.componentTypes.every((t) => typeof t === 'string') &&
    Array.isArray(x.requiredPlugins) &&
    x.requiredPlugins.every((p) => typeof p?.name === 'string' && typeof p.source === 'string' && (p.version === undefined || typeof p.version === 'string'))
  )
}
