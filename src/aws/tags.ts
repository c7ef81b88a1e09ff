/** EC2 tag rules and the action's own provenance tags, pure. */

export type Tags = Record<string, string>

export const TAG_PREFIX = 'packer-ami-action:'
export const FAMILY_TAG = `${TAG_PREFIX}family`
export const FINGERPRINT_TAG = `${TAG_PREFIX}fingerprint`
export const BUILD_TAG = `${TAG_PREFIX}build`
export const BUILDER_TAG = `${TAG_PREFIX}builder`
/** Every region of the build, so a reused AMI is only reused when all its copies still exist. */
export const REGIONS_TAG = `${TAG_PREFIX}regions`

/** The image an AMI was built from (src/lineage): its id, its region and its name. */
export const BASE_AMI_TAG = `${TAG_PREFIX}base-ami`
export const BASE_REGION_TAG = `${TAG_PREFIX}base-ami-region`
export const BASE_NAME_TAG = `${TAG_PREFIX}base-ami-name`

/**
 * The test stage's verdict on an AMI (src/test-stage): `pending` from tagging until the test
 * ends, then `passed` or `failed`. Only an AMI without it (no test stage ran) or with `passed`
 * is ever reused, shared, published or counted as newest.
 */
export const TEST_TAG = `${TAG_PREFIX}test`
export type TestVerdict = 'pending' | 'passed' | 'failed'

/** True for an AMI the test stage did not pass: failed, or never finished. */
export function untrusted(verdict: string | undefined): boolean {
  return verdict !== undefined && verdict !== 'passed'
}

/** EC2 allows 50 tags a resource; the action's own take the rest of the room. */
const MAX_TAGS = 50
const MAX_KEY = 128
const MAX_VALUE = 256

export interface Provenance {
  repository: string
  commit: string
  runUrl: string
  ref: string
  template: string
  fingerprint: string
}

/** Which build an AMI came from, and where its copies are. */
export interface ImageOrigin {
  build: string
  builder: string
  regions: string[]
}

/** Provenance values come from the runner, not the user: cut to fit rather than refused. */
export function provenanceTags(p: Provenance, family: string, origin: ImageOrigin): Tags {
  const tags: Tags = {
    [FINGERPRINT_TAG]: p.fingerprint,
    [BUILD_TAG]: origin.build,
    [BUILDER_TAG]: origin.builder,
    [REGIONS_TAG]: origin.regions.join(' '),
    [`${TAG_PREFIX}repository`]: p.repository,
    [`${TAG_PREFIX}commit`]: p.commit,
    [`${TAG_PREFIX}run-url`]: p.runUrl,
    [`${TAG_PREFIX}ref`]: p.ref,
    [`${TAG_PREFIX}template`]: p.template,
    [FAMILY_TAG]: family
  }
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v.slice(0, MAX_VALUE)]))
}

/** Number of tags `provenanceTags`, the lineage and the test stage add, so user tags can be checked before the build. */
const PROVENANCE_TAG_COUNT = 14

/** Throws, naming the input, for a tag EC2 would refuse; checked before any AWS call. */
export function checkTags(input: string, tags: Tags): void {
  const keys = Object.keys(tags)
  if (keys.length + PROVENANCE_TAG_COUNT > MAX_TAGS) {
    throw new Error(`${input}: ${keys.length} tags, but EC2 allows ${MAX_TAGS - PROVENANCE_TAG_COUNT} next to the action's own`)
  }
  for (const key of keys) {
    if (key.length < 1 || key.length > MAX_KEY) throw new Error(`${input}: tag key "${key}" must be 1 to ${MAX_KEY} characters`)
    if (key.toLowerCase().startsWith('aws:')) throw new Error(`${input}: tag key "${key}" starts with "aws:", which AWS reserves`)
    if (key.startsWith(TAG_PREFIX)) throw new Error(`${input}: tag key "${key}" starts with "${TAG_PREFIX}", which the action sets itself`)
    if (tags[key].length > MAX_VALUE) throw new Error(`${input}: the value of tag "${key}" is longer than ${MAX_VALUE} characters`)
  }
}
