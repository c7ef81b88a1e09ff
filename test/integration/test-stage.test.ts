/**
 * The test stage through the bundle, an AMI that passes: Packer 1.6.6 builds against moto, the
 * action's SDK goes through the loopback proxy, which behaves as the instance and its SSM Agent
 * would (test/support/instance-emulation.ts): status checks, agent registration, and the test
 * script really running.
 */
import { PROFILE, startStageWorld, tagOf, type StageWorld, type TestResultOutput } from '../support/stage-world.js'
import { succeeded, type RunResult } from '../support/runner.js'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

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
      'ssm-parameter': '/images/stage/passing',
      inventory: 'true'
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
    expect(ran[0]).toMatchObject({ document: 'AWS-RunShellScript', status: 'Success', script: 'echo "hello from $(uname -s)"\ntest -d /proc && echo "/proc is there" >&2' })
  })

  it('tags the AMI passed, then shares and publishes it as before', async () => {
    const ami = run.outputs['ami-id']
    expect(tagOf(await w.image(ami), 'packer-ami-action:test')).toBe('passed')
    expect(await w.sharedWith(ami)).toEqual(['111122223333'])
    expect(await w.parameter('/images/stage/passing')).toBe(ami)
    expect(run.summary).toMatch(new RegExp(`\\| ${ami} \\| us-east-1 \\| ${result.instance} \\| in \\d+ s \\| ✅ ok \\| ✅ ok \\| ✅ online \\| ✅ Success, exit code 0 \\|`))
  })

  it('lists the packages on the same instance into a CycloneDX SBOM (this machine stands for the instance: its dpkg)', () => {
    const [sbom] = JSON.parse(run.outputs['sbom']) as Array<{ ami: string; path: string; subject: string }>
    expect(sbom.ami).toBe(run.outputs['ami-id'])
    expect(sbom.subject).toBe(`arn:aws:ec2:us-east-1:123456789012:image/${sbom.ami}`)
    const doc = JSON.parse(readFileSync(sbom.path, 'utf8')) as { bomFormat: string; metadata: { component: { name: string } }; components: Array<{ name: string }> }
    expect(doc.bomFormat).toBe('CycloneDX')
    const installed = execFileSync('dpkg-query', ['-W', '-f', '${Package}\n'], { encoding: 'utf8' }).trim().split('\n')
    expect(doc.components.map((c) => c.name)).toEqual(expect.arrayContaining(installed.slice(0, 20)))
    expect(run.summary).toContain('### Package inventory')
    const ran = w.instances.commands.filter((c) => c.instanceId === result.instance)
    expect(ran.length).toBeGreaterThan(1)
  })

  it('is reused by a later skip-unchanged run', async () => {
    const again = succeeded(await w.build('passing', { 'skip-unchanged': 'true' }))
    expect(again.outputs['reused']).toBe('true')
    expect(again.outputs['ami-id']).toBe(run.outputs['ami-id'])
  })
})

