/**
 * Official plugins from the mirror, as the action installs them for Packer 1.10 and later.
 * Packer 1.10+ cannot run here (Debian has 1.6.6): the mirror serves Debian's 1.6.6 under the
 * version number 1.16.0, so the action takes the path it takes for 1.16.0 (install the amazon
 * plugin, verified, cached, laid out as Packer >= 1.11 loads it), and the build still runs for
 * real, Packer 1.6.6 using its built-in amazon builder against moto. The plugin binary is a
 * script that answers `describe` as packer-plugin-sdk does.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror, type MirrorOptions } from '../support/mirror.js'
import { awsTestEnv, describeImages, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const PLATFORM = `${{ linux: 'linux', darwin: 'darwin' }[process.platform as 'linux']}_${{ x64: 'amd64', arm64: 'arm64' }[process.arch as 'x64']}`
let moto: Moto

beforeAll(async () => {
  moto = await startMoto()
})

afterAll(async () => {
  await moto?.stop()
})

const pluginRequests = (mirror: Mirror): string[] => mirror.requests.filter((r) => r.startsWith('/packer-plugin-amazon/'))
const log = (r: RunResult): string => r.stdout + r.stderr

async function withMirror(opts: Partial<MirrorOptions>, body: (mirror: Mirror) => Promise<void>): Promise<void> {
  const mirror = await startMirror({ versions: ['1.6.6', '1.16.0'], plugins: { amazon: ['1.8.1', '1.8.2'] }, ...opts })
  try {
    await body(mirror)
  } finally {
    await mirror.close()
  }
}

function run(mirror: Mirror, inputs: Record<string, string>, toolCache?: string, cwd = workspaceWith('packer')): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'release',
    env: { HOME: mkdtempSync(path.join(tmpdir(), 'pam-home-')), ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: {
      ...installFrom(mirror),
      'packer-version': '1.16.0',
      template: 'packer',
      variables: `ec2_endpoint: ${moto.endpoint}`,
      ...inputs
    }
  })
}

describe('the amazon plugin for Packer 1.10 and later', () => {
  it('is installed from the mirror once, verified, cached, and laid out as Packer >= 1.11 loads it', async () => {
    await withMirror({}, async (mirror) => {
      const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
      const first = succeeded(await run(mirror, {}, toolCache))
      expect(log(first)).toContain('Downloading plugin github.com/hashicorp/amazon 1.8.2')
      expect(log(first)).toContain('Signature on packer-plugin-amazon_1.8.2_SHA256SUMS verified')
      expect(pluginRequests(mirror).sort()).toEqual(
        [
          `/packer-plugin-amazon/1.8.2/packer-plugin-amazon_1.8.2_${PLATFORM}.zip`,
          '/packer-plugin-amazon/1.8.2/packer-plugin-amazon_1.8.2_SHA256SUMS',
          `/packer-plugin-amazon/1.8.2/packer-plugin-amazon_1.8.2_SHA256SUMS.${mirror.keyId}.sig`
        ].sort()
      )

      // packer/plugin-getter/plugins.go (v1.16.0): {dir}/github.com/hashicorp/amazon/packer-plugin-amazon_v{v}_x5.0_{os}_{arch},
      // mode 0755, and beside it `_SHA256SUM`: the binary's SHA-256 in 64 hex digits, no newline.
      // {dir} is the step's own folder in RUNNER_TEMP.
      const own = readdirSync(first.runnerTemp).filter((f) => f.startsWith('packer-plugins-'))
      expect(own).toHaveLength(1)
      const binary = path.join(first.runnerTemp, own[0], 'github.com', 'hashicorp', 'amazon', `packer-plugin-amazon_v1.8.2_x5.0_${PLATFORM}`)
      expect(statSync(binary).mode & 0o777).toBe(0o755)
      const sum = readFileSync(`${binary}_SHA256SUM`, 'utf8')
      expect(sum).toMatch(/^[0-9a-f]{64}$/)
      expect(sum).toBe(createHash('sha256').update(readFileSync(binary)).digest('hex'))
      expect(JSON.parse(execFileSync(binary, ['describe'], { encoding: 'utf8' }))).toMatchObject({ version: '1.8.2', api_version: 'x5.0' })
      expect(existsSync(path.join(toolCache, 'packer-plugin-amazon', '1.8.2'))).toBe(true)

      // The build ran for real: both AMIs of the example exist in moto.
      const artifacts = JSON.parse(first.outputs['artifacts']) as Array<{ region: string; ami: string }>
      for (const { region, ami } of artifacts.filter((a) => a.ami !== undefined)) {
        expect(await describeImages(moto.endpoint, region, [ami])).toHaveLength(1)
      }

      const before = pluginRequests(mirror).length
      const second = succeeded(await run(mirror, {}, toolCache))
      expect(log(second)).toContain('Plugin github.com/hashicorp/amazon 1.8.2 found in the tool cache')
      expect(pluginRequests(mirror)).toHaveLength(before)
    })
  })

  it('takes amazon-plugin-version: latest and ranges from the index', async () => {
    await withMirror({}, async (mirror) => {
      const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
      const older = succeeded(await run(mirror, { mode: 'validate', 'amazon-plugin-version': '~1.8.0 <1.8.2' }, toolCache))
      expect(log(older)).toContain('Downloading plugin github.com/hashicorp/amazon 1.8.1')
      expect(mirror.requests).toContain('/packer-plugin-amazon/index.json')
      const latest = succeeded(await run(mirror, { mode: 'validate', 'amazon-plugin-version': 'latest' }, toolCache))
      expect(log(latest)).toContain('Downloading plugin github.com/hashicorp/amazon 1.8.2')
    })
  })

  it.each<[string, Partial<MirrorOptions>, RegExp]>([
    ['a tampered zip', { pluginTamper: 'zip' }, /plugin github\.com\/hashicorp\/amazon 1\.8\.2: checksum check failed/],
    ['SUMS changed after signing', { pluginTamper: 'sums-after-signing' }, /plugin github\.com\/hashicorp\/amazon 1\.8\.2: signature check failed/],
    ['a binary that describes another version', { describeVersion: '1.7.0' }, /plugin github\.com\/hashicorp\/amazon 1\.8\.2: the binary describes itself as version 1\.7\.0/]
  ])('refuses %s, naming the plugin, and builds nothing', async (_name, opts, message) => {
    await withMirror(opts, async (mirror) => {
      const before = await describeImages(moto.endpoint, 'us-east-1')
      const result = await run(mirror, {})
      expect(result.code).not.toBe(0)
      expect(log(result)).toMatch(new RegExp(`::error::${message.source}`))
      expect(result.summary).toMatch(message)
      expect(await describeImages(moto.endpoint, 'us-east-1')).toHaveLength(before.length)
    })
  })

  it('refuses a plugin whose protocol minor is above the one Packer speaks, as Packer would', async () => {
    // plugin-getter/plugins.go:539-542 (v1.16.0): Packer (x5.0) loads no plugin speaking x5.1.
    await withMirror({ pluginApi: 'x5.1' }, async (mirror) => {
      const result = await run(mirror, { mode: 'validate' })
      expect(result.code).not.toBe(0)
      expect(log(result)).toContain('::error::plugin github.com/hashicorp/amazon 1.8.2: the plugin speaks protocol x5.1; Packer 1.10 to 1.16 speak x5.0 and load no minor above 0')
    })
  })

  it.each<[string, Record<string, string>, RegExp]>([
    ['an exact version', { 'amazon-plugin-version': '1.7.0' }, /plugin github\.com\/hashicorp\/amazon 1\.7\.0: packer-mirror http:\/\/127\.0\.0\.1:\d+ has no release 1\.7\.0 of github\.com\/hashicorp\/amazon for \w+\/\w+/],
    ['a range', { 'amazon-plugin-version': '^2.0.0' }, /amazon-plugin-version: no stable release matches "\^2\.0\.0" in the mirror's index\.json \(packer-mirror http:\/\/127\.0\.0\.1:\d+, github\.com\/hashicorp\/amazon\)/]
  ])('fails when a custom mirror has no release for %s, naming the mirror and the version', async (_name, inputs, message) => {
    await withMirror({}, async (mirror) => {
      const result = await run(mirror, { mode: 'validate', ...inputs })
      expect(result.code).not.toBe(0)
      expect(log(result)).toMatch(new RegExp(`::error::${message.source}`))
      expect(log(result)).not.toContain('packer plugins install')
    })
  })

  it('with verify-signature false still checks the SHA-256: refuses a tampered zip, caches nothing and builds nothing', async () => {
    await withMirror({ pluginTamper: 'zip' }, async (mirror) => {
      const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
      const before = await describeImages(moto.endpoint, 'us-east-1')
      const result = await run(mirror, { 'verify-signature': 'false' }, toolCache)
      expect(result.code).not.toBe(0)
      expect(log(result)).toMatch(/::error::plugin github\.com\/hashicorp\/amazon 1\.8\.2: checksum check failed: packer-plugin-amazon_1\.8\.2_\w+\.zip has SHA-256/)
      // Packer itself, intact, was installed without a signature; the plugin never reached the cache.
      expect(existsSync(path.join(toolCache, 'packer', '1.16.0'))).toBe(true)
      expect(existsSync(path.join(toolCache, 'packer-plugin-amazon'))).toBe(false)
      expect(mirror.requests.filter((r) => r.endsWith('.sig'))).toEqual([])
      expect(log(result)).toContain('verify-signature is false: packer-plugin-amazon_1.8.2_SHA256SUMS is not checked against a signing key')
      expect(await describeImages(moto.endpoint, 'us-east-1')).toHaveLength(before.length)
    })
  })

  it('refuses a malformed amazon-plugin-version before anything is downloaded', async () => {
    await withMirror({}, async (mirror) => {
      const result = await run(mirror, { 'amazon-plugin-version': 'v1..8' })
      expect(result.code).not.toBe(0)
      expect(log(result)).toContain('::error::amazon-plugin-version: "v1..8" is not a version')
      expect(mirror.requests).toEqual([])
    })
  })

  it('installs nothing for Packer before 1.10, whose amazon builders are built in', async () => {
    await withMirror({}, async (mirror) => {
      succeeded(await run(mirror, { 'packer-version': '1.6.6', mode: 'validate' }))
      expect(pluginRequests(mirror)).toEqual([])
    })
  })

  it('installs nothing for a template without amazon components', async () => {
    await withMirror({}, async (mirror) => {
      succeeded(await run(mirror, { mode: 'validate', variables: '' }, undefined, workspaceWith('fixtures/no-amazon')))
      expect(pluginRequests(mirror)).toEqual([])
    })
  })
})
