/**
 * parentsOf against moto behind the loopback proxy, which records the source AMI of CreateImage
 * and CopyImage as EC2 does (DescribeImages `SourceImageId` / `SourceImageRegion`).
 */
import { CopyImageCommand, CreateImageCommand, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { parentsOf } from '../../src/lineage/lineage.js'
import { awsBed } from '../support/aws-bed.js'

const BASE = 'ami-03cf127a'
const ec2 = awsBed().ec2

/** What Packer's amazon-ebs does: an instance from the base, an image of it, a copy to another region. */
async function built(): Promise<Array<{ build: string; region: string; ami: string }>> {
  const { Instances = [] } = await ec2('us-east-1').send(new RunInstancesCommand({ ImageId: BASE, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
  const { ImageId: original } = await ec2('us-east-1').send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `parent-${randomUUID()}` }))
  const { ImageId: copy } = await ec2('us-west-2').send(new CopyImageCommand({ SourceImageId: original, SourceRegion: 'us-east-1', Name: `parent-copy-${randomUUID()}` }))
  // The copy first: its source is the original, one of the build's own AMIs, not the base.
  return [
    { build: 'amazon-ebs.web', region: 'us-west-2', ami: copy as string },
    { build: 'amazon-ebs.web', region: 'us-east-1', ami: original as string }
  ]
}

describe('parentsOf', () => {
  it("takes the base from EC2's SourceImageId when Packer printed no Found Image ID", async () => {
    const amis = await built()
    const parents = await parentsOf(ec2, {}, [], () => ['us-east-1', 'us-west-2'], amis)
    expect(parents['amazon-ebs.web']).toMatchObject({ id: BASE, region: 'us-east-1', name: expect.stringMatching(/\S/) })
  })

  it("prefers Packer's own line when there is one", async () => {
    const amis = await built()
    const parents = await parentsOf(ec2, { 'amazon-ebs.web': 'ami-12c6146b' }, [], () => ['us-east-1'], amis)
    expect(parents['amazon-ebs.web'].id).toBe('ami-12c6146b')
  })

  it('gives no parent where EC2 records no source', async () => {
    const parents = await parentsOf(ec2, {}, [], () => ['us-east-1'], [{ build: 'amazon-ebs.web', region: 'us-east-1', ami: BASE }])
    expect(parents).toEqual({})
  })
})
