import type { Image, Instance } from '@aws-sdk/client-ec2'
import { planRetention, type Candidate } from '../../src/aws/retention.js'
import { planSweep, type Inventory } from '../../src/aws/sweep.js'
import { renderTestStage } from '../../src/report/test-stage.js'
import { testInstanceProof, testInstanceTags } from '../../src/test-stage/instance-tags.js'
import { instanceTypeFor, platformOf, volumesDeletedOnTermination } from '../../src/test-stage/launch.js'
import { documentFor } from '../../src/test-stage/commands.js'
import { checkTestRegions, readTestOptions } from '../../src/test-stage/options.js'
import { planTests, verdicts } from '../../src/test-stage/plan.js'
import type { TestResult } from '../../src/test-stage/results.js'

const get = (inputs: Record<string, string>) => (name: string): string => inputs[name] ?? ''
const errorOf = (inputs: Record<string, string>, region: string | undefined): string => {
  try {
    readTestOptions(get(inputs), region)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('no error')
}

describe('test inputs', () => {
  it('leave the stage off when none is set', () => {
    expect(readTestOptions(get({}), 'us-east-1')).toBeUndefined()
  })

  it('turn it on with every default when one is set', () => {
    expect(readTestOptions(get({ 'test-timeout': '10m' }), 'us-east-1')).toEqual({
      regions: ['us-east-1'],
      instanceType: undefined,
      subnet: undefined,
      securityGroups: [],
      instanceProfile: undefined,
      timeoutMs: 600_000,
      commands: undefined
    })
    expect(readTestOptions(get({ 'test-regions': 'eu-west-1' }), 'us-east-1')?.timeoutMs).toBe(15 * 60_000)
  })

  it('read every input', () => {
    const o = readTestOptions(
      get({
        'test-regions': 'us-west-2',
        'test-instance-type': 'm7i-flex.large',
        'test-subnet': 'subnet-0123456789abcdef0',
        'test-security-groups': 'sg-0123456789abcdef0, sg-12345678',
        'test-instance-profile': 'arn:aws:iam::123456789012:instance-profile/ci/ami-test',
        'test-timeout': '90s',
        'test-commands': 'systemctl is-active nginx\n'
      }),
      'us-east-1'
    )
    expect(o).toEqual({
      regions: ['us-west-2'],
      instanceType: 'm7i-flex.large',
      subnet: 'subnet-0123456789abcdef0',
      securityGroups: ['sg-0123456789abcdef0', 'sg-12345678'],
      instanceProfile: 'arn:aws:iam::123456789012:instance-profile/ci/ami-test',
      timeoutMs: 90_000,
      commands: 'systemctl is-active nginx\n'
    })
  })

  it.each<[string, Record<string, string>, RegExp, string]>([
    ['test-commands', { 'test-commands': 'true' }, /^test-commands: needs test-instance-profile/, 'us-east-1'],
    ['test-timeout', { 'test-timeout': '15' }, /^test-timeout: "15" is not a duration/, 'us-east-1'],
    ['test-timeout', { 'test-timeout': '0m' }, /^test-timeout: "0m"/, 'us-east-1'],
    ['test-timeout', { 'test-timeout': '49h' }, /^test-timeout: "49h"/, 'us-east-1'],
    ['test-regions', { 'test-regions': 'us-east-1, mars-1' }, /^test-regions: "mars-1" is not an AWS region/, 'us-east-1'],
    ['test-regions', { 'test-timeout': '5m' }, /^test-regions: the test stage needs regions/, 'none'],
    ['test-instance-type', { 'test-instance-type': 'micro' }, /^test-instance-type: "micro"/, 'us-east-1'],
    ['test-subnet', { 'test-subnet': 'subnet-xyz' }, /^test-subnet: "subnet-xyz" is not a subnet id/, 'us-east-1'],
    ['test-subnet', { 'test-subnet': 'subnet-12345678', 'test-regions': 'us-east-1,us-west-2' }, /^test-subnet: ids belong to one region/, 'us-east-1'],
    ['test-security-groups', { 'test-security-groups': 'default' }, /^test-security-groups: "default"/, 'us-east-1'],
    ['test-security-groups', { 'test-security-groups': 'sg-12345678', 'test-regions': 'us-east-1\nus-west-2' }, /^test-security-groups: ids belong to one region/, 'us-east-1'],
    ['test-instance-profile', { 'test-instance-profile': 'a profile' }, /^test-instance-profile: "a profile"/, 'us-east-1']
  ])('refuse a bad %s, naming it', (_input, inputs, message, region) => {
    expect(errorOf(inputs, region === 'none' ? undefined : region)).toMatch(message)
  })

  it('refuse test-regions outside the build\'s regions, and say nothing when the regions are unknown', () => {
    const o = readTestOptions(get({ 'test-regions': 'us-east-1, eu-west-1' }), 'us-east-1')
    expect(() => checkTestRegions(o, ['us-east-1', 'us-west-2'])).toThrow(/^test-regions: eu-west-1 is not among the build's regions \(us-east-1, us-west-2\)/)
    expect(() => checkTestRegions(o, ['us-east-1', 'eu-west-1'])).not.toThrow()
    expect(() => checkTestRegions(o, [])).not.toThrow()
  })
})

describe('what the stage tests', () => {
  const copies = [
    { build: 'a', region: 'us-east-1', ami: 'ami-a1' },
    { build: 'a', region: 'us-west-2', ami: 'ami-a2' },
    { build: 'b', region: 'eu-west-1', ami: 'ami-b1' }
  ]

  it('each build in each test region where it has a copy, else where it was built', () => {
    expect(planTests(copies, ['us-west-2'])).toEqual({ tested: [copies[1], copies[2]], outside: [{ build: 'b', region: 'eu-west-1' }] })
    expect(planTests(copies, ['us-east-1', 'us-west-2', 'eu-west-1'])).toEqual({ tested: copies, outside: [] })
  })

  it('a build fails when any tested copy fails', () => {
    const v = verdicts([
      { build: 'a', passed: true },
      { build: 'a', passed: false },
      { build: 'b', passed: true },
      { build: 'c', passed: false },
      { build: 'c', passed: true }
    ])
    expect(Object.fromEntries(v)).toEqual({ a: 'failed', b: 'passed', c: 'failed' })
  })

  it.each<[string, Image, string | undefined, string | undefined]>([
    ['x86_64', { Architecture: 'x86_64' }, undefined, 't3.micro'],
    ['arm64', { Architecture: 'arm64' }, undefined, 't4g.micro'],
    ['i386', { Architecture: 'i386' }, undefined, 't2.micro'],
    ['a Mac AMI', { Architecture: 'arm64_mac' }, undefined, undefined],
    ['a given type', { Architecture: 'arm64' }, 'c7g.large', 'c7g.large']
  ])('launches %s on its type', (_name, image, given, type) => {
    expect(instanceTypeFor(image, given)).toBe(type)
  })

  it('runs PowerShell on a Windows AMI and sh elsewhere', () => {
    expect(documentFor(platformOf({ Platform: 'windows' as 'Windows' }))).toBe('AWS-RunPowerShellScript')
    expect(documentFor(platformOf({ PlatformDetails: 'Linux/UNIX' }))).toBe('AWS-RunShellScript')
  })

  it('deletes every EBS volume of the AMI on termination', () => {
    const image: Image = {
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1', DeleteOnTermination: false } },
        { DeviceName: '/dev/xvdb', Ebs: { SnapshotId: 'snap-2', DeleteOnTermination: true } },
        { DeviceName: '/dev/sdc', VirtualName: 'ephemeral0' }
      ]
    }
    expect(volumesDeletedOnTermination(image)).toEqual([
      { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1', DeleteOnTermination: true } },
      { DeviceName: '/dev/xvdb', Ebs: { SnapshotId: 'snap-2', DeleteOnTermination: true } }
    ])
  })
})

const NOW = Date.parse('2026-06-01T12:00:00Z')
const HOUR = 3_600_000
const tags = testInstanceTags({ ami: 'ami-1', run: 'token-1', deadline: new Date(NOW - 5 * HOUR), runUrl: 'https://github.com/acme/images/actions/runs/1', build: 'amazon-ebs.app' })
const asTags = (t: Record<string, string>): Array<{ Key: string; Value: string }> => Object.entries(t).map(([Key, Value]) => ({ Key, Value }))
const testInstance = (id: string, over: Partial<Instance> = {}, t: Record<string, string> = tags): Instance => ({
  InstanceId: id,
  ImageId: 'ami-1',
  LaunchTime: new Date(NOW - 7 * HOUR),
  State: { Name: 'running' },
  Tags: asTags(t),
  ...over
})

describe('a test instance is proven by its tags and its AMI', () => {
  it('is ours with the token, the AMI it was launched from and a deadline', () => {
    expect(testInstanceProof(testInstance('i-1'))).toEqual({ ami: 'ami-1', run: 'token-1', deadline: NOW - 5 * HOUR })
    expect(testInstanceProof(testInstance('i-1'), 'token-1')?.ami).toBe('ami-1')
  })

  it.each<[string, Instance, string | undefined]>([
    ['another job\'s token', testInstance('i-1'), 'token-2'],
    ['a Name alone', testInstance('i-1', {}, { Name: tags.Name }), undefined],
    ['an instance launched from another AMI', testInstance('i-1', { ImageId: 'ami-2' }), undefined],
    ['no token', testInstance('i-1', {}, { ...tags, 'packer-ami-action:test-run': '' }), undefined],
    ['no deadline', testInstance('i-1', {}, { ...tags, 'packer-ami-action:test-deadline': 'soon' }), undefined]
  ])('is not ours with %s', (_name, i, run) => {
    expect(testInstanceProof(i, run)).toBeUndefined()
  })

  const inventory = (instances: Instance[]): Inventory => ({ instances, keyPairs: [], securityGroups: [], networkInterfaces: [], images: [], imageSnapshots: {} })

  it('the sweep removes a lost runner\'s test instance past its deadline and the cutoff; a look-alike stays', () => {
    const lookAlike = testInstance('i-2', {}, { Name: tags.Name, 'packer-ami-action:family': 'acme/images/app', 'packer-ami-action:test-of': 'ami-1' })
    const plan = planSweep(inventory([testInstance('i-1'), lookAlike]), { cutoff: NOW - 6 * HOUR, now: NOW })
    expect(plan.instances.map((p) => p.id)).toEqual(['i-1'])
    expect(plan.instances[0].reason).toMatch(/^test instance of ami-1 .*its test-timeout over since 2026-06-01T07:00:00Z/)
    expect(plan.spared).toEqual([{ kind: 'instance', id: 'i-2', reason: "only one of Packer's marks (the action's tag packer-ami-action:family)" }])
  })

  it('the sweep spares a test instance whose test may still run, or that is younger than the cutoff', () => {
    const running = testInstance('i-3', {}, { ...tags, 'packer-ami-action:test-deadline': new Date(NOW + HOUR).toISOString() })
    const young = testInstance('i-4', { LaunchTime: new Date(NOW - HOUR) })
    const plan = planSweep(inventory([running, young]), { cutoff: NOW - 6 * HOUR, now: NOW })
    expect(plan.instances).toEqual([])
    expect(plan.spared.map((s) => [s.id, s.reason])).toEqual([
      ['i-3', 'test instance of ami-1 whose test may run until 2026-06-01T13:00:00Z'],
      ['i-4', 'test instance launched 2026-06-01T11:00:00Z, after the cutoff']
    ])
  })
})

describe('retention and the test verdict', () => {
  const c = (ami: string, hoursAgo: number, test?: string): Candidate => ({ ami, created: new Date(NOW - hoursAgo * HOUR).toISOString(), snapshots: [], ...(test === undefined ? {} : { test }) })

  it('never counts an AMI that did not pass as one of the newest', () => {
    const plan = planRetention([c('ami-new-failed', 1, 'failed'), c('ami-pending', 2, 'pending'), c('ami-good', 3, 'passed'), c('ami-old', 4)], 1, new Set(), new Map(), NOW)
    expect(plan.kept.map((k) => k.ami)).toEqual(['ami-good'])
    expect(plan.remove.map((k) => k.ami)).toEqual(['ami-new-failed', 'ami-old'])
    expect(plan.spared.map((s) => [s.ami, s.reason])).toEqual([['ami-pending', 'its test has not finished']])
  })

  it('keeps this run\'s failed AMI without giving it a place', () => {
    const plan = planRetention([c('ami-this', 0, 'failed'), c('ami-good', 3, 'passed'), c('ami-old', 4, 'passed')], 1, new Set(['ami-this']), new Map(), NOW)
    expect(plan.kept.map((k) => k.ami)).toEqual(['ami-this', 'ami-good'])
    expect(plan.remove.map((k) => k.ami)).toEqual(['ami-old'])
  })
})

describe('the test stage in the summary', () => {
  const passed: TestResult = {
    build: 'b',
    region: 'us-east-1',
    ami: 'ami-1',
    instance: 'i-1',
    passed: true,
    bootSeconds: 42,
    checks: [
      { name: 'system status', passed: true, detail: 'ok' },
      { name: 'instance status', passed: true, detail: 'ok' }
    ],
    terminated: true
  }
  const failed: TestResult = {
    ...passed,
    ami: 'ami-2',
    instance: 'i-2',
    passed: false,
    checks: [...passed.checks, { name: 'SSM agent', passed: true, detail: 'online' }, { name: 'test-commands', passed: false, detail: 'Failed, exit code 3' }],
    exitCode: 3,
    outputTail: { stdout: 'x'.repeat(10), stderr: 'nginx: `missing` |' },
    outputTruncated: true,
    failure: 'test-commands: Failed, exit code 3'
  }

  it('shows each AMI with its boot time and checks, and a failure\'s output collapsed', () => {
    const md = renderTestStage([passed, failed]).join('\n')
    expect(md).toContain('### Test stage: ❌ 1 of 2 failed')
    expect(md).toContain('| ami-1 | us-east-1 | i-1 | in 42 s | ✅ ok | ✅ ok | — | — |')
    expect(md).toContain('| ami-2 | us-east-1 | i-2 | in 42 s | ✅ ok | ✅ ok | ✅ online | ❌ Failed, exit code 3 |')
    expect(md).toMatch(/<details><summary>Output of test-commands on i-2<\/summary>\n\nexit code 3\n\nstderr:\n```\nnginx: `missing` \|\n```/)
    expect(md).toContain('Run Command returned only the first 24,000 characters of stdout and 8,000 of stderr')
    expect(md).not.toContain('Output of test-commands on i-1')
  })

  it('says when every AMI passed, and names an instance not confirmed gone and an inventory that failed', () => {
    const md = renderTestStage([{ ...passed, terminated: false, inventoryError: 'the inventory script exited 127' }]).join('\n')
    expect(md).toContain('⚠️ ami-1 (us-east-1) passed, but its packages could not be listed: the inventory script exited 127')
    expect(md).toContain('### Test stage: ✅ every AMI passed')
    expect(md).toContain('⚠️ Not confirmed terminated: i-1 (us-east-1)')
  })
})
