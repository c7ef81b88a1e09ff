import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { regionalClients } from './clients.js'

/** Sets the SSM parameter (data type `aws:ec2:image`, so SSM checks the id) in each region. */
export function parameterPublisher(): (region: string, name: string, ami: string) => Promise<void> {
  const ssm = regionalClients((config) => new SSMClient(config))
  return async (region, name, ami) => {
    await ssm(region).send(
      new PutParameterCommand({ Name: name, Value: ami, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true })
    )
  }
}
