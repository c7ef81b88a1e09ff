import { amisOfArtifactId } from './artifacts.js'
import { parseLine } from './machine-readable.js'

/**
 * What each build of a run created and how it ended, read from Packer's machine-readable
 * output, pure. Packer's own words are the only source: the names and ids it announces are
 * candidates for the post step, which proves each one is this run's before removing it.
 * Messages: packer-plugin-amazon v1.8.2, common/ and builder/ebs/ (cited beside each pattern).
 */
export interface BuildLedger {
  /** `running` until Packer says `Build 'NAME' finished after …` or `… errored after …`. */
  state: 'running' | 'finished' | 'errored'
  /** Names the build gives its AMI: copies in other regions carry the same name. */
  amiNames: string[]
  /** AMI ids printed for the build: never grounds for removal on their own. */
  images: string[]
  instances: string[]
  keyPairs: string[]
  /** Names; Packer does not print the sg- id. */
  securityGroups: string[]
  /** Spot Fleet launch templates, by lt- id. */
  launchTemplates: string[]
  /** Temporary instance profile, role and policy: the plugin gives all three one name. */
  iam: string[]
  /** Regions the build copies its AMI to. */
  copyRegions: string[]
  /**
   * A CreateImage or CopyImage was announced and not yet confirmed (no `AMI: ami-…`, no
   * `Waiting for all copies`): cancelled then, the call may still land after Packer gave up.
   */
  unconfirmed: boolean
}

export interface RunLedger {
  builds: Record<string, BuildLedger>
  /** Packer was interrupted (a cancel reached it): see unfinished(). */
  interrupted: boolean
  /** `build\u0000id` of every artifact Packer reported: products, never leftovers. */
  products: string[]
  /** AMI ids among the products. */
  productAmis: string[]
}

export function emptyLedger(): RunLedger {
  return { builds: {}, interrupted: false, products: [], productAmis: [] }
}

function emptyBuild(): BuildLedger {
  return {
    state: 'running',
    amiNames: [],
    images: [],
    instances: [],
    keyPairs: [],
    securityGroups: [],
    launchTemplates: [],
    iam: [],
    copyRegions: [],
    unconfirmed: false
  }
}

type ListKey = Exclude<keyof BuildLedger, 'state' | 'unconfirmed'>

// builder/ebs/step_create_ami.go and common/step_ami_region_copy.go: announced, then confirmed.
const REQUESTED = [/^Creating AMI .+ from instance i-[0-9a-f]+$/, /^Copying to: /]
const CONFIRMED = [/^AMI: ami-[0-9a-f]+$/, /^Waiting for all copies to complete/]

const REGION = '[a-z]{2,4}(?:-[a-z]+)+-\\d+'
const PATTERNS: Array<[ListKey, RegExp]> = [
  // common/step_pre_validate.go
  ['amiNames', /^Prevalidating AMI Name: (.+)$/],
  // builder/ebs/step_create_ami.go
  ['amiNames', /^Creating AMI (.+) from instance i-[0-9a-f]+$/],
  ['images', /^AMI: (ami-[0-9a-f]+)$/],
  // common/step_create_tags.go
  ['images', /^Adding tags to AMI \((ami-[0-9a-f]+)\)/],
  // common/step_run_source_instance.go, step_run_spot_instance.go
  ['instances', /^Instance ID: (i-[0-9a-f]+)$/],
  // common/step_key_pair.go: packer_<uuid>, or temporary_key_pair_name
  ['keyPairs', /^Creating temporary keypair: (\S+)$/],
  // common/step_security_group.go
  ['securityGroups', /^Creating temporary security group for this instance: (\S+)$/],
  // common/step_run_spot_instance.go
  ['launchTemplates', /^Created Spot Fleet launch template: (lt-[0-9a-f]+)$/],
  // common/step_iam_instance_profile.go: profile, role and policy share packer-<uuid>
  ['iam', /^Creating temporary instance profile for this instance: (\S+)$/],
  ['iam', /^Creating temporary role for this instance: (\S+)$/],
  ['iam', /^Attaching policy to the temporary role: (\S+)$/],
  // common/step_ami_region_copy.go
  ['copyRegions', new RegExp(`^Copying to: (${REGION})$`)]
]

