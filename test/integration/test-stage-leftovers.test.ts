/**
 * A job that dies during the test stage: the post step terminates its test instance (found by
 * the job's token), and `mode: sweep` removes a lost runner's test instance once its test
 * deadline has passed. Instances that only look like test instances survive both
 * (test/support/stage-world.ts).
 */
import { RunInstancesCommand } from '@aws-sdk/client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'
import { PROFILE, startStageWorld, type StageWorld } from '../support/stage-world.js'
import type { RunResult } from '../support/runner.js'

let w: StageWorld

beforeAll(async () => {
  w = await startStageWorld()
  // The stage waits for an agent that never registers: the job is killed meanwhile.
  w.instances.options.agentRegistration = 'never'
})

afterAll(async () => {
  await w?.stop()
})

const LAUNCHED = /test instance (i-[0-9a-f]+) \(t3\.micro, linux\) launched/

/** An instance from `ami` that is not the stage's, with these tags. */
async function lookAlike(ami: string, tags: Record<string, string>): Promise<string> {
  const { Instances = [] } = await w.ec2.send(
    new RunInstancesCommand({
      ImageId: ami,
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [{ ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }]
    })
  )
  return Instances[0].InstanceId as string
}

async function state(id: string): Promise<string> {
  const all = await w.launchedFrom(await amiOf(id))
  return all.find((i) => i.id === id)?.state as string
}

const amis = new Map<string, string>()
async function amiOf(id: string): Promise<string> {
  return amis.get(id) as string
}

function killedDuringTheStage(scenario: string, timeout: string): Promise<{ run: RunResult; instance: string; ami: string }> {
  return w.buildAndKill(scenario, { 'test-instance-profile': PROFILE, 'test-commands': 'true', 'test-timeout': timeout }, LAUNCHED).then((run) => {
    const instance = LAUNCHED.exec(run.stdout)?.[1] as string
    const ami = /us-east-1 (ami-[0-9a-f]+): test instance/.exec(run.stdout)?.[1] as string
    amis.set(instance, ami)
    return { run, instance, ami }
  })
}

describe('the post step after a job killed during the test stage', () => {
  it('terminates the job\'s test instance; look-alikes of the same AMI stay', async () => {
    const { run, instance, ami } = await killedDuringTheStage('killed', '10m')
    expect(run.code).toBeNull()
    expect(run.state['test-run']).toMatch(/^[0-9a-f-]{36}$/)
    expect(await state(instance)).toBe('running')
    const named = await lookAlike(ami, { Name: `packer-ami-action test of ${ami}` })
    const otherJob = await lookAlike(ami, { Name: `packer-ami-action test of ${ami}`, 'packer-ami-action:test-of': ami, 'packer-ami-action:test-run': 'another-job', 'packer-ami-action:test-deadline': '2020-01-01T00:00:00.000Z' })
    amis.set(named, ami)
    amis.set(otherJob, ami)

    const post = await w.post(run.state)
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`us-east-1: test instance ${instance} of ${ami}: terminated`)
    expect(post.summary).toContain(`| us-east-1 | \`${instance}\` | ${ami} | terminated |`)
    expect(await state(instance)).toBe('terminated')
    expect(await state(named)).toBe('running')
    expect(await state(otherJob)).toBe('running')
  })
})

describe('the sweep', () => {
  it('removes a lost runner\'s test instance once its deadline has passed; look-alikes stay', async () => {
    const { instance, ami } = await killedDuringTheStage('lost', '3s')
    const copied = await lookAlike(ami, { Name: `packer-ami-action test of ${ami}`, 'packer-ami-action:family': 'acme/images/amazon-ebs.app', 'packer-ami-action:test-of': ami })
    amis.set(copied, ami)
    await sleep(3500)
    const swept = await w.sweep({ 'sweep-older-than': '0m' })
    expect(swept.code).toBe(0)
    const removed = (JSON.parse(swept.outputs['swept']) as Array<{ kind: string; id: string; reason: string; removed: boolean }>).filter((s) => s.kind === 'instance')
    expect(removed.map((s) => [s.id, s.removed])).toContainEqual([instance, true])
    expect(removed.find((s) => s.id === instance)?.reason).toMatch(new RegExp(`^test instance of ${ami} `))
    expect(removed.map((s) => s.id)).not.toContain(copied)
    expect(await state(instance)).toBe('terminated')
    expect(await state(copied)).toBe('running')
  })
})
