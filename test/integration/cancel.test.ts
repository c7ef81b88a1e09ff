import { DescribeImagesCommand, DescribeInstancesCommand, DescribeKeyPairsCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { parseCommandFile, runAction, type LiveRun, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
/** Slows Packer's EC2 calls so that a signal lands in the middle of the build. */
let slow: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const ec2 = (region = 'us-east-1'): EC2Client =>
  new EC2Client({ region, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  slow = await startAwsProxy({ target: moto.endpoint, delayMs: 150 })
})

afterAll(async () => {
  await Promise.all([slow?.close(), moto?.stop(), mirror?.close()])
})

const env = (): Record<string, string> => ({ ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' })

/**
 * runner: SIGINT, SIGTERM 7.5 s later, SIGKILL of the node process 2.5 s after that, as the
 * runner cancels a step; node-killed: SIGINT, then the node process killed 200 ms later, while
 * Packer is still cleaning up; hard-kill: the node process and Packer's group killed at once,
 * as a lost runner would, so the post step has only Packer's output to go by.
 */
type Cancel = 'runner' | 'node-killed' | 'hard-kill'

interface Scenario {
  fixture: `fixtures/${string}`
  template: string
  variables?: string
  inputs?: Record<string, string>
}

const SINGLE: Scenario = { fixture: 'fixtures/single', template: 'packer/single.pkr.hcl' }

interface Cancelled {
  main: RunResult
  post: RunResult
  /** Milliseconds from the first signal to the main entry's exit. */
  exitedAfterMs: number
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // Already gone: nothing to signal.
  }
}

/**
 * Runs a build and, once `trigger` shows in its log, cancels it: as the runner does (SIGINT,
 * SIGTERM 7.5 s later, SIGKILL 2.5 s after that), or by a hard kill of the whole step. Then
 * runs the post entry with the state the main entry saved, as the runner would.
 */
async function buildAndCancel(trigger: RegExp, how: Cancel, scenario: Scenario = SINGLE): Promise<Cancelled> {
  let signalledAt = 0
  const timers: NodeJS.Timeout[] = []
  const watch = (live: LiveRun): void => {
    const poll = setInterval(() => {
      if (!trigger.test(live.stdout())) return
      clearInterval(poll)
      signalledAt = Date.now()
      if (how === 'runner') {
        kill(live.pid, 'SIGINT')
        timers.push(setTimeout(() => kill(live.pid, 'SIGTERM'), 7500))
        timers.push(setTimeout(() => kill(live.pid, 'SIGKILL'), 10_000))
      } else if (how === 'node-killed') {
        kill(live.pid, 'SIGINT')
        timers.push(setTimeout(() => kill(live.pid, 'SIGKILL'), 200))
      } else {
        const packerPid = Number(parseCommandFile(readFileSync(live.stateFile, 'utf8'))['packer-pid'])
        kill(-live.pid, 'SIGKILL')
        if (packerPid > 0) kill(-packerPid, 'SIGKILL')
      }
    }, 20)
    timers.push(poll)
  }
  const main = await runAction({
    cwd: workspaceWith(scenario.fixture),
    toolCache,
    eventName: 'release',
    env: env(),
    onSpawn: watch,
    inputs: {
      ...installFrom(mirror),
      template: scenario.template,
      variables: `ec2_endpoint: ${slow.endpoint}\n${scenario.variables ?? ''}`,
      ...scenario.inputs
    }
  })
  const exitedAfterMs = Date.now() - signalledAt
  timers.forEach((t) => clearTimeout(t))
  const post = await runAction({ entry: 'post', env: env(), state: main.state, inputs: {} })
  return { main, post, exitedAfterMs }
}

async function leftovers(region = 'us-east-1'): Promise<{ instances: string[]; keyPairs: string[]; groups: string[]; images: string[] }> {
  const client = ec2(region)
  const { Reservations = [] } = await client.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] })
  )
  const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({}))
  const { SecurityGroups = [] } = await client.send(new DescribeSecurityGroupsCommand({}))
  const { Images = [] } = await client.send(new DescribeImagesCommand({ Owners: ['self'] }))
  return {
    instances: Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId as string),
    keyPairs: KeyPairs.map((k) => k.KeyName as string).filter((n) => n.startsWith('packer_')),
    groups: SecurityGroups.map((g) => g.GroupName as string).filter((n) => n.startsWith('packer_')),
    images: Images.map((i) => i.ImageId as string)
  }
}

const nothingLeft = { instances: [], keyPairs: [], groups: [], images: [] }

