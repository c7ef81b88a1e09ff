import { Input } from '../constants.js'
import { bool, REGION } from '../input-values.js'
import { CHANNEL_NAME, channelParameter, DEFAULT_CHANNEL_PARAMETER } from './names.js'

/** Channels, promotion, rollback and revocation, as the inputs ask for them; checked before any call. */
export interface ChannelOptions {
  /** Build mode: the channel new AMIs join; `mode: promote`: the target. */
  channel?: string
  /** The parameter name template, with `{family}` and `{channel}`. */
  parameter: string
  /** `mode: promote`: promote what this channel points at, per region. */
  fromChannel?: string
  /** `mode: promote` / `revoke`: region → AMI. */
  amiIds?: Record<string, string>
  rollback: boolean
  revoke: { reason: string; disable: boolean; descendants: boolean }
}

export const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/

/**
 * `mode` is the mode as given; `family` the `family` input; `awsRegion` the primary region.
 * Every rule names the input it is about.
 */
export function readChannelOptions(get: (name: string) => string, mode: string, family: string, awsRegion: string | undefined): ChannelOptions {
  const channel = channelName(Input.channel, get(Input.channel).trim())
  const fromChannel = channelName(Input.fromChannel, get(Input.fromChannel).trim())
  const parameter = parameterTemplate(get(Input.channelParameter).trim() || DEFAULT_CHANNEL_PARAMETER, family)
  const amiIds = amiMap(get(Input.amiIds).trim(), get(Input.amiId).trim(), awsRegion)
  const rollback = bool(Input.rollback, get(Input.rollback), false)
  const reason = get(Input.revokeReason).trim()
  const revoke = { reason, disable: bool(Input.revokeDisable, get(Input.revokeDisable), false), descendants: bool(Input.revokeDescendants, get(Input.revokeDescendants), false) }
  if (rollback && channel === undefined) throw new Error(`${Input.rollback}: needs ${Input.channel}, the channel to move back`)
  if (rollback && mode !== 'promote') throw new Error(`${Input.rollback}: only mode promote moves a channel back (mode is ${mode || 'auto'})`)
  if (mode === 'promote') {
    if (channel === undefined) throw new Error(`${Input.channel}: mode promote needs the channel to promote to`)
    needFamily(mode, family)
    needRegion(mode, awsRegion)
    const sources = [fromChannel, amiIds, rollback ? true : undefined].filter((s) => s !== undefined).length
    if (sources !== 1) {
      throw new Error(`${Input.fromChannel}/${Input.amiIds}/${Input.rollback}: mode promote takes exactly one of them (what to promote, or rollback: true)`)
    }
    if (fromChannel === channel) throw new Error(`${Input.fromChannel}: "${fromChannel}" is the target channel itself`)
  }
  if (mode === 'revoke') {
    if (amiIds === undefined) throw new Error(`${Input.amiId}/${Input.amiIds}: mode revoke needs the AMI to revoke`)
    if (reason === '') throw new Error(`${Input.revokeReason}: mode revoke needs a reason; it goes on every revoked AMI`)
    if (reason.length > 200 || /[\r\n]/.test(reason)) throw new Error(`${Input.revokeReason}: one line of at most 200 characters`)
    needFamily(mode, family)
    needRegion(mode, awsRegion)
  }
  return { channel, parameter, fromChannel, amiIds, rollback, revoke }
}

function channelName(input: string, value: string): string | undefined {
  if (value === '') return undefined
  if (!CHANNEL_NAME.test(value)) throw new Error(`${input}: "${value}" is not a channel name: one SSM path segment of letters, digits, _ . - (at most 128)`)
  return value
}

/** Must hold `{channel}`, and give a valid name for a sample family (or the given one). */
function parameterTemplate(value: string, family: string): string {
  if (!value.includes('{channel}')) throw new Error(`${Input.channelParameter}: "${value}" must contain {channel}`)
  const tried = channelParameter(value, family || 'owner/repo/build', 'channel')
  if ('error' in tried) throw new Error(`${Input.channelParameter}: ${tried.error}`)
  return value
}

/** `ami-ids` as JSON region → AMI, or `ami-id` in `aws-region`; not both. */
function amiMap(json: string, single: string, awsRegion: string | undefined): Record<string, string> | undefined {
  if (json !== '' && single !== '') throw new Error(`${Input.amiId}/${Input.amiIds}: give one of them, not both`)
  if (single !== '') {
    if (!AMI_ID.test(single)) throw new Error(`${Input.amiId}: "${single}" is not an AMI id (ami-0123456789abcdef0)`)
    if (awsRegion === undefined) throw new Error(`${Input.amiId}: needs aws-region (or AWS_REGION), the region the AMI is in`)
    return { [awsRegion]: single }
  }
  if (json === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    throw new Error(`${Input.amiIds}: not JSON; give an object of region → AMI, such as {"us-east-1": "ami-0123456789abcdef0"}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
    throw new Error(`${Input.amiIds}: give a JSON object of region → AMI, such as {"us-east-1": "ami-0123456789abcdef0"}`)
  }
  for (const [region, ami] of Object.entries(parsed)) {
    if (!REGION.test(region)) throw new Error(`${Input.amiIds}: "${region}" is not an AWS region`)
    if (typeof ami !== 'string' || !AMI_ID.test(ami)) throw new Error(`${Input.amiIds}: the AMI of ${region}, ${JSON.stringify(ami)}, is not an AMI id`)
  }
  return parsed as Record<string, string>
}

function needFamily(mode: string, family: string): void {
  if (family === '') throw new Error(`${Input.family}: mode ${mode} needs the family (the family tag of the AMIs, as the build set it)`)
}

function needRegion(mode: string, awsRegion: string | undefined): void {
  if (awsRegion === undefined) throw new Error(`${Input.awsRegion}: mode ${mode} needs aws-region (or AWS_REGION)`)
}
