/**
 * `npm run bench`: what the action costs next to bare Packer, measured side by side in one run
 * on this machine (Debian's Packer, moto_server, a loopback mirror). Every figure is the median
 * of RUNS runs with the compared commands interleaved; results go to docs/benchmarks.md.
 */
import { CreateImageCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { startAwsProxy, type AwsProxyCall } from '../test/support/aws-proxy.js'
import { installFrom, startMirror, writeStandInPacker, type Mirror } from '../test/support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../test/support/moto.js'
import { ensurePacker } from '../test/support/packer.js'
import { repoRoot, runAction, succeeded } from '../test/support/runner.js'
import { workspaceWith } from '../test/support/workspace.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const tmp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix))
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ms = (x: number): string => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`

interface Row {
  figure: string
  measured: string
  baseline: string
  ratio: string
  goal: string
  met: boolean
}
const rows: Row[] = []
let actionNodeVersion = process.version
const loadAtStart = loadavg()[0]

function row(figure: string, a: number, b: number | undefined, goal: string, met: boolean, unit = ms): void {
  rows.push({
    figure,
    measured: unit(a),
    baseline: b === undefined ? '—' : unit(b),
    ratio: b === undefined ? '—' : `${(a / b).toFixed(2)}x`,
    goal,
    met
  })
  console.log(`${figure}: ${unit(a)}${b === undefined ? '' : ` vs ${unit(b)} (${(a / b).toFixed(2)}x)`} — goal ${goal}: ${met ? 'met' : 'NOT met'}`)
}

/** Times each of the commands RUNS times, interleaved, and returns their medians. */
async function interleaved(commands: Array<() => Promise<unknown>>): Promise<number[]> {
  const times: number[][] = commands.map(() => [])
  for (let i = 0; i < RUNS; i++) {
    for (const [k, command] of commands.entries()) {
      const start = performance.now()
      await command()
      times[k].push(performance.now() - start)
    }
  }
  return times.map(median)
}


function actionInputs(mirror: Mirror, moto: Moto, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...installFrom(mirror),
    template: 'packer/single.pkr.hcl',
    variables: `ec2_endpoint: ${moto.endpoint}`,
    comment: 'false',
    ...extra
  }
}

async function overhead(mirror: Mirror, moto: Moto, toolCache: string): Promise<void> {
  const env = { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }
  const packer = ensurePacker()
  const [action, bare] = await interleaved([
    async () => succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'release', env, inputs: actionInputs(mirror, moto) })),
    async () => {
      const cwd = workspaceWith('fixtures/single')
      const r = spawnSync(packer, ['build', '-color=false', `-var=ec2_endpoint=${moto.endpoint}`, 'packer/single.pkr.hcl'], {
        cwd,
        env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' }
      })
      if (r.status !== 0) throw new Error(`bare packer failed: ${r.stdout}${r.stderr}`)
    }
  ])
  row('build: action (warm cache) vs bare `packer build`', action, bare, 'under 400 ms added', action - bare < 400)
  rows[rows.length - 1].measured += ` (+${ms(action - bare)})`
}

/** A `packer` in the tool cache that stamps the time of its first exec, then runs the real one. */
function stampingToolCache(stamp: string): string {
  const cache = tmp('pam-bench-stamp-')
  const dir = path.join(cache, 'packer', '1.6.6', process.arch)
  mkdirSync(dir, { recursive: true })
  writeStampingPacker(path.join(dir, 'packer'), ensurePacker(), stamp)
  writeFileSync(`${dir}.complete`, '')
  return cache
}

/** At `file`, a script that writes the time into $PAM_BENCH_STAMP (or `stamp`) once, then runs `real`. */
function writeStampingPacker(file: string, real: string, stamp = ''): void {
  writeFileSync(file, `#!/bin/sh\nstamp=\${PAM_BENCH_STAMP:-${stamp}}\n[ -s "$stamp" ] || date +%s%N > "$stamp"\nexec '${real}' "$@"\n`, { mode: 0o755 })
}

/** Milliseconds from now to the first exec of a stamping Packer during `run`, given its stamp file. */
async function untilFirstExec(run: (stamp: string) => Promise<unknown>): Promise<number> {
  const stamp = path.join(tmp('pam-bench-'), 'stamp')
  writeFileSync(stamp, '')
  const started = BigInt(Date.now()) * 1_000_000n + BigInt(Math.round((performance.now() % 1) * 1e6))
  await run(stamp)
  return Number(BigInt(readFileSync(stamp, 'utf8').trim()) - started) / 1e6
}

