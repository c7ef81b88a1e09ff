import type { Image } from '#client-ec2'
import { amiArtifact, sortArtifacts, type AmiArtifact } from '../packer/artifacts.js'
import { ec2Clients } from './clients.js'
import { ownAvailableImages, tagOf } from './images.js'
import { BUILD_TAG, BUILDER_TAG, FINGERPRINT_TAG, REGIONS_TAG, TEST_TAG, untrusted } from './tags.js'

/**
 * AMIs an earlier run built from the same inputs, found by their fingerprint tag in the
 * primary region; reused only when every build has an available AMI in every one of its
 * regions, and never one the test stage did not pass. Undefined means: build.
 */
export async function findReusable(primaryRegion: string, fingerprint: string): Promise<AmiArtifact[] | undefined> {
  const ec2 = ec2Clients()
  const inPrimary = newestPerBuild(await ownAvailableImages(ec2(primaryRegion), FINGERPRINT_TAG, fingerprint))
  if (inPrimary.size === 0) return undefined
  const found: AmiArtifact[] = []
  for (const [build, image] of inPrimary) {
    const regions = (tagOf(image, REGIONS_TAG) ?? primaryRegion).split(' ').filter((r) => r !== '')
    for (const region of regions) {
      const copy =
        region === primaryRegion
          ? image
          : newestPerBuild(await ownAvailableImages(ec2(region), FINGERPRINT_TAG, fingerprint)).get(build)
      if (copy === undefined) return undefined
      found.push(amiArtifact({ build, builder: tagOf(image, BUILDER_TAG) ?? '', region, ami: copy.ImageId as string }))
    }
  }
  return sortArtifacts(found)
}

function newestPerBuild(images: Image[]): Map<string, Image> {
  const byBuild = new Map<string, Image>()
  for (const image of images) {
    const build = tagOf(image, BUILD_TAG)
    // An AMI that failed its test, or whose test never ended, is never handed out again.
    if (build === undefined || untrusted(tagOf(image, TEST_TAG))) continue
    const seen = byBuild.get(build)
    if (seen === undefined || (image.CreationDate ?? '') > (seen.CreationDate ?? '')) byBuild.set(build, image)
  }
  return byBuild
}
