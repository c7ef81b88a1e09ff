import { readFileSync } from 'node:fs'
import semver from 'semver'
import { INIT_MIN_VERSION, Input, PLUGINS_MIN_VERSION } from '../constants.js'
import type { PluginRequest } from './plugins.js'
import { templateFiles, templateShape } from './template.js'

/** An entry of `packer { required_plugins { name = { source, version } } }`. */
export interface RequiredPlugin {
  name: string
  source: string
  /** Packer's constraint syntax; undefined when the template gives none. */
  version?: string
}

export interface PluginNeeds {
  hcl2: boolean
  requiredPlugins: RequiredPlugin[]
  /** Every component type the template uses: `amazon-ebs`, `amazon-ami`, `manifest`, `shell`… */
  componentTypes: string[]
}

export const AMAZON_SOURCE = 'github.com/hashicorp/amazon'
const OFFICIAL = /^github\.com\/hashicorp\/[^/]+$/

/**
 * The plugins the action installs itself, from the mirror, before `packer init`: none before
 * Packer 1.10 (its plugins are built in); every official plugin `required_plugins` names, so
 * init finds it in place; and the amazon plugin at `amazon-plugin-version` when the template
 * uses `amazon-*` components without naming it, or is legacy JSON, which init refuses. Sources
 * keep the case the template writes (Packer searches its folder by the source as written:
 * hcl2template/addrs/plugin.go:202-204 at v1.16.0); only recognising them ignores case.
 */
export function pluginPlan(t: PluginNeeds, packerVersion: string, amazonSpec: string): PluginRequest[] {
  if (semver.lt(packerVersion, PLUGINS_MIN_VERSION)) return []
  const official = t.hcl2 ? t.requiredPlugins.filter((p) => OFFICIAL.test(p.source.toLowerCase())) : []
  const plan: PluginRequest[] = official.map((p) => ({ source: p.source, version: { constraint: p.version ?? '>= 0.0.0' } }))
  const namesAmazon = official.some((p) => p.source.toLowerCase() === AMAZON_SOURCE)
  if (!namesAmazon && t.componentTypes.some((type) => type.startsWith('amazon-'))) {
    plan.push({ source: AMAZON_SOURCE, version: { input: Input.amazonPluginVersion, spec: amazonSpec } })
  }
  return plan
}

/**
 * `packer init` (HCL2, Packer >= 1.7) installs what `required_plugins` names and the action did
 * not place; without that block it has nothing to do ("No plugins requirement found").
 */
export function needsInit(t: PluginNeeds, packerVersion: string): boolean {
  return t.hcl2 && semver.gte(packerVersion, INIT_MIN_VERSION) && t.requiredPlugins.length > 0
}

/**
 * Whether Packer must wait for the template to be read before it runs: from Packer 1.10 the
 * plugins to place depend on it (pluginPlan); from 1.7 `packer init` runs when an HCL file of
 * the template holds `required_plugins` (needsInit: a file that only mentions the word waits
 * too). Before 1.7 nothing the reading decides comes before Packer.
 */
export function planNeedsTemplate(template: string, packerVersion: string): boolean {
  if (semver.gte(packerVersion, PLUGINS_MIN_VERSION)) return true
  if (semver.lt(packerVersion, INIT_MIN_VERSION) || !templateShape(template).hcl2) return false
  return templateFiles(template).some((file) => readFileSync(file, 'utf8').includes('required_plugins'))
}
