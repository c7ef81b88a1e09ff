import {
  CreateLaunchTemplateCommand,
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  ModifyLaunchTemplateCommand,
  type LaunchTemplateVersion,
  type RequestLaunchTemplateData
} from '@aws-sdk/client-ec2'
import {
  inputOrder,
  isNotFound,
  regionAmis,
  rollOutLaunchTemplates,
  templateQuery,
  type LaunchTemplateRollout
} from '../../src/aws/launch-templates.js'
import type { Artifact } from '../../src/packer/artifacts.js'
import { renderLaunchTemplates } from '../../src/report/launch-templates.js'
import { renderReport, runLinks } from '../../src/report/render.js'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from '../support/aws-proxy.js'
import { startMoto, type Moto } from '../support/moto.js'

const ami = (build: string, region: string, id: string): Artifact => ({ build, builder: 'amazon-ebs', region, ami: id })

describe('regionAmis', () => {
  it.each<[string, Artifact[], Array<[string, string, string]>]>([
    ['nothing built: no region', [], []],
    [
      'one build copied: each region its copy',
      [ami('amazon-ebs.web', 'us-east-1', 'ami-1'), ami('amazon-ebs.web', 'us-west-2', 'ami-2')],
      [
        ['us-east-1', 'amazon-ebs.web', 'ami-1'],
        ['us-west-2', 'amazon-ebs.web', 'ami-2']
      ]
    ],
    [
      'two builds in one region: the first by name, whatever the order',
      [ami('amazon-ebs.worker', 'us-east-1', 'ami-w'), ami('amazon-ebs.web', 'us-east-1', 'ami-1'), ami('amazon-ebs.web', 'us-west-2', 'ami-2')],
      [
        ['us-east-1', 'amazon-ebs.web', 'ami-1'],
        ['us-west-2', 'amazon-ebs.web', 'ami-2']
      ]
    ],
    [
      'a region only a later build reaches: that build there',
      [ami('amazon-ebs.api', 'us-east-1', 'ami-a'), ami('amazon-ebs.zeta', 'eu-west-1', 'ami-z')],
      [
        ['eu-west-1', 'amazon-ebs.zeta', 'ami-z'],
        ['us-east-1', 'amazon-ebs.api', 'ami-a']
      ]
    ],
    [
      'named build blocks sort by their full name',
      [ami('beta.amazon-ebs.b', 'us-east-1', 'ami-b'), ami('alpha.amazon-ebs.a', 'us-east-1', 'ami-a')],
      [['us-east-1', 'alpha.amazon-ebs.a', 'ami-a']]
    ]
  ])('%s', (_name, images, expected) => {
    expect(regionAmis(images).map((r) => [r.region, r.build, r.ami])).toEqual(expected)
  })
})

describe('templateQuery', () => {
  it.each([
    ['web-servers', { LaunchTemplateNames: ['web-servers'] }],
    ['team/web_(v2)', { LaunchTemplateNames: ['team/web_(v2)'] }],
    ['lt-0123456789abcdef0', { LaunchTemplateIds: ['lt-0123456789abcdef0'] }],
    ['lt-01234567', { LaunchTemplateIds: ['lt-01234567'] }]
  ])('%s', (template, expected) => {
    expect(templateQuery(template)).toStrictEqual(expected)
  })
})

/** An SDK error as client-ec2 throws it: the code as name and as Code. */
function ec2Error(code: string, message = code): Error {
  return Object.assign(new Error(message), { name: code, Code: code })
}

describe('isNotFound', () => {
  it.each<[string, unknown, boolean]>([
    ['unknown name', ec2Error('InvalidLaunchTemplateName.NotFoundException'), true],
    ['unknown id', ec2Error('InvalidLaunchTemplateId.NotFound'), true],
    ['code only in name', Object.assign(new Error('x'), { name: 'InvalidLaunchTemplateId.NotFound' }), true],
    ['malformed id is no absence', ec2Error('InvalidLaunchTemplateId.Malformed'), false],
    ['no permission is no absence', ec2Error('UnauthorizedOperation'), false],
    ['unknown version', ec2Error('InvalidLaunchTemplateId.VersionNotFound'), false],
    ['a plain error', new Error('socket hang up'), false],
    ['not an error', 'InvalidLaunchTemplateId.NotFound', false],
    ['null', null, false]
  ])('%s', (_name, err, expected) => {
    expect(isNotFound(err)).toBe(expected)
  })
})

