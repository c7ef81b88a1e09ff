/**
 * The test stage's limits: status checks that never pass within test-timeout fail the test and
 * the instance still goes; test-regions the build makes no AMI in are refused before anything
 * is built (test/support/stage-world.ts).
 */
import { DescribeImagesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2'
import { startStageWorld, tagOf, type StageWorld, type TestResultOutput } from '../support/stage-world.js'

let w: StageWorld

beforeAll(async () => {
  w = await startStageWorld()
})

afterAll(async () => {
  await w?.stop()
})

describe('status checks that never pass', () => {
  it('fail the test within test-timeout, and the instance is terminated', async () => {
    w.instances.options.statusChecks = 'never'
    const started = Date.now()
    const run = await w.build('never-ok', { 'test-timeout': '4s', 'ssm-parameter': '/images/stage/never' })
    expect(run.code).not.toBe(0)
    const [result] = JSON.parse(run.outputs['test-results']) as TestResultOutput[]
    expect(result).toMatchObject({ passed: false, terminated: true })
    expect(result.bootSeconds).toBeUndefined()
    expect(result.failure).toBe('both status checks ok: not within test-timeout (last seen: system initializing, instance initializing)')
    expect(result.checks).toEqual([
      { name: 'system status', passed: false, detail: 'initializing' },
      { name: 'instance status', passed: false, detail: 'initializing' }
    ])
    expect(run.summary).toContain(`| ${result.ami} | us-east-1 | ${result.instance} | ❌ no | ❌ initializing | ❌ initializing | — | — |`)
    expect(await w.launchedFrom(result.ami)).toEqual([{ id: result.instance, state: 'terminated' }])
    expect(tagOf(await w.image(result.ami), 'packer-ami-action:test')).toBe('failed')
    expect(await w.parameter('/images/stage/never')).toBeUndefined()
    // The stage gave up at its deadline, not at the proxy's or the runner's.
    expect(Date.now() - started).toBeLessThan(120_000)
  })

  it('an impaired instance check fails at once', async () => {
    w.instances.options.statusChecks = 'impaired'
    const run = await w.build('impaired', { 'test-timeout': '10m' })
    const [result] = JSON.parse(run.outputs['test-results']) as TestResultOutput[]
    expect(run.code).not.toBe(0)
    expect(result.failure).toBe('EC2 reports the instance status check impaired')
    expect(result.checks.map((c) => [c.name, c.passed])).toEqual([
      ['system status', true],
      ['instance status', false]
    ])
    expect(await w.launchedFrom(result.ami)).toEqual([{ id: result.instance, state: 'terminated' }])
  })
})

describe('test-regions the build makes no AMI in', () => {
  it('are refused before the build, naming the input, and nothing is created', async () => {
    const count = async (): Promise<[number, number]> => {
      const { Images = [] } = await w.ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))
      const { Reservations = [] } = await w.ec2.send(new DescribeInstancesCommand({}))
      return [Images.length, Reservations.flatMap((r) => r.Instances ?? []).length]
    }
    const before = await count()
    const run = await w.build('elsewhere', { 'test-regions': 'us-west-2' })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain("::error::test-regions: us-west-2 is not among the build's regions (us-east-1)")
    expect(await count()).toEqual(before)
  })
})