/** What loads at start, below dist/: index.js and the chunks it asks for before main runs. */
function startupFiles(): string[] {
  const entry = readFileSync(path.join(repoRoot, 'dist', 'index.js'), 'utf8')
  return ['index.js', ...[...entry.matchAll(/__nccwpck_require__\.e\((\d+)\)/g)].map((m) => `${m[1]}.index.js`)]
}

async function startup(mirror: Mirror, moto: Moto): Promise<void> {
  const samples: Record<'validate' | 'build' | 'self-hosted', number[]> = { validate: [], build: [], 'self-hosted': [] }
  const env = { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }
  // A self-hosted runner keeps its tool cache, and with it the action's compile cache: one run warms it.
  const kept = stampingToolCache(path.join(tmp('pam-bench-'), 'stamp'))
  const once = (mode: 'validate' | 'build', toolCache?: string, runner = 'github-hosted'): Promise<number> =>
    untilFirstExec(async (stamp) => {
      const cache = toolCache ?? stampingToolCache(stamp)
      succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache: cache, env: { ...env, RUNNER_ENVIRONMENT: runner, PAM_BENCH_STAMP: stamp }, inputs: actionInputs(mirror, moto, { mode }) }))
    })
  await once('build', kept, 'self-hosted')
  for (let i = 0; i < RUNS; i++) {
    samples.validate.push(await once('validate'))
    samples.build.push(await once('build'))
    samples['self-hosted'].push(await once('build', kept, 'self-hosted'))
  }
  const sdkInMain = startupFiles().some((file) => /class EC2Client|class SSMClient/.test(readFileSync(path.join(repoRoot, 'dist', file), 'utf8')))
  row('start-up to Packer\'s first exec, validate mode', median(samples.validate), undefined, 'under 250 ms', median(samples.validate) < 250)
  row('start-up to Packer\'s first exec, build mode', median(samples.build), undefined, 'under 250 ms', median(samples.build) < 250)
  row(
    'start-up to Packer\'s first exec, build mode, self-hosted runner (compile cache kept in the tool cache) vs GitHub-hosted',
    median(samples['self-hosted']),
    median(samples.build),
    'faster than without',
    median(samples['self-hosted']) < median(samples.build)
  )
  rows.push({
    figure: 'AWS SDK in what loads at start (dist/index.js and the chunks it loads before main runs; validate never loads it)',
    measured: sdkInMain ? 'yes' : 'no: lazy chunk',
    baseline: '—',
    ratio: '—',
    goal: 'lazy',
    met: !sdkInMain
  })
}

/**
 * Packer 1.16 (the mirror serves Debian's 1.6.6 under that number), the amazon plugin in the
 * tool cache: Packer's first exec (the confirmation of the placed plugin) when the plugin needs
 * are read from the template first, and when an earlier run of the same files settled them.
 */
async function settledStartup(mirror: Mirror, moto: Moto): Promise<void> {
  const env = { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }
  const cache = tmp('pam-bench-cache-')
  const build = async (settled: boolean, stamp?: string): Promise<void> => {
    if (!settled) rmSync(path.join(cache, 'packer-ami-action', 'plugin-needs'), { recursive: true, force: true })
    const run = succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache: cache, env: { ...env, ...(stamp === undefined ? {} : { PAM_BENCH_STAMP: stamp }) }, inputs: actionInputs(mirror, moto, { mode: 'build', 'packer-version': '1.16.0' }) }))
    if (run.stdout.includes('Plugins as an earlier run of these template files settled them') !== settled) throw new Error(`settled=${settled} took the other path:\n${run.stdout}`)
  }
  const once = (settled: boolean): Promise<number> => untilFirstExec((stamp) => build(settled, stamp))
  // The first run installs the mirror's Packer 1.16.0 and the plugin; then the cached Packer
  // stamps its first exec.
  await build(false)
  const packer = path.join(cache, 'packer', '1.16.0', process.arch, 'packer')
  renameSync(packer, `${packer}-real`)
  writeStampingPacker(packer, `${packer}-real`)
  await once(false)
  const samples = { read: [] as number[], settled: [] as number[] }
  for (let i = 0; i < RUNS; i++) {
    samples.read.push(await once(false))
    samples.settled.push(await once(true))
  }
  const [settled, read] = [median(samples.settled), median(samples.read)]
  row("start-up to Packer's first exec, Packer 1.16 (amazon plugin cached): plugin needs settled by an earlier run vs read from the template", settled, read, 'sooner', settled < read)
}

/**
 * The comparison a user makes: the action's validate mode (tool cache warm) against the floor
 * of a hand-written step, `packer fmt -check` then `packer validate`, the binary installed.
 */