describe('inputOrder', () => {
  it('sorts by region, then as the input lists the templates', () => {
    const list = [
      { region: 'us-west-2', template: 'b' },
      { region: 'us-east-1', template: 'lt-01234567' },
      { region: 'us-east-1', template: 'b' },
      { region: 'eu-west-1', template: 'lt-01234567' }
    ]
    expect([...list].sort(inputOrder(['b', 'lt-01234567']))).toEqual([
      { region: 'eu-west-1', template: 'lt-01234567' },
      { region: 'us-east-1', template: 'b' },
      { region: 'us-east-1', template: 'lt-01234567' },
      { region: 'us-west-2', template: 'b' }
    ])
  })
})

/**
 * A team's launch templates in moto, per region, made straight in moto so nothing the proxy does
 * shapes them: in us-east-1 `web` at versions 1..5 with 3 the default (its own instance type
 * and key pair, which a version from the default inherits) and `batch` at 1; in us-west-2 `web`
 * at 1..2, 2 the default. Names are new each time: moto keeps every test's templates.
 */
interface Fleet {
  web: string
  batch: string
  eastWeb: string
  eastBatch: string
  westWeb: string
}

let fleets = 0

async function fleet(): Promise<Fleet> {
  const suffix = `${++fleets}-${Date.now()}`
  const web = `web-${suffix}`
  const batch = `batch-${suffix}`
  const direct = (region: string): EC2Client => client(moto.endpoint, region)
  const make = async (region: string, name: string, versions: Array<RequestLaunchTemplateData>, defaultVersion: number): Promise<string> => {
    const created = await direct(region).send(new CreateLaunchTemplateCommand({ LaunchTemplateName: name, LaunchTemplateData: versions[0] }))
    const id = created.LaunchTemplate?.LaunchTemplateId as string
    for (const data of versions.slice(1)) await direct(region).send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: id, LaunchTemplateData: data }))
    if (defaultVersion !== 1) await direct(region).send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: String(defaultVersion) }))
    return id
  }
  const version = (n: number, extra: RequestLaunchTemplateData = {}): RequestLaunchTemplateData => ({
    ImageId: 'ami-03cf127a',
    InstanceType: 't3.micro',
    UserData: Buffer.from(`v${n}`).toString('base64'),
    ...extra
  })
  const eastWeb = await make(
    'us-east-1',
    web,
    [version(1), version(2), version(3, { InstanceType: 'm5.large', KeyName: 'web-default' }), version(4), version(5, { InstanceType: 'c5.xlarge' })],
    3
  )
  const eastBatch = await make('us-east-1', batch, [version(1)], 1)
  const westWeb = await make('us-west-2', web, [version(1), version(2, { InstanceType: 'm5.large', KeyName: 'web-default-west' })], 2)
  return { web, batch, eastWeb, eastBatch, westWeb }
}

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
let moto: Moto
const proxies: AwsProxy[] = []
const clients: EC2Client[] = []

beforeAll(async () => {
  moto = await startMoto()
})

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()))
  for (const c of clients.splice(0)) c.destroy()
})

afterAll(async () => {
  await moto?.stop()
})

function client(endpoint: string, region: string): EC2Client {
  const made = new EC2Client({ region, endpoint, credentials, maxAttempts: 1 })
  clients.push(made)
  return made
}

/** EC2 per region through a fresh proxy in front of moto, and the proxy, which records every call. */
async function ec2Through(opts: Omit<AwsProxyOptions, 'target'> = {}): Promise<{ ec2: (region: string) => EC2Client; proxy: AwsProxy }> {
  const proxy = await startAwsProxy({ target: moto.endpoint, ...opts })
  proxies.push(proxy)
  const byRegion = new Map<string, EC2Client>()
  const ec2 = (region: string): EC2Client => {
    if (!byRegion.has(region)) byRegion.set(region, client(proxy.endpoint, region))
    return byRegion.get(region) as EC2Client
  }
  return { ec2, proxy }
}

async function described(region: string, id: string): Promise<{ defaultVersion?: number; latestVersion?: number }> {
  const { LaunchTemplates = [] } = await client(moto.endpoint, region).send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [id] }))
  return { defaultVersion: LaunchTemplates[0]?.DefaultVersionNumber, latestVersion: LaunchTemplates[0]?.LatestVersionNumber }
}

