import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { tagOf } from '../aws/images.js'
import { FAMILY_TAG, TEST_TAG, untrusted } from '../aws/tags.js'
import { REVOKED_TAG } from './tags.js'

/** Values of one EC2 filter a request carries. */
const IDS_PER_CALL = 200

/**
 * This account's own AMIs among `amis` in one region, by id, disabled and deprecated ones
 * included: a disabled AMI "does not appear in DescribeImages API calls by default" (EC2 API
 * Reference, DisableImage; DescribeImages, IncludeDisabled). The ids go in an `image-id` filter
 * beside `Owners: self`, so an id that does not exist is simply absent rather than failing the
 * call, and one another account owns is absent too, whatever its tags say.
 */
export async function ownImages(ec2: EC2Client, amis: readonly string[]): Promise<Map<string, Image>> {
  const found = new Map<string, Image>()
  const unique = [...new Set(amis)]
  for (let i = 0; i < unique.length; i += IDS_PER_CALL) {
    const Filters = [{ Name: 'image-id', Values: unique.slice(i, i + IDS_PER_CALL) }]
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters, IncludeDisabled: true, IncludeDeprecated: true }))
    for (const image of Images) if (image.ImageId !== undefined && unique.includes(image.ImageId)) found.set(image.ImageId, image)
  }
  return found
}

/**
 * What keeps an AMI from a channel, in words; none when it may be assigned. `image` is
 * undefined when this account owns no AMI of that id in the region.
 */
export function imageProblems(image: Image | undefined, family: string, now: Date): string[] {
  if (image === undefined) return ['does not exist in this account']
  const problems: string[] = []
  if (image.State !== 'available') problems.push(`is ${image.State ?? 'in no known state'}, not available`)
  const imageFamily = tagOf(image, FAMILY_TAG)
  if (imageFamily !== family) problems.push(imageFamily === undefined ? `has no family tag (${FAMILY_TAG}); it is not of family ${family}` : `is of family ${imageFamily}, not ${family}`)
  const revoked = tagOf(image, REVOKED_TAG)
  if (revoked !== undefined) problems.push(`is revoked (${revoked})`)
  // The test stage tags `pending` until its verdict: only `passed` (or no test stage) may be handed out.
  const verdict = tagOf(image, TEST_TAG)
  if (untrusted(verdict)) problems.push(verdict === 'failed' ? 'failed its test' : `has not passed its test (${verdict})`)
  if (image.DeprecationTime !== undefined && new Date(image.DeprecationTime) <= now) problems.push(`is deprecated since ${image.DeprecationTime}`)
  return problems
}
