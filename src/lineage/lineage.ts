import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { familyImages, type Candidate } from '../aws/retention.js'
import { sourceOf, tagOf, type ImageSource } from '../aws/images.js'
import { BASE_AMI_TAG, BASE_NAME_TAG, BASE_REGION_TAG, BUILD_TAG, FAMILY_TAG, type Tags } from '../aws/tags.js'
import type { ResolvedBase } from './base-images.js'

/** Values of one EC2 filter a request carries, and look-ups in flight at once. */
const FILTER_VALUES = 200
const PARALLEL_LOOKUPS = 5

/** An AMI of the run; `source` as `waitUntilAvailable` found it, when it described the AMI. */
type LineageAmi = { region: string; ami: string; source?: ImageSource | null }

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
  amis: ReadonlyArray<LineageAmi & { build: string }> = []
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

/**
 * The sources come from the wait's descriptions when the AMIs carry them (no call); any AMI
 * without one is described here, all at once: never one region after another.
 */
async function recordedSource(ec2: (region: string) => EC2Client, amis: ReadonlyArray<LineageAmi>): Promise<ParentImage | undefined> {
  const own = new Set(amis.map((a) => a.ami))
  const sources = await Promise.all(
    amis.map(async ({ region, ami, source }) => (source !== undefined ? source : sourceOf(await describeOne(ec2(region), ami), region)))
  )
  const found = sources.find((s): s is ImageSource => s !== null && !own.has(s.id))
  if (found === undefined) return undefined
  const base = await describeOne(ec2(found.region), found.id)
  return { id: found.id, region: found.region, name: base?.Name, created: base?.CreationDate }
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
 * of `family`: they run on an outdated base now that `current` exists. `list` lists a family
 * (retention's listing, when the caller already has it); the look-ups run side by side.
 */
export async function outdatedFamilies(
  ec2: EC2Client,
  region: string,
  family: string,
  current: string,
  list: (family: string) => Promise<Candidate[]> = (f) => familyImages(ec2, f)
): Promise<OutdatedFamily[]> {
  const older = (await list(family)).map((c) => c.ami).filter((ami) => ami !== current)
  if (older.length === 0) return []
  // EC2 takes at most 200 values in one filter (filter-emulation.ts cites it): a call per 200,
  // a few at a time, as retention's reference checks go.
  const chunks = Array.from({ length: Math.ceil(older.length / FILTER_VALUES) }, (_, k) => older.slice(k * FILTER_VALUES, (k + 1) * FILTER_VALUES))
  const children: Image[] = []
  for (let i = 0; i < chunks.length; i += PARALLEL_LOOKUPS) {
    const found = await Promise.all(
      chunks.slice(i, i + PARALLEL_LOOKUPS).map(async (values) => {
        const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: `tag:${BASE_AMI_TAG}`, Values: values }] }))
        return Images
      })
    )
    children.push(...found.flat())
  }
  const families = new Set(children.map((c) => tagOf(c, FAMILY_TAG)).filter((f): f is string => f !== undefined && f !== family))
  const found = await Promise.all(
    [...families].sort().map(async (other): Promise<OutdatedFamily | undefined> => {
      const members = [...(await list(other))].sort((a, b) => (a.created < b.created ? -1 : 1))
      const newest = members[members.length - 1]
      if (newest === undefined) return undefined
      const image = await describeOne(ec2, newest.ami)
      const builtOn = image === undefined ? undefined : tagOf(image, BASE_AMI_TAG)
      if (builtOn === undefined || !older.includes(builtOn)) return undefined
      return { family: other, region, ami: newest.ami, builtOn, baseFamily: family, current }
    })
  )
  return found.filter((o): o is OutdatedFamily => o !== undefined)
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
