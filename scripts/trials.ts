/**
 * npm run trials [-- --n 50 --seed 7]: builds interrupted at random moments, as a runner
 * cancels a step (SIGINT, SIGTERM 7.5 s later, then SIGKILL of the node process alone) or as a
 * dying runner does (SIGKILL of the node process, nothing before), in one region and with a
 * copy to a second, with EC2 slowed to about 100 ms a call so the moment can fall anywhere in
 * the build. After each, the post step runs with the state the main step saved, and what is
 * left is counted: live instances, packer_ key pairs and security groups, and AMIs and
 * snapshots that are not products (artifacts Packer reported). The figure goes to
 * docs/benchmarks.md.
 */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  EC2Client
} from '@aws-sdk/client-ec2'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ledgerOf } from '../src/packer/ledger.js'
import { mulberry32, startAwsProxy } from '../test/support/aws-proxy.js'
import { installFrom, startMirror } from '../test/support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../test/support/moto.js'
import { repoRoot, runAction, type LiveRun } from '../test/support/runner.js'
import { workspaceWith } from '../test/support/workspace.js'

type How = 'runner cancel' | 'node killed'
const REGIONS = ['us-east-1', 'us-west-2']

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

interface Census {
  instances: string[]
  keyPairs: string[]
  groups: string[]
  images: string[]
  snapshots: string[]
}

async function census(moto: Moto): Promise<Census> {
  const all: Census = { instances: [], keyPairs: [], groups: [], images: [], snapshots: [] }
  for (const region of REGIONS) {
    const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }] })
    )
    all.instances.push(...Reservations.flatMap((r) => r.Instances ?? []).map((i) => `${region}:${i.InstanceId}`))
    const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand({}))
    all.keyPairs.push(...KeyPairs.map((k) => k.KeyName as string).filter((n) => n.startsWith('packer_')).map((n) => `${region}:${n}`))
    const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({}))
    all.groups.push(...SecurityGroups.map((g) => g.GroupName as string).filter((n) => n.startsWith('packer_')).map((n) => `${region}:${n}`))
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))
    all.images.push(...Images.map((i) => i.ImageId as string))
    const { Snapshots = [] } = await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    all.snapshots.push(...Snapshots.map((s) => `${s.SnapshotId}`))
  }
  return all
}

