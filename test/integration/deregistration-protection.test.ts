/**
 * `deregistration-protection: true` after a real build: the bundled action against moto, with
 * the proxy in front emulating EC2's deregistration protection (moto 5 lacks it).
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
let proxy: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  proxy = await startAwsProxy({ target: moto.endpoint })
})

afterAll(async () => {
  await Promise.all([proxy?.close(), moto?.stop(), mirror?.close()])
})

describe('deregistration-protection', () => {
  it('protects every new AMI in every region, after tagging, and reports it', async () => {
    // Packer talks to moto directly; the action's SDK goes through the proxy.
    const run = succeeded(
      await runAction({
        cwd: workspaceWith('packer'),
        toolCache,
        eventName: 'release',
        env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint },
        inputs: {
          ...installFrom(mirror),
          template: 'packer',
          only: 'amazon-ebs.web',
          variables: `ec2_endpoint: ${moto.endpoint}`,
          'deregistration-protection': 'true',
          comment: 'false'
        }
      })
    )
    const artifacts = (JSON.parse(run.outputs['artifacts']) as Array<{ region: string; ami: string }>).filter((a) => a.ami !== undefined)
    expect(artifacts.map((a) => a.region).sort()).toStrictEqual(['us-east-1', 'us-west-2'])

    for (const { region, ami } of artifacts) {
      const ec2 = new EC2Client({ region, endpoint: proxy.endpoint, credentials })
      const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }))
      expect(Images[0]?.DeregistrationProtection).toBe('enabled-without-cooldown')

      const inRegion = proxy.calls.filter((c) => c.region === region)
      const tagged = inRegion.findIndex((c) => c.action === 'CreateTags')
      const protectedAt = inRegion.findIndex((c) => c.action === 'EnableImageDeregistrationProtection')
      expect(tagged).toBeGreaterThanOrEqual(0)
      expect(protectedAt).toBeGreaterThan(tagged)
    }
    expect(proxy.calls.filter((c) => c.action === 'EnableImageDeregistrationProtection')).toHaveLength(artifacts.length)

    const images = JSON.parse(run.outputs['images']) as { images: Array<{ ami: string; protected?: boolean }> }
    expect(images.images.map((i) => [i.ami, i.protected]).sort()).toStrictEqual(artifacts.map((a) => [a.ami, true]).sort())
    expect(run.summary).toContain('Deregistration protection: enabled on every AMI above.')
    expect(run.stdout).toMatch(/us-west-2 ami-\w+: deregistration protection enabled/)
  })
})
