/**
 * `attestation-checksums` after a real build on moto: every digest is rebuilt here from moto's
 * own DescribeImages answer, with this file's code (not the action's), and, where the AWS CLI
 * and jq are on PATH, with the recipe the README gives consumers.
 */
import { DescribeImagesCommand, EC2Client, type Image } from '@aws-sdk/client-ec2'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { findOnPath } from '../support/packer.js'
import { runAction, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

async function describedByMoto(region: string, ami: string): Promise<Image> {
  const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials })
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }))
  expect(Images).toHaveLength(1)
  return Images[0]
}

/**
 * The description as the README defines it, keys written in sorted order so that plain
 * JSON.stringify is already canonical.
 */
function canonicalDescription(region: string, image: Image): string {
  const snapshots = (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])).sort()
  return JSON.stringify({
    Architecture: image.Architecture ?? null,
    CreationDate: image.CreationDate ?? null,
    ImageId: image.ImageId,
    Name: image.Name ?? null,
    OwnerId: image.OwnerId,
    Region: region,
    RootDeviceName: image.RootDeviceName ?? null,
    RootDeviceType: image.RootDeviceType ?? null,
    SnapshotIds: snapshots
  })
}

/** The README's consumer recipe: `aws ec2 describe-images … | jq -jcS "$DESCRIPTION" | sha256sum`. */
const JQ_DESCRIPTION =
  '.Images[0] | {Architecture, CreationDate, ImageId, Name, OwnerId, Region: $region, RootDeviceName, RootDeviceType, ' +
  'SnapshotIds: ([.BlockDeviceMappings[]?.Ebs.SnapshotId // empty] | sort)}'

function digestWithCli(region: string, ami: string): string {
  const described = execFileSync(
    'aws',
    ['ec2', 'describe-images', '--region', region, '--image-ids', ami, '--endpoint-url', moto.endpoint, '--output', 'json'],
    { env: { ...process.env, ...awsTestEnv }, encoding: 'utf8' }
  )
  const canonical = execFileSync('jq', ['-jcS', '--arg', 'region', region, JQ_DESCRIPTION], { input: described, encoding: 'utf8' })
  return execFileSync('sha256sum', { input: canonical, encoding: 'utf8' }).split(' ')[0]
}

const LINE = /^([0-9a-f]{64}) {2}arn:aws:ec2:([a-z0-9-]+):(\d{12}):image\/(ami-[0-9a-f]+)$/

describe('attestation-checksums', () => {
  it('has one line per AMI of the run whose digest anyone can rebuild from DescribeImages', async () => {
    const run = succeeded(
      await runAction({
        cwd: workspaceWith('packer'),
        toolCache,
        eventName: 'release',
        env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
        inputs: { ...installFrom(mirror), template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}`, comment: 'false' }
      })
    )
    const file = run.outputs['attestation-checksums']
    expect(path.dirname(path.dirname(file))).toBe(run.runnerTemp)
    const artifacts = (JSON.parse(run.outputs['artifacts']) as Array<{ region?: string; ami?: string }>).filter((a) => a.ami !== undefined)
    expect(artifacts).toHaveLength(3)

    const text = readFileSync(file, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.trimEnd().split('\n')
    const subjects = lines.map((line) => {
      const m = LINE.exec(line)
      if (m === null) throw new Error(`not a sha256sum line with an AMI ARN: ${JSON.stringify(line)}`)
      return { digest: m[1], region: m[2], account: m[3], ami: m[4] }
    })
    expect(subjects.map((s) => `${s.region} ${s.ami}`).sort()).toStrictEqual(artifacts.map((a) => `${a.region} ${a.ami}`).sort())

    const cli = findOnPath('aws') !== undefined && findOnPath('jq') !== undefined
    for (const s of subjects) {
      const image = await describedByMoto(s.region, s.ami)
      expect(s.account).toBe(image.OwnerId)
      const canonical = canonicalDescription(s.region, image)
      expect(createHash('sha256').update(canonical).digest('hex')).toBe(s.digest)
      const beside = path.join(path.dirname(file), `${s.region}_${s.ami}.json`)
      expect(existsSync(beside)).toBe(true)
      expect(readFileSync(beside, 'utf8')).toBe(canonical)
      if (cli) expect(digestWithCli(s.region, s.ami)).toBe(s.digest)
    }
    if (!cli) console.warn('aws or jq is not on PATH: the README recipe was not checked')

    const images = JSON.parse(run.outputs['images']) as { images: Array<{ protected?: boolean }>; attestation: { checksums: string } }
    expect(images.attestation.checksums).toBe(file)
    // Without the input, no protection call (moto would refuse it: it has no such action).
    expect(images.images.map((i) => i.protected)).toStrictEqual([false, false, false])
  })
})
