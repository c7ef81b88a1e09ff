/**
 * The test stage gates distribution: an AMI whose test-commands fail is tagged failed,
 * deprecated at once, neither shared nor published, and never reused (test/support/stage-world.ts).
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

describe('an AMI whose test-commands fail', () => {
  let run: RunResult
  let result: TestResultOutput
  const started = Date.now()

  beforeAll(async () => {
    w.instances.options.statusChecks = 0
    run = await w.build('failing', {
      'test-instance-profile': PROFILE,
      'test-commands': 'echo "checking nginx"\necho "nginx: command not found" >&2\nexit 3',
      'share-accounts': '111122223333',
      'ssm-parameter': '/images/stage/failing'
    })
    ;[result] = JSON.parse(run.outputs['test-results'] ?? '[]') as TestResultOutput[]
  })

  it('fails the step, with the exit code and the output in test-results and the summary', () => {
    expect(run.code).not.toBe(0)
    expect(result).toMatchObject({ passed: false, exitCode: 3, terminated: true, outputTail: { stdout: 'checking nginx\n', stderr: 'nginx: command not found\n' } })
    expect(result.checks.find((c) => c.name === 'test-commands')).toEqual({ name: 'test-commands', passed: false, detail: 'Failed, exit code 3' })
    expect(run.stdout).toMatch(/::error::.*the test stage failed: ami-\w+ in us-east-1: test-commands: Failed, exit code 3/)
    expect(run.summary).toContain('❌ Failed, exit code 3')
    expect(run.summary).toMatch(/<details><summary>Output of test-commands on i-\w+<\/summary>[\s\S]*nginx: command not found[\s\S]*<\/details>/)
  })

  it('tags the AMI failed and deprecates it at once; it is neither shared nor published', async () => {
    const ami = run.outputs['ami-id']
    expect(tagOf(await w.image(ami), 'packer-ami-action:test')).toBe('failed')
    const deprecation = w.proxy.deprecations.find((d) => d.imageId === ami)
    expect(Date.parse(deprecation?.deprecateAt ?? '')).toBeGreaterThanOrEqual(started)
    expect(Date.parse(deprecation?.deprecateAt ?? '')).toBeLessThanOrEqual(Date.now() + 60_000)
    expect(await w.sharedWith(ami)).toEqual([])
    expect(await w.parameter('/images/stage/failing')).toBeUndefined()
    const calls = w.proxy.calls.filter((c) => c.params['ImageId'] === ami || c.params['Value'] === ami)
    expect(calls.filter((c) => c.action === 'ModifyImageAttribute')).toEqual([])
    expect(await w.launchedFrom(ami)).toEqual([{ id: result.instance, state: 'terminated' }])
  })

  it('is not reused by a later skip-unchanged run, which builds afresh', async () => {
    const again = succeeded(await w.build('failing', { 'skip-unchanged': 'true' }))
    expect(again.outputs['reused']).toBe('false')
    expect(again.outputs['ami-id']).not.toBe(run.outputs['ami-id'])
  })
})
