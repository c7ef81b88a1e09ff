/**
 * A retention reference check that AWS refuses (a role without ssm:DescribeParameters) after a
 * good build: nothing is removed, a warning says why, the summary lists the AMIs kept, and the
 * step stays green. The bundle against moto, with the proxy answering as SSM does to a caller
 * without the permission (HTTP 400 AccessDeniedException, SSM API Reference "Common Errors").
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
let refusing: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  refusing = await startAwsProxy({
    target: moto.endpoint,
    answer: (action) =>
      action === 'DescribeParameters'
        ? {
            status: 400,
            contentType: 'application/x-amz-json-1.1',
            body: JSON.stringify({
              __type: 'AccessDeniedException',
              message: 'User: arn:aws:sts::123456789012:assumed-role/packer/ci is not authorized to perform: ssm:DescribeParameters'
            })
          }
        : undefined
  })
})

afterAll(async () => {
  await Promise.all([refusing?.close(), moto?.stop(), mirror?.close()])
})

function build(family: string, via: string): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('fixtures/single'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: via },
    inputs: { ...installFrom(mirror), template: 'packer/single.pkr.hcl', variables: `ec2_endpoint: ${moto.endpoint}`, family, 'keep-latest': '1' }
  })
}

it('keeps every older AMI, warns, and keeps the step green when AWS refuses the reference check', async () => {
  const family = `refused-${randomUUID().slice(0, 8)}`
  const first = succeeded(await build(family, moto.endpoint))
  const second = succeeded(await build(family, refusing.endpoint))
  expect(second.stdout).toMatch(/::warning::Retention us-east-1 refused-\w+: AWS refused the check of what still uses the older AMIs \(AccessDeniedException/)
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [first.outputs['ami-id']] }))
  ec2.destroy()
  expect(Images).toHaveLength(1)
  expect(second.summary).toContain(`${first.outputs['ami-id']} (not removed: references could not be checked (AccessDeniedException))`)
})
