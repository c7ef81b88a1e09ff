import { OUTPUT_LIMITS, type TestCheck, type TestResult } from '../test-stage/results.js'
import { escapeCell, fence } from './render.js'

const COLUMNS: Array<TestCheck['name']> = ['system status', 'instance status', 'SSM agent', 'test-commands']

/**
 * The summary's test-stage section: one row per tested AMI (booted in N s, each check ✅/❌, —
 * where it did not run), then, for each failed test, why and what the script printed, in a
 * collapsed block.
 */
export function renderTestStage(results: readonly TestResult[]): string[] {
  if (results.length === 0) return []
  const failed = results.filter((r) => !r.passed)
  const lines = [
    `### Test stage: ${failed.length === 0 ? '✅ every AMI passed' : `❌ ${failed.length} of ${results.length} failed: not shared, published or rolled out, and deprecated`}`,
    '',
    '| AMI | Region | Instance | Booted | System status | Instance status | SSM agent | test-commands |',
    '|---|---|---|---|---|---|---|---|'
  ]
  for (const r of results) {
    const booted = r.bootSeconds === undefined ? '❌ no' : `in ${r.bootSeconds} s`
    const cells = COLUMNS.map((name) => mark(r.checks.find((c) => c.name === name)))
    lines.push(`| ${r.ami} | ${escapeCell(r.region)} | ${escapeCell(r.instance ?? '—')} | ${booted} | ${cells.join(' | ')} |`)
  }
  lines.push('')
  for (const r of failed) {
    lines.push(`**${r.ami}** (${escapeCell(r.region)}): ${escapeCell(r.failure ?? 'failed')}`, '')
    if (r.outputTail !== undefined) lines.push(...output(r))
  }
  for (const r of results.filter((x) => x.inventoryError !== undefined)) {
    lines.push(`⚠️ ${r.ami} (${escapeCell(r.region)}) passed, but its packages could not be listed: ${escapeCell(r.inventoryError as string)}`, '')
  }
  const kept = results.filter((r) => !r.terminated)
  if (kept.length > 0) lines.push(`⚠️ Not confirmed terminated: ${kept.map((r) => `${r.instance} (${r.region})`).join(', ')}; the post step removes them.`, '')
  return lines
}

function mark(check: TestCheck | undefined): string {
  if (check === undefined || check.passed === undefined) return '—'
  return `${check.passed ? '✅' : '❌'} ${escapeCell(check.detail)}`
}

function output(r: TestResult): string[] {
  const { stdout, stderr } = r.outputTail as { stdout: string; stderr: string }
  const cut = r.outputTruncated
    ? `\n\nRun Command returned only the first ${OUTPUT_LIMITS.stdout.toLocaleString('en')} characters of stdout and ${OUTPUT_LIMITS.stderr.toLocaleString('en')} of stderr: the rest is not shown.`
    : ''
  const body = [`exit code ${r.exitCode ?? '—'}`, '', 'stderr:', fence(stderr || '(empty)'), '', 'stdout:', fence(stdout || '(empty)')].join('\n')
  return [`<details><summary>Output of test-commands on ${r.instance ?? r.ami}</summary>\n\n${body}${cut}\n\n</details>`, '']
}
