/**
 * `npm run local`: the action's main step, then its post step, from src/ with
 * @github/local-action and the inputs and runner variables of `.env`. With
 * `PAM_LOCAL_PARTS=loopback` (as in .env.example) it first starts what the demo and the tests
 * use: Debian's Packer behind a loopback release mirror (installed with apt-get where missing)
 * and moto_server for EC2 and SSM, and points the action at them, so it works from a fresh
 * clone without network or AWS. It exits 1 when the action failed (local-action itself does not).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'dotenv'
import { installFrom, startMirror, type Mirror } from '../test/support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../test/support/moto.js'

const ENV_FILE = '.env'

async function main(): Promise<number> {
  if (!existsSync(ENV_FILE)) {
    console.error(`${ENV_FILE} is missing: run \`cp .env.example .env\` first, then \`npm run local\` again`)
    return 1
  }
  const env = parse(readFileSync(ENV_FILE))
  let mirror: Mirror | undefined
  let moto: Moto | undefined
  const work = mkdtempSync(path.join(tmpdir(), 'pam-local-'))
  try {
    if (env.PAM_LOCAL_PARTS === 'loopback') {
      console.log('Starting a loopback Packer release mirror and moto_server (PAM_LOCAL_PARTS=loopback)...')
      ;[mirror, moto] = await Promise.all([startMirror({ versions: ['1.6.6'] }), startMoto()])
      const inputs = installFrom(mirror)
      env['INPUT_PACKER-VERSION'] = inputs['packer-version']
      env['INPUT_PACKER-MIRROR'] = inputs['packer-mirror']
      env['INPUT_PACKER-SIGNING-KEY'] = inputs['packer-signing-key']
      env.INPUT_VARIABLES = `${env.INPUT_VARIABLES ?? ''}\nec2_endpoint: ${moto.endpoint}`.trim()
      Object.assign(env, awsTestEnv, { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: env.AWS_REGION ?? 'us-east-1' })
    }
    for (const dir of ['RUNNER_TEMP', 'RUNNER_TOOL_CACHE']) if (env[dir]) mkdirSync(env[dir], { recursive: true })
    env.GITHUB_STEP_SUMMARY ??= path.join(work, 'summary.md')
    writeFileSync(env.GITHUB_STEP_SUMMARY, '')
    const file = path.join(work, 'env')
    writeFileSync(file, Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n'), { mode: 0o600 })
    const failed = await localAction(file)
    console.log(`\nJob summary (${env.GITHUB_STEP_SUMMARY}):\n${readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')}`)
    if (failed) console.error('The action failed: see the ::error:: lines above')
    return failed ? 1 : 0
  } finally {
    await Promise.all([mirror?.close(), moto?.stop()])
  }
}

/** Runs local-action, printing what it prints; true when the action reported a failure. */
function localAction(envFile: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['local-action', 'run', '.', 'src/main.ts', envFile, '--post', 'src/cleanup.ts'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let failed = false
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      if (/^::error[: ]/m.test(text)) failed = true
      process.stdout.write(text)
    })
    child.once('error', reject)
    child.once('close', (code) => resolve(failed || code !== 0))
  })
}

process.exitCode = await main()
