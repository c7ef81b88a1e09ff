/**
 * Plugin needs settled by an earlier run (src/packer/settled-needs.ts): from Packer 1.10 the
 * plugins to place come from reading the template; a run of the same template files in the
 * same tool cache places them without waiting for HCL. As in plugins.test.ts, the mirror serves
 * Debian's Packer 1.6.6 under the version number 1.16.0, so the action takes the 1.16.0 path.
 */
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { repoRoot, runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const SETTLED = 'Plugins as an earlier run of these template files settled them'
let moto: Moto
let mirror: Mirror

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6', '1.16.0'], plugins: { amazon: ['1.8.2'] } })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

const log = (r: RunResult): string => r.stdout + r.stderr
const entries = (toolCache: string): string[] => {
  const dir = path.join(toolCache, 'packer-ami-action', 'plugin-needs')
  return existsSync(dir) ? readdirSync(dir).map((f) => path.join(dir, f)) : []
}

function run(toolCache: string, cwd: string, inputs: Record<string, string> = {}): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName: 'pull_request',
    env: { HOME: mkdtempSync(path.join(tmpdir(), 'pam-home-')), ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: { ...installFrom(mirror), 'packer-version': '1.16.0', template: 'packer', variables: `ec2_endpoint: ${moto.endpoint}`, comment: 'false', ...inputs }
  })
}

describe('plugin needs settled by an earlier run of the same template files', () => {
  it('are kept after HCL reads the template, and the next run places the plugin from them and validates', async () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    const first = succeeded(await run(toolCache, workspaceWith('packer')))
    expect(log(first)).not.toContain(SETTLED)
    const kept = entries(toolCache)
    expect(kept).toHaveLength(1)
    const needs = JSON.parse(readFileSync(kept[0], 'utf8')) as { hcl2: boolean; componentTypes: string[] }
    expect(needs.hcl2).toBe(true)
    expect(needs.componentTypes).toContain('amazon-ebs')

    const second = succeeded(await run(toolCache, workspaceWith('packer')))
    expect(log(second)).toContain(SETTLED)
    // The plugin was placed where Packer loads it, from the cached release.
    const own = readdirSync(second.runnerTemp).filter((f) => f.startsWith('packer-plugins-'))
    expect(own).toHaveLength(1)
    expect(readdirSync(path.join(second.runnerTemp, own[0], 'github.com', 'hashicorp', 'amazon')).some((f) => f.startsWith('packer-plugin-amazon_v1.8.2_'))).toBe(true)
    expect(second.outputs['packer-version']).toBe('1.16.0')
  }, 60_000)

  it('are not used once a template file changes (a comment added): that run reads it, and keeps a second entry', async () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    succeeded(await run(toolCache, workspaceWith('packer')))
    const changed = workspaceWith('packer')
    const file = readdirSync(path.join(changed, 'packer')).find((f) => f.endsWith('.pkr.hcl')) as string
    appendFileSync(path.join(changed, 'packer', file), '# changed\n')
    const next = succeeded(await run(toolCache, changed))
    expect(log(next)).not.toContain(SETTLED)
    expect(entries(toolCache)).toHaveLength(2)
  }, 60_000)

  it('kept wrong (a tampered entry) are named in a warning and replaced by what HCL read', async () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    succeeded(await run(toolCache, workspaceWith('packer')))
    const [entry] = entries(toolCache)
    const right = readFileSync(entry, 'utf8')
    writeFileSync(entry, JSON.stringify({ hcl2: true, requiredPlugins: [], componentTypes: ['amazon-ebs', 'shell'] }))
    const tampered = await run(toolCache, workspaceWith('packer'))
    expect(log(tampered)).toContain(SETTLED)
    expect(log(tampered)).toMatch(/::warning[^\n]*differ from what HCL read now: they are replaced/)
    expect(readFileSync(entry, 'utf8')).toBe(right)
  }, 60_000)

  it('are not kept for a template HCL could not read whole, nor for Packer before 1.10', async () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    // The template as it is, and beside it a file HCL cannot read.
    const cwd = workspaceWith('packer')
    copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'unclosed', 'unclosed.pkr.hcl'), path.join(cwd, 'packer', 'unclosed.pkr.hcl'))
    const broken = await run(toolCache, cwd)
    expect(broken.code).not.toBe(0)
    expect(log(broken)).toContain('HCL could not read')
    expect(entries(toolCache)).toEqual([])
    succeeded(await run(toolCache, workspaceWith('packer'), { 'packer-version': '1.6.6' }))
    expect(entries(toolCache)).toEqual([])
  }, 60_000)

  it('that are damaged are not used: the run reads the template and writes them again', async () => {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
    succeeded(await run(toolCache, workspaceWith('packer')))
    const [entry] = entries(toolCache)
    const right = readFileSync(entry, 'utf8')
    writeFileSync(entry, '{"hcl2": tru')
    const next = succeeded(await run(toolCache, workspaceWith('packer')))
    expect(log(next)).not.toContain(SETTLED)
    expect(readFileSync(entry, 'utf8')).toBe(right)
  }, 60_000)
})
