/**
 * What base-images.test.ts let through when Stryker broke src/lineage/base-images.ts
 * (docs/testing.md): the sources whose base cannot be known without a call, a plain source_ami,
 * a parameter that holds no AMI id or does not exist, and how a filter is asked (values split
 * at commas, owners, IncludeDeprecated). Against moto, through the loopback proxy, which
 * records what each DescribeImages asked.
 */
import { CopyImageCommand, DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2'
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { resolveBases, type BaseClients } from '../../src/lineage/base-images.js'
import type { AmiFilter, BaseSpec } from '../../src/lineage/template-reads.js'
import { awsBed } from '../support/aws-bed.js'

/** A public AMI moto serves in us-east-1. */
const CATALOGUE_AMI = 'ami-03cf127a'
const bed = awsBed()
const ec2 = (): EC2Client => bed.ec2('us-east-1')
const ssm = (): SSMClient => bed.ssm('us-east-1')
const clients: BaseClients = { ec2, ssm }

/** What the DescribeImages calls made since `from` asked, as EC2 Query parameters. */
function asked(from: number): Array<Record<string, string>> {
  return bed.proxy.calls
    .slice(from)
    .filter((c) => c.action === 'DescribeImages')
    .map((c) => Object.fromEntries(Object.entries(c.params).filter(([k]) => k !== 'Action' && k !== 'Version')))
}

/** moto's creation times have a one-second resolution: a base made after this is strictly newer. */
async function newBase(name: string): Promise<string> {
  await sleep(1100)
  const { ImageId } = await ec2().send(new CopyImageCommand({ SourceImageId: CATALOGUE_AMI, SourceRegion: 'us-east-1', Name: name }))
  return ImageId as string
}

const filter = (parts: Partial<AmiFilter>): AmiFilter => ({ filters: {}, owners: [], mostRecent: true, includeDeprecated: false, ...parts })

describe('a base that cannot be known asks AWS nothing', () => {
  it.each<[string, BaseSpec, string]>([
    ['a region only Packer knows', { source: 'amazon-ebs.web', ami: CATALOGUE_AMI }, 'its region is only known to Packer'],
    ['neither source_ami nor a filter nor a parameter', { source: 'amazon-ebs.web', region: 'us-east-1' }, 'no source_ami or source_ami_filter the action can read']
  ])('%s', async (_name, spec, unknown) => {
    const from = bed.proxy.calls.length
    expect(await resolveBases([spec], clients)).toStrictEqual([{ source: 'amazon-ebs.web', region: spec.region, unknown }])
    expect(bed.proxy.calls.length).toBe(from)
  })
})

describe('source_ami and parameters', () => {
  it('a source_ami is that image, asked for by id alone, with its name and creation time', async () => {
    const from = bed.proxy.calls.length
    const { Images = [] } = await ec2().send(new DescribeImagesCommand({ ImageIds: [CATALOGUE_AMI] }))
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', ami: CATALOGUE_AMI }], clients)
    expect(base).toStrictEqual({ source: 'amazon-ebs.web', region: 'us-east-1', id: CATALOGUE_AMI, name: Images[0].Name, created: Images[0].CreationDate })
    expect(asked(from)).toEqual([{ 'ImageId.1': CATALOGUE_AMI }, { 'ImageId.1': CATALOGUE_AMI }])
  })

  it.each(['xami-0123abcd', 'ami-0123abcd-old', 'ami-', 'resolve:ssm:/images/base'])('a parameter holding %s holds no AMI id: unknown, and no image is asked for', async (value) => {
    const name = `/images/odd/${randomUUID().slice(0, 8)}`
    await ssm().send(new PutParameterCommand({ Name: name, Value: value, Type: 'String' }))
    const from = bed.proxy.calls.length
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', parameter: name }], clients)
    expect(base).toStrictEqual({ source: 'amazon-ebs.web', region: 'us-east-1', unknown: `SSM parameter ${name} does not hold an AMI id` })
    expect(asked(from)).toEqual([])
  })

  it('a parameter that does not exist: unknown, with SSM\'s reason', async () => {
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', parameter: '/images/none' }], clients)
    expect(base.id).toBeUndefined()
    expect(base.unknown).toMatch(/^AWS refused the look-up \(ParameterNotFound: /)
    // SSM's error as the SDK gives it to anyone who asks: its name and message, each said once.
    const refused = await ssm().send(new GetParameterCommand({ Name: '/images/none' })).then(
      () => undefined,
      (err: Error) => err
    )
    expect(refused?.name).toBe('ParameterNotFound')
    expect(base.unknown).toBe(`AWS refused the look-up (ParameterNotFound: ${refused?.message})`)
  })

  // GetParameter's answer in the SSM API Reference lists `Parameter` without saying it is always
  // there; an answer without it holds no AMI id, and is said so, as a parameter of another value.
  it('an answer to GetParameter without a parameter holds no AMI id: unknown, and no image is asked for', async () => {
    bed.answer = (action) => (action === 'GetParameter' ? { status: 200, contentType: 'application/x-amz-json-1.1', body: '{}' } : undefined)
    const from = bed.proxy.calls.length
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', parameter: '/images/base/empty' }], clients)
    expect(base).toStrictEqual({ source: 'amazon-ebs.web', region: 'us-east-1', unknown: 'SSM parameter /images/base/empty does not hold an AMI id' })
    expect(asked(from)).toEqual([])
  })

  it('the image a parameter names is asked for by id: a filter beside it is not applied', async () => {
    const id = await newBase(`param-${randomUUID().slice(0, 8)}`)
    const name = `/images/base/${randomUUID().slice(0, 8)}`
    await ssm().send(new PutParameterCommand({ Name: name, Value: id, Type: 'String' }))
    const from = bed.proxy.calls.length
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', parameter: name, filter: filter({ filters: { name: 'nothing-*' }, owners: ['self'] }) }], clients)
    expect(base.id).toBe(id)
    expect(asked(from)).toEqual([{ 'ImageId.1': id }])
  })
})

describe('source_ami_filter', () => {
  it('a value with commas is a list: any of them matches', async () => {
    const tag = randomUUID().slice(0, 8)
    await newBase(`list-a-${tag}`)
    const b = await newBase(`list-b-${tag}`)
    await newBase(`list-c-${tag}`)
    const from = bed.proxy.calls.length
    const [base] = await resolveBases([{ source: 'amazon-ebs.web', region: 'us-east-1', filter: filter({ filters: { name: `list-a-${tag}, list-b-${tag}` }, owners: ['self'] }) }], clients)
    expect(base).toMatchObject({ id: b, name: `list-b-${tag}` })
    expect(asked(from)).toEqual([{ 'Filter.1.Name': 'name', 'Filter.1.Value.1': `list-a-${tag}`, 'Filter.1.Value.2': `list-b-${tag}`, 'Owner.1': 'self' }])
  })

  it('owners and include_deprecated are asked as given; no filters, no owners: neither is sent', async () => {
    const from = bed.proxy.calls.length
    await resolveBases(
      [
        { source: 'amazon-ebs.a', region: 'us-east-1', filter: filter({ filters: { name: 'x-*', 'root-device-type': 'ebs' }, owners: ['amazon', 'self'], includeDeprecated: true }) },
        { source: 'amazon-ebs.b', region: 'us-east-1', ami: CATALOGUE_AMI, filter: filter({}) }
      ],
      clients
    )
    // The two look-ups run at once: in either order.
    expect(asked(from)).toHaveLength(2)
    expect(asked(from)).toEqual(
      expect.arrayContaining([
        {
          'Filter.1.Name': 'name',
          'Filter.1.Value.1': 'x-*',
          'Filter.2.Name': 'root-device-type',
          'Filter.2.Value.1': 'ebs',
          'Owner.1': 'amazon',
          'Owner.2': 'self',
          IncludeDeprecated: 'true'
        },
        { 'ImageId.1': CATALOGUE_AMI }
      ])
    )
  })

  // EC2's answer when nothing matches holds an empty `imagesSet` (`<imagesSet/>`); one that
  // leaves the member out is read the same: nothing matches, and Packer would fail.
  it.each([
    ['an empty imagesSet', '<imagesSet/>'],
    ['no imagesSet', '']
  ])('an answer with %s: no image matches', async (_name, images) => {
    bed.answer = (action) =>
      action === 'DescribeImages'
        ? { status: 200, contentType: 'text/xml;charset=UTF-8', body: `<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId>${images}</DescribeImagesResponse>` }
        : undefined
    const [base] = await resolveBases([{ source: 'amazon-ebs.a', region: 'us-east-1', filter: filter({ filters: { name: 'x-*' }, owners: ['self'] }) }], clients)
    expect(base).toStrictEqual({ source: 'amazon-ebs.a', region: 'us-east-1', unknown: 'no image matches: Packer would fail to find one' })
  })

  // EC2 joins the filters with AND, so their order changes nothing it answers; the request is
  // the same whichever order the template lists them in (by name), as CloudTrail records it.
  it('the filters are asked in the order of their names, whatever the order of the template', async () => {
    const from = bed.proxy.calls.length
    await resolveBases([{ source: 'amazon-ebs.a', region: 'us-east-1', filter: filter({ filters: { 'root-device-type': 'ebs', name: 'x-*' }, owners: ['self'] }) }], clients)
    expect(asked(from)).toEqual([{ 'Filter.1.Name': 'name', 'Filter.1.Value.1': 'x-*', 'Filter.2.Name': 'root-device-type', 'Filter.2.Value.1': 'ebs', 'Owner.1': 'self' }])
  })
})
