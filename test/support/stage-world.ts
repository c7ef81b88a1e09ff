/**
 * What the test-stage tests share: moto, the Packer mirror, the loopback proxy emulating instances
 * and their SSM Agent (instance-emulation.ts), an instance profile in moto, a build of
 * test/fixtures/test-stage through the bundle, and what a user checks in EC2 and SSM afterwards.
 */
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeInstancesCommand, EC2Client, type Image } from '@aws-sdk/client-ec2'
import { CreateInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from './aws-proxy.js'
import type { InstanceEmulation } from './instance-emulation.js'
import { installFrom, startMirror } from './mirror.js'
import { awsTestEnv, startMoto, type Moto } from './moto.js'
import { runAction, type LiveRun, type RunResult } from './runner.js'
import { workspaceWith } from './workspace.js'

/** The instance profile moto holds for the test instances. */
export const PROFILE = 'image-test'

/** An entry of the `test-results` output. */
export interface TestResultOutput {
  build: string
  region: string
  ami: string
  instance: string
  passed: boolean
  bootSeconds?: number
  checks: Array<{ name: string; passed?: boolean; detail: string }>
  exitCode?: number
  outputTail?: { stdout: string; stderr: string }
  failure?: string
  terminated: boolean
}

export interface StageWorld {
  moto: Moto
  proxy: AwsProxy
  instances: InstanceEmulation
  ec2: EC2Client
  /** A build of the fixture; `scenario` gives the run a fingerprint of its own. */
  build(scenario: string, inputs: Record<string, string>, env?: Record<string, string>): Promise<RunResult>
  /** A build whose whole process group is killed, as a lost runner's, once `trigger` shows in its log. */
  buildAndKill(scenario: string, inputs: Record<string, string>, trigger: RegExp): Promise<RunResult>
  /** `mode: sweep` through the bundle. */
  sweep(inputs: Record<string, string>): Promise<RunResult>
  /** The bundle's post entry with the state a run saved. */
  post(state: Record<string, string>): Promise<RunResult>
  image(ami: string): Promise<Image>
  launchedFrom(ami: string): Promise<Array<{ id: string; state: string }>>
  parameter(name: string): Promise<string | undefined>
  sharedWith(ami: string): Promise<string[]>
  stop(): Promise<void>
}

export const tagOf = (i: { Tags?: Array<{ Key?: string; Value?: string }> }, key: string): string | undefined => i.Tags?.find((t) => t.Key === key)?.Value

export async function startStageWorld(): Promise<StageWorld> {
  const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
  const [moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  const proxy = await startAwsProxy({ target: moto.endpoint, instances: {} })
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
  const ssm = new SSMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE }))
  const env = (): Record<string, string> => ({ ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' })
  const inputsFor = (scenario: string, inputs: Record<string, string>): Record<string, string> => ({
    ...installFrom(mirror),
    template: 'packer/stage.pkr.hcl',
    variables: `ec2_endpoint: ${moto.endpoint}\nscenario: ${scenario}`,
    ...inputs
  })
  return {
    moto,
    proxy,
    instances: proxy.instances as InstanceEmulation,
    ec2,
    build: (scenario, inputs, extra = {}) =>
      runAction({
        cwd: workspaceWith('fixtures/test-stage'),
        toolCache,
        eventName: 'release',
        env: { ...env(), ...extra },
        inputs: inputsFor(scenario, inputs)
      }),
    buildAndKill: (scenario, inputs, trigger) => {
      let poll: NodeJS.Timeout | undefined
      const watch = (live: LiveRun): void => {
        poll = setInterval(() => {
          if (!trigger.test(live.stdout())) return
          clearInterval(poll)
          try {
            process.kill(-live.pid, 'SIGKILL')
          } catch {
            // Already gone.
          }
        }, 20)
      }
      return runAction({ cwd: workspaceWith('fixtures/test-stage'), toolCache, eventName: 'release', env: env(), onSpawn: watch, inputs: inputsFor(scenario, inputs) }).finally(() => clearInterval(poll))
    },
    sweep: (inputs) => runAction({ eventName: 'schedule', env: env(), inputs: { mode: 'sweep', ...inputs } }),
    post: (state) => runAction({ entry: 'post', env: env(), state, inputs: {} }),
    image: async (ami) => (await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }))).Images?.[0] as Image,
    launchedFrom: async (ami) => {
      const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'image-id', Values: [ami] }] }))
      return Reservations.flatMap((r) => r.Instances ?? []).map((i) => ({ id: i.InstanceId as string, state: i.State?.Name as string }))
    },
    parameter: async (name) => {
      try {
        return (await ssm.send(new GetParameterCommand({ Name: name }))).Parameter?.Value
      } catch (err) {
        if ((err as { name?: string }).name === 'ParameterNotFound') return undefined
        throw err
      }
    },
    sharedWith: async (ami) => {
      const { LaunchPermissions = [] } = await ec2.send(new DescribeImageAttributeCommand({ ImageId: ami, Attribute: 'launchPermission' }))
      return LaunchPermissions.map((p) => p.UserId as string)
    },
    stop: async () => {
      for (const c of [ec2, ssm, iam]) c.destroy()
      await Promise.all([proxy.close(), moto.stop(), mirror.close()])
    }
  }
}