async function main(): Promise<void> {
  // Everything this makes in the temp dir (tool caches, runs with Packer's zips) goes under one root, removed at the end.
  const root = mkdtempSync(path.join(tmpdir(), 'packer-ami-action-measure-'))
  process.env.TMPDIR = root
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
  const n = arg('n', 20)
  const seed = arg('seed', Math.floor(Math.random() * 2 ** 31))
  console.log(`trials: ${n}, seed ${seed} (npm run trials -- --n ${n} --seed ${seed} repeats them)`)
  const random = mulberry32(seed)
  const [moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  const slow = await startAwsProxy({ target: moto.endpoint, delayMs: 100 })
  const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-trials-cache-'))
  const env = { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }
  const inputs = (copies: boolean): Record<string, string> => ({
    ...installFrom(mirror),
    template: 'packer/elsewhere.pkr.hcl',
    variables: `ec2_endpoint: ${slow.endpoint}\nregion: us-east-1\ncopies: ${copies ? '[us-west-2]' : '[]'}`
  })
  const results: Array<{ trial: number; how: How; regions: number; atMs: number; left: string[] }> = []
  try {
    // How long an uninterrupted build takes, so the moment can fall anywhere in it.
    const calibrate = Date.now()
    await runAction({ cwd: workspaceWith('fixtures/elsewhere'), toolCache, eventName: 'release', env, inputs: inputs(true) })
    const span = Date.now() - calibrate
    console.log(`an uninterrupted build with a copy takes ${span} ms`)
    for (let trial = 1; trial <= n; trial++) {
      const how: How = random() < 0.5 ? 'runner cancel' : 'node killed'
      const copies = random() < 0.5
      const atMs = Math.floor(random() * span)
      const before = await census(moto)
      const timers: NodeJS.Timeout[] = []
      const kill = (pid: number, signal: NodeJS.Signals): void => {
        try {
          process.kill(pid, signal)
        } catch {
          // Already gone.
        }
      }
      const watch = (live: LiveRun): void => {
        timers.push(
          setTimeout(() => {
            if (how === 'runner cancel') {
              kill(live.pid, 'SIGINT')
              timers.push(setTimeout(() => kill(live.pid, 'SIGTERM'), 7500))
              timers.push(setTimeout(() => kill(live.pid, 'SIGKILL'), 10_000))
            } else {
              kill(live.pid, 'SIGKILL')
            }
          }, atMs)
        )
      }
      const mainRun = await runAction({ cwd: workspaceWith('fixtures/elsewhere'), toolCache, eventName: 'release', env, inputs: inputs(copies), onSpawn: watch })
      timers.forEach((t) => clearTimeout(t))
      const postRun = await runAction({ entry: 'post', env, state: mainRun.state, inputs: {}, timeoutMs: 400_000 })
      const output = mainRun.state['packer-output']
      const ledger = ledgerOf(output !== undefined && existsSync(output) ? readFileSync(output, 'utf8') : '')
      const after = await census(moto)
      const productSnapshots = await snapshotsOf(moto, ledger.productAmis)
      const fresh = (key: keyof Census): string[] => after[key].filter((x) => !before[key].includes(x))
      const left = [
        ...fresh('instances').map((x) => `instance ${x}`),
        ...fresh('keyPairs').map((x) => `key pair ${x}`),
        ...fresh('groups').map((x) => `security group ${x}`),
        ...fresh('images').filter((x) => !ledger.productAmis.includes(x)).map((x) => `AMI ${x}`),
        ...fresh('snapshots').filter((x) => !productSnapshots.includes(x)).map((x) => `snapshot ${x}`)
      ]
      results.push({ trial, how, regions: copies ? 2 : 1, atMs, left })
      console.log(`trial ${trial}: ${how} at ${atMs} ms, ${copies ? 2 : 1} region(s): ${left.length === 0 ? 'nothing left' : left.join(', ')}`)
      if (left.length > 0 && process.argv.includes('--explain')) {
        const said = (text: string, pattern: RegExp): string => text.split('\n').filter((l) => pattern.test(l)).join('\n')
        const out = output !== undefined && existsSync(output) ? readFileSync(output, 'utf8') : ''
        console.log(`  Packer said:\n${said(out, /AMI|Build '|Interrupt|Cancel|error/i)}`)
        console.log(`  post step said:\n${said(postRun.stdout, /^(?!::debug)/)}`)
        console.log(`  state: ${JSON.stringify(mainRun.state)}`)
      }
    }
  } finally {
    await Promise.all([slow.close(), moto.stop(), mirror.close()])
  }
  const leaky = results.filter((r) => r.left.length > 0)
  const total = results.reduce((sum, r) => sum + r.left.length, 0)
  console.log(`\n${n} trials, seed ${seed}: ${total} resources left in ${leaky.length} trials`)
  writeFigure(n, seed, total, leaky)
}

async function snapshotsOf(moto: Moto, amis: string[]): Promise<string[]> {
  const out: string[] = []
  for (const region of REGIONS) {
    const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))
    for (const image of Images.filter((i) => amis.includes(i.ImageId as string))) {
      out.push(...(image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : [])))
    }
  }
  return out
}

const SECTION = '## Cancellation trials'

/** Replaces the trials section of docs/benchmarks.md, leaving the bench's table as it is. */
function writeFigure(n: number, seed: number, total: number, leaky: Array<{ trial: number; how: How; regions: number; atMs: number; left: string[] }>): void {
  const file = path.join(repoRoot, 'docs', 'benchmarks.md')
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const head = text.includes(SECTION) ? text.slice(0, text.indexOf(SECTION)).trimEnd() : text.trimEnd()
  const section = [
    SECTION,
    '',
    `Command: \`npm run trials -- --n ${n} --seed ${seed}\`, measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `${n} builds (Packer 1.6.6 against moto, EC2 slowed to 100 ms a call, one region or a copy to a second)`,
    'interrupted at a random moment of the build, half as the runner cancels a step (SIGINT, SIGTERM',
    '7.5 s later, SIGKILL of the node process), half by a SIGKILL of the node process alone; then the',
    'post step. Counted afterwards: live instances, packer_ key pairs and security groups, and AMIs and',
    'snapshots that are not products.',
    '',
    `**Left behind: ${total} resources in ${leaky.length} of ${n} trials** (goal: 0).`,
    ...(leaky.length === 0 ? [] : ['', ...leaky.map((r) => `- trial ${r.trial} (${r.how} at ${r.atMs} ms, ${r.regions} region(s)): ${r.left.join(', ')}`)]),
    ''
  ]
  writeFileSync(file, `${head}\n\n${section.join('\n')}`)
}

try {
  await main()
} catch (err) {
  console.error(err)
  process.exitCode = 1
}
