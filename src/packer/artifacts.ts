import type { PackerEvent } from './machine-readable.js'

/**
 * An AMI in one region and the build that made it: all that the AMI-only code (waiting,
 * tagging, sharing, the manifest cross-check) needs, wherever the AMI was read.
 */
export interface Artifact {
  build: string
  /** The source type where known (`amazon-ebs`), else Packer's builder id. */
  builder: string
  region: string
  ami: string
}

/** One entry of the `artifacts` output: an artifact Packer reported, an AMI or any other. */
export interface PackerArtifact {
  build: string
  /** The source type where known (`amazon-ebs`, `file`), else Packer's builder id. */
  builder: string
  builderId: string
  /** Packer's artifact id; for an AMI, `region:ami`. */
  id: string
  region?: string
  ami?: string
}

/** An Amazon artifact's entry for one of its regions. */
export interface AmiArtifact extends PackerArtifact {
  region: string
  ami: string
}

/**
 * What the report and the outputs list. The AMIs an earlier run left for `skip-unchanged` come
 * complete (`AmiArtifact`), but main.ts holds them under the narrower `Artifact`.
 */
export type ListedArtifact = PackerArtifact | Artifact

/**
 * Builder ids as Packer prints them → the source type a template names, so `builder` reads
 * like the template. Ids shared by two builders (virtualbox, azure) stay ids.
 */
const BUILDER_TYPES: Record<string, string> = {
  // packer-plugin-amazon @ v1.8.2: builder/{ebs,ebssurrogate,instance,chroot,ebsvolume}/builder.go
  'mitchellh.amazonebs': 'amazon-ebs',
  'mitchellh.amazon.ebssurrogate': 'amazon-ebssurrogate',
  'mitchellh.amazon.instance': 'amazon-instance',
  'mitchellh.amazon.chroot': 'amazon-chroot',
  'mitchellh.amazon.ebsvolume': 'amazon-ebsvolume',
  // hashicorp/packer @ v1.16.0: builder/file/builder.go, builder/null/builder.go
  'packer.file': 'file',
  'fnoeding.null': 'null',
  // hashicorp/packer @ v1.6.6 (before the split into plugins): builder/{docker,googlecompute}/builder.go
  'packer.docker': 'docker',
  'packer.googlecompute': 'googlecompute'
}

/** Post-processors name their artifacts `packer.post-processor.<type>` (amazon-import, manifest, ...). */
const POST_PROCESSOR_ID = /^packer\.post-processor\.([\w-]+)$/

export function builderType(builderId: string): string {
  return BUILDER_TYPES[builderId] ?? POST_PROCESSOR_ID.exec(builderId)?.[1] ?? builderId
}

/** The builder id behind a source type, for AMIs known only by the type in their tags. */
export function builderIdOf(type: string): string {
  return Object.keys(BUILDER_TYPES).find((id) => BUILDER_TYPES[id] === type) ?? type
}

const AMI_ENTRY = /^([a-z]{2,4}(?:-[a-z]+)+-\d+):(ami-[0-9a-f]+)$/

/** `us-east-1:ami-1,us-west-2:ami-2` → pairs; anything that is not an AMI list yields none. */
export function amisOfArtifactId(id: string): Array<{ region: string; ami: string }> {
  const entries = id.split(',').map((part) => AMI_ENTRY.exec(part.trim()))
  if (entries.some((m) => m === null)) return []
  return entries.map((m) => ({ region: (m as RegExpExecArray)[1], ami: (m as RegExpExecArray)[2] }))
}

/** An AMI's entry, complete, from what any source knows of it. */
export function amiArtifact(a: Artifact, builderId = builderIdOf(a.builder)): AmiArtifact {
  return { build: a.build, builder: a.builder, builderId, id: `${a.region}:${a.ami}`, region: a.region, ami: a.ami }
}

/** The entries of one artifact Packer reported: one per AMI and region, or the artifact as it is. */
export function entriesOf(build: string, builderId: string, id: string): PackerArtifact[] {
  const builder = builderType(builderId)
  const amis = amisOfArtifactId(id)
  if (amis.length === 0) return [{ build, builder, builderId, id }]
  return amis.map(({ region, ami }) => amiArtifact({ build, builder, region, ami }, builderId))
}

/** The AMIs of a list, in its order. */
export function amiArtifacts(list: readonly ListedArtifact[]): Artifact[] {
  return list.filter((a): a is Artifact => a.region !== undefined && a.ami !== undefined)
}

/** The artifacts of a list that are no AMI, in its order. */
export function otherArtifacts(list: readonly ListedArtifact[]): PackerArtifact[] {
  return list.filter((a): a is PackerArtifact => a.ami === undefined)
}

/**
 * Gathers the artifacts of a run as their events stream. Each post-processor repeats a build's
 * artifact under a new index (and the builder's own may be gone): an AMI is counted once per
 * build, any other artifact once per build, builder id and id.
 */
export class ArtifactCollector {
  private readonly builderIds = new Map<string, string>()
  private readonly found = new Map<string, PackerArtifact>()

  add(event: PackerEvent): void {
    if (event.kind !== 'artifact') return
    const key = `${event.build}\u0000${event.index}`
    if (event.field === 'builder-id') this.builderIds.set(key, event.value)
    if (event.field !== 'id') return
    for (const entry of entriesOf(event.build, this.builderIds.get(key) ?? '', event.value)) {
      const seen = (entry.ami !== undefined ? ['ami', entry.build, entry.region, entry.ami] : ['other', entry.build, entry.builderId, entry.id]).join('\u0000')
      if (!this.found.has(seen)) this.found.set(seen, entry)
    }
  }

  artifacts(): PackerArtifact[] {
    return sortArtifacts([...this.found.values()])
  }
}

/** Builds by name, so the first build (and `ami-id`) does not depend on which finished first. */
export function sortArtifacts<T extends { build: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => compare(a.build, b.build))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
