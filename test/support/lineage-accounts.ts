/**
 * What the lineage tests share: moto's catalogue AMI, the two regions, and the two accounts, ours
 * (moto's default, the caller's) and another that shares its AMIs with ours.
 */
import { EC2Client } from '@aws-sdk/client-ec2'
import { credentials } from './aws-clients.js'
import { asAccount } from './moto.js'

/** A public AMI moto serves in every region. */
export const CATALOGUE_AMI = 'ami-03cf127a'
export const EAST = 'us-east-1'
export const WEST = 'us-west-2'
/** The tag after-build.ts writes with the repository that built an AMI, spelled out as users see it. */
export const REPOSITORY_TAG = 'packer-ami-action:repository'
export const OURS = '123456789012'
export const OTHER = '210987654321'

/** A client of the other account, in `region` of the moto at `endpoint`: the caller destroys it. */
export function otherAccountEc2(endpoint: string, region: string): EC2Client {
  return asAccount(new EC2Client({ region, endpoint, credentials }), OTHER)
}
