import * as core from '@actions/core'
import { State } from './constants.js'
import { hasResources, type BuilderResources } from './packer/resources.js'
import { stopSurvivingPacker } from './packer/surviving-process.js'

/**
 * The post step: when the build did not finish cleanly (cancelled, killed, failed), removes
 * every builder resource Packer reported, as saved in the action's state.
 */
export async function run(): Promise<void> {
  try {
    if (core.getState(State.buildFinished) === 'true') return core.info('The build finished cleanly: nothing to clean up')
    const saved = core.getState(State.resources)
    if (saved === '') return core.info('Packer did not build: nothing to clean up')
    const pid = Number(core.getState(State.packerPid))
    if (await stopSurvivingPacker(pid)) core.info(`Packer (process ${pid}) outlived the step: stopped it`)
    const resources = JSON.parse(saved) as BuilderResources
    if (!hasResources(resources)) return core.info('Packer reported no resources: nothing to clean up')
    if (resources.regions.length === 0) {
      throw new Error(`no region is known for ${JSON.stringify(resources)}: set aws-region so the post step can remove them`)
    }
    const { removeLeftovers } = await import('./aws/leftovers.js')
    const removed = await removeLeftovers(resources, { pollMs: 2000, timeoutMs: 10 * 60_000 })
    const rows = removed.map((r) => `| ${r.region} | ${r.kind} | ${r.id} |`)
    core.info(removed.length === 0 ? 'Nothing was left behind' : `Removed ${removed.length} leftover resources`)
    await core.summary
      .addRaw(['### Cleanup after an unfinished build', '', '| Region | Kind | Removed |', '|---|---|---|', ...rows, ''].join('\n'))
      .write()
  } catch (err) {
    core.setFailed(`cleanup of builder resources failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}
