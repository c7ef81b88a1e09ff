import * as os from 'node:os'
import * as path from 'node:path'
import type { Options } from '../inputs.js'
import { pluginPlan } from './plugin-plan.js'
import { installPlugin } from './plugins.js'
import type { TemplateInfo } from './template.js'

/**
 * Installs the official plugins the template needs from the mirror, verified and cached, into
 * Packer's plugin directory: the user's PACKER_PLUGIN_PATH, else one in RUNNER_TEMP. Returns
 * the environment Packer runs in from then on.
 */
export async function placePlugins(opts: Options, template: TemplateInfo, packerVersion: string, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const plan = pluginPlan(template, packerVersion, opts.amazonPluginVersion)
  if (plan.length === 0) return env
  const dir = path.resolve(env.PACKER_PLUGIN_PATH || path.join(env.RUNNER_TEMP || os.tmpdir(), 'packer-plugins'))
  const site = { mirror: opts.packerMirror, signingKey: opts.signingKey, verifySignature: opts.verifySignature }
  for (const req of plan) await installPlugin(site, req, dir, env)
  return { ...env, PACKER_PLUGIN_PATH: dir }
}
