import { emptyLedger, hasResources, ledgerOf, noteUiLine, unfinished, type BuildLedger } from '../../src/packer/ledger.js'

// Lines as parseLine hands them over: the ui text, and the build its prefix names.
// Packer 1.6.6 (captured) and packer-plugin-amazon v1.8.2 messages (common/, builder/ebs/).
const B = 'amazon-ebs.web'
const lines: Array<[string, keyof BuildLedger, string]> = [
  ['==> amazon-ebs.web: Prevalidating AMI Name: web-1795574687', 'amiNames', 'web-1795574687'],
  ['==> amazon-ebs.web: Creating AMI web-1795574687 from instance i-52e22d0c235aeaf82', 'amiNames', 'web-1795574687'],
  ['    amazon-ebs.web: AMI: ami-e3ac96c80ffc6c446', 'images', 'ami-e3ac96c80ffc6c446'],
  ['==> amazon-ebs.web: Adding tags to AMI (ami-e2b202627ac6b2b98)...', 'images', 'ami-e2b202627ac6b2b98'],
  ['    amazon-ebs.web: Instance ID: i-52e22d0c235aeaf82', 'instances', 'i-52e22d0c235aeaf82'],
  ['==> amazon-ebs.web: Creating temporary keypair: packer_6b064b9f-3c51-6026-8426-b2b2eba19221', 'keyPairs', 'packer_6b064b9f-3c51-6026-8426-b2b2eba19221'],
  ['==> amazon-ebs.web: Creating temporary keypair: team-debug-key', 'keyPairs', 'team-debug-key'],
  [
    '==> amazon-ebs.web: Creating temporary security group for this instance: packer_6b064ba1-bea6-30c8-7877-930954ee598a',
    'securityGroups',
    'packer_6b064ba1-bea6-30c8-7877-930954ee598a'
  ],
  ['==> amazon-ebs.web: Created Spot Fleet launch template: lt-0a1b2c3d4e5f67890', 'launchTemplates', 'lt-0a1b2c3d4e5f67890'],
  ['==> amazon-ebs.web: Creating temporary instance profile for this instance: packer-6650e2c0-1a2b-3c4d-5e6f-7a8b9c0d1e2f', 'iam', 'packer-6650e2c0-1a2b-3c4d-5e6f-7a8b9c0d1e2f'],
  ['==> amazon-ebs.web: Creating temporary role for this instance: packer-6650e2c0-1a2b-3c4d-5e6f-7a8b9c0d1e2f', 'iam', 'packer-6650e2c0-1a2b-3c4d-5e6f-7a8b9c0d1e2f'],
  ['    amazon-ebs.web: Copying to: us-west-2', 'copyRegions', 'us-west-2'],
  ['==> amazon-ebs.web: Copying to: us-gov-west-1', 'copyRegions', 'us-gov-west-1']
]

describe('noteUiLine', () => {
  it.each(lines)('%s → %s', (text, key, value) => {
    const ledger = emptyLedger()
    expect(noteUiLine(ledger, text, B)).toBe(true)
    expect(ledger.builds[B][key]).toStrictEqual([value])
    expect(noteUiLine(ledger, text, B)).toBe(false)
  })

  it.each([
    ['a provisioner naming the golden base image', '==> amazon-ebs.web: Source AMI: ami-0abc1234567890def'],
    ['a provisioner echoing a tag', '    amazon-ebs.web: Adding tag: "AMI": "ami-03cf127a"'],
    ['the source AMI found', '==> amazon-ebs.web: Found Image ID: ami-03cf127a'],
    ['waiting for the instance', '==> amazon-ebs.web: Waiting for instance (i-52e22d0c235aeaf82) to become ready...'],
    ['the copy starting', '==> amazon-ebs.web: Copying/Encrypting AMI (ami-e3ac96c80ffc6c446) to other regions...'],
    ['a key pair being deleted', '==> amazon-ebs.web: Deleting temporary keypair...'],
    ['a line of no build', 'Build \'x\' is done']
  ])('%s: nothing recorded', (_name, text) => {
    const ledger = emptyLedger()
    noteUiLine(ledger, text, text.includes('amazon-ebs.web') ? B : undefined)
    expect(Object.values(ledger.builds).filter(hasResources)).toEqual([])
  })

  it('keeps builds apart and follows how each ended', () => {
    const ledger = emptyLedger()
    noteUiLine(ledger, '    alpha.amazon-ebs.a1: Instance ID: i-0abc1234', 'alpha.amazon-ebs.a1')
    noteUiLine(ledger, '    amazon-ebs.web: Instance ID: i-0def5678', B)
    noteUiLine(ledger, "Build 'amazon-ebs.web' finished after 1 minute 2 seconds.", B)
    noteUiLine(ledger, "Build 'alpha.amazon-ebs.a1' errored after 3 seconds: Script exited with non-zero exit status: 1", 'alpha.amazon-ebs.a1')
    expect(ledger.builds[B].state).toBe('finished')
    expect(unfinished(ledger).map(([name, b]) => [name, b.state, b.instances])).toEqual([['alpha.amazon-ebs.a1', 'errored', ['i-0abc1234']]])
  })
})

