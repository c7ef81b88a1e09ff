/**
 * `npm run screenshots`: what a user sees in the job summary, rendered as GitHub renders it
 * (GitHub-flavoured Markdown with `marked`, GitHub's Markdown CSS from github-markdown-css) and
 * photographed by headless Chromium (Debian's package): a passing build, a failing validation
 * and a failed build, from real runs of the bundle against the loopback mirror and moto.
 * Writes docs/screenshots/*.png.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { marked } from 'marked'
import { ensureDebianCommand } from '../test/support/packer.js'
import { installFrom, startMirror } from '../test/support/mirror.js'
import { awsTestEnv, startMoto } from '../test/support/moto.js'
import { repoRoot, runAction, type RunResult } from '../test/support/runner.js'
import { workspaceWith } from '../test/support/workspace.js'

const OUT = path.join(repoRoot, 'docs', 'screenshots')
const css = readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8')

function page(markdown: string): string {
  const body = marked.parse(markdown, { gfm: true, async: false })
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; } .markdown-body { box-sizing: border-box; max-width: 980px; padding: 32px; }
</style></head><body><article class="markdown-body">${body}</article></body></html>`
}

function shoot(chromium: string, html: string, file: string, work: string): void {
  const source = path.join(work, `${path.basename(file, '.png')}.html`)
  writeFileSync(source, html)
  execFileSync(
    chromium,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${path.join(work, 'profile')}`, '--hide-scrollbars',
      '--window-size=1000,1100', `--screenshot=${file}`, `file://${source}`
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 60_000 }
  )
  if (!existsSync(file)) throw new Error(`Chromium wrote no ${file}`)
  console.log(`wrote ${path.relative(repoRoot, file)}`)
}

/** GitHub shows ✅ and ❌ with the reader's emoji font; headless Chromium needs one installed. */
function ensureEmojiFont(): void {
  try {
    if (execFileSync('fc-list', [], { encoding: 'utf8' }).includes('Noto Color Emoji')) return
  } catch {
    // No fontconfig listing yet: install the font, which brings it.
  }
  execFileSync('apt-get', ['install', '-y', 'fonts-noto-color-emoji'], { stdio: ['ignore', 'ignore', 'inherit'] })
}

async function main(): Promise<void> {
  const chromium = ensureDebianCommand('chromium', 'chromium')
  ensureEmojiFont()
  mkdirSync(OUT, { recursive: true })
  const work = mkdtempSync(path.join(tmpdir(), 'pam-screenshots-'))
  const [mirror, moto] = await Promise.all([startMirror({ versions: ['1.6.6'] }), startMoto()])
  try {
    const toolCache = path.join(work, 'tool-cache')
    const run = (fixture: 'packer' | `fixtures/${string}`, eventName: string, variables: string): Promise<RunResult> =>
      runAction({
        cwd: workspaceWith(fixture),
        toolCache,
        eventName,
        env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
        inputs: { ...installFrom(mirror), template: 'packer', variables }
      })
    const shots: Array<[string, RunResult]> = [
      ['build-passed.png', await run('packer', 'release', `ec2_endpoint: ${moto.endpoint}\napp_version: "1.4.0"`)],
      ['validate-failed.png', await run('fixtures/broken', 'pull_request', '')],
      ['build-failed.png', await run('fixtures/unknown-source', 'release', `ec2_endpoint: ${moto.endpoint}`)]
    ]
    for (const [name, result] of shots) shoot(chromium, page(result.summary), path.join(OUT, name), work)
  } finally {
    await Promise.all([mirror.close(), moto.stop()])
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
