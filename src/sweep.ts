import * as core from '@actions/core'
import { Output } from './constants.js'
import type { Options } from './inputs.js'
import type { Report } from './report/render.js'

/**
 * `mode: sweep`, for a scheduled workflow: removes what the builds of lost runners left in
 * `sweep-regions`, with neither a template nor Packer. The AWS SDK loads only here.
 */
export async function runSweep(opts: Options, report: Report): Promise<void> {
  const { sweep } = await import('./aws/sweep.js')
  const result = await sweep({
    regions: opts.sweep.regions,
    olderThanMs: opts.sweep.olderThanMs,
    dryRun: opts.images.cleanupDryRun,
    family: opts.images.family === '' ? undefined : opts.images.family
  })
  report.sweep = result
  core.setOutput(Output.swept, JSON.stringify(result.swept))
  const failed = result.swept.filter((s) => s.error !== undefined)
  const problems = [
    ...(failed.length > 0 ? [`could not remove ${failed.map((s) => `${s.kind} ${s.id} in ${s.region}`).join(', ')}`] : []),
    ...(result.errors.length > 0 ? [`could not sweep ${result.errors.join('; ')}`] : [])
  ]
  if (problems.length > 0) throw new Error(`the sweep ${problems.join(', and ')}`)
}
