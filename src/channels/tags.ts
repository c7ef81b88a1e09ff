/**
 * The tags channels, promotion and revocation read and write, beside the provenance tags of
 * src/aws/tags.ts (whose TEST_TAG, the test stage's verdict, decides what may join a channel).
 */
import { TAG_PREFIX } from '../aws/tags.js'

/** On an AMI: why it was revoked (`revoke-reason`). Its presence is what "revoked" means. */
export const REVOKED_TAG = `${TAG_PREFIX}revoked`
/** On an AMI: the run that revoked it. */
export const REVOKED_BY_TAG = `${TAG_PREFIX}revoked-by`
/**
 * On a channel parameter: the family and the channel it holds. Together they prove the parameter
 * is this action's channel of that family: one without them, or with others, is never written.
 */
export const CHANNEL_FAMILY_TAG = `${TAG_PREFIX}family`
export const CHANNEL_TAG = `${TAG_PREFIX}channel`
