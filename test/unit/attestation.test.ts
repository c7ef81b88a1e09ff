import type { EC2Client, Image } from '@aws-sdk/client-ec2'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { attestAmi, canonicalJson, CHECKSUMS_FILE, describeAmi, imageArn, partitionOf, writeAttestation } from '../../src/aws/attestation.js'

/** An AMI as DescribeImages reports it, with fields the description leaves out. */
const image: Image = {
  ImageId: 'ami-0a1b2c3d4e5f60718',
  OwnerId: '123456789012',
  Name: 'example-web-1700000000-abcd1234',
  CreationDate: '2026-03-01T12:00:00.000Z',
  Architecture: 'x86_64',
  RootDeviceName: '/dev/sda1',
  RootDeviceType: 'ebs',
  State: 'available',
  DeregistrationProtection: 'enabled-without-cooldown',
  Tags: [{ Key: 'team', Value: 'images' }],
  BlockDeviceMappings: [
    { DeviceName: '/dev/sdb', Ebs: { SnapshotId: 'snap-0f1e2d3c4b5a69788' } },
    { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' },
    { DeviceName: '/dev/sda1', Ebs: { SnapshotId: 'snap-0a1b2c3d4e5f60718' } }
  ]
}

const CANONICAL =
  '{"Architecture":"x86_64","CreationDate":"2026-03-01T12:00:00.000Z","ImageId":"ami-0a1b2c3d4e5f60718",' +
  '"Name":"example-web-1700000000-abcd1234","OwnerId":"123456789012","Region":"us-east-1","RootDeviceName":"/dev/sda1",' +
  '"RootDeviceType":"ebs","SnapshotIds":["snap-0a1b2c3d4e5f60718","snap-0f1e2d3c4b5a69788"]}'
/** `printf '%s' "$CANONICAL" | sha256sum`, computed outside the code under test. */
const DIGEST = 'aa82642d213bac8c13595f22687d1e2c705c074108bd03167e38be236ee9e3ad'

/** The same image in us-west-2 under its own id, with one snapshot, written out by hand. */
const WEST_CANONICAL =
  '{"Architecture":"x86_64","CreationDate":"2026-03-01T12:00:00.000Z","ImageId":"ami-0f1e2d3c4b5a69788",' +
  '"Name":"example-web-1700000000-abcd1234","OwnerId":"123456789012","Region":"us-west-2","RootDeviceName":"/dev/sda1",' +
  '"RootDeviceType":"ebs","SnapshotIds":["snap-west"]}'
/** `printf '%s' "$WEST_CANONICAL" | sha256sum`, computed outside the code under test. */
const WEST_DIGEST = '3fec9bc93eb426132a90b1b0b7dcf408420250d22a4443827357d1bd1b4309a8'

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['keys sorted, no whitespace', { b: 1, a: 'x', c: [2, 1] }, '{"a":"x","b":1,"c":[2,1]}'],
    ['nested objects sorted too', { z: { y: true, x: null } }, '{"z":{"x":null,"y":true}}'],
    ['keys by UTF-16 code units, upper case first', { a: 1, B: 2, _: 3 }, '{"B":2,"_":3,"a":1}'],
    ['undefined members left out, as in JSON', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['strings escaped as JSON.stringify does', { s: 'a"b\\c\n/é' }, '{"s":"a\\"b\\\\c\\n/é"}'],
    ['numbers in their shortest form', [1e21, 0.1, -0], '[1e+21,0.1,0]'],
    ['empty containers', { a: [], b: {} }, '{"a":[],"b":{}}']
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ['NaN', Number.NaN],
    ['Infinity', Infinity],
    ['a function', () => 1],
    ['a bigint', BigInt(1)]
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson({ v: value })).toThrow(/canonical JSON has no form/)
  })
})

describe('partitions and subjects', () => {
  it.each<[string, string]>([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['ap-southeast-4', 'aws'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc']
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition)
    expect(imageArn(region, '123456789012', 'ami-1')).toBe(`arn:${partition}:ec2:${region}:123456789012:image/ami-1`)
  })
})

