/**
 * AMIs and channels as a user finds them in EC2 and SSM, for the channel tests: AMIs made the way
 * Packer's amazon-ebs makes them (an instance, CreateImage, CopyImage to more regions) and tagged
 * as the action tags them; channel parameters and their history read straight from SSM.
 */
import { CopyImageCommand, CreateImageCommand, CreateTagsCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand, type Image } from '@aws-sdk/client-ec2'
import { GetParameterCommand, GetParameterHistoryCommand, SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import { clientsAt, type AwsClients } from './aws-clients.js'

/** A public AMI moto serves in us-east-1, owned by Amazon, not by the test account. */
export const PUBLIC_AMI = 'ami-03cf127a'

export interface World {
  ec2(region: string): EC2Client
  ssm(region: string): SSMClient
  /** An AMI of `family` in each region (made in the first, copied to the rest), tagged as the action tags its AMIs. */
  built(family: string, regions: string[], tags?: Record<string, string>): Promise<Record<string, string>>
  tag(region: string, ami: string, tags: Record<string, string>): Promise<void>
  image(region: string, ami: string): Promise<Image | undefined>
  /** The channel parameter's value, or undefined where it does not exist. */
  value(region: string, name: string): Promise<string | undefined>
  history(region: string, name: string): Promise<Array<{ version: number; ami: string; labels: string[]; description?: string }>>
  destroy(): void
}

/**
 * The world at `endpoint`, through clients of its own (destroy ends them), or through clients it
 * borrows (a test bed's, test/support/aws-bed.ts: their owner ends them).
 */
export function world(at: string | AwsClients): World {
  const own = typeof at === 'string' ? clientsAt(at) : undefined
  const { ec2, ssm } = own ?? (at as AwsClients)
  const tag = async (region: string, ami: string, tags: Record<string, string>): Promise<void> => {
    await ec2(region).send(new CreateTagsCommand({ Resources: [ami], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
  }
  return {
    ec2,
    ssm,
    tag,
    async built(family, regions, tags = {}) {
      const [first, ...rest] = regions
      const { Instances = [] } = await ec2(first).send(new RunInstancesCommand({ ImageId: PUBLIC_AMI, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
      const name = `${family.replace(/[^a-zA-Z0-9-]/g, '-')}-${randomUUID().slice(0, 8)}`
      const { ImageId: original } = await ec2(first).send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: name }))
      const amis: Record<string, string> = { [first]: original as string }
      for (const region of rest) {
        const { ImageId } = await ec2(region).send(new CopyImageCommand({ SourceImageId: original, SourceRegion: first, Name: name }))
        amis[region] = ImageId as string
      }
      const runUrl = `https://github.com/acme/images/actions/runs/${randomUUID().slice(0, 8)}`
      for (const [region, ami] of Object.entries(amis)) {
        await tag(region, ami, {
          'packer-ami-action:family': family,
          'packer-ami-action:build': 'amazon-ebs.web',
          'packer-ami-action:regions': regions.join(' '),
          'packer-ami-action:run-url': runUrl,
          ...tags
        })
      }
      return amis
    },
    async image(region, ami) {
      const { Images = [] } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [ami], IncludeDisabled: true }))
      return Images[0]
    },
    async value(region, name) {
      try {
        return (await ssm(region).send(new GetParameterCommand({ Name: name }))).Parameter?.Value
      } catch (err) {
        if ((err as { name?: string }).name === 'ParameterNotFound') return undefined
        throw err
      }
    },
    async history(region, name) {
      try {
        const versions: Array<{ version: number; ami: string; labels: string[]; description?: string }> = []
        let NextToken: string | undefined
        do {
          const page = await ssm(region).send(new GetParameterHistoryCommand({ Name: name, NextToken }))
          for (const p of page.Parameters ?? []) versions.push({ version: p.Version as number, ami: p.Value as string, labels: p.Labels ?? [], description: p.Description })
          NextToken = page.NextToken
        } while (NextToken)
        return versions
      } catch (err) {
        if ((err as { name?: string }).name === 'ParameterNotFound') return []
        throw err
      }
    },
    destroy() {
      own?.destroy()
    }
  }
}
