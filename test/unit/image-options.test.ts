import { readImageOptions, type ImageOptions } from '../../src/aws/options.js'

/** Reads inputs the way core.getInput does: a missing input is the empty string. */
function options(inputs: Record<string, string>): ImageOptions {
  return readImageOptions((name) => inputs[name] ?? '')
}

function errorOf(inputs: Record<string, string>): string {
  try {
    options(inputs)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('readImageOptions accepted the inputs')
}

const ORG = 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5'
const OU = 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cdef3456'

describe('readImageOptions', () => {
  it('nothing given: nothing to do', () => {
    expect(options({})).toStrictEqual({
      tags: {},
      shareAccounts: [],
      shareOrganizations: [],
      shareOus: [],
      deprecateAfterMs: undefined,
      ssmParameter: undefined,
      family: '',
      keepLatest: undefined,
      cleanupDryRun: false,
      launchTemplates: [],
      launchTemplateDefault: false,
      deregistrationProtection: false
    })
  })

  describe('ami-tags', () => {
    it.each<[string, string, Record<string, string>]>([
      ['YAML', 'Name: web\nteam: infra\n', { Name: 'web', team: 'infra' }],
      ['YAML numbers keep their text', 'cost-center: 0042\ncount: 3\nversion: 1.10\nhex: 0x1F', { 'cost-center': '0042', count: '3', version: '1.10', hex: '0x1F' }],
      ['YAML booleans and empty values become text', 'enabled: true\nlegacy: false\nempty:', { enabled: 'true', legacy: 'false', empty: '' }],
      ['YAML quoted strings', 'Name: "web: v2"\nnote: \'#1\'', { Name: 'web: v2', note: '#1' }],
      ['JSON', '{"Name": "web", "size": 8, "id": "0042"}', { Name: 'web', size: '8', id: '0042' }],
      ['key=value lines', 'Name=web server\ncost-center=0042\n', { Name: 'web server', 'cost-center': '0042' }],
      ['key=value: the value may hold = and :', 'query=a=b\nurl=https://x.example/?q=1', { query: 'a=b', url: 'https://x.example/?q=1' }],
      ['key=value: keys with colons, slashes and spaces', 'team:owner=infra\nkubernetes.io/cluster/prod=owned\nCost Center=7', { 'team:owner': 'infra', 'kubernetes.io/cluster/prod': 'owned', 'Cost Center': '7' }],
      ['key=value: an empty value', 'Empty=', { Empty: '' }],
      ['key=value: CRLF and blank lines', 'a=1\r\n\r\nb=2\r\n', { a: '1', b: '2' }],
      ['JSON with = in a value', '{"Query": "a=b"}', { Query: 'a=b' }],
      ['YAML with = in a value', 'Query: a=b', { Query: 'a=b' }]
    ])('%s', (_name, text, expected) => {
      expect(options({ 'ami-tags': text }).tags).toStrictEqual(expected)
    })

    it.each<[string, string, RegExp]>([
      ['a list value', 'Name: [a, b]', /"Name"/],
      ['a mapping value', 'Name:\n  first: a', /"Name"/],
      ['an aws: key', 'aws:cloudformation:stack-name: x', /"aws:cloudformation:stack-name"/],
      ['an AWS: key in key=value form', 'AWS:x=y', /"AWS:x"/],
      ["the action's own key", 'packer-ami-action:family=mine', /"packer-ami-action:family"/],
      ['a value of 257 characters', `Name=${'v'.repeat(257)}`, /"Name"/],
      ['41 tags', Array.from({ length: 41 }, (_, i) => `t${i}=v`).join('\n'), /41/],
      ['a key given twice', 'a=1\na=2', /"a"/],
      ['not a mapping', '- a\n- b', /mapping/]
    ])('refuses %s, naming the input', (_name, text, names) => {
      const message = errorOf({ 'ami-tags': text })
      expect(message).toMatch(/^ami-tags: /)
      expect(message).toMatch(names)
    })

    it('36 tags are accepted: 50 with the action\'s provenance, lineage and test verdict tags', () => {
      const text = Array.from({ length: 36 }, (_, i) => `t${i}=v`).join('\n')
      expect(Object.keys(options({ 'ami-tags': text }).tags)).toHaveLength(36)
    })
  })

  describe('share-accounts, share-organizations, share-ous', () => {
    it.each<[string, string, keyof ImageOptions, string[]]>([
      ['share-accounts', '123456789012', 'shareAccounts', ['123456789012']],
      ['share-accounts', '123456789012, 000000000001\n210987654321\n', 'shareAccounts', ['123456789012', '000000000001', '210987654321']],
      ['share-organizations', ORG, 'shareOrganizations', [ORG]],
      ['share-organizations', 'arn:aws-us-gov:organizations::123456789012:organization/o-abcdefghij0123456789', 'shareOrganizations', ['arn:aws-us-gov:organizations::123456789012:organization/o-abcdefghij0123456789']],
      ['share-ous', OU, 'shareOus', [OU]],
      ['share-ous', `${OU}\narn:aws-cn:organizations::123456789012:ou/o-a1b2c3d4e5/ou-1234567890-abcdefghij`, 'shareOus', [OU, 'arn:aws-cn:organizations::123456789012:ou/o-a1b2c3d4e5/ou-1234567890-abcdefghij']]
    ])('%s %j', (input, value, field, expected) => {
      expect(options({ [input]: value })[field]).toStrictEqual(expected)
    })

    it.each([
      ['share-accounts', '12345678901'],
      ['share-accounts', '1234567890123'],
      ['share-accounts', '12345678901a'],
      ['share-accounts', '1234-5678-9012'],
      ['share-accounts', 'all'],
      ['share-organizations', 'o-a1b2c3d4e5'],
      ['share-organizations', 'arn:aws:organizations::123456789012:organization/o-abc'],
      ['share-organizations', 'arn:aws:organizations::12345678901:organization/o-a1b2c3d4e5'],
      ['share-organizations', 'arn:aws:organizations::123456789012:organization/O-A1B2C3D4E5'],
      ['share-organizations', OU],
      ['share-organizations', `${ORG}/extra`],
      ['share-ous', ORG],
      ['share-ous', 'ou-ab12-cdef3456'],
      ['share-ous', 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab1-cdef3456'],
      ['share-ous', 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cdef345'],
      ['share-ous', 'arn:aws:iam::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cdef3456']
    ])('%s refuses %j, naming the input and the value', (input, value) => {
      const message = errorOf({ [input]: value })
      expect(message).toMatch(new RegExp(`^${input}: `))
      expect(message).toContain(`"${value}"`)
    })

    it('one bad account among good ones is named', () => {
      expect(errorOf({ 'share-accounts': '123456789012,12345' })).toMatch(/^share-accounts: "12345" /)
    })
  })

  describe('deprecate-after', () => {
    it.each<[string, number]>([
      ['90d', 90 * 24 * 60 * 60 * 1000],
      ['1d', 24 * 60 * 60 * 1000],
      ['12h', 12 * 60 * 60 * 1000],
      ['30m', 30 * 60 * 1000],
      ['  7d \n', 7 * 24 * 60 * 60 * 1000]
    ])('%j → %d ms', (value, ms) => {
      expect(options({ 'deprecate-after': value }).deprecateAfterMs).toBe(ms)
    })

    it.each(['soon', '0d', '0h', '1w', '90', 'd', '-1d', '1.5d'])('refuses %j, naming the input and the value', (value) => {
      const message = errorOf({ 'deprecate-after': value })
      expect(message).toMatch(/^deprecate-after: /)
      expect(message).toContain(`"${value}"`)
    })
  })

  describe('ssm-parameter', () => {
    it.each(['/images/web/latest', '/web', 'web-latest', '/a_b.c-d/E9', ' /images/web/latest '])('accepts %j', (value) => {
      expect(options({ 'ssm-parameter': value }).ssmParameter).toBe(value.trim())
    })

    it.each([
      ['a name starting with aws', 'awsImages'],
      ['a path under /aws', '/aws/service/web'],
      ['AWS in upper case', '/AWS/web'],
      ['a name starting with ssm', 'ssm-web'],
      ['a path under /ssm', '/ssm/web'],
      ['SSM in mixed case', '/Ssm/web'],
      ['a space inside', '/images/web latest'],
      ['a character outside a-zA-Z0-9_.-', '/images/web@latest'],
      ['a trailing slash', '/images/web/'],
      ['an empty level', '/images//web'],
      ['a hierarchy without its leading slash', 'images/web/latest'],
      ['more than 15 levels', `/${Array.from({ length: 20 }, (_, i) => `l${i}`).join('/')}`],
      ['more than 1011 characters', `/${'a'.repeat(1011)}`]
    ])('refuses %s, naming the input and the value', (_name, value) => {
      const message = errorOf({ 'ssm-parameter': value })
      expect(message).toMatch(/^ssm-parameter: /)
      expect(message).toContain(`"${value}"`)
    })
  })

  describe('family', () => {
    it.each([
      ['', ''],
      ['web', 'web'],
      ['  acme/images/web  ', 'acme/images/web'],
      ['f'.repeat(200), 'f'.repeat(200)]
    ])('%j → %j', (value, expected) => {
      expect(options({ family: value }).family).toBe(expected)
    })

    it('refuses a family longer than 200 characters, naming the input and the value', () => {
      const value = 'f'.repeat(201)
      const message = errorOf({ family: value })
      expect(message).toMatch(/^family: /)
      expect(message).toContain(`"${value}"`)
    })
  })

  describe('keep-latest', () => {
    it.each<[string, number | undefined]>([
      ['', undefined],
      ['1', 1],
      ['5', 5],
      [' 10 ', 10]
    ])('%j → %j', (value, expected) => {
      expect(options({ 'keep-latest': value }).keepLatest).toBe(expected)
    })

    it.each(['0', '-1', '1.5', 'two', '1e2', '3 4'])('refuses %j, naming the input and the value', (value) => {
      const message = errorOf({ 'keep-latest': value })
      expect(message).toMatch(/^keep-latest: /)
      expect(message).toContain(`"${value}"`)
    })
  })

  describe('cleanup-dry-run', () => {
    it.each<[string, boolean]>([
      ['', false],
      ['true', true],
      ['false', false],
      ['True', true],
      [' FALSE ', false]
    ])('%j → %s', (value, expected) => {
      expect(options({ 'cleanup-dry-run': value }).cleanupDryRun).toBe(expected)
    })

    it.each(['yes', '1', 'on'])('refuses %j, naming the input and the value', (value) => {
      const message = errorOf({ 'cleanup-dry-run': value })
      expect(message).toMatch(/^cleanup-dry-run: /)
      expect(message).toContain(`"${value}"`)
    })
  })

  it('reads every input at once', () => {
    expect(
      options({
        'ami-tags': 'Name=web',
        'share-accounts': '123456789012',
        'share-organizations': ORG,
        'share-ous': OU,
        'deprecate-after': '12h',
        'ssm-parameter': '/images/web/latest',
        family: 'web',
        'keep-latest': '3',
        'cleanup-dry-run': 'true',
        'launch-templates': 'web-fleet\nlt-0123456789abcdef0, web-fleet',
        'launch-template-default': 'true',
        'deregistration-protection': 'true'
      })
    ).toStrictEqual({
      tags: { Name: 'web' },
      shareAccounts: ['123456789012'],
      shareOrganizations: [ORG],
      shareOus: [OU],
      deprecateAfterMs: 12 * 60 * 60 * 1000,
      ssmParameter: '/images/web/latest',
      family: 'web',
      keepLatest: 3,
      cleanupDryRun: true,
      launchTemplates: ['web-fleet', 'lt-0123456789abcdef0'],
      launchTemplateDefault: true,
      deregistrationProtection: true
    })
  })
})

describe('launch-templates', () => {
  it.each(['lt-12345678', 'lt-0123456789abcdef0', 'web', 'team/web-fleet_(blue).v2'])('takes %s', (value) => {
    expect(options({ 'launch-templates': value }).launchTemplates).toStrictEqual([value])
  })

  it.each(['lt-12', 'lt-0123456789ABCDEF0', 'ab', 'web fleet', 'x'.repeat(129)])('refuses %s, naming the input', (value) => {
    expect(() => options({ 'launch-templates': value })).toThrow(/^launch-templates: /)
  })
})
