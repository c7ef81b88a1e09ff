import type { Report } from '../report/render.js'

export interface BaseImageOutput {
  id: string
  name?: string
  created?: string
}

/**
 * The `base-images` output: build → region of the base → the base's id and name. A built run
 * answers with what Packer printed; a reused run with the bases its fingerprint proved current.
 */
export function baseImagesOutput(report: Report): Record<string, Record<string, BaseImageOutput>> {
  const out: Record<string, Record<string, BaseImageOutput>> = {}
  const parents = report.images?.parents
  if (parents !== undefined && Object.keys(parents).length > 0) {
    for (const [build, p] of Object.entries(parents)) out[build] = { [p.region]: { id: p.id, name: p.name, created: p.created } }
    return out
  }
  for (const build of new Set(report.artifacts.map((a) => a.build))) {
    const base = report.lineage?.bases.find((b) => build === b.source || build.endsWith(`.${b.source}`))
    if (base?.id !== undefined && base.region !== undefined) out[build] = { [base.region]: { id: base.id, name: base.name, created: base.created } }
  }
  return out
}
