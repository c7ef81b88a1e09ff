import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

interface Artifact {
  build: string
  region: string
  ami: string
}

interface Version {
  region: string
  template: string
  id: string
  version: number
  default: boolean
  ami: string
}

/**
 * packer/example.pkr.hcl: amazon-ebs.web in us-east-1 copied to us-west-2, and
 * amazon-ebs.worker in us-east-1 alone. The action's SDK talks to moto directly: nothing here
 * needs a call moto lacks.
 */
function build(inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('packer'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: { ...installFrom(mirror), template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}`, ...inputs }
  })
}

/** A launch template as a team would have it before the first rollout: an older AMI, an instance type. */
async function launchTemplate(region: string, name: string): Promise<string> {
  const { LaunchTemplate } = await ec2(region).send(
    new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: { ImageId: 'ami-03cf127a', InstanceType: 't3.micro' } })
  )
  return LaunchTemplate?.LaunchTemplateId as string
}

async function described(region: string, id: string): Promise<{ defaultVersion?: number; latestVersion?: number }> {
  const { LaunchTemplates = [] } = await ec2(region).send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }))
  return { defaultVersion: LaunchTemplates[0]?.DefaultVersionNumber, latestVersion: LaunchTemplates[0]?.LatestVersionNumber }
}

async function imageOfVersion(region: string, id: string, version: number): Promise<string | undefined> {
  const { LaunchTemplateVersions = [] } = await ec2(region).send(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [String(version)] })
  )
  return LaunchTemplateVersions[0]?.LaunchTemplateData?.ImageId
}

const amiOf = (artifacts: Artifact[], build: string, region: string): string =>
  artifacts.find((a) => a.build === build && a.region === region)?.ami as string

describe('launch templates after the build', () => {
  it('a new default version with each region AMI of the first build; a template missing in a region is a warning', async () => {
    const name = `web-${randomUUID().slice(0, 8)}`
    const east = await launchTemplate('us-east-1', name)
    const west = await launchTemplate('us-west-2', name)
    // Ids are regional: this one exists in us-east-1 only, so us-west-2 warns about it.
    const pinned = await launchTemplate('us-east-1', `pinned-${randomUUID().slice(0, 8)}`)

    const run = succeeded(await build({ 'launch-templates': `${name}\n${pinned}`, 'launch-template-default': 'true' }))

    const artifacts = JSON.parse(run.outputs['artifacts']) as Artifact[]
    expect(artifacts.map((a) => `${a.build} ${a.region}`).sort()).toEqual(['amazon-ebs.web us-east-1', 'amazon-ebs.web us-west-2', 'amazon-ebs.worker us-east-1'])
    // us-east-1 has two AMIs: the first build by name (web, as ami-id) goes into the templates.
    const webEast = amiOf(artifacts, 'amazon-ebs.web', 'us-east-1')
    const webWest = amiOf(artifacts, 'amazon-ebs.web', 'us-west-2')
    expect(run.outputs['ami-id']).toBe(webEast)

    const versions = JSON.parse(run.outputs['launch-template-versions']) as Version[]
    expect(versions).toEqual([
      { region: 'us-east-1', template: name, id: east, version: 2, default: true, ami: webEast },
      { region: 'us-east-1', template: pinned, id: pinned, version: 2, default: true, ami: webEast },
      { region: 'us-west-2', template: name, id: west, version: 2, default: true, ami: webWest }
    ])
    for (const v of versions) {
      expect(await imageOfVersion(v.region, v.id, v.version)).toBe(v.ami)
      expect(await described(v.region, v.id)).toEqual({ defaultVersion: 2, latestVersion: 2 })
    }
    expect(await imageOfVersion('us-east-1', east, 1)).toBe('ami-03cf127a')

    expect(run.stdout).toContain(`::warning::launch template ${pinned} does not exist in us-west-2: no new version there`)
    expect(run.stdout.match(/::warning::launch template/g)).toHaveLength(1)
    const images = JSON.parse(run.outputs['images']) as { launchTemplates: { missing: unknown[] } }
    expect(images.launchTemplates.missing).toEqual([{ region: 'us-west-2', template: pinned }])

    expect(run.summary).toContain('### Launch templates')
    expect(run.summary).toContain(`| us-east-1 | ${name} | 2 | ${webEast} | yes, now the default |`)
    expect(run.summary).toContain(`| us-west-2 | ${name} | 2 | ${webWest} | yes, now the default |`)
    expect(run.summary).toContain(`${pinned} does not exist in us-west-2`)
  })

  it('without launch-template-default the new version is made and the default stays; a name missing in a region warns there', async () => {
    const name = `api-${randomUUID().slice(0, 8)}`
    const east = await launchTemplate('us-east-1', name)
    // A second version that is not the default: the new one must come after it, the default stay at 1.
    await ec2('us-east-1').send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: east, SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } }))

    const run = succeeded(await build({ only: 'amazon-ebs.web', 'launch-templates': name }))

    const artifacts = JSON.parse(run.outputs['artifacts']) as Artifact[]
    const webEast = amiOf(artifacts, 'amazon-ebs.web', 'us-east-1')
    const versions = JSON.parse(run.outputs['launch-template-versions']) as Version[]
    expect(versions).toEqual([{ region: 'us-east-1', template: name, id: east, version: 3, default: false, ami: webEast }])
    expect(await imageOfVersion('us-east-1', east, 3)).toBe(webEast)
    expect(await described('us-east-1', east)).toEqual({ defaultVersion: 1, latestVersion: 3 })
    expect(await imageOfVersion('us-east-1', east, 1)).toBe('ami-03cf127a')

    expect(run.stdout).toContain(`::warning::launch template ${name} does not exist in us-west-2: no new version there`)
    expect(run.summary).toContain(`| us-east-1 | ${name} | 3 | ${webEast} | no |`)
  })

  it('no launch-templates: no launch template is touched and the output is an empty list', async () => {
    const name = `idle-${randomUUID().slice(0, 8)}`
    const east = await launchTemplate('us-east-1', name)
    const run = succeeded(await build({ only: 'amazon-ebs.web' }))
    expect(JSON.parse(run.outputs['launch-template-versions'])).toEqual([])
    expect(await described('us-east-1', east)).toEqual({ defaultVersion: 1, latestVersion: 1 })
    expect(run.summary).not.toContain('### Launch templates')
  })
})
