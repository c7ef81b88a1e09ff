import { EC2Client } from '#client-ec2'

/** What every client of the action shares: region, adaptive retries, the user agent. */
export interface ClientConfig {
  region: string
  retryMode: string
  maxAttempts: number
  customUserAgent: string
}

/**
 * One client per region of one service, each made once. Retries live here, not at call sites:
 * adaptive mode backs off on throttling and 5xx. Endpoints come from the SDK's own settings
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2, ...), which is how the tests reach moto. Each
 * service's factory sits beside the code that calls it, so the post step's bundle carries EC2
 * alone.
 */
export function regionalClients<T>(make: (config: ClientConfig) => T, maxAttempts = 10): (region: string) => T {
  const clients = new Map<string, T>()
  return (region) => {
    let client = clients.get(region)
    if (client === undefined) {
      client = make({ region, retryMode: 'adaptive', maxAttempts, customUserAgent: 'packer-ami-action' })
      clients.set(region, client)
    }
    return client
  }
}

export const ec2Clients = (): ((region: string) => EC2Client) => regionalClients((config) => new EC2Client(config))
