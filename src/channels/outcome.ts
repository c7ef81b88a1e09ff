import type { LaunchTemplateRollout } from '../aws/launch-templates.js'
import type { ChannelAssignment, Move } from './assign.js'

/** An AMI `mode: revoke` revoked, or would revoke in a dry run. */
export interface RevokedImage {
  region: string
  ami: string
  family: string
  /** Undefined for an AMI the input named; else the revoked AMI it was built on. */
  builtOn?: string
  disabled: boolean
}

/** A channel that pointed at a revoked AMI and had no earlier usable AMI to move back to. */
export interface StuckChannel {
  region: string
  channel: string
  family: string
  parameter: string
  ami: string
  why: string
}

/** What `mode: promote` or `mode: revoke` did, for the outputs and the summary. */
export interface ChannelReport {
  mode: 'promote' | 'revoke'
  family: string
  /** The target channel of a promotion. */
  channel?: string
  /** `from-channel candidate`, `ami-ids`, `rollback`. */
  source?: string
  assignments: ChannelAssignment[]
  /** `cleanup-dry-run`: the channel moves a revocation would make. */
  planned: Move[]
  /** Versions a rollback or a revocation passed over, and why. */
  passedOver: Array<{ region: string; parameter: string; version: number; ami: string; why: string }>
  /** The checks that refused the promotion: nothing was written. */
  refused: string[]
  revoked: RevokedImage[]
  stuck: StuckChannel[]
  /** `cleanup-dry-run`: the plan, nothing changed. */
  dryRun: boolean
  sharedWith: string[]
  launchTemplates?: LaunchTemplateRollout
}

export function emptyChannelReport(mode: ChannelReport['mode'], family: string, dryRun: boolean): ChannelReport {
  return { mode, family, assignments: [], planned: [], passedOver: [], refused: [], revoked: [], stuck: [], dryRun, sharedWith: [] }
}
