import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { familyAmis } from '../support/family.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { githubSha, runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
let proxy: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })
const ssm = (region: string): SSMClient => new SSMClient({ region, endpoint: moto.endpoint, credentials })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  proxy = await startAwsProxy({ target: moto.endpoint })
})

afterAll(async () => {
  await Promise.all([proxy?.close(), moto?.stop(), mirror?.close()])
})

interface Artifact {
  build: string
  region: string
  ami: string
}

/** Packer talks to moto directly; the action's SDK goes through the proxy that adds EnableImageDeprecation. */
function build(source: 'packer' | 'fixtures/single', inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith(source),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint },
    inputs: {
      ...installFrom(mirror),
      template: source === 'packer' ? 'packer' : 'packer/single.pkr.hcl',
      variables: `ec2_endpoint: ${moto.endpoint}`,
      ...inputs
    }
  })
}


const tagsOf = (list: Array<{ Key?: string; Value?: string }> = []): Record<string, string> =>
  Object.fromEntries(list.map((t) => [t.Key ?? '', t.Value ?? '']))

async function image(region: string, ami: string) {
  const { Images = [] } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [ami] }))
  return Images[0]
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

describe('after the build, in every region', () => {
  it('tags AMIs and snapshots, shares them, deprecates them and publishes them to SSM', async () => {
    const before = Date.now()
    const run = succeeded(
      await build('packer', {
        only: 'amazon-ebs.web',
        'ami-tags': 'team: images\ncost-center: "0042"',
        'share-accounts': '111122223333',
        'deprecate-after': '90d',
        'ssm-parameter': '/images/web/latest'
      })
    )
    const artifacts = JSON.parse(run.outputs['artifacts']) as Artifact[]
    expect(artifacts.map((a) => a.region)).toEqual(['us-east-1', 'us-west-2'])
    for (const { region, ami } of artifacts) {
      const img = await image(region, ami)
      const tags = tagsOf(img.Tags)
      expect(tags).toMatchObject({
        team: 'images',
        'cost-center': '0042',
        'packer-ami-action:family': 'acme/images/amazon-ebs.web',
        'packer-ami-action:commit': githubSha,
        'packer-ami-action:repository': 'acme/images',
        'packer-ami-action:ref': 'refs/heads/main',
        'packer-ami-action:template': 'packer'
      })
      expect(tags['packer-ami-action:run-url']).toMatch(/\/acme\/images\/actions\/runs\/4242$/)

      const snapshots = (img.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId as string).filter(Boolean)
      expect(snapshots.length).toBeGreaterThan(0)
      const { Snapshots = [] } = await ec2(region).send(new DescribeSnapshotsCommand({ SnapshotIds: snapshots }))
      for (const snap of Snapshots) expect(tagsOf(snap.Tags)).toMatchObject({ team: 'images', 'packer-ami-action:family': 'acme/images/amazon-ebs.web' })

      const launch = await ec2(region).send(new DescribeImageAttributeCommand({ ImageId: ami, Attribute: 'launchPermission' }))
      expect(launch.LaunchPermissions).toEqual(expect.arrayContaining([expect.objectContaining({ UserId: '111122223333' })]))
      for (const SnapshotId of snapshots) {
        const perm = await ec2(region).send(new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: 'createVolumePermission' }))
        expect(perm.CreateVolumePermissions).toEqual(expect.arrayContaining([expect.objectContaining({ UserId: '111122223333' })]))
      }

      const { Parameter } = await ssm(region).send(new GetParameterCommand({ Name: '/images/web/latest' }))
      expect(Parameter?.Value).toBe(ami)
      expect(Parameter?.DataType).toBe('aws:ec2:image')

      const deprecation = proxy.deprecations.find((d) => d.imageId === ami)
      expect(deprecation?.region).toBe(region)
      const at = Date.parse(deprecation?.deprecateAt ?? '')
      expect(at - before).toBeGreaterThanOrEqual(90 * 86_400_000)
      expect(at - Date.now()).toBeLessThanOrEqual(90 * 86_400_000)
    }
    const report = JSON.parse(run.outputs['images']) as { images: Array<{ ami: string; sharedWith: string[] }>; parameters: unknown[] }
    expect(report.images.map((i) => i.ami).sort()).toEqual(artifacts.map((a) => a.ami).sort())
    expect(report.parameters).toHaveLength(2)
    expect(run.summary).toContain('### After the build')
    expect(run.summary).toContain('SSM parameter `/images/web/latest` in us-west-2')
  })
})

