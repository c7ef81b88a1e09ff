import { checkTags, FAMILY_TAG, provenanceTags, TAG_PREFIX, type Provenance, type Tags } from '../../src/aws/tags.js'

function errorOf(tags: Tags): string {
  try {
    checkTags('ami-tags', tags)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('checkTags accepted the tags')
}

/** n distinct tags. */
const many = (n: number): Tags => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag-${i}`, `value-${i}`]))

describe('checkTags', () => {
  it.each<[string, Tags]>([
    ['none', {}],
    ['ordinary tags', { Name: 'web', team: 'infra', 'cost-center': '0042' }],
    ['an empty value', { Empty: '' }],
    ['"aws" not followed by a colon', { awsome: 'x', 'aws-account': 'x', AWS_REGION: 'x' }],
    ['"aws:" not at the start', { 'my-aws:key': 'x' }],
    ['the action\'s name without its colon', { 'packer-ami-action': 'x', 'packer-ami-action-family': 'x' }],
    ['colons, slashes and spaces', { 'kubernetes.io/cluster/prod': 'owned', 'team:owner': 'a b', 'Cost Center': '1' }],
    ['a key of 1 character', { k: 'v' }],
    ['a key of 128 characters', { ['k'.repeat(128)]: 'v' }],
    ['a value of 256 characters', { k: 'v'.repeat(256) }],
    ['36 tags: 50 with the action\'s 14 (provenance, lineage and the test verdict)', many(36)]
  ])('accepts %s', (_name, tags) => {
    expect(() => checkTags('ami-tags', tags)).not.toThrow()
  })

  it.each<[string, Tags, RegExp]>([
    ['aws: prefix', { 'aws:cloudformation:stack-name': 'x' }, /"aws:cloudformation:stack-name"/],
    ['AWS: prefix', { 'AWS:Name': 'x' }, /"AWS:Name"/],
    ['Aws: prefix', { 'Aws:name': 'x' }, /"Aws:name"/],
    ['aWs: prefix', { 'aWs:x': 'x' }, /"aWs:x"/],
    ["the action's own family tag", { [FAMILY_TAG]: 'mine' }, /"packer-ami-action:family"/],
    ["any key with the action's prefix", { 'packer-ami-action:anything': 'x' }, /"packer-ami-action:anything"/],
    ['an empty key', { '': 'x' }, /""/],
    ['a key of 129 characters', { ['k'.repeat(129)]: 'v' }, /"k{129}"/],
    ['a value of 257 characters', { Name: 'v'.repeat(257) }, /"Name"/],
    ['37 tags', many(37), /37/],
    ['one bad tag among good ones', { Name: 'web', 'aws:x': 'y', team: 'infra' }, /"aws:x"/]
  ])('refuses %s, naming the input and the key', (_name, tags, names) => {
    const message = errorOf(tags)
    expect(message).toMatch(/^ami-tags: /)
    expect(message).toMatch(names)
  })

  it('names the input it is given', () => {
    expect(() => checkTags('some-input', { 'aws:x': 'y' })).toThrow(/^some-input: /)
  })
})

describe('provenanceTags', () => {
  const p: Provenance = {
    repository: 'acme/images',
    commit: '0123456789abcdef0123456789abcdef01234567',
    runUrl: 'https://github.com/acme/images/actions/runs/42',
    ref: 'refs/heads/main',
    template: 'packer/web.pkr.hcl',
    fingerprint: 'f'.repeat(64)
  }
  const origin = { build: 'amazon-ebs.web', builder: 'amazon-ebs', regions: ['us-east-1', 'us-west-2'] }

  it('says where the AMI came from, every key under the action\'s prefix', () => {
    expect(provenanceTags(p, 'acme/images/amazon-ebs.web', origin)).toStrictEqual({
      'packer-ami-action:family': 'acme/images/amazon-ebs.web',
      'packer-ami-action:fingerprint': p.fingerprint,
      'packer-ami-action:build': 'amazon-ebs.web',
      'packer-ami-action:builder': 'amazon-ebs',
      'packer-ami-action:regions': 'us-east-1 us-west-2',
      'packer-ami-action:repository': 'acme/images',
      'packer-ami-action:commit': p.commit,
      'packer-ami-action:run-url': p.runUrl,
      'packer-ami-action:ref': 'refs/heads/main',
      'packer-ami-action:template': 'packer/web.pkr.hcl'
    })
  })

  it('adds 10 tags, so 40 user tags fill the 50 EC2 allows, and no user tag can collide', () => {
    const tags = provenanceTags(p, 'f', origin)
    expect(Object.keys(tags)).toHaveLength(10)
    for (const key of Object.keys(tags)) {
      expect(key.startsWith(TAG_PREFIX)).toBe(true)
      expect(key.length).toBeLessThanOrEqual(128)
    }
    expect(Object.keys({ ...many(40), ...tags })).toHaveLength(50)
  })

  it.each<[string, Partial<Provenance>, string, string]>([
    ['ref', { ref: `refs/heads/${'b'.repeat(300)}` }, 'packer-ami-action:ref', `refs/heads/${'b'.repeat(300)}`],
    ['template', { template: `${'d/'.repeat(200)}web.pkr.hcl` }, 'packer-ami-action:template', `${'d/'.repeat(200)}web.pkr.hcl`],
    ['run URL', { runUrl: `https://ghe.example/${'x'.repeat(400)}` }, 'packer-ami-action:run-url', `https://ghe.example/${'x'.repeat(400)}`]
  ])('a long %s is cut to its first 256 characters, not refused', (_name, overrides, key, full) => {
    const tags = provenanceTags({ ...p, ...overrides }, 'f', origin)
    expect(tags[key]).toBe(full.slice(0, 256))
    expect(tags[key]).toHaveLength(256)
  })

  it('a long family, build and region list are cut too', () => {
    const regions = Array.from({ length: 30 }, (_, i) => `ap-southeast-${i + 1}`)
    const tags = provenanceTags(p, 'f'.repeat(300), { build: 'b'.repeat(300), builder: 'amazon-ebs', regions })
    expect(tags['packer-ami-action:family']).toBe('f'.repeat(256))
    expect(tags['packer-ami-action:build']).toBe('b'.repeat(256))
    expect(tags['packer-ami-action:regions']).toBe(regions.join(' ').slice(0, 256))
    for (const value of Object.values(tags)) expect(value.length).toBeLessThanOrEqual(256)
  })

  it('a value of exactly 256 characters is kept whole', () => {
    expect(provenanceTags({ ...p, ref: 'r'.repeat(256) }, 'f', origin)['packer-ami-action:ref']).toBe('r'.repeat(256))
  })
})
