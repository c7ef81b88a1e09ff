/**
 * Retention checks every reference before it deregisters: the bundled action against moto,
 * with the proxy in front. Once as moto is (no DescribeImageReferences, DeregisterImage ignores
 * DeleteAssociatedSnapshots): the fallback finds the references and the action deletes the
 * snapshots itself. Once with the proxy answering DescribeImageReferences and honouring
 * DeleteAssociatedSnapshots, as EC2 does.
 */
import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
  RunInstancesCommand
} from '@aws-sdk/client-ec2'
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { familyAmis, snapshotsOfAmi } from '../support/family.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const proxies: AwsProxy[] = []
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const REGION = 'us-east-1'
/** A public AMI moto serves in us-east-1: what the newer launch template versions launch. */
const PUBLIC_AMI = 'ami-03cf127a'
/** Straight to moto: the setup of other teams' resources is not the action's traffic. */
const ec2 = (): EC2Client => new EC2Client({ region: REGION, endpoint: moto.endpoint, credentials })
const ssm = (): SSMClient => new SSMClient({ region: REGION, endpoint: moto.endpoint, credentials })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([...proxies.map((p) => p.close()), moto?.stop(), mirror?.close()])
})

async function proxy(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<AwsProxy> {
  const started = await startAwsProxy({ target: moto.endpoint, ...opts })
  proxies.push(started)
  return started
}

/** Packer talks to moto directly; the action's SDK goes through `via`. */
function build(via: AwsProxy, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('fixtures/single'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: via.endpoint },
    inputs: {
      ...installFrom(mirror),
      template: 'packer/single.pkr.hcl',
      variables: `ec2_endpoint: ${moto.endpoint}`,
      ...inputs
    }
  })
}

async function snapshotsLeft(ids: string[]): Promise<string[]> {
  const { Snapshots = [] } = await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
  return Snapshots.map((s) => s.SnapshotId as string).filter((id) => ids.includes(id))
}

/** Another team's parameter (data type aws:ec2:image) pointing at `ami`. */
async function otherTeamsParameter(name: string, ami: string): Promise<void> {
  await ssm().send(new PutParameterCommand({ Name: name, Value: ami, Type: 'String', DataType: 'aws:ec2:image' }))
}

/**
 * A launch template whose version 1 alone launches `ami`: 12 versions, the default is 5, so
 * version 1 is neither the default nor the latest, nor one of the 10 newest.
 */
async function oldLaunchTemplateVersion(name: string, ami: string): Promise<string> {
  const created = await ec2().send(new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: { ImageId: ami } }))
  const id = created.LaunchTemplate?.LaunchTemplateId as string
  for (let v = 2; v <= 12; v++) {
    await ec2().send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: { ImageId: PUBLIC_AMI, InstanceType: 't3.micro' } }))
  }
  await ec2().send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: '5' }))
  return id
}

interface RetentionEntry {
  region: string
  family: string
  kept: string[]
  removed: string[]
  spared: string[]
  sparedReasons: Record<string, string>
  dryRun: boolean
}

/** Four earlier builds of `family`, oldest first, without retention. */
async function earlierBuilds(via: AwsProxy, family: string): Promise<string[]> {
  const amis: string[] = []
  for (let i = 0; i < 4; i++) amis.push(succeeded(await build(via, { family })).outputs['ami-id'])
  return amis
}

