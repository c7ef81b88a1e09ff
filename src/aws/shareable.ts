import { DescribeSnapshotsCommand, type EC2Client } from '#client-ec2'
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { regionalClients } from './clients.js'
import { groupByRegion, type RegionImage } from './images.js'

/**
 * A snapshot encrypted with the AWS-managed EBS key cannot be shared with any other account;
 * refuse before the first change rather than fail halfway through the regions.
 */
export async function checkShareable(ec2: (region: string) => EC2Client, images: RegionImage[]): Promise<void> {
  const kms = regionalClients((config) => new KMSClient(config))
  await Promise.all([...groupByRegion(images)].map(([region, list]) => checkRegion(ec2(region), kms(region), region, list)))
}

async function checkRegion(ec2: EC2Client, kms: KMSClient, region: string, images: RegionImage[]): Promise<void> {
  const SnapshotIds = images.flatMap((i) => i.snapshots)
  if (SnapshotIds.length === 0) return
  const { Snapshots = [] } = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds }))
  for (const snap of Snapshots.filter((s) => s.Encrypted && s.KmsKeyId)) {
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: snap.KmsKeyId }))
    if (KeyMetadata?.KeyManager === 'AWS') {
      throw new Error(
        `snapshot ${snap.SnapshotId} in ${region} is encrypted with the AWS-managed EBS key, which cannot be shared: ` +
          'build with a customer-managed KMS key (kms_key_id / region_kms_key_ids) to share this AMI'
      )
    }
  }
}
