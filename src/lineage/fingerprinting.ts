import { finishFingerprint, type FingerprintParts, type PreparedFingerprint } from '../fingerprint.js'
import type { ResolvedBase } from './base-images.js'
import type { BaseSpec } from './template-reads.js'

/** What went into the fingerprint and what the action could not see, for the summary. */
export interface FingerprintReport {
  digest: string
  parts: FingerprintParts
  bases: ResolvedBase[]
  /** Inputs only Packer can evaluate: while any is listed, nothing is reused. */
  blind: string[]
  /** A base that moved on since the newest earlier AMI of its source was built. */
  changes: BaseChange[]
}

export interface BaseChange {
  source: string
  /** The earlier AMI, and the base it was built on. */
  previousAmi: string
  from: string
  fromName?: string
  to: string
  toName?: string
}

export interface BaseLookups {
  bases: ResolvedBase[]
  changes: BaseChange[]
}

/**
 * The base images as AWS answers now, and how each moved since the newest earlier AMI of its
 * source: for `skip-unchanged`, started as soon as the template is read, beside the install.
 * The AWS SDK loads here, and only here, before Packer runs.
 */
export async function lookUpBases(specs: BaseSpec[], repository: string): Promise<BaseLookups> {
  if (specs.length === 0) return { bases: [], changes: [] }
  const [{ resolveBases }, { ec2Clients }, { ssmClients }] = await Promise.all([
    import('./base-images.js'),
    import('../aws/clients.js'),
    import('../aws/references.js')
  ])
  const ec2 = ec2Clients()
  const bases = await resolveBases(specs, { ec2, ssm: ssmClients() })
  return { bases, changes: await baseChanges(bases, repository) }
}

/**
 * Without `skip-unchanged` nothing is looked up before the build: the bases are what Packer
 * printed (`Found Image ID`), which is what a later look-up of an unchanged base resolves to.
 */
export async function basesFromPacker(specs: BaseSpec[], found: Record<string, string>, repository: string): Promise<BaseLookups> {
  const bases = specs.map((spec): ResolvedBase => {
    const id = Object.entries(found).find(([build]) => build === spec.source || build.endsWith(`.${spec.source}`))?.[1]
    return id === undefined ? { source: spec.source, region: spec.region, unknown: 'Packer printed no Found Image ID for it' } : { source: spec.source, region: spec.region, id }
  })
  return { bases, changes: await baseChanges(bases, repository) }
}

export function fingerprintReport(prepared: PreparedFingerprint, blind: string[], lookups: BaseLookups): FingerprintReport {
  const { bases, changes } = lookups
  return {
    digest: finishFingerprint(prepared, bases.map(baseKey)),
    parts: { ...prepared.parts, bases: bases.map(baseKey).sort() },
    bases,
    blind: [...blind, ...bases.filter((b) => b.unknown !== undefined).map((b) => `base image of ${b.source}: ${b.unknown}`)],
    changes
  }
}

/** Best effort: a base whose history cannot be read has no change to report. */
async function baseChanges(bases: ResolvedBase[], repository: string): Promise<BaseChange[]> {
  const known = bases.filter((b) => b.id !== undefined && b.region !== undefined)
  if (known.length === 0) return []
  const [{ ec2Clients }, { previousBase }] = await Promise.all([import('../aws/clients.js'), import('./lineage.js')])
  const ec2 = ec2Clients()
  const changes: BaseChange[] = []
  for (const b of known) {
    const before = await previousBase(ec2(b.region as string), repository, b.source).catch(() => undefined)
    if (before === undefined || before.base === b.id) continue
    changes.push({ source: b.source, previousAmi: before.ami, from: before.base, fromName: before.name, to: b.id as string, toName: b.name })
  }
  return changes
}

/** One line per base for the fingerprint: what changes when the base moves on. */
function baseKey(base: ResolvedBase): string {
  return `${base.source} ${base.region ?? '?'} ${base.id ?? `unknown: ${base.unknown ?? ''}`}`
}
