/**
 * The test stage through the bundle, an AMI that passes: Packer 1.6.6 builds against moto, the
 * action's SDK goes through the loopback proxy, which behaves as the instance and its SSM Agent
 * would (test/support/instance-emulation.ts): status checks, agent registration, and the test
 * script really running.
 */
import { PROFILE, startStageWorld, tagOf, type StageWorld, type TestResultOutput } from '../support/stage-world.js'
import { succeeded, type RunResult } from '../support/runner.js'

let w: StageWorld

beforeAll(async () => {
  w = await startStageWorld()
})

afterAll(async () => {
  await w?.stop()
})

describe('an AMI that boots and passes test-commands', () => {
  let run: RunResult
  let result: TestResultOutput

  beforeAll(async () => {
    w.instances.options.statusChecks = 1500
    run = await w.build('passing', {
      'test-instance-profile': PROFILE,
      'test-commands': 'echo "hello from $(uname -s)"\ntest -d /proc && echo "/proc is there" >&2',
      'share-accounts': '111122223333',
      'ssm-parameter': '/images/stage/passing'
    })
    ;[result] = JSON.parse(run.outputs['test-results'] ?? '[]') as TestResultOutput[]
  })

  it('boots an instance from the new AMI, waits for both status checks, runs the script, and terminates the instance', async () => {
    succeeded(run)
    const ami = run.outputs['ami-id']
    expect(result).toMatchObject({ region: 'us-east-1', ami, passed: true, exitCode: 0, terminated: true })
    expect(result.checks.map((c) => [c.name, c.passed])).toEqual([
      ['system status', true],
      ['instance status', true],
      ['SSM agent', true],
      ['test-commands', true]
    ])
    // The proxy held the status checks at `initializing` for 1.5 s: the stage waited them out.
    expect(result.bootSeconds).toBeGreaterThanOrEqual(1)
    expect(result.outputTail?.stdout).toBe('hello from Linux\n')
    expect(result.outputTail?.stderr).toBe('/proc is there\n')
    expect(await w.launchedFrom(ami)).toEqual([{ id: result.instance, state: 'terminated' }])
    const ran = w.instances.commands.filter((c) => c.instanceId === result.instance)
    expect(ran.map((c) => [c.document, c.status])).toEqual([['AWS-RunShellScript', 'Success']])
  })

  it('tags the AMI passed, then shares and publishes it as before', async () => {
    const ami = run.outputs['ami-id']
    expect(tagOf(await w.image(ami), 'packer-ami-action:test')).toBe('passed')
    expect(await w.sharedWith(ami)).toEqual(['111122223333'])
    expect(await w.parameter('/images/stage/passing')).toBe(ami)
    expect(run.summary).toMatch(new RegExp(`\\| ${ami} \\| us-east-1 \\| ${result.instance} \\| in \\d+ s \\| ✅ ok \\| ✅ ok \\| ✅ online \\| ✅ Success, exit code 0 \\|`))
  })

  it('is reused by a later skip-unchanged run', async () => {
    const again = succeeded(await w.build('passing', { 'skip-unchanged': 'true' }))
    expect(again.outputs['reused']).toBe('true')
    expect(again.outputs['ami-id']).toBe(run.outputs['ami-id'])
  })
})

