import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplatesCommand,
  ModifyLaunchTemplateCommand,
  type EC2Client
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

interface FakeTemplate {
  id: string
  name: string
  defaultVersion: number
  latestVersion: number
}

interface Sent {
  region: string
  command: string
  input: Record<string, unknown>
}

/**
 * EC2 as far as launch templates go, per region, answering as AWS does (an unknown id is an
 * error) or as moto does (an unknown id is an empty list). Records every request it gets.
 */
function fakeEc2(regions: Record<string, FakeTemplate[]>, opts: { unknownIdAnswer?: 'error' | 'empty'; failWith?: Error } = {}) {
  const sent: Sent[] = []
  const clients = new Map<string, EC2Client>()
  const client = (region: string): EC2Client => {
    const templates = regions[region] ?? []
    const find = (input: { LaunchTemplateId?: string; LaunchTemplateName?: string }): FakeTemplate => {
      const t = templates.find((x) => x.id === input.LaunchTemplateId || x.name === input.LaunchTemplateName)
      if (t === undefined) throw ec2Error('InvalidLaunchTemplateId.NotFound')
      return t
    }
    const send = async (command: unknown): Promise<unknown> => {
      const input = (command as { input: Record<string, unknown> }).input
      sent.push({ region, command: (command as object).constructor.name, input })
      if (opts.failWith !== undefined) throw opts.failWith
      if (command instanceof DescribeLaunchTemplatesCommand) {
        const names = command.input.LaunchTemplateNames ?? []
        const ids = command.input.LaunchTemplateIds ?? []
        const found = templates.filter((t) => names.includes(t.name) || ids.includes(t.id))
        if (names.length > 0 && found.length === 0) throw ec2Error('InvalidLaunchTemplateName.NotFoundException')
        if (ids.length > 0 && found.length === 0 && opts.unknownIdAnswer !== 'empty') throw ec2Error('InvalidLaunchTemplateId.NotFound')
        return {
          LaunchTemplates: found.map((t) => ({
            LaunchTemplateId: t.id,
            LaunchTemplateName: t.name,
            DefaultVersionNumber: t.defaultVersion,
            LatestVersionNumber: t.latestVersion
          }))
        }
      }
      if (command instanceof CreateLaunchTemplateVersionCommand) {
        const t = find(command.input)
        t.latestVersion += 1
        return { LaunchTemplateVersion: { LaunchTemplateId: t.id, VersionNumber: t.latestVersion } }
      }
      if (command instanceof ModifyLaunchTemplateCommand) {
        const t = find(command.input)
        t.defaultVersion = Number(command.input.DefaultVersion)
        return { LaunchTemplate: { LaunchTemplateId: t.id, DefaultVersionNumber: t.defaultVersion } }
      }
      throw new Error(`unexpected ${(command as object).constructor.name}`)
    }
    return { send } as unknown as EC2Client
  }
  return {
    sent,
    ec2: (region: string): EC2Client => {
      if (!clients.has(region)) clients.set(region, client(region))
      return clients.get(region) as EC2Client
    }
  }
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

describe('rollOutLaunchTemplates', () => {
  const images = [
    ami('amazon-ebs.web', 'us-east-1', 'ami-0east'),
    ami('amazon-ebs.web', 'us-west-2', 'ami-0west'),
    ami('amazon-ebs.worker', 'us-east-1', 'ami-0worker')
  ]
  const fleet = (): Record<string, FakeTemplate[]> => ({
    'us-east-1': [
      { id: 'lt-0e0000000000000a1', name: 'web', defaultVersion: 3, latestVersion: 5 },
      { id: 'lt-0e0000000000000b2', name: 'batch', defaultVersion: 1, latestVersion: 1 }
    ],
    'us-west-2': [{ id: 'lt-0w0000000000000a1', name: 'web', defaultVersion: 2, latestVersion: 2 }]
  })

  it('no templates: no call at all', async () => {
    const fake = fakeEc2(fleet())
    expect(await rollOutLaunchTemplates(fake.ec2, images, [], true)).toEqual({ versions: [], missing: [] })
    expect(fake.sent).toEqual([])
  })

  it('a version from the default with the region AMI of the first build; the default moves when asked', async () => {
    const regions = fleet()
    const fake = fakeEc2(regions)
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(fake.ec2, images, ['web'], true))
    expect(result.versions).toEqual([
      { region: 'us-east-1', template: 'web', id: 'lt-0e0000000000000a1', version: 6, default: true, ami: 'ami-0east' },
      { region: 'us-west-2', template: 'web', id: 'lt-0w0000000000000a1', version: 3, default: true, ami: 'ami-0west' }
    ])
    const creates = fake.sent.filter((s) => s.command === 'CreateLaunchTemplateVersionCommand')
    expect(creates.map((c) => [c.region, c.input.LaunchTemplateId, c.input.SourceVersion, c.input.LaunchTemplateData])).toEqual(
      expect.arrayContaining([
        ['us-east-1', 'lt-0e0000000000000a1', '3', { ImageId: 'ami-0east' }],
        ['us-west-2', 'lt-0w0000000000000a1', '2', { ImageId: 'ami-0west' }]
      ])
    )
    expect(creates).toHaveLength(2)
    for (const c of creates) expect(c.input.ClientToken).toMatch(/^[0-9a-f-]{36}$/)
    expect(new Set(creates.map((c) => c.input.ClientToken)).size).toBe(2)
    expect(regions['us-east-1'][0].defaultVersion).toBe(6)
    expect(regions['us-west-2'][0].defaultVersion).toBe(3)
  })

  it('without launch-template-default: a new version, the default stays', async () => {
    const regions = fleet()
    const fake = fakeEc2(regions)
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(fake.ec2, images, ['web'], false))
    expect(result.versions.map((v) => [v.region, v.version, v.default])).toEqual([
      ['us-east-1', 6, false],
      ['us-west-2', 3, false]
    ])
    expect(fake.sent.some((s) => s.command === 'ModifyLaunchTemplateCommand')).toBe(false)
    expect(regions['us-east-1'][0].defaultVersion).toBe(3)
    expect(regions['us-west-2'][0].defaultVersion).toBe(2)
  })

  it.each(['error', 'empty'] as const)('a template missing in a region is a warning there (unknown id answered with: %s)', async (unknownIdAnswer) => {
    const fake = fakeEc2(fleet(), { unknownIdAnswer })
    const { result, stdout } = await capturingStdout(() =>
      rollOutLaunchTemplates(fake.ec2, images, ['batch', 'lt-0e0000000000000a1', 'gone'], false)
    )
    expect(result.versions.map((v) => [v.region, v.template, v.ami])).toEqual([
      ['us-east-1', 'batch', 'ami-0east'],
      ['us-east-1', 'lt-0e0000000000000a1', 'ami-0east']
    ])
    expect(result.missing).toEqual([
      { region: 'us-east-1', template: 'gone' },
      { region: 'us-west-2', template: 'batch' },
      { region: 'us-west-2', template: 'lt-0e0000000000000a1' },
      { region: 'us-west-2', template: 'gone' }
    ])
    expect(stdout).toContain('::warning::launch template lt-0e0000000000000a1 does not exist in us-west-2: no new version there')
    expect(stdout).toContain('::warning::launch template gone does not exist in us-east-1: no new version there')
    expect(stdout.match(/::warning::/g)).toHaveLength(4)
  })

  it('one template given by name and by id makes one version', async () => {
    const fake = fakeEc2(fleet())
    const { result } = await capturingStdout(() => rollOutLaunchTemplates(fake.ec2, images.slice(0, 1), ['web', 'lt-0e0000000000000a1'], true))
    expect(result.versions.map((v) => [v.template, v.version])).toEqual([['web', 6]])
    expect(fake.sent.filter((s) => s.command === 'CreateLaunchTemplateVersionCommand')).toHaveLength(1)
  })

  it('any other error fails, naming the template and the region', async () => {
    const fake = fakeEc2(fleet(), { failWith: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.') })
    await expect(rollOutLaunchTemplates(fake.ec2, images.slice(1, 2), ['web'], true)).rejects.toThrow(
      'launch template web in us-west-2: You are not authorized to perform this operation.'
    )
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