const BUILD_TEXT = /^\s*(?:==> | {4})(.+?): (.*)$/s
// hashicorp/packer v1.16.0 command/signal.go "Cancelling build after receiving %s" and
// command/build.go "Cleanly cancelled builds after being interrupted." (1.6.6 the same).
const INTERRUPTED = /^(Cancelling build after receiving |Cleanly cancelled builds after being interrupted)/
const FINISHED = /^Build '(.+?)' finished after /
const ERRORED = /^Build '(.+?)' errored after /

function buildOf(ledger: RunLedger, name: string): BuildLedger {
  ledger.builds[name] ??= emptyBuild()
  return ledger.builds[name]
}

/**
 * Adds one ui line's news; true when something new was seen. The text after a build's
 * `==> NAME: ` prefix must be the plugin's message itself: a provisioner printing
 * `Source AMI: ami-…` or `… AMI: ami-…` names no resource of the build.
 */
export function noteUiLine(ledger: RunLedger, text: string, build: string | undefined): boolean {
  if (INTERRUPTED.test(text.trim()) && !ledger.interrupted) return (ledger.interrupted = true)
  const ended = FINISHED.exec(text) ?? ERRORED.exec(text)
  if (ended !== null) {
    const b = buildOf(ledger, ended[1])
    const state = FINISHED.test(text) ? 'finished' : 'errored'
    if (b.state === state) return false
    b.state = state
    return true
  }
  const prefixed = BUILD_TEXT.exec(text)
  if (prefixed === null || build === undefined) return false
  const message = prefixed[2].trim()
  let changed = false
  if (REQUESTED.some((r) => r.test(message))) buildOf(ledger, build).unconfirmed = true
  if (CONFIRMED.some((r) => r.test(message))) buildOf(ledger, build).unconfirmed = false
  for (const [key, pattern] of PATTERNS) {
    const value = pattern.exec(message)?.[1]
    if (value === undefined) continue
    const b = buildOf(ledger, build)
    if (!b[key].includes(value)) {
      b[key].push(value)
      changed = true
    }
  }
  return changed
}

export function noteArtifactId(ledger: RunLedger, build: string, id: string): void {
  const key = `${build}\u0000${id}`
  if (!ledger.products.includes(key)) ledger.products.push(key)
  for (const { ami } of amisOfArtifactId(id)) if (!ledger.productAmis.includes(ami)) ledger.productAmis.push(ami)
}

/** The whole ledger of a run from Packer's machine-readable output, as the post step reads it back. */
export function ledgerOf(output: string): RunLedger {
  const ledger = emptyLedger()
  for (const line of output.split('\n')) {
    const event = parseLine(line)
    if (event?.kind === 'ui') noteUiLine(ledger, event.text, event.build)
    if (event?.kind === 'artifact' && event.field === 'id') noteArtifactId(ledger, event.build, event.value)
  }
  return ledger
}

/**
 * Builds that did not finish: the only ones whose resources the post step may remove. Packer
 * (1.6.6 seen here) says `Build 'NAME' finished` of a build it cancelled, having left what the
 * build had made: after an interrupt, a build finished only if it reported an artifact.
 */
export function unfinished(ledger: RunLedger): Array<[string, BuildLedger]> {
  const made = new Set(ledger.products.map((p) => p.split('\u0000')[0]))
  const done = (name: string, b: BuildLedger): boolean => b.state === 'finished' && (!ledger.interrupted || made.has(name))
  return Object.entries(ledger.builds)
    .filter(([name, b]) => !done(name, b))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

export function hasResources(b: BuildLedger): boolean {
  return b.amiNames.length + b.instances.length + b.keyPairs.length + b.securityGroups.length + b.launchTemplates.length + b.iam.length > 0
}