describe('ledgerOf (the post step reads Packer\'s whole output back)', () => {
  it('products are the artifacts, by build and id, and their AMIs', () => {
    const out = [
      '1700000000,,ui,say,==> amazon-ebs.web: Prevalidating AMI Name: web-1',
      '1700000001,,ui,message,    amazon-ebs.web: AMI: ami-0123456789abcdef0',
      "1700000002,,ui,say,Build 'amazon-ebs.web' finished after 2 seconds.",
      '1700000003,amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs',
      '1700000003,amazon-ebs.web,artifact,0,id,us-east-1:ami-0123456789abcdef0%!(PACKER_COMMA)us-west-2:ami-0fedcba987654321f',
      '1700000003,amazon-ebs.web,artifact,1,id,us-east-1:ami-0123456789abcdef0%!(PACKER_COMMA)us-west-2:ami-0fedcba987654321f'
    ].join('\n')
    const ledger = ledgerOf(out)
    expect(ledger.products).toEqual(['amazon-ebs.web\u0000us-east-1:ami-0123456789abcdef0,us-west-2:ami-0fedcba987654321f'])
    expect(ledger.productAmis).toEqual(['ami-0123456789abcdef0', 'ami-0fedcba987654321f'])
    expect(unfinished(ledger)).toEqual([])
  })
})

describe('unconfirmed calls', () => {
  it.each<[string, string[], boolean]>([
    ['CreateImage announced, no id yet', ['Creating AMI web-1 from instance i-0abc1234'], true],
    ['CreateImage confirmed by its id', ['Creating AMI web-1 from instance i-0abc1234', 'AMI: ami-0abc1234'], false],
    ['a copy announced', ['AMI: ami-0abc1234', 'Copying to: us-west-2'], true],
    ['the copies started', ['AMI: ami-0abc1234', 'Copying to: us-west-2', 'Waiting for all copies to complete...'], false]
  ])('%s → %s', (_name, messages, expected) => {
    const ledger = emptyLedger()
    for (const m of messages) noteUiLine(ledger, `==> amazon-ebs.web: ${m}`, B)
    expect(ledger.builds[B].unconfirmed).toBe(expected)
  })
})

describe('a cancelled run (Packer says finished of builds it cancelled)', () => {
  // Captured from Packer 1.6.6 cancelled during the copy to another region.
  const run = (tail: string[]): string =>
    [
      '1795599863,,ui,say,==> amazon-ebs.away: Prevalidating AMI Name: away-1795599863-eb47f7b5',
      '1795599865,,ui,message,    amazon-ebs.away: AMI: ami-667aff9d7c0ff0284',
      '1795599866,,ui,say,==> amazon-ebs.away: Copying/Encrypting AMI (ami-667aff9d7c0ff0284) to other regions...',
      ...tail
    ].join('\n')

  it('a build cancelled mid-way is unfinished, whatever Packer says of it', () => {
    const ledger = ledgerOf(
      run([
        '1795599866,,ui,error,Cancelling build after receiving interrupt',
        "1795599866,,ui,say,Build 'amazon-ebs.away' finished after 3 seconds 23 milliseconds.",
        '1795599866,,ui,say,Cleanly cancelled builds after being interrupted.'
      ])
    )
    expect(ledger.interrupted).toBe(true)
    expect(unfinished(ledger).map(([name]) => name)).toEqual(['amazon-ebs.away'])
  })

  it('a build that reported its artifact before the cancel is a product, finished', () => {
    const ledger = ledgerOf(
      run([
        "1795599866,,ui,say,Build 'amazon-ebs.away' finished after 3 seconds 23 milliseconds.",
        '1795599866,amazon-ebs.away,artifact,0,id,us-east-1:ami-667aff9d7c0ff0284',
        '1795599867,,ui,error,Cancelling build after receiving interrupt'
      ])
    )
    expect(unfinished(ledger)).toEqual([])
  })
})