async function versionOf(region: string, id: string, version: number): Promise<LaunchTemplateVersion | undefined> {
  const { LaunchTemplateVersions = [] } = await client(moto.endpoint, region).send(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: id, Versions: [String(version)] })
  )
  return LaunchTemplateVersions[0]
}

/** What @actions/core wrote to stdout meanwhile: its warnings are `::warning::` lines there. */
async function capturingStdout<T>(body: () => Promise<T>): Promise<{ result: T; stdout: string }> {
  const write = process.stdout.write.bind(process.stdout)
  let stdout = ''
  process.stdout.write = ((chunk: string | Uint8Array): boolean => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }) as typeof process.stdout.write
  try {
    return { result: await body(), stdout }
  } finally {
    process.stdout.write = write
  }
}

describe('rollOutLaunchTemplates against moto', () => {
  const images = [
    ami('amazon-ebs.web', 'us-east-1', 'ami-0east'),
    ami('amazon-ebs.web', 'us-west-2', 'ami-0west'),
    ami('amazon-ebs.worker', 'us-east-1', 'ami-0worker')
  ]

  it('no templates: no call at all', async () => {
    const { ec2, proxy } = await ec2Through()
    expect(await rollOutLaunchTemplates(ec2, images, [], true)).toEqual({ versions: [], missing: [] })
    expect(proxy.calls).toEqual([])
  })

  it('a version from the default with the region AMI of the first build; the default moves when asked', async () => {
    const f = await fleet()
    const { ec2, proxy } = await ec2Through()
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(ec2, images, [f.web], true))
    expect(result.versions).toEqual([
      { region: 'us-east-1', template: f.web, id: f.eastWeb, version: 6, default: true, ami: 'ami-0east' },
      { region: 'us-west-2', template: f.web, id: f.westWeb, version: 3, default: true, ami: 'ami-0west' }
    ])
    expect(await described('us-east-1', f.eastWeb)).toEqual({ defaultVersion: 6, latestVersion: 6 })
    expect(await described('us-west-2', f.westWeb)).toEqual({ defaultVersion: 3, latestVersion: 3 })
    // Built on the default version (3 and 2), not the latest: its instance type, key pair and user data, and the new AMI.
    const east = await versionOf('us-east-1', f.eastWeb, 6)
    expect(east?.LaunchTemplateData).toEqual({ ImageId: 'ami-0east', InstanceType: 'm5.large', KeyName: 'web-default', UserData: Buffer.from('v3').toString('base64') })
    expect(east?.VersionDescription).toBe('packer-ami-action: ami-0east of amazon-ebs.web')
    const west = await versionOf('us-west-2', f.westWeb, 3)
    expect(west?.LaunchTemplateData).toEqual({ ImageId: 'ami-0west', InstanceType: 'm5.large', KeyName: 'web-default-west', UserData: Buffer.from('v2').toString('base64') })

    const creates = proxy.calls.filter((c) => c.action === 'CreateLaunchTemplateVersion')
    expect(creates.map((c) => [c.region, c.params.LaunchTemplateId, c.params.SourceVersion]).sort()).toEqual([
      ['us-east-1', f.eastWeb, '3'],
      ['us-west-2', f.westWeb, '2']
    ])
    for (const c of creates) expect(c.params.ClientToken).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(creates.map((c) => c.params.ClientToken)).size).toBe(2)
  })

  it('without launch-template-default: a new version, the default stays', async () => {
    const f = await fleet()
    const { ec2, proxy } = await ec2Through()
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(ec2, images, [f.web], false))
    expect(result.versions.map((v) => [v.region, v.version, v.default])).toEqual([
      ['us-east-1', 6, false],
      ['us-west-2', 3, false]
    ])
    expect(proxy.calls.some((c) => c.action === 'ModifyLaunchTemplate')).toBe(false)
    expect(await described('us-east-1', f.eastWeb)).toEqual({ defaultVersion: 3, latestVersion: 6 })
    expect(await described('us-west-2', f.westWeb)).toEqual({ defaultVersion: 2, latestVersion: 3 })
    expect((await versionOf('us-east-1', f.eastWeb, 6))?.LaunchTemplateData?.ImageId).toBe('ami-0east')
  })

  it.each(['empty', 'not-found'] as const)('a template missing in a region is a warning there (an unknown id answered: %s)', async (unknownLaunchTemplateIds) => {
    const f = await fleet()
    const gone = `gone-${Date.now()}`
    const { ec2 } = await ec2Through({ unknownLaunchTemplateIds })
    const { result, stdout } = await capturingStdout(() => rollOutLaunchTemplates(ec2, images, [f.batch, f.eastWeb, gone], false))
    expect(result.versions.map((v) => [v.region, v.template, v.ami])).toEqual([
      ['us-east-1', f.batch, 'ami-0east'],
      ['us-east-1', f.eastWeb, 'ami-0east']
    ])
    expect(result.missing).toEqual([
      { region: 'us-east-1', template: gone },
      { region: 'us-west-2', template: f.batch },
      { region: 'us-west-2', template: f.eastWeb },
      { region: 'us-west-2', template: gone }
    ])
    expect(stdout).toContain(`::warning::launch template ${f.eastWeb} does not exist in us-west-2: no new version there`)
    expect(stdout).toContain(`::warning::launch template ${gone} does not exist in us-east-1: no new version there`)
    expect(stdout.match(/::warning::/g)).toHaveLength(4)
    expect(await described('us-east-1', f.eastBatch)).toEqual({ defaultVersion: 1, latestVersion: 2 })
    expect(await described('us-west-2', f.westWeb)).toEqual({ defaultVersion: 2, latestVersion: 2 })
  })

  it('one template given by name and by id makes one version', async () => {
    const f = await fleet()
    const { ec2, proxy } = await ec2Through()
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(ec2, images.slice(0, 1), [f.web, f.eastWeb], true))
    expect(result.versions.map((v) => [v.template, v.version])).toEqual([[f.web, 6]])
    expect(proxy.calls.filter((c) => c.action === 'CreateLaunchTemplateVersion')).toHaveLength(1)
    expect(await described('us-east-1', f.eastWeb)).toEqual({ defaultVersion: 6, latestVersion: 6 })
  })

  it('any other error fails, naming the template and the region', async () => {
    const f = await fleet()
    // EC2's answer to a caller without ec2:DescribeLaunchTemplates.
    const unauthorized = {
      status: 403,
      contentType: 'text/xml;charset=UTF-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>1</RequestID></Response>'
    }
    const { ec2 } = await ec2Through({ answer: (action) => (action === 'DescribeLaunchTemplates' ? unauthorized : undefined) })
    await expect(rollOutLaunchTemplates(ec2, images.slice(1, 2), [f.web], true)).rejects.toThrow(
      `launch template ${f.web} in us-west-2: You are not authorized to perform this operation.`
    )
    expect(await described('us-west-2', f.westWeb)).toEqual({ defaultVersion: 2, latestVersion: 2 })
  })
})