async function validateVsHand(mirror: Mirror, moto: Moto, toolCache: string): Promise<void> {
  const packer = ensurePacker()
  const vars = `-var=ec2_endpoint=${moto.endpoint}`
  const [action, hand] = await interleaved([
    async () => succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'pull_request', inputs: actionInputs(mirror, moto) })),
    async () => handStep(packer, vars, workspaceWith('fixtures/single'))
  ])
  row('validate: action (warm cache) vs `packer fmt -check && packer validate` by hand', action, hand, 'within 1.3x', action / hand <= 1.3)
}

function handStep(packer: string, vars: string, cwd: string): void {
  const template = 'packer/single.pkr.hcl'
  execFileSync('sh', ['-c', `'${packer}' fmt -check ${template} && '${packer}' validate '${vars}' ${template}`], { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1' } })
}

/**
 * Install and validate on a cache miss: the action against curl + gpgv + sha256sum + unzip
 * then fmt and validate, from the same mirror in a process of its own.
 */
async function installAndValidate(moto: Moto): Promise<void> {
  const { mirror, stop } = await separateMirror()
  const keyring = path.join(tmp('pam-bench-key-'), 'key.gpg')
  execFileSync('gpg', ['--batch', '--yes', '--dearmor', '-o', keyring], { input: mirror.publicKeyArmored })
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'
  const zip = `packer_1.6.6_linux_${arch}.zip`
  const inputs = { 'packer-version': '1.6.6', 'packer-mirror': mirror.url, 'packer-signing-key': mirror.publicKeyArmored, template: 'packer/single.pkr.hcl', variables: `ec2_endpoint: ${moto.endpoint}`, comment: 'false' }
  const [action, hand] = await interleaved([
    async () => succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache: tmp('pam-bench-miss-'), eventName: 'pull_request', inputs })),
    async () => {
      const cwd = workspaceWith('fixtures/single')
      const fmtValidate = `cd '${cwd}' && "$OLDPWD/out/packer" fmt -check packer/single.pkr.hcl && "$OLDPWD/out/packer" validate '-var=ec2_endpoint=${moto.endpoint}' packer/single.pkr.hcl >/dev/null`
      floorInstall({ base: `${mirror.url}/packer/1.6.6`, zip, sums: 'packer_1.6.6_SHA256SUMS', keyId: mirror.keyId, keyring, then: fmtValidate })
    }
  ])
  row('install + validate on a cache miss vs curl + gpgv + sha256sum + unzip + fmt + validate', action, hand, 'within 1.1x', action / hand <= 1.1)
  stop()
}

