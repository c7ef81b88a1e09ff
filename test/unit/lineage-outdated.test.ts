/**
 * outdatedFamilies against moto behind the loopback proxy, which refuses more than 200 values
 * in one filter as EC2 does (filter-emulation.ts): a family of hundreds of older AMIs is looked
 * up in several calls, and a family built on any one of them is found.
 */
import { CreateImageCommand, CreateTagsCommand, RunInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { familyImages, type Candidate } from '../../src/aws/retention.js'
import { BASE_AMI_TAG, FAMILY_TAG } from '../../src/aws/tags.js'
import { outdatedFamilies } from '../../src/lineage/lineage.js'
import { awsBed } from '../support/aws-bed.js'

const bed = awsBed()
const ec2 = (): EC2Client => bed.ec2('us-east-1')

async function image(tags: Record<string, string>): Promise<string> {
  const { Instances = [] } = await ec2().send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1 }))
  const { ImageId } = await ec2().send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `outdated-${randomUUID()}` }))
  await ec2().send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
  return ImageId as string
}

describe('outdatedFamilies', () => {
  it('finds a family built on the 420th of 450 older AMIs, looked up 200 at a time', async () => {
    const base = `base-${randomUUID()}`
    const app = `app-${randomUUID()}`
    const older = await image({ [FAMILY_TAG]: base })
    const current = await image({ [FAMILY_TAG]: base })
    const child = await image({ [FAMILY_TAG]: app, [BASE_AMI_TAG]: older })
    // The base family's listing, as retention hands it over: 449 AMIs that are gone, then the real older one, then this run's.
    const gone: Candidate[] = Array.from({ length: 449 }, (_, i) => ({ ami: `ami-${String(i).padStart(17, '0')}`, created: '2020-01-01T00:00:00.000Z', snapshots: [] }))
    const listing = [...gone.slice(0, 419), { ami: older, created: '2024-01-01T00:00:00.000Z', snapshots: [] }, ...gone.slice(419), { ami: current, created: '2025-01-01T00:00:00.000Z', snapshots: [] }]
    const first = bed.proxy.calls.length
    const found = await outdatedFamilies(ec2(), 'us-east-1', base, current, (family) => (family === base ? Promise.resolve(listing) : familyImages(ec2(), family)))
    expect(found).toEqual([{ family: app, region: 'us-east-1', ami: child, builtOn: older, baseFamily: base, current }])
    const lookups = bed.proxy.calls.slice(first).filter((c) => c.action === 'DescribeImages' && c.params['Filter.1.Name'] === `tag:${BASE_AMI_TAG}`)
    expect(lookups.map((c) => Object.keys(c.params).filter((k) => k.startsWith('Filter.1.Value.')).length)).toEqual([200, 200, 50])
  })
})
