import { Input } from '../constants.js'
import { bool, list } from '../input-values.js'
import { parseMapping } from '../variables.js'
import { checkTags, type Tags } from './tags.js'

/** What to do with the images after a build; every value checked before anything is built. */
export interface ImageOptions {
  tags: Tags
  shareAccounts: string[]
  shareOrganizations: string[]
  shareOus: string[]
  /** Milliseconds from now. */
  deprecateAfterMs?: number
  ssmParameter?: string
  /** Empty: `<owner>/<repo>/<build name>`. */
  family: string
  keepLatest?: number
  cleanupDryRun: boolean
  /** Launch template names or `lt-` ids: a new version with the region's AMI where each exists. */
  launchTemplates: string[]
  /** Make that new version the default. */
  launchTemplateDefault: boolean
  /** Enable deregistration protection on every new AMI, in every region. */
  deregistrationProtection: boolean
}

/** `key=value`; a line that opens a JSON mapping or holds `key: ` is YAML, whatever `=` it has. */
const TAG_LINE = /^(?![{[])([^=\s](?:(?!: )[^=])*)=(.*)$/
const ACCOUNT = /^\d{12}$/
const ORGANIZATION = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/
const OU = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/
const DURATION = /^(\d+)([dhm])$/
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 }
/** A plain name, or a hierarchy with a leading slash and at most 15 levels. */
const SSM_NAME = /^([a-zA-Z0-9_.-]+|(\/[a-zA-Z0-9_.-]+){1,15})$/

export function readImageOptions(get: (name: string) => string): ImageOptions {
  return {
    tags: tags(get(Input.amiTags)),
    shareAccounts: matching(Input.shareAccounts, list(get(Input.shareAccounts)), ACCOUNT, 'a 12-digit AWS account id'),
    shareOrganizations: matching(Input.shareOrganizations, list(get(Input.shareOrganizations)), ORGANIZATION, 'an organization ARN'),
    shareOus: matching(Input.shareOus, list(get(Input.shareOus)), OU, 'an organizational unit ARN'),
    deprecateAfterMs: duration(get(Input.deprecateAfter).trim()),
    ssmParameter: ssmParameter(get(Input.ssmParameter).trim()),
    family: family(get(Input.family).trim()),
    keepLatest: keepLatest(get(Input.keepLatest).trim()),
    cleanupDryRun: bool(Input.cleanupDryRun, get(Input.cleanupDryRun), false),
    launchTemplates: launchTemplates(list(get(Input.launchTemplates))),
    launchTemplateDefault: bool(Input.launchTemplateDefault, get(Input.launchTemplateDefault), false),
    deregistrationProtection: bool(Input.deregistrationProtection, get(Input.deregistrationProtection), false)
  }
}

/** EC2's rules: an id `lt-` and 17 hex digits (8 for older ones), or a name of 3 to 128 of `A-Za-z0-9().-/_`. */
const LAUNCH_TEMPLATE_ID = /^lt-([0-9a-f]{8}|[0-9a-f]{17})$/
const LAUNCH_TEMPLATE_NAME = /^[A-Za-z0-9().\-/_]{3,128}$/

function launchTemplates(values: string[]): string[] {
  for (const value of values) {
    const ok = value.startsWith('lt-') ? LAUNCH_TEMPLATE_ID.test(value) : LAUNCH_TEMPLATE_NAME.test(value)
    if (!ok) throw new Error(`${Input.launchTemplates}: "${value}" is neither a launch template id (lt-…) nor a launch template name`)
  }
  return [...new Set(values)]
}

/** `90d`, `12h`, `30m`; `0m` too where `allowZero` (a sweep of everything, however new). */
export function parseDuration(input: string, value: string, allowZero: boolean): number | undefined {
  if (value === '') return undefined
  const m = DURATION.exec(value)
  if (m === null || (!allowZero && Number(m[1]) === 0)) {
    throw new Error(`${input}: "${value}" is not a duration such as 90d, 12h or 30m`)
  }
  return Number(m[1]) * UNIT_MS[m[2]]
}

function tags(text: string): Tags {
  const parsed = parseMapping(Input.amiTags, text, TAG_LINE)
  const out: Tags = {}
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'object' && value !== null) throw new Error(`${Input.amiTags}: the value of tag "${key}" must be text`)
    out[key] = value === null ? '' : String(value)
  }
  checkTags(Input.amiTags, out)
  return out
}

function matching(input: string, values: string[], pattern: RegExp, what: string): string[] {
  for (const value of values) if (!pattern.test(value)) throw new Error(`${input}: "${value}" is not ${what}`)
  return values
}

function duration(value: string): number | undefined {
  return parseDuration(Input.deprecateAfter, value, false)
}

function ssmParameter(value: string): string | undefined {
  if (value === '') return undefined
  if (value.length > 1011 || !SSM_NAME.test(value) || /^\/?(aws|ssm)/i.test(value)) {
    throw new Error(`${Input.ssmParameter}: "${value}" is not a valid SSM parameter name`)
  }
  return value
}

function family(value: string): string {
  if (value.length > 200) throw new Error(`${Input.family}: "${value}" is longer than 200 characters`)
  return value
}

function keepLatest(value: string): number | undefined {
  if (value === '') return undefined
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new Error(`${Input.keepLatest}: "${value}" is not a whole number of at least 1`)
  }
  return Number(value)
}
