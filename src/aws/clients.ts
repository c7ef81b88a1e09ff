import { EC2Client } from '@aws-sdk/client-ec2'
import { KMSClient } from '@aws-sdk/client-kms'
import { SSMClient } from '@aws-sdk/client-ssm'

/**
 * One client per service and region. Retries live here, not at call sites: adaptive mode
 * backs off on throttling and 5xx. Endpoints come from the SDK's own settings
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2, ...), which is how the tests reach moto.
 */
export class AwsClients {
  private readonly ec2Clients = new Map<string, EC2Client>()
  private readonly ssmClients = new Map<string, SSMClient>()
  private readonly kmsClients = new Map<string, KMSClient>()

  constructor(private readonly maxAttempts = 10) {}

  ec2(region: string): EC2Client {
    return cached(this.ec2Clients, region, () => new EC2Client(this.config(region)))
  }

  ssm(region: string): SSMClient {
    return cached(this.ssmClients, region, () => new SSMClient(this.config(region)))
  }

  kms(region: string): KMSClient {
    return cached(this.kmsClients, region, () => new KMSClient(this.config(region)))
  }

  private config(region: string): { region: string; retryMode: string; maxAttempts: number; customUserAgent: string } {
    return { region, retryMode: 'adaptive', maxAttempts: this.maxAttempts, customUserAgent: 'packer-ami-action' }
  }
}

function cached<T>(map: Map<string, T>, region: string, make: () => T): T {
  let client = map.get(region)
  if (client === undefined) {
    client = make()
    map.set(region, client)
  }
  return client
}
