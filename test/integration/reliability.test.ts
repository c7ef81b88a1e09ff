import { DescribeImageAttributeCommand, DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy } from '../support/aws-proxy.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { parseCommandFile, runAction, type LiveRun, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const ec2 = (region: string): EC2Client => new EC2Client({ region, endpoint: moto.endpoint, credentials })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

function build(inputs: Record<string, string>, opts: { endpoint?: string; onSpawn?: (live: LiveRun) => void } = {}): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('packer'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: opts.endpoint ?? moto.endpoint, AWS_REGION: 'us-east-1' },
    onSpawn: opts.onSpawn,
    inputs: {
      ...installFrom(mirror),
      template: 'packer',
      only: 'amazon-ebs.web',
      ...inputs
    }
  })
}


async function ownedImages(): Promise<number> {
  const counts = await Promise.all(
    ['us-east-1', 'us-west-2'].map(async (r) => (await ec2(r).send(new DescribeImagesCommand({ Owners: ['self'] }))).Images?.length ?? 0)
  )
  return counts.reduce((a, b) => a + b, 0)
}

describe('skip-unchanged', () => {
  it('reuses the AMIs of an identical earlier run, and builds anew when a variable changes', async () => {
    const variables = (version: string): string => `ec2_endpoint: ${moto.endpoint}\napp_version: "${version}"`
    const first = succeeded(await build({ 'skip-unchanged': 'true', variables: variables('1.0') }))
    expect(first.outputs['reused']).toBe('false')
    expect(first.outputs['fingerprint']).toMatch(/^[0-9a-f]{64}$/)
    const images = await ownedImages()

    const second = succeeded(await build({ 'skip-unchanged': 'true', variables: variables('1.0') }))
    expect(second.outputs['reused']).toBe('true')
    expect(second.outputs['fingerprint']).toBe(first.outputs['fingerprint'])
    for (const name of ['ami-id', 'ami-ids', 'artifacts']) expect(second.outputs[name]).toBe(first.outputs[name])
    expect(await ownedImages()).toBe(images)
    expect(second.summary).toContain('reused AMIs of an earlier run')

    const third = succeeded(await build({ 'skip-unchanged': 'true', variables: variables('1.1') }))
    expect(third.outputs['reused']).toBe('false')
    expect(third.outputs['fingerprint']).not.toBe(first.outputs['fingerprint'])
    expect(third.outputs['ami-id']).not.toBe(first.outputs['ami-id'])
    expect(await ownedImages()).toBe(images + 2)
  })
})

describe('faults', () => {
  it('survives 30% of EC2 and SSM calls answered with throttling or 503: tags, sharing and SSM in two regions', async () => {
    const faulty = await startAwsProxy({ target: moto.endpoint, faultRate: 0.3, seed: 45 })
    try {
      const run = succeeded(
        await build(
          {
            variables: `ec2_endpoint: ${moto.endpoint}`,
            'ami-tags': 'team=images',
            'share-accounts': '111122223333',
            'ssm-parameter': '/images/faults/latest'
          },
          { endpoint: faulty.endpoint }
        )
      )
      expect(faulty.calls.some((c) => c.faulted)).toBe(true)
      const ids = JSON.parse(run.outputs['ami-ids']) as Record<string, string>
      expect(Object.keys(ids).sort()).toEqual(['us-east-1', 'us-west-2'])
      for (const [region, ami] of Object.entries(ids)) {
        const { Images = [] } = await ec2(region).send(new DescribeImagesCommand({ ImageIds: [ami] }))
        expect(Images[0].Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'images' }]))
        const { LaunchPermissions = [] } = await ec2(region).send(new DescribeImageAttributeCommand({ ImageId: ami, Attribute: 'launchPermission' }))
        expect(LaunchPermissions).toEqual([{ UserId: '111122223333' }])
        const ssm = new SSMClient({ region, endpoint: moto.endpoint, credentials })
        expect((await ssm.send(new GetParameterCommand({ Name: '/images/faults/latest' }))).Parameter?.Value).toBe(ami)
      }
    } finally {
      await faulty.close()
    }
  })

  it('a failing Packer run quotes Packer\'s errors', async () => {
    const run = await build({ variables: `ec2_endpoint: ${moto.endpoint}\nsource_ami: ami-00000000` })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error::packer build failed:%0Aamazon-ebs\.web: \S/)
  })
})

/** Every process in Packer's process group: the wrapper and the Packer it re-executes. */
function packerProcesses(pgid: number): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[2] === String(pgid)
      } catch {
        return false
      }
    })
}

describe('secrets', () => {
  it('keeps variable values out of Packer\'s argv and environment, in a 0600 var-file deleted afterwards', async () => {
    const secret = 'hunter2-' + Math.random().toString(36).slice(2)
    const seen: Array<{ argv: string; environ: string }> = []
    let varFileMode: number | undefined
    const pollers: NodeJS.Timeout[] = []
    const watch = (live: LiveRun): void => {
      const poll = setInterval(() => {
        const pid = Number(parseCommandFile(readFileSync(live.stateFile, 'utf8'))['packer-pid'])
        if (!(pid > 0)) return
        for (const p of packerProcesses(pid)) {
          try {
            const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8')
            seen.push({ argv, environ: readFileSync(`/proc/${p}/environ`, 'utf8') })
            const varFile = /-var-file=([^\0]*packer-ami-action-[^\0]*)/.exec(argv)?.[1]
            if (varFile !== undefined && existsSync(varFile)) varFileMode = statSync(varFile).mode & 0o777
          } catch {
            // The process ended between listing and reading.
          }
        }
      }, 10)
      pollers.push(poll)
    }
    const run = succeeded(
      await build(
        { variables: `ec2_endpoint: ${moto.endpoint}\nsource_ami: ami-03cf127a`, 'sensitive-variables': `app_version: ${secret}` },
        { onSpawn: watch }
      )
    )
    pollers.forEach((p) => clearInterval(p))
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.some((s) => s.argv.includes('build'))).toBe(true)
    for (const s of seen) {
      expect(s.argv).not.toContain(secret)
      expect(s.argv).not.toContain(moto.endpoint)
      expect(s.environ).not.toContain(secret)
    }
    expect(varFileMode).toBe(0o600)
    expect(readdirSync(run.runnerTemp).filter((f) => f.startsWith('packer-ami-action-'))).toEqual([])
    expect(run.stdout).toContain(`::add-mask::${secret}`)
    for (const text of [run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(secret)
  })
})
