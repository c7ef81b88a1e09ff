import * as core from '@actions/core'
import * as fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { State } from './constants.js'
import { hasResources, ledgerOf, unfinished } from './packer/ledger.js'
import { isPacker, processTable, stopSurvivingPacker } from './packer/surviving-process.js'
import { renderLeftovers } from './report/leftovers.js'

/** How long a Packer that outlived the step gets to finish its own cleanup. */
const PACKER_GRACE_MS = 5 * 60_000

/**
 * The post step. A Packer that outlived the main step (the runner kills the node process, not
 * Packer's group) is given time to finish its own cleanup; then everything it printed is read
 * back from its output file, and only builds that did not finish are looked at: what they left
 * is removed, or kept and named after `on-error: abort` unless the job was cancelled. Then the
 * test stage's instances of this job that are still alive are terminated.
 */
export async function run(): Promise<void> {
  await removePackerLeftovers()
  await removeTestInstances()
}

async function removePackerLeftovers(): Promise<void> {
  try {
    const output = core.getState(State.packerOutput)
    if (output === '') return core.info('Packer did not build: nothing to clean up')
    const cancelled = core.getState(State.cancelled) === 'true' || core.getState(State.packerExited) !== 'true'
    await awaitPacker(Number(core.getState(State.packerPid)), core.getState(State.cancelled) === 'true')
    const ledger = ledgerOf(fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '')
    const builds = unfinished(ledger).filter(([, b]) => hasResources(b))
    const finishedLate = core.getState(State.packerExited) === 'true' ? [] : ledger.products.map((p) => p.replace('\u0000', ': '))
    if (builds.length === 0) {
      core.info('Every build finished or left nothing behind: nothing to clean up')
      if (finishedLate.length > 0) await core.summary.addRaw(renderLeftovers([], false, finishedLate)).write()
      return
    }
    const keep = core.getState(State.onError) === 'abort' && !cancelled
    const { removeLeftovers } = await import('./aws/leftovers.js')
    const found = await removeLeftovers(
      {
        builds,
        regions: JSON.parse(core.getState(State.regions) || '[]') as string[],
        runStart: new Date(core.getState(State.runStart)),
        productAmis: ledger.productAmis,
        keep
      },
      { pollMs: 2000, timeoutMs: 10 * 60_000, groupRetryMs: 5000, lateLookMs: 10_000 }
    )
    core.info(
      keep
        ? `on-error: abort: kept ${found.length} resources of the failed builds for debugging (see the summary)`
        : `Removed ${found.filter((f) => f.outcome === 'removed').length} leftover resources`
    )
    await core.summary.addRaw(renderLeftovers(found, keep, finishedLate)).write()
  } catch (err) {
    core.setFailed(`cleanup of builder resources failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/**
 * Test instances of this job that are still alive: the job died during the test stage, or their
 * termination was not confirmed. Only instances with this job's token are looked at.
 */
async function removeTestInstances(): Promise<void> {
  const token = core.getState(State.testRun)
  if (token === '') return
  try {
    const regions = JSON.parse(core.getState(State.testRegions) || '[]') as string[]
    const [{ removeTestInstances: remove, TestLeftoverError }, { renderTestLeftovers }] = await Promise.all([
      import('./test-stage/leftovers.js'),
      import('./report/test-leftovers.js')
    ])
    // A region that could not be looked at fails the step, and what the others removed is still reported.
    let failed: string | undefined
    const found = await remove(token, regions, { pollMs: 2000, timeoutMs: 10 * 60_000 }).catch((err: unknown) => {
      if (!(err instanceof TestLeftoverError)) throw err
      failed = err.message
      return err.found
    })
    core.info(`Test stage: ${found.length === 0 ? 'no test instance was left running' : `terminated ${found.filter((f) => f.outcome === 'terminated').length} of ${found.length} test instances left running`}`)
    if (found.length > 0) await core.summary.addRaw(renderTestLeftovers(found)).write()
    const still = found.filter((f) => f.outcome !== 'terminated')
    if (still.length > 0) core.setFailed(`test instances still running: ${still.map((f) => `${f.instance} (${f.region})`).join(', ')}`)
    if (failed !== undefined) core.setFailed(`cleanup of test instances failed: ${failed}`)
  } catch (err) {
    core.setFailed(`cleanup of test instances failed: ${err instanceof Error ? err.message : String(err)}`)
  }
}

/**
 * Waits for a Packer that outlived the step. When no cancel reached it (the node process died
 * without one), it is asked to stop first: nobody reports a build that goes on. Past the grace
 * time it is stopped for good, and the post step removes what remains.
 */
async function awaitPacker(pid: number, signalled: boolean): Promise<void> {
  const table = processTable()
  if (!Number.isInteger(pid) || pid <= 0 || !isPacker(table.commandLine(pid))) return
  if (!signalled) {
    core.info(`Packer (process ${pid}) outlived the step without a cancel: asking it to stop and clean up`)
    table.signal(pid, false)
  } else {
    core.info(`Packer (process ${pid}) outlived the step: waiting for its own cleanup`)
  }
  const deadline = Date.now() + PACKER_GRACE_MS
  while (isPacker(table.commandLine(pid)) && Date.now() < deadline) await sleep(200)
  if (isPacker(table.commandLine(pid))) {
    core.warning(`Packer (process ${pid}) was still running after ${PACKER_GRACE_MS / 60_000} minutes: stopping it`)
    await stopSurvivingPacker(pid, table)
  } else {
    core.info('Packer has finished')
  }
}