describe('retention', () => {
  it('four builds with keep-latest 2 leave the newest two per region and no orphaned snapshot', async () => {
    const family = 'acme/web-retention'
    const runs: Artifact[][] = []
    for (let i = 0; i < 4; i++) {
      const run = succeeded(await build('packer', { only: 'amazon-ebs.web', family, 'keep-latest': '2' }))
      runs.push(JSON.parse(run.outputs['artifacts']) as Artifact[])
      await pause(1100)
    }
    for (const region of ['us-east-1', 'us-west-2']) {
      const newest = runs.slice(2).map((r) => r.find((a) => a.region === region)?.ami as string)
      expect(await familyAmis(ec2(region), family)).toEqual(newest.sort())
      const { Snapshots = [] } = await ec2(region).send(
        new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'tag:packer-ami-action:family', Values: [family] }] })
      )
      const backing = new Set<string>()
      for (const ami of newest) for (const m of (await image(region, ami)).BlockDeviceMappings ?? []) backing.add(m.Ebs?.SnapshotId as string)
      expect(Snapshots.map((s) => s.SnapshotId).sort()).toEqual([...backing].sort())
    }
  })

  it('spares an AMI a running instance uses, and a dry run removes nothing but lists its plan', async () => {
    const family = 'acme/solo-in-use'
    const used = succeeded(await build('fixtures/single', { family, 'keep-latest': '1' })).outputs['ami-id']
    const launched = await ec2('us-east-1').send(new RunInstancesCommand({ ImageId: used, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
    const instance = launched.Instances?.[0]?.InstanceId as string
    await pause(1100)
    const older = succeeded(await build('fixtures/single', { family, 'keep-latest': '1', 'cleanup-dry-run': 'true' }))
    const second = older.outputs['ami-id']
    expect(await familyAmis(ec2('us-east-1'), family)).toEqual([used, second].sort())
    expect(older.summary).toContain('dry run: nothing removed')
    expect(older.summary).toMatch(new RegExp(`\\| ${second} \\| — \\| ${used} \\(referenced by instance:${instance}\\) \\|`))
    await pause(1100)
    const newest = succeeded(await build('fixtures/single', { family, 'keep-latest': '1' }))
    expect(await familyAmis(ec2('us-east-1'), family)).toEqual([used, newest.outputs['ami-id']].sort())
    expect(newest.summary).toMatch(new RegExp(`\\| ${newest.outputs['ami-id']} \\| ${second} \\| ${used} \\(referenced by instance:${instance}\\) \\|`))
    expect(newest.stdout).toContain(`removing ${second}`)
  })
})

describe('sharing an AMI whose snapshots use the AWS-managed EBS key', () => {
  it('is refused before any tag or permission is changed', async () => {
    // moto reports its aws/ebs key as customer-managed: the proxy answers as EC2 and KMS do.
    const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/0d1f2e3c-aws-ebs'
    const managed = await startAwsProxy({
      target: moto.endpoint,
      answer: (action) => {
        if (action === 'DescribeSnapshots') {
          return {
            status: 200,
            contentType: 'text/xml;charset=UTF-8',
            body:
              '<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotSet><item>' +
              `<snapshotId>snap-0aws0managed0key</snapshotId><status>completed</status><encrypted>true</encrypted><kmsKeyId>${keyArn}</kmsKeyId>` +
              '</item></snapshotSet></DescribeSnapshotsResponse>'
          }
        }
        if (action === 'TrentService.DescribeKey') {
          return {
            status: 200,
            contentType: 'application/x-amz-json-1.1',
            body: JSON.stringify({ KeyMetadata: { KeyId: '0d1f2e3c-aws-ebs', Arn: keyArn, KeyManager: 'AWS', AWSAccountId: '123456789012' } })
          }
        }
        return undefined
      }
    })
    try {
      const run = await runAction({
        cwd: workspaceWith('fixtures/single'),
        toolCache,
        eventName: 'release',
        env: { ...awsTestEnv, AWS_ENDPOINT_URL: managed.endpoint },
        inputs: {
          ...installFrom(mirror),
          template: 'packer/single.pkr.hcl',
          variables: `ec2_endpoint: ${moto.endpoint}`,
          'share-accounts': '111122223333'
        }
      })
      expect(run.code).not.toBe(0)
      expect(run.stdout).toMatch(/::error::snapshot snap-0aws0managed0key in us-east-1 is encrypted with the AWS-managed EBS key, which cannot be shared/)
      const changes = managed.calls.filter((c) => /^(CreateTags|ModifyImageAttribute|ModifySnapshotAttribute|PutParameter)$/.test(c.action))
      expect(changes).toEqual([])
      expect(managed.calls.some((c) => c.action === 'TrentService.DescribeKey')).toBe(true)
    } finally {
      await managed.close()
    }
  })
})
