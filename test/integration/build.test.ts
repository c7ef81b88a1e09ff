import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, packerUnderTest, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

interface Artifact {
  build: string
  builder: string
  builderId: string
  id: string
  region: string
  ami: string
}

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

function build(cwd: string, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: {
      ...installFrom(mirror),
      template: 'packer',
      ...inputs
    }
  })
}


describe('build mode on moto', () => {
  const cwd = workspaceWith('packer')
  let first: RunResult

  beforeAll(async () => {
    first = await build(cwd, { variables: `ec2_endpoint: ${moto.endpoint}\napp_version: "1.0"` })
  })

  it('reports every AMI of both builds, as moto holds them', async () => {
    succeeded(first)
    expect(first.outputs['mode']).toBe('build')
    expect(first.outputs['packer-version']).toBe(packerUnderTest)
    const artifacts = JSON.parse(first.outputs['artifacts']) as Artifact[]
    expect(artifacts.map((a) => [a.build, a.region])).toEqual([
      ['amazon-ebs.web', 'us-east-1'],
      ['amazon-ebs.web', 'us-west-2'],
      ['amazon-ebs.worker', 'us-east-1']
    ])
    expect(new Set(artifacts.map((a) => a.builder))).toEqual(new Set(['amazon-ebs']))
    expect(new Set(artifacts.map((a) => a.builderId))).toEqual(new Set(['mitchellh.amazonebs']))
    for (const a of artifacts) expect(a.id).toBe(`${a.region}:${a.ami}`)
    for (const a of artifacts) {
      const [image] = await describeImages(moto.endpoint, a.region, [a.ami])
      expect(image.ImageId).toBe(a.ami)
      expect(image.Name).toMatch(a.build === 'amazon-ebs.web' ? /^example-web-/ : /^example-worker-/)
      expect(image.Tags['AppVersion']).toBe('1.0')
    }
  })

  it('answers ami-id and ami-ids for the first build by name', () => {
    const artifacts = JSON.parse(first.outputs['artifacts']) as Artifact[]
    const web = artifacts.filter((a) => a.build === 'amazon-ebs.web')
    expect(JSON.parse(first.outputs['ami-ids'])).toEqual(Object.fromEntries(web.map((a) => [a.region, a.ami])))
    expect(first.outputs['ami-id']).toBe(web.find((a) => a.region === 'us-east-1')?.ami)
  })

  it('names the manifest it cross-checked and writes the summary table', () => {
    expect(first.outputs['manifest']).toBe(path.join(cwd, 'packer-manifest.json'))
    expect(existsSync(first.outputs['manifest'])).toBe(true)
    expect(first.stdout + first.stderr).not.toMatch(/does not match Packer's output/)
    const artifacts = JSON.parse(first.outputs['artifacts']) as Artifact[]
    expect(first.summary).toMatch(/Packer build: ✅ passed/)
    for (const a of artifacts) expect(first.summary).toContain(`| ${a.build} | ${a.region} | [${a.ami}]`)
  })

  it('reports only the new AMIs on a second run into the same manifest, from a warm cache', async () => {
    const requestsBefore = mirror.requests.length
    const second = await build(cwd, { variables: `ec2_endpoint: ${moto.endpoint}` })
    succeeded(second)
    expect(mirror.requests.length).toBe(requestsBefore)
    const before = new Set((JSON.parse(first.outputs['artifacts']) as Artifact[]).map((a) => a.ami))
    const now = JSON.parse(second.outputs['artifacts']) as Artifact[]
    expect(now).toHaveLength(3)
    for (const a of now) expect(before.has(a.ami)).toBe(false)
    expect(second.stdout + second.stderr).not.toMatch(/does not match Packer's output/)
  })

  it('honours aws-region for ami-id', async () => {
    const run = await build(workspaceWith('packer'), {
      variables: `ec2_endpoint: ${moto.endpoint}`,
      'aws-region': 'us-west-2',
      only: 'amazon-ebs.web'
    })
    succeeded(run)
    const ids = JSON.parse(run.outputs['ami-ids']) as Record<string, string>
    expect(run.outputs['ami-id']).toBe(ids['us-west-2'])
    expect((JSON.parse(run.outputs['artifacts']) as Artifact[]).every((a) => a.build === 'amazon-ebs.web')).toBe(true)
  })
})

describe('a template with no manifest post-processor', () => {
  it('still yields its AMI, from the stream alone', async () => {
    const run = await build(workspaceWith('fixtures/single'), {
      template: 'packer/single.pkr.hcl',
      variables: JSON.stringify({ ec2_endpoint: moto.endpoint })
    })
    succeeded(run)
    expect(run.outputs['manifest']).toBe('')
    const [artifact] = JSON.parse(run.outputs['artifacts']) as Artifact[]
    expect(artifact.build).toBe('amazon-ebs.solo')
    expect(run.outputs['ami-id']).toBe(artifact.ami)
    expect(await describeImages(moto.endpoint, 'us-east-1', [artifact.ami])).toHaveLength(1)
  })
})

describe('variables reach Packer byte for byte', () => {
  it('keeps quotes, $, backticks and shell syntax in a tag value', async () => {
    const value = 'it\'s "quoted" $HOME `x` ; rm -rf /'
    const run = await build(workspaceWith('fixtures/single'), {
      template: 'packer/single.pkr.hcl',
      variables: JSON.stringify({ ec2_endpoint: moto.endpoint }),
      'sensitive-variables': `app_version=${value}`
    })
    succeeded(run)
    const [image] = await describeImages(moto.endpoint, 'us-east-1', [run.outputs['ami-id']])
    expect(image.Tags['AppVersion']).toBe(value)
    expect(run.stdout).toContain(`::add-mask::${value}`)
    expect(run.summary).not.toContain(value)
  })
})

describe('var-files', () => {
  it('passes the user\'s var-files to Packer, and variables override them', async () => {
    const cwd = workspaceWith('fixtures/single')
    writeFileSync(path.join(cwd, 'release.pkrvars.hcl'), `ec2_endpoint = "${moto.endpoint}"\napp_version = "from-file"\n`)
    const fromFile = await build(cwd, { template: 'packer/single.pkr.hcl', 'var-files': 'release.pkrvars.hcl' })
    succeeded(fromFile)
    const [image] = await describeImages(moto.endpoint, 'us-east-1', [fromFile.outputs['ami-id']])
    expect(image.Tags['AppVersion']).toBe('from-file')

    const overridden = await build(cwd, {
      template: 'packer/single.pkr.hcl',
      'var-files': 'release.pkrvars.hcl',
      variables: 'app_version=from-input'
    })
    succeeded(overridden)
    const [second] = await describeImages(moto.endpoint, 'us-east-1', [overridden.outputs['ami-id']])
    expect(second.Tags['AppVersion']).toBe('from-input')
  })
})
