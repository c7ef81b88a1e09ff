import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { familyImages } from '../aws/retention.js'
import { tagOf } from '../aws/images.js'
import { BASE_AMI_TAG, BASE_NAME_TAG, BASE_REGION_TAG, BUILD_TAG, FAMILY_TAG, type Tags } from '../aws/tags.js'
import type { ResolvedBase } from './base-images.js'

/** The image a build started from. */
export interface ParentImage {
  id: string
  region: string
  name?: string
  created?: string
}

/** A family built on an older AMI of a family this run rebuilt. */
export interface OutdatedFamily {
  family: string
  region: string
  /** That family's newest AMI. */
  ami: string
  /** The older AMI of ours it was built on. */
  builtOn: string
  /** Our family, and its AMI of this run. */
  baseFamily: string
  current: string
}

/**
 * Each build's parent: the id Packer printed (found-images.ts), described in the region of the
 * source that build came from (from the resolved bases) or else in the build's own regions.
 * Where Packer printed none, the source image EC2 records for an AMI made with CreateImage
 * (DescribeImages `SourceImageId` and `SourceImageRegion`, which "only appear if the AMI was
 * created using CreateImage, CopyImage, or CreateRestoreImageTask": EC2 API Reference, Image):
 * of the build's AMIs, the one whose source is not another of them is the original, and its
 * source is the base.
 */
export async function parentsOf(
  ec2: (region: string) => EC2Client,
  found: Record<string, string>,
  bases: ResolvedBase[],
  regionsOf: (build: string) => string[],
  amis: ReadonlyArray<{ build: string; region: string; ami: string }> = []
): Promise<Record<string, ParentImage>> {
  const parents: Record<string, ParentImage> = {}
  await Promise.all(
    Object.entries(found).map(async ([build, id]) => {
      const resolved = bases.find((b) => b.id === id || build === b.source || build.endsWith(`.${b.source}`))
      const regions = [...new Set([...(resolved?.region === undefined ? [] : [resolved.region]), ...regionsOf(build)])]
      for (const region of regions) {
        const image = await describeOne(ec2(region), id)
        if (image === undefined) continue
        parents[build] = { id, region, name: image.Name, created: image.CreationDate }
        return
      }
      parents[build] = { id, region: regions[0] ?? '' }
    })
  )
  const unprinted = [...new Set(amis.map((a) => a.build))].filter((build) => !(build in found))
  await Promise.all(
    unprinted.map(async (build) => {
      const parent = await recordedSource(ec2, amis.filter((a) => a.build === build))
      if (parent !== undefined) parents[build] = parent
    })
  )
  return parents
}

async function recordedSource(ec2: (region: string) => EC2Client, amis: ReadonlyArray<{ region: string; ami: string }>): Promise<ParentImage | undefined> {
  const own = new Set(amis.map((a) => a.ami))
  for (const { region, ami } of amis) {
    const image = await describeOne(ec2(region), ami)
    const source = image?.SourceImageId
    if (source === undefined || own.has(source)) continue
    const sourceRegion = image?.SourceImageRegion ?? region
    const base = await describeOne(ec2(sourceRegion), source)
    return { id: source, region: sourceRegion, name: base?.Name, created: base?.CreationDate }
  }
  return undefined
}

export function lineageTags(parent: ParentImage | undefined): Tags {
  if (parent === undefined) return {}
  return { [BASE_AMI_TAG]: parent.id, [BASE_REGION_TAG]: parent.region, [BASE_NAME_TAG]: (parent.name ?? '').slice(0, 256) }
}

/**
 * The base the newest earlier AMI of a build was built on, by its lineage tag, in `region`:
 * what a rebuild's base changed from. Only this account's own AMIs of this repository's builds.
 */
export async function previousBase(ec2: EC2Client, repository: string, source: string): Promise<{ ami: string; base: string; name?: string } | undefined> {
  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [
        { Name: 'tag:packer-ami-action:repository', Values: [repository] },
        { Name: `tag-key`, Values: [BASE_AMI_TAG] }
      ]
    })
  )
  const earlier = Images.filter((i) => {
    const build = tagOf(i, BUILD_TAG) ?? ''
    return tagOf(i, 'packer-ami-action:repository') === repository && (build === source || build.endsWith(`.${source}`))
  }).sort((a, b) => ((a.CreationDate ?? '') < (b.CreationDate ?? '') ? -1 : 1))
  const last = earlier[earlier.length - 1]
  const base = last === undefined ? undefined : tagOf(last, BASE_AMI_TAG)
  if (last === undefined || base === undefined) return undefined
  return { ami: last.ImageId as string, base, name: tagOf(last, BASE_NAME_TAG) }
}

/**
 * Families whose newest AMI (in this region, owned by this account) was built on an older AMI
 * of `family`: they run on an outdated base now that `current` exists.
 */
export async function outdatedFamilies(ec2: EC2Client, region: string, family: string, current: string): Promise<OutdatedFamily[]> {
  const older = (await familyImages(ec2, family)).map((c) => c.ami).filter((ami) => ami !== current)
  if (older.length === 0) return []
  const children: Image[] = []
  for (let i = 0; i < older.length; i += 200) {
    const { Images = [] } = await ec2.send(
      new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: `tag:${BASE_AMI_TAG}`, Values: older.slice(i, i + 200) }] })
    )
    children.push(...Images)
  }
  const families = new Set(children.map((c) => tagOf(c, FAMILY_TAG)).filter((f): f is string => f !== undefined && f !== family))
  const outdated: OutdatedFamily[] = []
  for (const other of [...families].sort()) {
    const members = (await familyImages(ec2, other)).sort((a, b) => (a.created < b.created ? -1 : 1))
    const newest = members[members.length - 1]
    if (newest === undefined) continue
    const image = await describeOne(ec2, newest.ami)
    const builtOn = image === undefined ? undefined : tagOf(image, BASE_AMI_TAG)
    if (builtOn !== undefined && older.includes(builtOn)) {
      outdated.push({ family: other, region, ami: newest.ami, builtOn, baseFamily: family, current })
    }
  }
  return outdated
}

async function describeOne(ec2: EC2Client, id: string): Promise<Image | undefined> {
  try {
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [id] }))
    return Images[0]
  } catch {
    // InvalidAMIID.NotFound in this region: the caller tries the next.
    return undefined
  }
}
