import { DescribeImagesCommand, type EC2Client, type Image } from '@aws-sdk/client-ec2'
import { sortArtifacts, type Artifact } from '../packer/artifacts.js'
import { AwsClients } from './clients.js'
import { BUILD_TAG, BUILDER_TAG, FINGERPRINT_TAG, REGIONS_TAG } from './tags.js'

/**
 * AMIs an earlier run built from the same inputs, found by their fingerprint tag in the
 * primary region; reused only when every build has an available AMI in every one of its
 * regions. Undefined means: build.
 */
export async function findReusable(primaryRegion: string, fingerprint: string): Promise<Artifact[] | undefined> {
  const clients = new AwsClients()
  const inPrimary = newestPerBuild(await withFingerprint(clients.ec2(primaryRegion), fingerprint))
  if (inPrimary.size === 0) return undefined
  const found: Artifact[] = []
  for (const [build, image] of inPrimary) {
    const regions = (tag(image, REGIONS_TAG) ?? primaryRegion).split(' ').filter((r) => r !== '')
    for (const region of regions) {
      const copy =
        region === primaryRegion ? image : newestPerBuild(await withFingerprint(clients.ec2(region), fingerprint)).get(build)
      if (copy === undefined) return undefined
      found.push({ build, builder: tag(image, BUILDER_TAG) ?? '', region, ami: copy.ImageId as string })
    }
  }
  return sortArtifacts(found)
}

async function withFingerprint(ec2: EC2Client, fingerprint: string): Promise<Image[]> {
  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [
        { Name: `tag:${FINGERPRINT_TAG}`, Values: [fingerprint] },
        { Name: 'state', Values: ['available'] }
      ]
    })
  )
  return Images.filter((i) => tag(i, FINGERPRINT_TAG) === fingerprint)
}

function newestPerBuild(images: Image[]): Map<string, Image> {
  const byBuild = new Map<string, Image>()
  for (const image of images) {
    const build = tag(image, BUILD_TAG)
    if (build === undefined) continue
    const seen = byBuild.get(build)
    if (seen === undefined || (image.CreationDate ?? '') > (seen.CreationDate ?? '')) byBuild.set(build, image)
  }
  return byBuild
}

function tag(image: Image, key: string): string | undefined {
  return image.Tags?.find((t) => t.Key === key)?.Value
}
