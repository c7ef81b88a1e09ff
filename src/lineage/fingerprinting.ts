import { fingerprintWithParts, type BuildInputs, type FingerprintParts } from '../fingerprint.js'
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

/**
 * Starts the base-image look-ups at once, off the path to Packer (the AWS SDK loads with them),
 * and settles the fingerprint when asked: before the build with `skip-unchanged`, after it
 * otherwise. No template source, no look-up and no SDK.
 */
export function startFingerprint(
  inputs: BuildInputs,
  template: { blind: string[]; specs: BaseSpec[] },
  repository: string
): Promise<FingerprintReport> {
  const settled = (async (): Promise<FingerprintReport> => {
    // Hashing and the SDK wait their turn: Packer starts first when nothing waits for this.
    await new Promise((resolve) => setImmediate(resolve))
    let bases: ResolvedBase[] = []
    let changes: BaseChange[] = []
    if (template.specs.length > 0) {
      const [{ resolveBases }, { ec2Clients }, { ssmClients }, { previousBase }] = await Promise.all([
        import('./base-images.js'),
        import('../aws/clients.js'),
        import('../aws/references.js'),
        import('./lineage.js')
      ])
      const ec2 = ec2Clients()
      bases = await resolveBases(template.specs, { ec2, ssm: ssmClients() })
      changes = await baseChanges(bases, (region, source) => previousBase(ec2(region), repository, source).catch(() => undefined))
    }
    const { digest, parts } = fingerprintWithParts({ ...inputs, bases: bases.map(baseKey) })
    const blind = [...template.blind, ...bases.filter((b) => b.unknown !== undefined).map((b) => `base image of ${b.source}: ${b.unknown}`)]
    return { digest, parts, bases, blind, changes }
  })()
  settled.catch(() => undefined)
  return settled
}

async function baseChanges(
  bases: ResolvedBase[],
  previous: (region: string, source: string) => Promise<{ ami: string; base: string; name?: string } | undefined>
): Promise<BaseChange[]> {
  const changes: BaseChange[] = []
  for (const b of bases) {
    if (b.id === undefined || b.region === undefined) continue
    const before = await previous(b.region, b.source)
    if (before === undefined || before.base === b.id) continue
    changes.push({ source: b.source, previousAmi: before.ami, from: before.base, fromName: before.name, to: b.id, toName: b.name })
  }
  return changes
}

/** One line per base for the fingerprint: what changes when the base moves on. */
function baseKey(base: ResolvedBase): string {
  return `${base.source} ${base.region ?? '?'} ${base.id ?? `unknown: ${base.unknown ?? ''}`}`
}
