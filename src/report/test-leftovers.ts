import type { TestLeftover } from '../test-stage/leftovers.js'

/** The post step's section for test instances the job left running. */
export function renderTestLeftovers(found: readonly TestLeftover[]): string {
  if (found.length === 0) return ''
  const lines = ['### Test instances the job left running', '', '| Region | Instance | Tested AMI | |', '|---|---|---|---|']
  for (const f of found) lines.push(`| ${f.region} | \`${f.instance}\` | ${f.ami} | ${f.outcome === 'terminated' ? 'terminated' : '⚠️ still running'} |`)
  return [...lines, ''].join('\n')
}
