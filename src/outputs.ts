import type { Artifact } from './packer/artifacts.js'

export interface AmiOutputs {
  amiId: string
  /** Region → AMI of the first build. */
  amiIds: Record<string, string>
}

/**
 * The first build (by name) answers `ami-id`: its AMI in the primary region, or where it has
 * none there, the first that Packer lists (its artifact id lists regions in sorted order).
 */
export function amiOutputs(artifacts: Artifact[], primaryRegion?: string): AmiOutputs {
  const first = artifacts[0]
  const ofFirst = artifacts.filter((a) => a.build === first.build)
  const amiIds = Object.fromEntries(ofFirst.map((a) => [a.region, a.ami]))
  const amiId = (primaryRegion !== undefined ? amiIds[primaryRegion] : undefined) ?? first.ami
  return { amiId, amiIds }
}
