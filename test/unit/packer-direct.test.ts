/**
 * Packer runs without its panicwrap parent (src/packer/direct.ts): one start of the binary per
 * command instead of two, with the parent's work done by the action. Real Packer 1.6.6 for what
 * Packer does, and a stand-in script for what this Packer cannot be made to do (crash, print its
 * early `e:` errors).
 */
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import path from 'node:path'
import { runPacker } from '../../src/packer/run.js'
import { ensurePacker } from '../support/packer.js'

let dir: string
let packer: string

beforeAll(() => {
  packer = ensurePacker()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packer-direct-'))
  // The null builder and shell-local, both built into Packer 1.6.6. The provisioner prints the
  // names of its process's ancestors, up to the process that ran Packer.
  fs.writeFileSync(
    path.join(dir, 'direct.pkr.hcl'),
    `source "null" "n" {
  communicator = "none"
}
build {
  sources = ["source.null.n"]
  provisioner "shell-local" {
    inline = ["p=$PPID; while [ \\"$p\\" -gt 1 ]; do echo \\"ancestor $(ps -o comm= -p $p)\\"; p=$(ps -o ppid= -p $p | tr -d ' '); done"]
  }
  post-processor "manifest" {
    output = "manifest.json"
  }
}
`
  )
})

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Runs `packer build` in `dir`; the Packer processes above the provisioner, and the manifest's run id. */
async function build(env: NodeJS.ProcessEnv): Promise<{ code: number; packers: number; runUuid: string; stderr: string }> {
  fs.rmSync(path.join(dir, 'manifest.json'), { force: true })
  const run = await runPacker(packer, ['build', '-machine-readable', '.'], { cwd: dir, env })
  const packers = run.stdout.split('\n').filter((line) => line.endsWith('null.n: ancestor packer')).length
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { builds: Array<{ packer_run_uuid: string }> }
  return { code: run.code, packers, runUuid: manifest.builds[0].packer_run_uuid, stderr: run.stderr }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('Packer without its second process', () => {
  it('starts one Packer process fewer than Packer on its own, with a new run id in the manifest each time, and no log on stderr', async () => {
    const env = { ...process.env, PACKER_LOG: '', PACKER_LOG_PATH: '' }
    const direct = await build(env)
    const again = await build(env)
    // PACKER_LOG asks for Packer's log, which its parent keeps: Packer runs as it would by hand.
    const wrapped = await build({ ...env, PACKER_LOG: '1' })
    expect([direct.code, again.code, wrapped.code]).toEqual([0, 0, 0])
    expect(wrapped.packers).toBeGreaterThanOrEqual(2)
    expect(direct.packers).toBe(wrapped.packers - 1)
    expect(direct.runUuid).toMatch(UUID)
    expect(again.runUuid).toMatch(UUID)
    expect(again.runUuid).not.toBe(direct.runUuid)
    expect(direct.stderr).toBe('')
    expect(wrapped.stderr).toContain('[INFO] Packer version: 1.6.6')
  })

  it('a failing command says what Packer said on stdout, and nothing of the log', async () => {
    const bad = path.join(dir, 'bad')
    fs.mkdirSync(bad, { recursive: true })
    fs.writeFileSync(path.join(bad, 'bad.pkr.hcl'), 'source "amazon-ebz" "x" {\n}\nbuild {\n  sources = ["source.amazon-ebz.x"]\n}\n')
    const run = await runPacker(packer, ['validate', '.'], { cwd: bad, env: { ...process.env, PACKER_LOG: '' } })
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Unknown source type amazon-ebz')
    expect(run.stderr).toBe('')
  })
})

describe('what the parent did for a Packer that crashes or fails early (a stand-in Packer)', () => {
  /** A script that prints like Packer without its parent: log lines on stderr, then `tail`. */
  function standIn(name: string, stdout: string, stderr: string, code: number): string {
    const file = path.join(dir, name)
    fs.writeFileSync(
      file,
      `#!/bin/sh
echo "cookie=$PACKER_WRAP_COOKIE run=$PACKER_RUN_UUID"
printf '%s' '${stdout}'
echo '2026/12/06 13:00:00 [INFO] Packer version: 1.16.0 [go1.24 linux amd64]' >&2
echo '2026/12/06 13:00:00 [INFO] Setting cache directory: /home/runner/.cache/packer' >&2
printf '%s' '${stderr}' >&2
exit ${code}
`,
      { mode: 0o755 }
    )
    return file
  }

  it('shows a panic from its first line, and none of the log before it', async () => {
    const trace = 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV]\n\ngoroutine 1 [running]:\nmain.wrappedMain()\n'
    const run = await runPacker(standIn('crash', '', trace, 2), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_LOG: '' } })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`Packer crashed:\n${trace.trimEnd()}`)
    expect(run.stdout).toMatch(/^cookie=49C22B1A-3A93-4C98-97FA-E07D18C787B5 run=[0-9a-f-]{36}$/)
  })

  it('a panic in the log of a command that succeeded is not a crash', async () => {
    const run = await runPacker(standIn('logged', '', 'panic: recovered inside a plugin\n', 0), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_LOG: '' } })
    expect(run.stderr).toBe('')
  })

  it('an error Packer prints before its CLI runs (`e:`) goes to stderr without its prefix; `o:` goes to stdout without it', async () => {
    const out = 'o: Packer output\ne: Error loading configuration: \n'
    const run = await runPacker(standIn('early', out, '', 1), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_LOG: '' } })
    expect(run.code).toBe(1)
    expect(run.stdout.split('\n').slice(1)).toEqual(['Packer output'])
    expect(run.stderr).toBe('Error loading configuration: ')
  })

  it.each([
    ['PACKER_LOG', { PACKER_LOG: '1', PACKER_LOG_PATH: '' }],
    ['PACKER_LOG_PATH', { PACKER_LOG: '', PACKER_LOG_PATH: '/tmp/packer.log' }]
  ])('with %s set, Packer gets no cookie and its stderr comes back whole', async (_name, logEnv) => {
    const run = await runPacker(standIn('logging', '', 'e: kept as it is\n', 1), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_WRAP_COOKIE: undefined, ...logEnv } })
    expect(run.stdout).toBe('cookie= run=')
    expect(run.stderr).toContain('[INFO] Setting cache directory')
    expect(run.stderr).toContain('e: kept as it is')
  })

  it('PACKER_LOG=0 asks for no log, as Packer reads it: no parent', async () => {
    const run = await runPacker(standIn('quiet', '', '', 0), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_LOG: '0', PACKER_LOG_PATH: '' } })
    expect(run.stdout).toMatch(/^cookie=49C22B1A-3A93-4C98-97FA-E07D18C787B5 run=/)
    expect(run.stderr).toBe('')
  })

  it('the crash of a build written into a file is found in the tail of a long log', async () => {
    const long = `${'2026/12/06 13:00:00 [DEBUG] plugin: a line of the log\n'.repeat(20_000)}panic: late\n\ngoroutine 7 [running]:\n`
    const file = path.join(dir, 'out.log')
    const run = await runPacker(standIn('late', '', long, 2), ['build', '.'], { cwd: dir, env: { ...process.env, PACKER_LOG: '' }, outputFile: file })
    expect(run.stderr).toBe('Packer crashed:\npanic: late\n\ngoroutine 7 [running]:')
  })
})