/** The mirror of `scripts/serve-mirror.ts`, in a process of its own. */
async function separateMirror(): Promise<{ mirror: Pick<Mirror, 'url' | 'publicKeyArmored' | 'keyId'>; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'serve-mirror.ts')], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve-mirror exited with ${code}`)))
  })
  return { mirror: JSON.parse(line), stop: () => child.stdin.end() }
}

async function install(): Promise<void> {
  const { installPacker } = await import('../src/packer/install.js')
  const { mirror, stop } = await separateMirror()
  const keyring = path.join(tmp('pam-bench-key-'), 'key.gpg')
  execFileSync('gpg', ['--batch', '--yes', '--dearmor', '-o', keyring], { input: mirror.publicKeyArmored })
  const { os, arch } = { os: 'linux', arch: process.arch === 'arm64' ? 'arm64' : 'amd64' }
  const base = `${mirror.url}/packer/1.6.6`
  const zip = `packer_1.6.6_${os}_${arch}.zip`
  const sums = 'packer_1.6.6_SHA256SUMS'
  const req = { spec: '1.6.6', mirror: mirror.url, signingKey: mirror.publicKeyArmored, verifySignature: true }
  let warmCache = ''
  const [action, floor] = await interleaved([
    async () => {
      warmCache = tmp('pam-bench-cache-')
      process.env.RUNNER_TOOL_CACHE = warmCache
      process.env.RUNNER_TEMP = tmp('pam-bench-temp-')
      await installPacker(req)
    },
    async () => floorInstall({ base, zip, sums, keyId: mirror.keyId, keyring })
  ])
  row('install on a cache miss vs curl + gpgv + sha256sum + unzip', action, floor, 'within 1.3x', action / floor <= 1.3)
  const [hit] = await interleaved([
    async () => {
      process.env.RUNNER_TOOL_CACHE = warmCache
      await installPacker(req)
    }
  ])
  row('install on a cache hit', hit, undefined, 'under 50 ms', hit < 50)
  await pluginInstall(mirror, keyring)
  stop()
}

/** The floor an install is measured against: curl, gpgv, sha256sum and unzip, by hand. */
function floorInstall(f: { base: string; zip: string; sums: string; keyId: string; keyring: string; then?: string }): void {
  const steps = [
    `curl -sf -o ${f.zip} ${f.base}/${f.zip}`,
    `curl -sf -o ${f.sums} ${f.base}/${f.sums}`,
    `curl -sf -o ${f.sums}.sig ${f.base}/${f.sums}.${f.keyId}.sig`,
    `gpgv --keyring ${f.keyring} ${f.sums}.sig ${f.sums} 2>/dev/null`,
    `grep ' ${f.zip}$' ${f.sums} | sha256sum -c - >/dev/null`,
    `unzip -o -q ${f.zip} -d out`,
    ...(f.then === undefined ? [] : [f.then])
  ]
  execFileSync('sh', ['-c', steps.join(' && ')], { cwd: tmp('pam-bench-floor-') })
}

/** The amazon plugin (a 100 MB binary, as the real one) from the mirror, verified, cached, placed. */
async function pluginInstall(mirror: Pick<Mirror, 'url' | 'publicKeyArmored' | 'keyId'>, keyring: string): Promise<void> {
  const { installPlugin } = await import('../src/packer/plugins.js')
  const site = { mirror: mirror.url, signingKey: mirror.publicKeyArmored, verifySignature: true }
  const req = { source: 'github.com/hashicorp/amazon', version: { input: 'amazon-plugin-version', spec: '1.8.2' } }
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'
  const base = `${mirror.url}/packer-plugin-amazon/1.8.2`
  const zip = `packer-plugin-amazon_1.8.2_linux_${arch}.zip`
  const sums = 'packer-plugin-amazon_1.8.2_SHA256SUMS'
  let warmCache = ''
  const [action, floor] = await interleaved([
    async () => {
      warmCache = tmp('pam-bench-cache-')
      process.env.RUNNER_TOOL_CACHE = warmCache
      process.env.RUNNER_TEMP = tmp('pam-bench-temp-')
      await installPlugin(site, req, tmp('pam-bench-plugins-'), process.env)
    },
    // What Packer's own getter does (it also hashes the binary), plus the signature it skips.
    async () => floorInstall({ base, zip, sums, keyId: mirror.keyId, keyring, then: 'sha256sum out/packer-plugin-amazon_* > /dev/null' })
  ])
  row('plugin install (100 MB) on a cache miss vs curl + gpgv + sha256sum + unzip', action, floor, 'within 1.3x', action / floor <= 1.3)
  const [hit] = await interleaved([
    async () => {
      process.env.RUNNER_TOOL_CACHE = warmCache
      await installPlugin(site, req, tmp('pam-bench-plugins-'), process.env)
    }
  ])
  row('plugin install on a cache hit, placed for Packer', hit, undefined, 'under 50 ms', hit < 50)
  await pluginConfirmation(site, req)
}

/**
 * Packer's confirmation of the placement, which runs before init, validate or build: `packer
 * plugins installed` hashes every plugin in the folder and runs its `describe`. Packer 1.16 is
 * the tests' stand-in here (node answering as Packer does), measured against what Packer cannot
 * skip: sha256sum and `describe` of the 100 MB plugin.
 */
async function pluginConfirmation(site: { mirror: string; signingKey: string; verifySignature: boolean }, req: { source: string; version: { input: string; spec: string } }): Promise<void> {
  const { installPlugin } = await import('../src/packer/plugins.js')
  const { confirmPlugins } = await import('../src/packer/plugin-confirm.js')
  const dir = tmp('pam-bench-plugins-')
  const p = await installPlugin(site, req, dir, process.env)
  const packer = writeStandInPacker(path.join(tmp('pam-bench-packer-'), 'packer'))
  const env = { ...process.env, PACKER_PLUGIN_PATH: dir }
  const platform = { os: 'linux', arch: process.arch === 'arm64' ? 'arm64' : 'amd64', ext: '' }
  const [confirm, floor] = await interleaved([
    async () => confirmPlugins({ packer, dir, env, placed: [{ source: p.source, version: p.version, binary: p.binary }], usersFolder: false, platform }),
    async () => execFileSync('sh', ['-c', `sha256sum '${p.binary}' > /dev/null && '${p.binary}' describe > /dev/null`])
  ])
  row('Packer confirms the placement (`packer plugins installed`, stand-in) vs sha256sum + describe', confirm, floor, 'within 1.5x', confirm / floor <= 1.5)
}

/** AMIs in `count` regions, made directly in moto, as a build would leave them. */
async function amisIn(moto: Moto, regions: string[]): Promise<Array<{ build: string; builder: string; region: string; ami: string }>> {
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
  return Promise.all(
    regions.map(async (region) => {
      const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials })
      const { Instances = [] } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1 }))
      const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `bench-${Math.random()}` }))
      return { build: 'amazon-ebs.bench', builder: 'amazon-ebs', region, ami: ImageId as string }
    })
  )
}

/**
 * The calls of one run on a timeline: when each arrived at the proxy (before its added delay) and
 * was answered, relative to the run's start, and how many calls were in flight; a call that
 * starts only when another ends shows a round trip on the path.
 */
function printTimeline(label: string, start: number, calls: AwsProxyCall[]): void {
  console.log(`-- ${label}: ${calls.length} calls`)
  for (const c of calls) {
    const inFlight = calls.filter((o) => o.receivedAt <= c.receivedAt && (o.answeredAt ?? Infinity) > c.receivedAt).length
    const params = Object.entries(c.params).filter(([k]) => k !== 'Action' && k !== 'Version').map(([k, v]) => `${k}=${v}`).join(' ')
    console.log(`${(c.receivedAt - start).toFixed(0).padStart(6)} → ${((c.answeredAt ?? NaN) - start).toFixed(0).padStart(6)} ms  ${String(inFlight).padStart(2)} in flight  ${(c.region ?? '').padEnd(14)} ${c.action} ${params.slice(0, 140)}`)
  }
}

async function fanOut(moto: Moto): Promise<void> {
  const proxy = await startAwsProxy({ target: moto.endpoint, delayMs: 100 })
  process.env.AWS_ENDPOINT_URL = proxy.endpoint
  Object.assign(process.env, awsTestEnv)
  const { afterBuild } = await import('../src/aws/after-build.js')
  const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1']
  const options = {
    tags: { team: 'images' },
    shareAccounts: ['111122223333'],
    shareOrganizations: [],
    shareOus: [],
    ssmParameter: '/bench/latest',
    family: 'bench',
    cleanupDryRun: false,
    launchTemplates: [],
    launchTemplateDefault: false,
    deregistrationProtection: false
  }
  const provenance = { repository: 'acme/images', commit: 'c', runUrl: 'u', ref: 'r', template: 't', fingerprint: 'f' }
  const run = async (n: number): Promise<void> => {
    const artifacts = await amisIn(moto, regions.slice(0, n))
    const first = proxy.calls.length
    const start = performance.now()
    await afterBuild({ artifacts, options, provenance, repository: 'acme/images' })
    timing.push([n, performance.now() - start])
    depths.push([n, roundsOf(proxy.calls.slice(first))])
    // BENCH_TRACE=1: the run's calls as the proxy saw them, to find what waits on what.
    if (process.env.BENCH_TRACE) printTimeline(`${n} region(s)`, start, proxy.calls.slice(first))
  }
  const timing: Array<[number, number]> = []
  const depths: Array<[number, number]> = []
  for (let i = 0; i < RUNS; i++) {
    await run(1)
    await run(8)
  }
  await proxy.close()
  const one = median(timing.filter(([n]) => n === 1).map(([, t]) => t))
  const eight = median(timing.filter(([n]) => n === 8).map(([, t]) => t))
  row('after-build (tags, sharing, SSM), 8 regions vs 1, +100 ms per call', eight, one, '8 regions within 1.5x of 1', eight / one <= 1.5)
  const rounds = (n: number): number => median(depths.filter(([k]) => k === n).map(([, d]) => d))
  rows[rows.length - 1].measured += ` (${rounds(8)} rounds of calls; 1 region: ${rounds(1)})`
  console.log(`rounds of calls one after another: 8 regions ${rounds(8)}, 1 region ${rounds(1)}`)
}

/**
 * Round trips on the longest path: the longest chain of calls in which each was sent after the
 * one before it was answered (the proxy's timestamps). Calls in flight together are one round.
 */
function roundsOf(calls: AwsProxyCall[]): number {
  const depth = new Map<AwsProxyCall, number>()
  for (const c of [...calls].sort((a, b) => a.receivedAt - b.receivedAt)) {
    const before = calls.filter((d) => d.answeredAt !== undefined && d.answeredAt <= c.receivedAt).map((d) => depth.get(d) ?? 0)
    depth.set(c, 1 + Math.max(0, ...before))
  }
  return Math.max(0, ...depth.values())
}

/**
 * Retention over a family of BENCH_RETENTION_AMIS (1,000) AMIs in each of 8 regions, keep-latest
 * 10, behind the proxy: the API calls of each region (the proxy's log) and the time, for a dry
 * run through DescribeImageReferences, a dry run through the fallback, and the removal itself.
 * The AMIs are copies made in parallel batches (CopyImage), then tagged into the family; two of
 * each region's are referenced (an SSM parameter, an old launch template version).
 */
async function retentionAtScale(moto: Moto): Promise<void> {
  const { CopyImageCommand, CreateLaunchTemplateCommand, CreateLaunchTemplateVersionCommand, CreateTagsCommand } = await import('@aws-sdk/client-ec2')
  const { PutParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm')
  const perRegion = Number(process.env.BENCH_RETENTION_AMIS ?? 1000)
  const keep = 10
  const family = 'bench/retention-at-scale'
  const regions = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1']
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
  const seedStart = performance.now()
  const thisRun = await amisIn(moto, regions)
  await Promise.all(
    thisRun.map(async ({ region, ami }) => {
      const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials })
      const copies: string[] = []
      for (let i = 0; i < perRegion - 1; i += 50) {
        const batch = Array.from({ length: Math.min(50, perRegion - 1 - i) }, (_, k) =>
          ec2.send(new CopyImageCommand({ SourceImageId: ami, SourceRegion: region, Name: `bench-${i + k}` })).then((c) => c.ImageId as string)
        )
        copies.push(...(await Promise.all(batch)))
      }
      for (let i = 0; i < copies.length; i += 500) {
        await ec2.send(new CreateTagsCommand({ Resources: copies.slice(i, i + 500), Tags: [{ Key: 'packer-ami-action:family', Value: family }] }))
      }
      // Copies share the second they were made in; this run's AMI counts as the newest among equals.
      const [byParameter, byOldVersion] = copies
      await new SSMClient({ region, endpoint: moto.endpoint, credentials }).send(
        new PutParameterCommand({ Name: '/other-team/base-ami', Value: byParameter, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true })
      )
      const lt = await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'other-team', LaunchTemplateData: { ImageId: byOldVersion } }))
      await ec2.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: lt.LaunchTemplate?.LaunchTemplateId, LaunchTemplateData: { ImageId: ami } }))
    })
  )
  console.log(`retention at scale: ${perRegion} AMIs in each of ${regions.length} regions made in ${ms(performance.now() - seedStart)}`)

  Object.assign(process.env, awsTestEnv)
  const { afterBuild } = await import('../src/aws/after-build.js')
  const provenance = { repository: 'acme/images', commit: 'c', runUrl: 'u', ref: 'r', template: 't', fingerprint: 'f' }
  const options = (dryRun: boolean) => ({
    tags: {},
    shareAccounts: [],
    shareOrganizations: [],
    shareOus: [],
    family,
    keepLatest: keep,
    cleanupDryRun: dryRun,
    launchTemplates: [],
    launchTemplateDefault: false,
    deregistrationProtection: false
  })
  const measure = async (label: string, proxyOptions: { imageReferences: boolean; delayMs: number }, dryRun: boolean): Promise<void> => {
    const proxy = await startAwsProxy({ target: moto.endpoint, ...proxyOptions })
    process.env.AWS_ENDPOINT_URL = proxy.endpoint
    try {
      const start = performance.now()
      const report = await afterBuild({ artifacts: thisRun, options: options(dryRun), provenance, repository: 'acme/images' })
      const took = performance.now() - start
      const perAction = new Map<string, number[]>()
      for (const c of proxy.calls) {
        const counts = perAction.get(c.action) ?? regions.map(() => 0)
        counts[regions.indexOf(c.region ?? '')] += 1
        perAction.set(c.action, counts)
      }
      const spread = (counts: number[]): string => (Math.min(...counts) === Math.max(...counts) ? `${counts[0]}` : `${Math.min(...counts)}–${Math.max(...counts)}`)
      const calls = [...perAction].map(([action, counts]) => `${action} ${spread(counts)}`).join(', ')
      const total = spread(regions.map((_, i) => [...perAction.values()].reduce((n, counts) => n + counts[i], 0)))
      const removed = spread(report.retention.map((r) => r.removed.length))
      const spared = spread(report.retention.map((r) => r.spared.length))
      rows.push({
        figure: `retention, ${perRegion} AMIs × ${regions.length} regions, keep-latest ${keep}: ${label}`,
        measured: `${ms(took)}; ${total} calls a region: ${calls}; ${removed} ${dryRun ? 'would go' : 'removed'}, ${spared} spared a region`,
        baseline: '—',
        ratio: '—',
        goal: 'listing in a few pages a region',
        met: (perAction.get('DescribeImages') ?? [0]).every((n) => n <= 3)
      })
      console.log(`${rows[rows.length - 1].figure}: ${rows[rows.length - 1].measured}`)
    } finally {
      await proxy.close()
    }
  }
  await measure('dry run, DescribeImageReferences, +100 ms a call', { imageReferences: true, delayMs: 100 }, true)
  await measure('dry run, fallback (moto has no DescribeImageReferences), +100 ms a call', { imageReferences: false, delayMs: 100 }, true)
  await measure('removal, DescribeImageReferences, no added latency', { imageReferences: true, delayMs: 0 }, false)
}

async function reuse(mirror: Mirror, moto: Moto, toolCache: string): Promise<void> {
  const env = { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' }
  const fixed = actionInputs(mirror, moto, { 'skip-unchanged': 'true', variables: `ec2_endpoint: ${moto.endpoint}\napp_version: bench` })
  succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'release', env, inputs: fixed }))
  let n = 0
  const [reused, full] = await interleaved([
    async () => {
      const r = succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'release', env, inputs: fixed }))
      if (r.outputs['reused'] !== 'true') throw new Error('expected a reuse')
    },
    async () => {
      const inputs = actionInputs(mirror, moto, { 'skip-unchanged': 'true', variables: `ec2_endpoint: ${moto.endpoint}\napp_version: v${n++}` })
      succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'release', env, inputs }))
    }
  ])
  row('skip-unchanged: reuse vs a full build', reused, full, 'cheaper than a build', reused < full)
}

async function bundle(): Promise<void> {
  const dist = path.join(repoRoot, 'dist')
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
  const size = (f: string): number => statSync(path.join(dist, f)).size
  const mainSize = startupFiles().reduce((sum, f) => sum + size(f), 0)
  const total = files.reduce((sum, f) => sum + size(f), 0)
  const load = (args: string[]): (() => Promise<void>) => async () => {
    spawnSync(process.execPath, args, { env: { PATH: process.env.PATH, 'INPUT_MODE': 'not-a-mode', GITHUB_OUTPUT: '/dev/null' } })
  }
  const [withBundle, bare] = await interleaved([load([path.join(dist, 'index.js')]), load(['-e', ''])])
  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(2)} MiB`
  rows.push({ figure: 'what loads at start: dist/index.js and the chunks it loads before main runs (all of dist/*.js)', measured: `${mb(mainSize)} (${mb(total)})`, baseline: '—', ratio: '—', goal: '—', met: true })
  const post = files.filter((f) => f.startsWith(`post${path.sep}`))
  const postText = post.map((f) => readFileSync(path.join(dist, f), 'utf8')).join('\n')
  const extraClients = ['SSMClient', 'KMSClient'].filter((name) => postText.includes(`class ${name}`))
  rows.push({
    figure: 'dist/post/*.js size; SSM or KMS clients in it (the post step calls EC2 and IAM)',
    measured: `${mb(post.reduce((sum, f) => sum + size(f), 0))}; ${extraClients.join(', ') || 'none'}`,
    baseline: '—',
    ratio: '—',
    goal: 'EC2 only',
    met: extraClients.length === 0
  })
  row('load dist/index.js and fail on bad input vs bare `node -e ""`', withBundle, bare, '—', true)
}

