import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { tagOf } from '../aws/images.js'
import { BASE_AMI_TAG, BASE_REGION_TAG, BUILD_TAG, FAMILY_TAG, REGIONS_TAG } from '../aws/tags.js'

/** An AMI revocation reaches: one the input named, a copy of one, or one built on one. */
export interface Reached {
  region: string
  ami: string
  image: Image
  family: string
  /** The revoked AMI this one was built on; undefined for the named AMIs and their copies. */
  builtOn?: string
}

/** Values of one EC2 filter a request carries. */
const FILTER_VALUES = 200
const RUN_URL_TAG = 'packer-ami-action:run-url'

/** The regions an AMI's build made copies in (its regions tag), and its own. */
export function regionsOf(r: Reached): string[] {
  return [...new Set([r.region, ...(tagOf(r.image, REGIONS_TAG) ?? '').split(' ').filter((x) => x !== '')])]
}

async function ownImages(ec2: EC2Client, filters: Array<{ Name: string; Values: string[] }>): Promise<Image[]> {
  const images: Image[] = []
  let NextToken: string | undefined
  do {
    const page = await ec2.send(new DescribeImagesCommand({ Owners: ['self'], Filters: filters, IncludeDisabled: true, IncludeDeprecated: true, NextToken }))
    images.push(...(page.Images ?? []))
    NextToken = page.NextToken
  } while (NextToken)
  return images
}

/**
 * The copies of `of` in the other regions of its build: this account's own AMIs there with the
 * same family, build and run (the run URL tag), as the action tagged every copy of one build.
 */
export async function copiesOf(ec2: (region: string) => EC2Client, of: Reached): Promise<Reached[]> {
  const runUrl = tagOf(of.image, RUN_URL_TAG)
  const build = tagOf(of.image, BUILD_TAG)
  if (runUrl === undefined || build === undefined) return []
  const found = await Promise.all(
    regionsOf(of)
      .filter((region) => region !== of.region)
      .map(async (region) => {
        const images = await ownImages(ec2(region), [
          { Name: `tag:${FAMILY_TAG}`, Values: [of.family] },
          { Name: `tag:${RUN_URL_TAG}`, Values: [runUrl] },
          { Name: `tag:${BUILD_TAG}`, Values: [build] }
        ])
        return images
          .filter((i) => tagOf(i, FAMILY_TAG) === of.family && tagOf(i, RUN_URL_TAG) === runUrl && tagOf(i, BUILD_TAG) === build)
          .map((image) => ({ region, ami: image.ImageId as string, image, family: of.family, builtOn: of.builtOn }))
      })
  )
  return found.flat()
}

/**
 * Every AMI built on one of `revoked`, recursively, in every region the revoked AMIs and their
 * builds reach: this account's own AMIs carrying the action's family tag whose lineage tags
 * (base AMI id and its region) name a revoked AMI. A tag that merely mentions the id under
 * another key, or an AMI of another account, is never reached.
 */
export async function descendantsOf(ec2: (region: string) => EC2Client, revoked: readonly Reached[]): Promise<Reached[]> {
  const all = new Map(revoked.map((r) => [r.ami, r]))
  const found: Reached[] = []
  let frontier = [...revoked]
  while (frontier.length > 0) {
    const regions = [...new Set([...all.values()].flatMap(regionsOf))]
    const parents = new Map([...all.values()].map((r) => [r.ami, r]))
    const ids = [...parents.keys()]
    const next: Reached[] = []
    await Promise.all(
      regions.map(async (region) => {
        for (let i = 0; i < ids.length; i += FILTER_VALUES) {
          const images = await ownImages(ec2(region), [
            { Name: `tag:${BASE_AMI_TAG}`, Values: ids.slice(i, i + FILTER_VALUES) },
            { Name: 'tag-key', Values: [FAMILY_TAG] }
          ])
          for (const image of images) {
            const ami = image.ImageId as string
            const base = tagOf(image, BASE_AMI_TAG)
            const parent = base === undefined ? undefined : parents.get(base)
            const family = tagOf(image, FAMILY_TAG)
            // The lineage tag names the parent's region too: the same id in another region is another image.
            if (parent === undefined || family === undefined || all.has(ami) || tagOf(image, BASE_REGION_TAG) !== parent.region) continue
            const child = { region, ami, image, family, builtOn: parent.ami }
            all.set(ami, child)
            next.push(child)
          }
        }
      })
    )
    found.push(...next)
    frontier = next
  }
  return found
}
