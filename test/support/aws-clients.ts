/**
 * The tests' own AWS SDK clients, one per service and region, pointed at moto or at the loopback
 * proxy in front of it with the credentials moto accepts: for seeding what a test needs and
 * reading back what the action did, apart from the clients the action makes itself.
 */
import { EC2Client } from '@aws-sdk/client-ec2'
import { SSMClient } from '@aws-sdk/client-ssm'
import { awsTestEnv } from './moto.js'

export interface AwsClients {
  ec2(region: string): EC2Client
  ssm(region: string): SSMClient
}

export interface OwnAwsClients extends AwsClients {
  /** Ends every client made so far (their keep-alive sockets). */
  destroy(): void
}

/** The credentials moto accepts, for a client made apart from these (another account's, say). */
export const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }

/** Clients at `endpoint`, each made on first use and kept. */
export function clientsAt(endpoint: string): OwnAwsClients {
  const ec2s = new Map<string, EC2Client>()
  const ssms = new Map<string, SSMClient>()
  return {
    ec2(region) {
      if (!ec2s.has(region)) ec2s.set(region, new EC2Client({ region, endpoint, credentials }))
      return ec2s.get(region) as EC2Client
    },
    ssm(region) {
      if (!ssms.has(region)) ssms.set(region, new SSMClient({ region, endpoint, credentials }))
      return ssms.get(region) as SSMClient
    },
    destroy() {
      for (const c of [...ec2s.values(), ...ssms.values()]) c.destroy()
    }
  }
}
