import type { PackerEvent } from './machine-readable.js'

/** One AMI in one region, as the `artifacts` output lists it. */
export interface Artifact {
  build: string
  builder: string
  region: string
  ami: string
}

/** Builder ids of Packer's Amazon builders, so `builder` reads like the template's source type. */
const BUILDER_TYPES: Record<string, string> = {
  'mitchellh.amazonebs': 'amazon-ebs',
  'mitchellh.amazon.ebssurrogate': 'amazon-ebssurrogate',
  'mitchellh.amazon.instance': 'amazon-instance',
  'mitchellh.amazon.chroot': 'amazon-chroot'
}

export function builderType(builderId: string): string {
  return BUILDER_TYPES[builderId] ?? builderId
}

const AMI_ENTRY = /^([a-z]{2,4}(?:-[a-z]+)+-\d+):(ami-[0-9a-f]+)$/

/** `us-east-1:ami-1,us-west-2:ami-2` → pairs; anything that is not an AMI list yields none. */
export function amisOfArtifactId(id: string): Array<{ region: string; ami: string }> {
  const entries = id.split(',').map((part) => AMI_ENTRY.exec(part.trim()))
  if (entries.some((m) => m === null)) return []
  return entries.map((m) => ({ region: (m as RegExpExecArray)[1], ami: (m as RegExpExecArray)[2] }))
}

/**
 * Gathers AMIs from artifact events as they stream. Each post-processor repeats a build's
 * artifact under a new index, so an AMI is counted once per build.
 */
export class ArtifactCollector {
  private readonly builderIds = new Map<string, string>()
  private readonly found = new Map<string, Artifact>()

  add(event: PackerEvent): void {
    if (event.kind !== 'artifact') return
    const key = `${event.build}\u0000${event.index}`
    if (event.field === 'builder-id') this.builderIds.set(key, event.value)
    if (event.field !== 'id') return
    const builder = builderType(this.builderIds.get(key) ?? '')
    for (const { region, ami } of amisOfArtifactId(event.value)) {
      const id = `${event.build}\u0000${region}\u0000${ami}`
      if (!this.found.has(id)) this.found.set(id, { build: event.build, builder, region, ami })
    }
  }

  artifacts(): Artifact[] {
    return sortArtifacts([...this.found.values()])
  }
}

/** Builds by name, so the first build (and `ami-id`) does not depend on which finished first. */
export function sortArtifacts(list: Artifact[]): Artifact[] {
  return [...list].sort((a, b) => compare(a.build, b.build))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