function writeReport(): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, the action's bundle on Node ${actionNodeVersion} (the bench and the in-process figures on ${process.version}), Packer 1.6.6 (Debian), moto_server`
  const table = [
    '| figure | measured | compared with | ratio | goal | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`)
  ]
  const text = [
    '# Benchmarks',
    '',
    `Command: \`npm run bench\` (median of ${RUNS} runs each, compared commands interleaved in one run).`,
    '',
    `Machine: ${machine}. Measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...table,
    '',
    'The build figures run the bundled `dist/` as a runner would (a node process per run) against',
    'moto_server, so the absolute times are far below a real AWS build; what matters is the',
    "action's cost next to Packer's. Fan-out runs the after-build code directly behind a loopback",
    'proxy that adds 100 ms to every EC2/SSM call.',
    '',
    'What keeps the action ahead of a hand-written step: each Packer command starts its binary once,',
    "not twice (the action does the work of Packer's panicwrap parent and passes `PACKER_WRAP_COOKIE`);",
    'Packer starts before the template is read when nothing the reading decides must come first (no',
    'plugin to place, or the plugin needs settled by an earlier run of the same files; no `packer',
    'init`, no earlier build to look for); validate mode runs `packer fmt -check` beside `packer',
    "validate`; HashiCorp's HCL parser (Go compiled to WebAssembly) is kept unzipped and compiles off",
    "the main thread while the action's code loads, and V8 does not compile it a second time; OpenPGP",
    'loads only for a download, Octokit only for a comment, and undici (through @actions/core and',
    "@actions/tool-cache, patched to load it on first use) only for a download; the AWS SDK loads",
    "while Packer builds, and the bundle holds only the EC2 client's commands the action sends; on a",
    'cache miss the plugins download beside Packer, and each release is extracted straight into the',
    "tool cache by Node's zlib in 1 MiB pieces (Info-ZIP's unzip took 600 ms for Packer's 107 MB). A",
    "trivial build against moto lasts less than the AWS SDK's load, so the build overhead shows that",
    'load, which a real build hides.',
    '',
    `Load average (1 min) when the run started: ${loadAtStart.toFixed(2)}; when it ended: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores.`,
    'Figures taken while other work shared the cores are upper bounds: Packer and the action compete',
    'for the same cores, and the ratios pair each run of the action with a run of what it is',
    'compared with.',
    ...(rows.some((r) => !r.met) ? ['', `Goals not met in this run: ${rows.filter((r) => !r.met).map((r) => r.figure).join('; ')}.`] : []),
    '',
    'Retention at scale runs the after-build code over BENCH_RETENTION_AMIS (1,000) AMIs of one',
    'family in each of 8 regions, made with CopyImage; calls are counted per region from the',
    "proxy's log. DescribeImageReferences takes at most 10 AMIs a call. The times are moto's more",
    "than the action's: one Python process serves every region, and the proxy answers each",
    'DescribeImageReferences with several moto calls of its own; moto ignores',
    "DeleteAssociatedSnapshots, so removal adds a DeleteSnapshot per snapshot that EC2 would not need.",
    ''
  ]
  // npm run trials keeps its own section of the file: carry it over.
  const file = path.join(repoRoot, 'docs', 'benchmarks.md')
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : ''
  // Sections written by hand (the start-up profile) or by npm run trials are carried over.
  const kept = ['## Start-up profile', '## Cancellation trials'].map((h) => previous.indexOf(h)).filter((i) => i >= 0)
  const carried = kept.length === 0 ? '' : previous.slice(Math.min(...kept))
  writeFileSync(file, carried === '' ? text.join('\n') : `${text.join('\n').trimEnd()}\n\n${carried}`)
  console.log(`\n${table.join('\n')}\n\nwritten to docs/benchmarks.md`)
}

