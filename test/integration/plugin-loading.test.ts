/**
 * The plugins the action places, as Packer >= 1.11 loads them: the highest valid version in its
 * one folder wins, that folder hides Packer's default one, sources keep their case, and Packer
 * itself (`packer plugins installed`) confirms what the action placed. Here Packer 1.16.0 is the
 * stand-in (Debian's 1.6.6 behind test/support/packer-stand-in.ts, which answers `plugins
 * installed` and `init` as hashicorp/packer v1.16.0 does); the real-packer CI job runs this
 * file against Packer 1.11 and 1.16 from the release site. Plugins Packer should not load are
 * scripts that answer `describe` (test/support/mirror.ts, seedPlugin): real Packer lists them
 * too, and fails on them if it ever starts one.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, pluginScript, realRelease, seedPlugin, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const PLATFORM = `${{ linux: 'linux', darwin: 'darwin' }[process.platform as 'linux']}_${{ x64: 'amd64', arm64: 'arm64' }[process.arch as 'x64']}`
const AMAZON = 'github.com/hashicorp/amazon'
const amazonBinary = (dir: string, version: string, source = AMAZON): string =>
  path.join(dir, ...source.split('/'), `packer-plugin-amazon_v${version}_x5.0_${PLATFORM}`)
const tmp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix))
const log = (r: RunResult): string => r.stdout + r.stderr
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

let moto: Moto
let mirror: Mirror
/** One tool cache for the file: on the real release site each cache miss is a 100 MB plugin. */
let toolCache: string

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.16.0'], plugins: { amazon: ['1.8.1', '1.8.2'] } })])
  toolCache = tmp('pam-cache-')
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

interface Step {
  inputs?: Record<string, string>
  env?: Record<string, string>
  cwd?: string
  cache?: string
}

/** One step, with a home of its own unless `env` gives one: nothing of the developer's Packer folders leaks in. */
function run(step: Step = {}): Promise<RunResult> {
  return runAction({
    cwd: step.cwd ?? workspaceWith('packer'),
    toolCache: step.cache ?? toolCache,
    eventName: 'release',
    env: { HOME: tmp('pam-home-'), ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint, ...step.env },
    inputs: { ...installFrom(mirror), 'packer-version': realRelease?.version ?? '1.16.0', template: 'packer', mode: 'validate', variables: `ec2_endpoint: ${moto.endpoint}`, ...step.inputs }
  })
}

/** The folder of the action's own that the step pointed PACKER_PLUGIN_PATH at. */
function actionFolder(r: RunResult): string {
  const own = readdirSync(r.runnerTemp).filter((f) => f.startsWith('packer-plugins-'))
  expect(own).toHaveLength(1)
  return path.join(r.runnerTemp, own[0])
}

/**
 * Debian's Packer 1.6.6 behind the stand-in rejects a `required_plugins` block when it validates;
 * real Packer validates it. Up to there (placing, Packer's confirmation, init) the run is the same.
 */
function validatedOrStandInLimit(r: RunResult): void {
  if (realRelease !== undefined) {
    succeeded(r)
    return
  }
  expect(log(r)).not.toContain('packer init failed')
  expect(log(r)).toContain('Blocks of type "required_plugins" are not expected here')
}

