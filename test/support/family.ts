/** What a user checks of an AMI family in EC2: its AMIs, and the snapshots behind one. */
import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2'

/** AMIs this account owns with the action's family tag `family`, sorted. */
export async function familyAmis(ec2: EC2Client, family: string): Promise<string[]> {
  const { Images = [] } = await ec2.send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'tag:packer-ami-action:family', Values: [family] }] })
  )
  return Images.map((i) => i.ImageId as string).sort()
}

export async function snapshotsOfAmi(ec2: EC2Client, ami: string): Promise<string[]> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }))
  return (Images[0]?.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId as string).filter(Boolean)
}
