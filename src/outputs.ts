import { amiArtifacts, type ListedArtifact } from './packer/artifacts.js'

export interface AmiOutputs {
  /** Empty when the run made no AMI (only other artifacts, or every build skipped). */
  amiId: string
  /** Region → AMI of the first build. */
  amiIds: Record<string, string>
}

/**
 * The first build (by name) with an AMI answers `ami-id`: its AMI in the primary region, or
 * where it has none there, the first that Packer lists (its artifact id lists regions in
 * sorted order). Artifacts that are no AMI take no part.
 */
export function amiOutputs(artifacts: readonly ListedArtifact[], primaryRegion?: string): AmiOutputs {
  const amis = amiArtifacts(artifacts)
  if (amis.length === 0) return { amiId: '', amiIds: {} }
  const first = amis[0]
  const ofFirst = amis.filter((a) => a.build === first.build)
  const amiIds = Object.fromEntries(ofFirst.map((a) => [a.region, a.ami]))
  const amiId = (primaryRegion !== undefined ? amiIds[primaryRegion] : undefined) ?? first.ami
  return { amiId, amiIds }
}