describe('plugins as Packer loads them', () => {
  it('leaves a higher version in Packer\'s default folder out of its view: the pin holds, and the folder is untouched', async () => {
    const home = tmp('pam-home-')
    const higher = seedPlugin(path.join(home, '.config', 'packer', 'plugins'), AMAZON, '9.9.9')
    const before = sha256(higher)
    const r = succeeded(await run({ env: { HOME: home } }))
    expect(log(r)).toContain(`Left out of Packer's view for this step: ${higher} (amazon 9.9.9)`)
    expect(log(r)).toContain(`Packer confirms plugin ${AMAZON} 1.8.2: ${amazonBinary(actionFolder(r), '1.8.2')}`)
    expect(existsSync(amazonBinary(actionFolder(r), '9.9.9'))).toBe(false)
    expect(sha256(higher)).toBe(before)
    expect(existsSync(`${higher}_SHA256SUM`)).toBe(true)
  })

  it.each<[string, (home: string) => { folder: string; env: Record<string, string> }]>([
    ['~/.config/packer', (home) => ({ folder: path.join(home, '.config', 'packer', 'plugins'), env: {} })],
    ['~/.packer.d, which wins once it exists', (home) => ({ folder: path.join(home, '.packer.d', 'plugins'), env: {} })],
    ['$XDG_CONFIG_HOME/packer', (home) => ({ folder: path.join(home, 'xdg', 'packer', 'plugins'), env: { XDG_CONFIG_HOME: path.join(home, 'xdg') } })],
    ['$PACKER_CONFIG_DIR/.packer.d', (home) => ({ folder: path.join(home, 'conf', '.packer.d', 'plugins'), env: { PACKER_CONFIG_DIR: path.join(home, 'conf') } })]
  ])('keeps a plugin an earlier step installed in %s visible to Packer', async (_where, layout) => {
    const home = tmp('pam-home-')
    const { folder, env } = layout(home)
    const earlier = seedPlugin(folder, 'github.com/acme/envdump', '0.1.0')
    const r = succeeded(await run({ env: { HOME: home, ...env } }))
    const carried = path.join(actionFolder(r), 'github.com', 'acme', 'envdump', path.basename(earlier))
    // Packer's own listing: it checked the checksum and ran `describe`.
    expect(log(r)).toMatch(new RegExp(`^${carried.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'))
    expect(log(r)).toContain(`Packer confirms plugin ${AMAZON} 1.8.2`)
    expect(existsSync(earlier)).toBe(true)
  })

  it('fails when your own PACKER_PLUGIN_PATH holds a higher version, naming both versions and the path, and removes nothing', async () => {
    const yours = tmp('pam-plugin-path-')
    const higher = seedPlugin(yours, AMAZON, '1.9.0')
    const lower = seedPlugin(yours, AMAZON, '1.7.0')
    const r = await run({ env: { PACKER_PLUGIN_PATH: yours } })
    expect(r.code).not.toBe(0)
    expect(log(r)).toContain(
      `::error::plugin ${AMAZON}: Packer would load version 1.9.0 instead of 1.8.2, the version the action placed: your PACKER_PLUGIN_PATH (${yours}) holds ${higher}.`
    )
    expect(log(r)).not.toContain('1.7.0 instead')
    for (const file of [higher, `${higher}_SHA256SUM`, lower, amazonBinary(yours, '1.8.2')]) expect(existsSync(file)).toBe(true)
  })

  it('gives each of two steps in one job the amazon-plugin-version it asks for', async () => {
    const runnerTemp = tmp('pam-job-temp-')
    const home = tmp('pam-home-')
    const first = succeeded(await run({ env: { HOME: home, RUNNER_TEMP: runnerTemp }, inputs: { 'amazon-plugin-version': '1.8.2' } }))
    expect(log(first)).toContain(`Packer confirms plugin ${AMAZON} 1.8.2`)
    const second = succeeded(await run({ env: { HOME: home, RUNNER_TEMP: runnerTemp }, inputs: { 'amazon-plugin-version': '1.8.1' } }))
    expect(log(second)).toContain(`Packer confirms plugin ${AMAZON} 1.8.1`)
    expect(log(second)).not.toMatch(/packer-plugin-amazon_v1\.8\.2_x5\.0_\w+$/m)
  })

  it('keeps a mixed-case source as written: placed where Packer looks, so init finds it, and looked up in the mirror in lower case', async () => {
    const source = 'github.com/HashiCorp/amazon'
    const cwd = workspaceWith('fixtures/required-plugins-mixed-case')
    // A cold cache (on the loopback mirror, where it costs nothing) makes the action look the release up.
    const r = await run({ cwd, cache: realRelease === undefined ? tmp('pam-cache-') : toolCache })
    validatedOrStandInLimit(r)
    expect(log(r)).toMatch(new RegExp(`Packer confirms plugin ${source} [\\d.]+: ${actionFolder(r)}/github\\.com/HashiCorp/amazon/packer-plugin-amazon_v[\\d.]+_x5\\.0_${PLATFORM}\\n`))
    if (realRelease === undefined) expect(mirror.requests).toEqual(expect.arrayContaining(['/packer-plugin-amazon/index.json', `/packer-plugin-amazon/1.8.2/packer-plugin-amazon_1.8.2_${PLATFORM}.zip`]))
  })

  it('fails when Packer would pass a placed binary by (its checksum file does not match), saying why', async () => {
    const yours = tmp('pam-plugin-path-')
    const cache = tmp('pam-cache-')
    succeeded(await run({ env: { PACKER_PLUGIN_PATH: yours }, cache }))
    // The binary changes and its checksum file stays: the action finds the checksum file as it
    // would write it and leaves the binary be; Packer checks the binary against it.
    const binary = amazonBinary(yours, '1.8.2')
    rmSync(binary)
    writeFileSync(binary, `${pluginScript('amazon', '1.8.2')}# changed\n`, { mode: 0o755 })
    const r = await run({ env: { PACKER_PLUGIN_PATH: yours }, cache })
    expect(r.code).not.toBe(0)
    expect(log(r)).toMatch(
      new RegExp(
        `::error::plugin ${AMAZON} 1\\.8\\.2: Packer does not load ${binary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \`packer plugins installed\` does not list it\\. ` +
          `Its checksum file \\S+_SHA256SUM says [0-9a-f]{64}; the binary's SHA-256 is ${sha256(binary)}`
      )
    )
    expect(r.summary).toContain('Packer does not load')
  })

  it('validates a template with required_plugins (and builds it, on real Packer)', async () => {
    const validated = await run({ cwd: workspaceWith('fixtures/required-plugins') })
    validatedOrStandInLimit(validated)
    expect(log(validated)).toMatch(new RegExp(`Packer confirms plugin ${AMAZON} [\\d.]+: `))
    if (realRelease === undefined) return
    const built = succeeded(await run({ cwd: workspaceWith('fixtures/required-plugins'), inputs: { mode: 'build' } }))
    const artifacts = JSON.parse(built.outputs['artifacts']) as Array<{ region: string; ami?: string }>
    for (const { region, ami } of artifacts.filter((a) => a.ami !== undefined)) {
      expect(await describeImages(moto.endpoint, region, [ami as string])).toHaveLength(1)
    }
  })
})

describe('on a cache miss', () => {
  it('the plugin downloads while Packer does: it is in hand before Packer\'s slow zip is', async () => {
    // Packer's zip answers 1.5 s late; a plugin download that waited for it would come after.
    const slow = await startMirror({ versions: ['1.16.0'], plugins: { amazon: ['1.8.2'] }, hold: { path: /^\/packer\/1\.16\.0\/packer_1\.16\.0_[^/]+\.zip$/, ms: 1500 } })
    try {
      const r = succeeded(
        await runAction({
          cwd: workspaceWith('packer'),
          toolCache: tmp('pam-cache-'),
          eventName: 'release',
          env: { HOME: tmp('pam-home-'), ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
          inputs: { ...installFrom(slow), 'packer-version': '1.16.0', template: 'packer', mode: 'validate', variables: `ec2_endpoint: ${moto.endpoint}` }
        })
      )
      expect(log(r)).toMatch(new RegExp(`Packer confirms plugin ${AMAZON} 1\\.8\\.2: `))
      const packerZip = slow.answered.findIndex((p) => p.startsWith('/packer/1.16.0/') && p.endsWith('.zip'))
      const pluginZip = slow.answered.findIndex((p) => p.startsWith('/packer-plugin-amazon/1.8.2/') && p.endsWith('.zip'))
      expect({ packerZip: packerZip >= 0, pluginZip: pluginZip >= 0 }).toEqual({ packerZip: true, pluginZip: true })
      expect(pluginZip).toBeLessThan(packerZip)
    } finally {
      await slow.close()
    }
  })
})