describe('a cancelled build leaves nothing behind', () => {
  it.each([
    ['the temporary security group exists', /Creating temporary security group/],
    ['the instance exists', /Instance ID: i-/],
    ['the AMI is being created', /AMI: ami-/],
    ['CreateImage is on its way, its id not yet printed', /Creating AMI \S+ from instance/]
  ])('runner cancel once %s', async (_when, trigger) => {
    const { main, post, exitedAfterMs } = await buildAndCancel(trigger, 'runner')
    expect(main.code).not.toBe(0)
    expect(exitedAfterMs).toBeLessThan(10_000)
    expect(main.state['packer-output']).toBeDefined()
    expect(main.state['cancelled']).toBe('true')
    expect(post.code).toBe(0)
    expect(await leftovers()).toEqual(nothingLeft)
  })

  it('a hard kill of the step and of Packer right after the instance starts: the post step reads Packer\'s output', async () => {
    const { main, post } = await buildAndCancel(/Instance ID: i-/, 'hard-kill')
    expect(main.code).toBeNull()
    const output = readFileSync(main.state['packer-output'], 'utf8')
    const instance = /Instance ID: (i-[0-9a-f]+)/.exec(output)?.[1]
    const keyPair = /Creating temporary keypair: (packer_[\w-]+)/.exec(output)?.[1]
    expect(post.code).toBe(0)
    expect(post.stdout).toContain(`us-east-1: removed instance ${instance}`)
    expect(post.stdout).toContain(`us-east-1: removed key pair ${keyPair}`)
    expect(post.summary).toContain('Cleanup after an unfinished build')
    expect(await leftovers()).toEqual(nothingLeft)
  })

  it('the node process killed mid-cleanup: Packer, writing to a file, finishes its own cleanup', async () => {
    const { main, post } = await buildAndCancel(/Instance ID: i-/, 'node-killed')
    expect(main.code).toBeNull()
    const output = readFileSync(main.state['packer-output'], 'utf8')
    // Packer went on after the node process died: its own cleanup is in its output, not in
    // what the node process got to print.
    expect(output).toMatch(/Deleting temporary keypair/)
    expect(main.stdout).not.toMatch(/Deleting temporary keypair/)
    expect(post.code).toBe(0)
    expect(post.stdout).not.toMatch(/removed (instance|key pair|security group)/)
    expect(await leftovers()).toEqual(nothingLeft)
  })

  it('a template building in another region than aws-region, killed: nothing is left there', async () => {
    const { post } = await buildAndCancel(/Instance ID: i-/, 'hard-kill', { fixture: 'fixtures/elsewhere', template: 'packer/elsewhere.pkr.hcl' })
    expect(post.code).toBe(0)
    expect(post.stdout).toMatch(/eu-west-1: removed instance i-/)
    expect(await leftovers('eu-west-1')).toEqual(nothingLeft)
  })

  it('a runner cancel during the copy: Packer says the build finished, yet nothing it made is left', async () => {
    const scenario: Scenario = { fixture: 'fixtures/elsewhere', template: 'packer/elsewhere.pkr.hcl', variables: 'region: us-east-1\ncopies: [us-west-2]' }
    const { main, post } = await buildAndCancel(/Copying\/Encrypting AMI/, 'runner', scenario)
    expect(readFileSync(main.state['packer-output'], 'utf8')).toMatch(/Cleanly cancelled builds after being interrupted/)
    expect(post.code).toBe(0)
    expect(await leftovers('us-west-2')).toEqual(nothingLeft)
    expect(await leftovers('us-east-1')).toEqual(nothingLeft)
  })

  it('killed during the copy to another region: no copy is left, pending or done', async () => {
    const scenario: Scenario = { fixture: 'fixtures/elsewhere', template: 'packer/elsewhere.pkr.hcl', variables: 'region: us-east-1\ncopies: [us-west-2]' }
    const { post } = await buildAndCancel(/Waiting for all copies to complete/, 'hard-kill', scenario)
    expect(post.code).toBe(0)
    expect(post.stdout).toMatch(/us-east-1: removed AMI ami-/)
    expect(post.stdout).toMatch(/us-west-2: removed AMI ami-/)
    expect(await leftovers('us-west-2')).toEqual(nothingLeft)
    expect(await leftovers('us-east-1')).toEqual(nothingLeft)
  })

  it('the post step of a build that finished touches nothing', async () => {
    const main = await runAction({
      cwd: workspaceWith('fixtures/single'),
      toolCache,
      eventName: 'release',
      env: env(),
      inputs: {
        ...installFrom(mirror),
        template: 'packer/single.pkr.hcl',
        variables: `ec2_endpoint: ${moto.endpoint}`
      }
    })
    expect(main.code).toBe(0)
    const post = await runAction({ entry: 'post', env: env(), state: main.state, inputs: {} })
    expect(post.code).toBe(0)
    expect(post.stdout).toContain('nothing to clean up')
    expect((await leftovers()).images).toEqual([main.outputs['ami-id']])
  })
})
