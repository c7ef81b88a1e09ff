import { emptyResources, hasResources, noteResources, type BuilderResources } from '../../src/packer/resources.js'

// Packer 1.6.6 amazon-ebs ui lines, as the machine-readable stream carries them.
const KEYPAIR = '==> amazon-ebs.web: Creating temporary keypair: packer_6b064b9f-3c51-6026-8426-b2b2eba19221'
const GROUP = '==> amazon-ebs.web: Creating temporary security group for this instance: packer_6b064ba1-bea6-30c8-7877-930954ee598a'
const INSTANCE = '    amazon-ebs.web: Instance ID: i-52e22d0c235aeaf82'
const AMI = '    amazon-ebs.web: AMI: ami-e3ac96c80ffc6c446'
const TAGGING = '==> amazon-ebs.web: Adding tags to AMI (ami-e2b202627ac6b2b98)...'
const COPY = '    amazon-ebs.web: Copying to: us-west-2'

function noted(...lines: string[]): BuilderResources {
  const r = emptyResources()
  for (const line of lines) noteResources(r, line)
  return r
}

describe('noteResources', () => {
  it.each<[string, string, Partial<BuilderResources>]>([
    ['temporary key pair', KEYPAIR, { keyPairs: ['packer_6b064b9f-3c51-6026-8426-b2b2eba19221'] }],
    ['temporary security group (a name)', GROUP, { securityGroups: ['packer_6b064ba1-bea6-30c8-7877-930954ee598a'] }],
    ['source instance', INSTANCE, { instances: ['i-52e22d0c235aeaf82'] }],
    ['AMI being created', AMI, { images: ['ami-e3ac96c80ffc6c446'] }],
    ['AMI being tagged', TAGGING, { images: ['ami-e2b202627ac6b2b98'] }],
    ['region of a copy', COPY, { regions: ['us-west-2'] }],
    ['GovCloud region of a copy', '    amazon-ebs.web: Copying to: us-gov-west-1', { regions: ['us-gov-west-1'] }],
    ['named build block', '    alpha.amazon-ebs.a1: Instance ID: i-0abc1234', { instances: ['i-0abc1234'] }]
  ])('%s: true, and recorded', (_name, line, expected) => {
    const r = emptyResources()
    expect(noteResources(r, line)).toBe(true)
    expect(r).toStrictEqual({ ...emptyResources(), ...expected })
  })

  it.each([
    ['the source AMI', '    amazon-ebs.web: Found Image ID: ami-03cf127a'],
    ['the AMI name, from an instance already known', '==> amazon-ebs.web: Creating AMI example-web-1795574687 from instance i-52e22d0c235aeaf82'],
    ['the AMI name being prevalidated', '==> amazon-ebs.web: Prevalidating AMI Name: example-web-1795574687'],
    ['waiting for the instance', '==> amazon-ebs.web: Waiting for instance (i-52e22d0c235aeaf82) to become ready...'],
    ['the copy starting', '==> amazon-ebs.web: Copying AMI (ami-e3ac96c80ffc6c446) to other regions...'],
    ['a tag whose value is an AMI id', '    amazon-ebs.web: Adding tag: "AMI": "ami-03cf127a"'],
    ['a key pair being deleted', '==> amazon-ebs.web: Deleting temporary keypair...'],
    ['a security group being deleted', '==> amazon-ebs.web: Deleting temporary security group...'],
    ['the instance being launched', '==> amazon-ebs.web: Launching a source AWS instance...'],
    ['an empty line', '']
  ])('%s: false, nothing recorded', (_name, line) => {
    const r = emptyResources()
    expect(noteResources(r, line)).toBe(false)
    expect(r).toStrictEqual(emptyResources())
  })

  it.each([KEYPAIR, GROUP, INSTANCE, AMI, TAGGING, COPY])('seen again: false, not recorded twice: %s', (line) => {
    const r = emptyResources()
    noteResources(r, line)
    const once = structuredClone(r)
    expect(noteResources(r, line)).toBe(false)
    expect(r).toStrictEqual(once)
  })

  it('the same AMI reported as created and as tagged is one AMI', () => {
    const r = emptyResources()
    expect(noteResources(r, AMI)).toBe(true)
    expect(noteResources(r, '==> amazon-ebs.web: Adding tags to AMI (ami-e3ac96c80ffc6c446)...')).toBe(false)
    expect(r.images).toStrictEqual(['ami-e3ac96c80ffc6c446'])
  })

  it('a whole build, in order, with repeats', () => {
    const r = noted(
      '==> amazon-ebs.web: Prevalidating AMI Name: example-web-1795574687',
      '    amazon-ebs.web: Found Image ID: ami-03cf127a',
      KEYPAIR,
      GROUP,
      INSTANCE,
      '==> amazon-ebs.web: Creating AMI example-web-1795574687 from instance i-52e22d0c235aeaf82',
      AMI,
      COPY,
      '    amazon-ebs.web: Copying to: eu-central-1',
      COPY,
      TAGGING,
      AMI
    )
    expect(r).toStrictEqual({
      instances: ['i-52e22d0c235aeaf82'],
      keyPairs: ['packer_6b064b9f-3c51-6026-8426-b2b2eba19221'],
      securityGroups: ['packer_6b064ba1-bea6-30c8-7877-930954ee598a'],
      images: ['ami-e3ac96c80ffc6c446', 'ami-e2b202627ac6b2b98'],
      regions: ['us-west-2', 'eu-central-1']
    })
  })

  it('keeps what was there before (regions given up front)', () => {
    const r: BuilderResources = { ...emptyResources(), regions: ['us-east-1'] }
    expect(noteResources(r, COPY)).toBe(true)
    expect(noteResources(r, '    amazon-ebs.web: Copying to: us-east-1')).toBe(false)
    expect(r.regions).toStrictEqual(['us-east-1', 'us-west-2'])
  })
})

describe('hasResources', () => {
  it.each<[string, string[], boolean]>([
    ['nothing', [], false],
    ['only a region: nothing to remove', [COPY], false],
    ['only the source AMI', ['    amazon-ebs.web: Found Image ID: ami-03cf127a'], false],
    ['a key pair', [KEYPAIR], true],
    ['a security group', [GROUP], true],
    ['an instance', [INSTANCE], true],
    ['an AMI', [AMI], true]
  ])('%s → %s', (_name, lines, expected) => {
    expect(hasResources(noted(...lines))).toBe(expected)
  })
})
