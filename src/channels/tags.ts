/** The tags channels, promotion and revocation read and write, beside the provenance tags of src/aws/tags.ts. */
import { TAG_PREFIX } from '../aws/tags.js'

/** On an AMI: why it was revoked (`revoke-reason`). Its presence is what "revoked" means. */
export const REVOKED_TAG = `${TAG_PREFIX}revoked`
/** On an AMI: the run that revoked it. */
export const REVOKED_BY_TAG = `${TAG_PREFIX}revoked-by`
/**
 * On an AMI: the test stage's verdict, `pending` until the test ends, then `passed` or `failed`.
 * Only an AMI without it (no test stage ran) or with `passed` is assigned to a channel or
 * promoted. The test stage (issue 17) writes it; this is the contract between the two.
 */
export const TEST_TAG = `${TAG_PREFIX}test`
export const TEST_FAILED = 'failed'
export const TEST_PASSED = 'passed'

/**
 * On a channel parameter: the family and the channel it holds. Together they prove the parameter
 * is this action's channel of that family: one without them, or with others, is never written.
 */
export const CHANNEL_FAMILY_TAG = `${TAG_PREFIX}family`
export const CHANNEL_TAG = `${TAG_PREFIX}channel`
