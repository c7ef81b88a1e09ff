/**
 * The image a new AMI replaces: the newest other `available` AMI of its family that this
 * account owns in the region and that went out (no test stage, or its test passed: a failed or
 * unfinished one never replaced anything), and the run that built it (its `run-url` provenance
 * tag), whose artifact holds that image's SBOM.
 */
import type { EC2Client, Image } from '#client-ec2'
import { tagOf } from '../aws/images.js'
import { listFamily } from '../aws/retention.js'
import { FAMILY_TAG, TAG_PREFIX, TEST_TAG, untrusted } from '../aws/tags.js'

const RUN_URL_TAG = `${TAG_PREFIX}run-url`

export interface PreviousImage {
  ami: string
  created: string
  /** Undefined when the AMI carries no run-url tag (built before the action tagged it). */
  runUrl?: string
}

/** Undefined when the family has no other AMI here: a first build. `skip` passes over more AMIs. */
export async function previousImage(ec2: EC2Client, family: string, newAmi: string, skip: (image: Image) => boolean = () => false): Promise<PreviousImage | undefined> {
  const images = await listFamily(ec2, family)
  const newest = images
    .filter((i) => i.ImageId !== undefined && i.ImageId !== newAmi && tagOf(i, FAMILY_TAG) === family && !untrusted(tagOf(i, TEST_TAG)) && !skip(i))
    .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (b.ImageId ?? '').localeCompare(a.ImageId ?? ''))[0]
  if (newest === undefined) return undefined
  return { ami: newest.ImageId as string, created: newest.CreationDate ?? '', runUrl: tagOf(newest, RUN_URL_TAG) }
}
