import { DescribeImagesCommand, type EC2Client, type Image } from '#client-ec2'
import { createHash, randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { groupByRegion, snapshotsOf } from './images.js'

/**
 * Subjects for `actions/attest-build-provenance` (`subject-checksums`): an AMI is no file, so
 * its digest is the SHA-256 of a canonical JSON description of the AMI as EC2 reports it
 * (DescribeImages), which anyone with read access can rebuild and compare.
 */

/**
 * What is hashed: fields EC2 fixes when it registers the AMI and never changes afterwards
 * (tags, sharing, deprecation and protection can change, and are left out), under EC2's own
 * names, so that `aws ec2 describe-images` output maps onto it key for key. A field EC2 does
 * not report is null, as jq's `{Name}` makes it.
 */
export interface AmiDescription {
  Architecture: string | null
  CreationDate: string | null
  ImageId: string
  Name: string | null
  OwnerId: string
  Region: string
  RootDeviceName: string | null
  RootDeviceType: string | null
  /** The EBS snapshots behind the AMI, sorted. */
  SnapshotIds: string[]
}

/** One AMI's line of the checksums file, and the bytes it hashes. */
export interface AttestedAmi {
  /** `arn:<partition>:ec2:<region>:<owner>:image/<ami>`. */
  subject: string
  /** The canonical description, exactly the bytes hashed. */
  canonical: string
  /** SHA-256 of `canonical`, hex. */
  digest: string
  /** `<digest>  <subject>`, as sha256sum writes a text-mode line. */
  line: string
}

export function describeAmi(region: string, image: Image): AmiDescription {
  if (!image.ImageId || !image.OwnerId) throw new Error(`DescribeImages in ${region} returned an image without ImageId or OwnerId`)
  return {
    Architecture: image.Architecture ?? null,
    CreationDate: image.CreationDate ?? null,
    ImageId: image.ImageId,
    Name: image.Name ?? null,
    OwnerId: image.OwnerId,
    Region: region,
    RootDeviceName: image.RootDeviceName ?? null,
    RootDeviceType: image.RootDeviceType ?? null,
    SnapshotIds: [...snapshotsOf(image)].sort()
  }
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * as JSON.stringify writes them. That is RFC 8785 (JCS) for the values a description holds,
 * and what `jq -cS` prints for them.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return JSON.stringify(value)
  }
  throw new Error(`canonical JSON has no form for ${typeof value === 'number' ? String(value) : typeof value}`)
}

/**
 * The ARN partition of a region, as the SDK's partition table matches them
 * (@aws-sdk/core util-endpoints partitions.js, `regionRegex`); every other region is `aws`.
 */
const PARTITIONS: Array<[RegExp, string]> = [
  [/^cn-/, 'aws-cn'],
  [/^us-gov-/, 'aws-us-gov'],
  [/^us-iso-/, 'aws-iso'],
  [/^us-isob-/, 'aws-iso-b'],
  [/^eu-isoe-/, 'aws-iso-e'],
  [/^us-isof-/, 'aws-iso-f'],
  [/^eusc-/, 'aws-eusc']
]

export function partitionOf(region: string): string {
  return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? 'aws'
}

export function imageArn(region: string, ownerId: string, imageId: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}:${ownerId}:image/${imageId}`
}

/** Pure: an AMI as DescribeImages reports it → its canonical bytes and checksum line. */
export function attestAmi(region: string, image: Image): AttestedAmi {
  const description = describeAmi(region, image)
  const canonical = canonicalJson(description)
  const digest = createHash('sha256').update(canonical, 'utf8').digest('hex')
  const subject = imageArn(region, description.OwnerId, description.ImageId)
  return { subject, canonical, digest, line: `${digest}  ${subject}` }
}

/** What `attestation-checksums` points at, and the descriptions beside it. */
export interface AttestationFiles {
  /** The sha256sum-format file, one line per AMI. */
  checksums: string
  /** One `<region>_<ami>.json` per AMI: exactly the bytes its line hashes. */
  descriptions: string[]
}

export const CHECKSUMS_FILE = 'ami-checksums.sha256'

/** A fresh directory in RUNNER_TEMP: one per run, so a second step of the job cannot mix in. */
export function attestationDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), `packer-ami-attestation-${randomUUID()}`)
}

/**
 * Describes every AMI in its region (one DescribeImages call per region) and writes the
 * checksums file and the descriptions into `dir`. An AMI EC2 does not return fails the step:
 * a subject without its digest would attest nothing.
 */
export async function writeAttestation(
  ec2: (region: string) => EC2Client,
  amis: ReadonlyArray<{ region: string; ami: string }>,
  dir: string
): Promise<AttestationFiles> {
  const attested = await Promise.all(
    [...groupByRegion([...amis])].map(async ([region, list]) => {
      const ids = [...new Set(list.map((a) => a.ami))]
      const { Images = [] } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: ids }))
      return ids.map((id) => {
        const image = Images.find((i) => i.ImageId === id)
        if (image === undefined) throw new Error(`attestation: DescribeImages in ${region} did not return ${id}`)
        return { region, ami: id, ...attestAmi(region, image) }
      })
    })
  )
  const all = attested.flat().sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
  mkdirSync(dir, { recursive: true })
  const descriptions = all.map((a) => {
    const file = path.join(dir, `${a.region}_${a.ami}.json`)
    writeFileSync(file, a.canonical)
    return file
  })
  const checksums = path.join(dir, CHECKSUMS_FILE)
  writeFileSync(checksums, all.map((a) => `${a.line}\n`).join(''))
  return { checksums, descriptions }
}