describe('describeAmi and attestAmi', () => {
  it('keeps the fields EC2 fixes at registration, snapshots sorted', () => {
    expect(describeAmi('us-east-1', image)).toStrictEqual({
      Architecture: 'x86_64',
      CreationDate: '2026-03-01T12:00:00.000Z',
      ImageId: 'ami-0a1b2c3d4e5f60718',
      Name: 'example-web-1700000000-abcd1234',
      OwnerId: '123456789012',
      Region: 'us-east-1',
      RootDeviceName: '/dev/sda1',
      RootDeviceType: 'ebs',
      SnapshotIds: ['snap-0a1b2c3d4e5f60718', 'snap-0f1e2d3c4b5a69788']
    })
  })

  it('hashes the canonical bytes into a sha256sum line', () => {
    const a = attestAmi('us-east-1', image)
    expect(a.canonical).toBe(CANONICAL)
    expect(a.digest).toBe(DIGEST)
    expect(a.subject).toBe('arn:aws:ec2:us-east-1:123456789012:image/ami-0a1b2c3d4e5f60718')
    expect(a.line).toBe(`${DIGEST}  arn:aws:ec2:us-east-1:123456789012:image/ami-0a1b2c3d4e5f60718`)
  })

  it('tags, protection and state do not change the digest', () => {
    const later = { ...image, Tags: [], DeregistrationProtection: 'disabled', DeprecationTime: '2027-01-01T00:00:00Z' }
    expect(attestAmi('us-east-1', later).digest).toBe(DIGEST)
  })

  it('fields EC2 does not report are null, as jq {Field} makes them', () => {
    const bare: Image = { ImageId: 'ami-1', OwnerId: '123456789012' }
    expect(attestAmi('cn-north-1', bare).canonical).toBe(
      '{"Architecture":null,"CreationDate":null,"ImageId":"ami-1","Name":null,"OwnerId":"123456789012","Region":"cn-north-1",' +
        '"RootDeviceName":null,"RootDeviceType":null,"SnapshotIds":[]}'
    )
    expect(attestAmi('cn-north-1', bare).subject).toBe('arn:aws-cn:ec2:cn-north-1:123456789012:image/ami-1')
  })

  it('refuses an image without an owner: its subject would name no account', () => {
    expect(() => describeAmi('us-east-1', { ImageId: 'ami-1' })).toThrow(/without ImageId or OwnerId/)
  })
})

describe('writeAttestation', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  /** EC2 per region, answering DescribeImages from a table; every call recorded. */
  function fakeEc2(byRegion: Record<string, Image[]>): { ec2: (region: string) => EC2Client; calls: Array<{ region: string; ids: string[] }> } {
    const calls: Array<{ region: string; ids: string[] }> = []
    const ec2 = (region: string): EC2Client =>
      ({
        send: async (command: { input: { ImageIds: string[] } }) => {
          calls.push({ region, ids: command.input.ImageIds })
          return { Images: (byRegion[region] ?? []).filter((i) => command.input.ImageIds.includes(i.ImageId as string)) }
        }
      }) as unknown as EC2Client
    return { ec2, calls }
  }

  it('writes one line per AMI and, beside the file, exactly the bytes each line hashes', async () => {
    const west: Image = { ...image, ImageId: 'ami-0f1e2d3c4b5a69788', BlockDeviceMappings: [{ Ebs: { SnapshotId: 'snap-west' } }] }
    const { ec2, calls } = fakeEc2({ 'us-east-1': [image], 'us-west-2': [west] })
    const dir = mkdtempSync(path.join(tmpdir(), 'pam-attest-'))
    dirs.push(dir)
    const files = await writeAttestation(
      ec2,
      [
        { region: 'us-west-2', ami: 'ami-0f1e2d3c4b5a69788' },
        { region: 'us-east-1', ami: 'ami-0a1b2c3d4e5f60718' }
      ],
      path.join(dir, 'out')
    )
    expect(calls.map((c) => c.region).sort()).toStrictEqual(['us-east-1', 'us-west-2'])
    expect(files.checksums).toBe(path.join(dir, 'out', CHECKSUMS_FILE))
    const lines = readFileSync(files.checksums, 'utf8').split('\n')
    expect(lines).toStrictEqual([
      `${DIGEST}  arn:aws:ec2:us-east-1:123456789012:image/ami-0a1b2c3d4e5f60718`,
      `${WEST_DIGEST}  arn:aws:ec2:us-west-2:123456789012:image/ami-0f1e2d3c4b5a69788`,
      ''
    ])
    expect(files.descriptions.map((f) => path.basename(f))).toStrictEqual(['us-east-1_ami-0a1b2c3d4e5f60718.json', 'us-west-2_ami-0f1e2d3c4b5a69788.json'])
    expect(readFileSync(files.descriptions[0], 'utf8')).toBe(CANONICAL)
    expect(readFileSync(files.descriptions[1], 'utf8')).toBe(WEST_CANONICAL)
  })

  it('fails when EC2 does not return an AMI of the run', async () => {
    const { ec2 } = fakeEc2({ 'us-east-1': [] })
    const dir = mkdtempSync(path.join(tmpdir(), 'pam-attest-'))
    dirs.push(dir)
    await expect(writeAttestation(ec2, [{ region: 'us-east-1', ami: 'ami-gone' }], dir)).rejects.toThrow(
      'attestation: DescribeImages in us-east-1 did not return ami-gone'
    )
  })
})
