import * as core from '@actions/core'
import * as fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { State } from './constants.js'
import { hasResources, type BuilderResources } from './packer/resources.js'


/**
 * The post step: when the build did not finish cleanly (cancelled, killed, failed), removes
 * every builder resource Packer reported, as saved in the action's state.
 */
export async function cleanup(): Promise<void> {
  try {
    if (core.getState(State.buildFinished) === 'true') return core.info('The build finished cleanly: nothing to clean up')
    const saved = core.getState(State.resources)
    if (saved === '') return core.info('Packer did not build: nothing to clean up')
    await stopPacker(Number(core.getState(State.packerPid)))
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

/**
 * Packer runs in its own process group, so a hard kill of the step can leave it running;
 * stop it before removing what it works on. The PID is checked to still be Packer's.
 */
async function stopPacker(pid: number): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 0 || !isPacker(pid)) return
  core.info(`Packer (process group ${pid}) is still running: stopping it`)
  for (const [signal, waitMs] of [['SIGTERM', 5000], ['SIGKILL', 2000]] as const) {
    try {
      process.kill(-pid, signal)
    } catch {
      return
    }
    for (let waited = 0; waited < waitMs && isPacker(pid); waited += 100) await sleep(100)
    if (!isPacker(pid)) return
  }
}

function isPacker(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('packer')
  } catch {
    return false
  }
}
