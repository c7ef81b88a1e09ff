/** The proxy's DisableImage, EnableImage and deprecation times, as EC2 documents them (test/support/image-lifecycle-emulation.ts). */
import { DescribeImagesCommand, DisableImageCommand, EnableImageCommand, EnableImageDeprecationCommand } from '@aws-sdk/client-ec2'
import { awsBed } from '../support/aws-bed.js'
import { PUBLIC_AMI, world } from '../support/channel-world.js'

const w = world(awsBed())

const ids = async (params: { IncludeDisabled?: boolean }, ami: string): Promise<Array<[string, string]>> => {
  const { Images = [] } = await w.ec2('us-east-1').send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: [ami] }], ...params }))
  return Images.map((i) => [i.ImageId as string, i.State as string])
}

describe('image lifecycle emulation', () => {
  it('a disabled AMI leaves DescribeImages unless IncludeDisabled asks for it, then shows state disabled; EnableImage brings it back', async () => {
    const { 'us-east-1': ami } = await w.built('acme/lifecycle', ['us-east-1'])
    const { Return } = await w.ec2('us-east-1').send(new DisableImageCommand({ ImageId: ami }))
    expect(Return).toBe(true)
    expect(await ids({}, ami)).toEqual([])
    expect(await ids({ IncludeDisabled: true }, ami)).toEqual([[ami, 'disabled']])
    await w.ec2('us-east-1').send(new EnableImageCommand({ ImageId: ami }))
    expect(await ids({}, ami)).toEqual([[ami, 'available']])
  })

  it('only the owner disables an AMI; an AMI that does not exist is an error', async () => {
    await expect(w.ec2('us-east-1').send(new DisableImageCommand({ ImageId: PUBLIC_AMI }))).rejects.toMatchObject({ name: 'UnauthorizedOperation' })
    await expect(w.ec2('us-east-1').send(new DisableImageCommand({ ImageId: 'ami-0123456789abcdef0' }))).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' })
  })

  it('shows the deprecation time EnableImageDeprecation set, rounded to the minute, in that region only', async () => {
    const amis = await w.built('acme/lifecycle', ['us-east-1', 'us-west-2'])
    await w.ec2('us-east-1').send(new EnableImageDeprecationCommand({ ImageId: amis['us-east-1'], DeprecateAt: new Date('2031-05-04T03:02:40Z') }))
    expect((await w.image('us-east-1', amis['us-east-1']))?.DeprecationTime).toBe('2031-05-04T03:03:00.000Z')
    expect((await w.image('us-west-2', amis['us-west-2']))?.DeprecationTime).toBeUndefined()
  })
})
