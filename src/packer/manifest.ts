import { amisOfArtifactId, sortArtifacts, type Artifact } from './artifacts.js'

interface ManifestBuild {
  name?: string
  builder_type?: string
  artifact_id?: string
  packer_run_uuid?: string
}

interface Manifest {
  builds?: ManifestBuild[]
  last_run_uuid?: string
}

/**
 * AMIs of the last run recorded in a manifest file. The file appends across runs, so only the
 * entries of its `last_run_uuid` count; `name` is the source label, not the full build name.
 */
export function manifestArtifacts(text: string): Artifact[] {
  const manifest = JSON.parse(text) as Manifest
  const run = manifest.last_run_uuid
  const builds = (manifest.builds ?? []).filter((b) => run !== undefined && b.packer_run_uuid === run)
  return sortArtifacts(
    builds.flatMap((b) =>
      amisOfArtifactId(b.artifact_id ?? '').map(({ region, ami }) => ({
        build: b.name ?? '',
        builder: b.builder_type ?? '',
        region,
        ami
      }))
    )
  )
}

/** AMIs that one source names and the other does not, both ways. */
export function compareAmis(stream: Artifact[], manifest: Artifact[]): { onlyInStream: string[]; onlyInManifest: string[] } {
  const inStream = new Set(stream.map((a) => a.ami))
  const inManifest = new Set(manifest.map((a) => a.ami))
  return {
    onlyInStream: [...inStream].filter((ami) => !inManifest.has(ami)),
    onlyInManifest: [...inManifest].filter((ami) => !inStream.has(ami))
  }
}