async function main(): Promise<void> {
  // Everything this makes in the temp dir (tool caches, runs with Packer's zips) goes under one root, removed at the end.
  const root = mkdtempSync(path.join(tmpdir(), 'packer-ami-action-measure-'))
  process.env.TMPDIR = root
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
  const [moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6', '1.16.0'], plugins: { amazon: ['1.8.2'] } })])
  try {
    // BENCH_ONLY=retention (or install, fanout): those figures alone, printed, without bundling or rewriting the report.
    if (process.env.BENCH_ONLY === 'retention') return await retentionAtScale(moto)
    if (process.env.BENCH_ONLY === 'install') return await install()
    // BENCH_ONLY=fanout: the after-build fan-out alone (BENCH_TRACE=1 prints each run's calls on a timeline).
    if (process.env.BENCH_ONLY === 'fanout') return await fanOut(moto)
    // The bundle runs on the runtime action.yml declares.
    process.env.ACTION_NODE ||= execFileSync('npx', ['tsx', path.join(repoRoot, 'test', 'support', 'node24.ts')], { encoding: 'utf8' }).trim()
    actionNodeVersion = execFileSync(process.env.ACTION_NODE, ['--version'], { encoding: 'utf8' }).trim()
    const toolCache = tmp('pam-bench-cache-')
    succeeded(await runAction({ cwd: workspaceWith('fixtures/single'), toolCache, eventName: 'pull_request', inputs: actionInputs(mirror, moto) }))
    // BENCH_ONLY=speed: the start-up and overhead figures alone, printed, without rewriting the report.
    if (process.env.BENCH_ONLY === 'speed') {
      await overhead(mirror, moto, toolCache)
      await startup(mirror, moto)
      await settledStartup(mirror, moto)
      await validateVsHand(mirror, moto, toolCache)
      return await installAndValidate(moto)
    }
    await overhead(mirror, moto, toolCache)
    await startup(mirror, moto)
    await settledStartup(mirror, moto)
    await validateVsHand(mirror, moto, toolCache)
    await installAndValidate(moto)
    await install()
    await fanOut(moto)
    await reuse(mirror, moto, toolCache)
    // Last of the moto figures: it leaves moto holding thousands of AMIs.
    await retentionAtScale(moto)
    await bundle()
    writeReport()
  } finally {
    await Promise.all([moto.stop(), mirror.close()])
  }
}

try {
  await main()
} catch (err) {
  console.error(err)
  process.exitCode = 1
}