describe('retention spares every AMI something refers to', () => {
  it('where DescribeImageReferences does not answer (moto): SSM parameters and old launch template versions found by the fallback', async () => {
    const via = await proxy()
    const family = 'acme/references-fallback'
    const [byParameter, byOldVersion, plain1, plain2] = await earlierBuilds(via, family)
    await otherTeamsParameter('/other-team/base-ami', byParameter)
    const template = await oldLaunchTemplateVersion('other-team-fallback', byOldVersion)
    const snapshots1 = await snapshotsOfAmi(ec2(), plain1)
    const snapshots2 = await snapshotsOfAmi(ec2(), plain2)
    const plainSnapshots = [...snapshots1, ...snapshots2]
    expect(snapshots1.length * snapshots2.length).toBeGreaterThan(0)
    const before = via.calls.length

    const run = succeeded(await build(via, { family, 'keep-latest': '1' }))
    const newest = run.outputs['ami-id']

    expect(await familyAmis(ec2(), family)).toEqual([byParameter, byOldVersion, newest].sort())
    expect(await snapshotsLeft(plainSnapshots)).toEqual([])
    const [retention] = (JSON.parse(run.outputs['images']) as { retention: RetentionEntry[] }).retention
    expect({ ...retention, removed: retention.removed.sort(), spared: retention.spared.sort() }).toEqual({
      region: REGION,
      family,
      kept: [newest],
      removed: [plain1, plain2].sort(),
      spared: [byOldVersion, byParameter].sort(),
      sparedReasons: {
        [byParameter]: 'referenced by ssm:/other-team/base-ami',
        [byOldVersion]: `referenced by launch-template:${template}:v1`
      },
      dryRun: false
    })
    expect(run.summary).toContain(`${byParameter} (referenced by ssm:/other-team/base-ami)`)
    expect(run.summary).toContain(`${byOldVersion} (referenced by launch-template:${template}:v1)`)
    expect(run.stdout).toContain(
      `Retention ${REGION} ${family}: references from instances, launch template versions and SSM parameters (DescribeImageReferences: InvalidAction, HTTP 400)`
    )

    const actions = via.calls.slice(before).map((c) => c.action)
    expect(actions.filter((a) => a === 'DescribeImageReferences')).toHaveLength(1)
    expect(actions).toEqual(expect.arrayContaining(['DescribeInstances', 'DescribeLaunchTemplates', 'DescribeLaunchTemplateVersions', 'DescribeParameters', 'GetParameters']))
    // moto ignores DeleteAssociatedSnapshots: the action saw the snapshots survive and deleted them, after each deregistration.
    const removal = actions.filter((a) => a === 'DeregisterImage' || a === 'DeleteSnapshot')
    const deletes = (snapshots: string[]): string[] => snapshots.map(() => 'DeleteSnapshot')
    expect(removal).toEqual(['DeregisterImage', ...deletes(snapshots1), 'DeregisterImage', ...deletes(snapshots2)])
  })

  it("through EC2's DescribeImageReferences (the proxy answering it): instances, parameters, launch templates; EC2 deletes the snapshots", async () => {
    const via = await proxy({ imageReferences: true, deleteAssociatedSnapshots: true })
    const family = 'acme/references-api'
    const [byParameter, byOldVersion, byInstance, plain] = await earlierBuilds(via, family)
    await otherTeamsParameter('/other-team/api-base-ami', byParameter)
    const template = await oldLaunchTemplateVersion('other-team-api', byOldVersion)
    const run0 = await ec2().send(new RunInstancesCommand({ ImageId: byInstance, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
    const instance = run0.Instances?.[0]?.InstanceId as string
    const plainSnapshots = await snapshotsOfAmi(ec2(), plain)
    const before = via.calls.length

    const run = succeeded(await build(via, { family, 'keep-latest': '1' }))
    const newest = run.outputs['ami-id']

    expect(await familyAmis(ec2(), family)).toEqual([byParameter, byOldVersion, byInstance, newest].sort())
    expect(await snapshotsLeft(plainSnapshots)).toEqual([])
    const [retention] = (JSON.parse(run.outputs['images']) as { retention: RetentionEntry[] }).retention
    expect(retention.removed).toEqual([plain])
    expect(retention.sparedReasons).toEqual({
      [byParameter]: 'referenced by ssm:/other-team/api-base-ami',
      // EC2 names the launch template, not the version.
      [byOldVersion]: `referenced by launch-template:${template}`,
      [byInstance]: `referenced by instance:${instance}`
    })
    expect(run.stdout).toContain(`Retention ${REGION} ${family}: references from DescribeImageReferences`)

    const actions = via.calls.slice(before).map((c) => c.action)
    // Three older AMIs in one call of at most 10; none of the fallback's listings.
    expect(actions.filter((a) => a === 'DescribeImageReferences')).toHaveLength(1)
    for (const listing of ['DescribeLaunchTemplates', 'DescribeLaunchTemplateVersions', 'DescribeParameters', 'GetParameters']) expect(actions).not.toContain(listing)
    // EC2 deleted the snapshots with the image: no DeleteSnapshot from the action.
    expect(actions.filter((a) => a === 'DeregisterImage' || a === 'DeleteSnapshot')).toEqual(['DeregisterImage'])
  })
})