describe('renderLaunchTemplates', () => {
  const rollout: LaunchTemplateRollout = {
    versions: [
      { region: 'us-east-1', template: 'web', id: 'lt-0e0000000000000a1', version: 6, default: true, ami: 'ami-0east' },
      { region: 'us-west-2', template: 'web|x', id: 'lt-0w0000000000000a1', version: 3, default: false, ami: 'ami-0west' }
    ],
    missing: [{ region: 'us-west-2', template: 'lt-0e0000000000000b2' }]
  }

  it('nothing asked: no section', () => {
    expect(renderLaunchTemplates({ versions: [], missing: [] })).toEqual([])
  })

  it('a row per version, then the templates missing in a region', () => {
    const md = renderLaunchTemplates(rollout).join('\n')
    expect(md).toContain('### Launch templates')
    expect(md).toContain('| Region | Template | New version | AMI | Default |')
    expect(md).toContain('| us-east-1 | web | 6 | ami-0east | yes, now the default |')
    expect(md).toContain('| us-west-2 | web\\|x | 3 | ami-0west | no |')
    expect(md).toContain('- ⚠️ lt-0e0000000000000b2 does not exist in us-west-2: no new version there')
  })

  it('only missing templates: the warning lines, no empty table', () => {
    const md = renderLaunchTemplates({ versions: [], missing: rollout.missing }).join('\n')
    expect(md).not.toContain('| Region |')
    expect(md).toContain('does not exist in us-west-2')
  })

  it('is part of the report after the build', () => {
    const md = renderReport({
      mode: 'build',
      ok: true,
      artifacts: [],
      template: 'packer',
      run: runLinks({}),
      images: { images: [], parameters: [], retention: [], launchTemplates: rollout }
    })
    expect(md).toContain('### Launch templates')
    expect(md).toContain('| us-east-1 | web | 6 | ami-0east | yes, now the default |')
  })
})
