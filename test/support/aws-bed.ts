/**
 * One test file's AWS: moto (test/support/moto.ts: a server of the file's own, or the shared one of
 * a Stryker run, reset), the loopback proxy in front of it (test/support/aws-proxy.ts), the
 * environment the action's SDK clients read pointed at the proxy, and the test's own clients
 * through it. `awsBed()` registers the jest hooks that start it before the file's tests, empty its
 * per-test answers before each test, and stop it and restore the environment after the last.
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { startAwsProxy, type AwsProxy, type AwsProxyOptions } from './aws-proxy.js'
import { clientsAt, type AwsClients, type OwnAwsClients } from './aws-clients.js'
import { awsTestEnv, startMoto, type Moto } from './moto.js'

export interface AwsBedOptions {
  /** The proxy's options beyond its target and the per-test hooks (`otherAccounts`, say). */
  proxy?: Omit<AwsProxyOptions, 'target' | 'answer' | 'before'>
  /** More of the environment for the file's tests (GITHUB_RUN_ID, ...); undefined removes a name. */
  env?: Record<string, string | undefined>
}

export interface AwsBed extends AwsClients {
  readonly moto: Moto
  /** Every call the proxy saw (`calls`), the deprecations it answered, ... */
  readonly proxy: AwsProxy
  /** The proxy's endpoint, where the action's clients and `ec2`/`ssm` go. */
  readonly endpoint: string
  /** What the proxy answers itself in this test (AwsProxyOptions.answer); emptied before each test. */
  answer: AwsProxyOptions['answer']
  /** What the proxy does before it answers a call in this test (AwsProxyOptions.before); emptied before each test. */
  before: AwsProxyOptions['before']
}

interface Running {
  moto: Moto
  proxy: AwsProxy
  clients: OwnAwsClients
  close(): Promise<void>
}

async function start(options: AwsBedOptions, bed: AwsBed): Promise<Running> {
  const moto = await startMoto()
  let proxy: AwsProxy
  try {
    proxy = await startAwsProxy({ ...options.proxy, target: moto.endpoint, answer: (...call) => bed.answer?.(...call), before: (call) => bed.before?.(call) })
  } catch (err) {
    await moto.stop()
    throw err
  }
  const saved = { ...process.env }
  Object.assign(process.env, awsTestEnv, { AWS_ENDPOINT_URL: proxy.endpoint })
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  const clients = clientsAt(proxy.endpoint)
  return {
    moto,
    proxy,
    clients,
    async close() {
      process.env = saved
      clients.destroy()
      await Promise.all([proxy.close(), moto.stop()])
    }
  }
}

/** The file's bed; call it at the top level of a test file (or of a describe). */
export function awsBed(options: AwsBedOptions = {}): AwsBed {
  let running: Running | undefined
  const up = (): Running => {
    if (running === undefined) throw new Error('aws-bed: used outside the tests of its file (it starts in beforeAll)')
    return running
  }
  const bed: AwsBed = {
    get moto() {
      return up().moto
    },
    get proxy() {
      return up().proxy
    },
    get endpoint() {
      return up().proxy.endpoint
    },
    ec2: (region) => up().clients.ec2(region),
    ssm: (region) => up().clients.ssm(region),
    answer: undefined,
    before: undefined
  }
  beforeAll(async () => {
    running = await start(options, bed)
  })
  beforeEach(() => {
    bed.answer = undefined
    bed.before = undefined
  })
  afterAll(async () => {
    await running?.close()
    running = undefined
  })
  return bed
}
