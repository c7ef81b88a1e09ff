import type { SweepReport } from '../../src/aws/sweep.js'
import type { Report } from '../../src/report/render.js'
import { formatAge, renderSweepReport } from '../../src/report/sweep.js'

const run = { sha: 'abc1234', commitUrl: 'https://github.com/acme/images/commit/abc1234', runUrl: 'https://github.com/acme/images/actions/runs/1' }

function report(sweep: Partial<SweepReport> | undefined, extra: Partial<Report> = {}): Report {
  const base: SweepReport = { dryRun: false, regions: ['us-east-1'], olderThanMs: 6 * 3_600_000, cutoff: '2025-06-01T06:00:00Z', swept: [], spared: [], errors: [] }
  return { mode: 'sweep', ok: true, artifacts: [], template: '.', run, ...(sweep === undefined ? {} : { sweep: { ...base, ...sweep } }), ...extra }
}

describe('formatAge', () => {
  it.each([
    [0, '0m'],
    [30 * 60_000, '30m'],
    [90 * 60_000, '90m'],
    [6 * 3_600_000, '6h'],
    [36 * 3_600_000, '36h'],
    [90 * 86_400_000, '90d']
  ])('%d ms → %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text)
  })
})

describe('renderSweepReport', () => {
  it('lists each leftover with why it is one and whether it went', () => {
    const md = renderSweepReport(
      report({
        regions: ['us-east-1', 'eu-west-1'],
        swept: [
          { region: 'us-east-1', kind: 'instance', id: 'i-1', reason: 'Name tag "Packer Builder"; running since 2025-05-31T12:00:00Z', removed: true },
          { region: 'us-east-1', kind: 'security group', id: 'sg-1', reason: 'Packer\'s temporary group packer_x', removed: false, error: 'DependencyViolation | still used' }
        ]
      })
    )
    expect(md).toContain('## Packer sweep: ✅ passed')
    expect(md).toContain('| Regions | us-east-1, eu-west-1 |')
    expect(md).toContain('| Older than | 6h (made before 2025-06-01T06:00:00Z) |')
    expect(md).toContain('| Region | Kind | Resource | Why it is a leftover | Removed |')
    expect(md).toContain('| us-east-1 | instance | `i-1` | Name tag "Packer Builder"; running since 2025-05-31T12:00:00Z | ✅ |')
    expect(md).toContain("| us-east-1 | security group | `sg-1` | Packer's temporary group packer\\_x | ❌ DependencyViolation \\| still used |")
    expect(md).not.toContain('Spared')
  })

  it('a dry run says nothing was removed, and what would be', () => {
    const md = renderSweepReport(report({ dryRun: true, swept: [{ region: 'us-east-1', kind: 'key pair', id: 'packer_1', reason: 'r', removed: false }] }))
    expect(md).toContain('## Packer sweep (dry run: nothing removed): ✅ passed')
    expect(md).toContain('| Would remove |')
    expect(md).toContain('| us-east-1 | key pair | `packer_1` | r | yes |')
  })

  it('says when there was nothing to sweep, and shows what was spared in a collapsed block', () => {
    const md = renderSweepReport(report({ spared: [{ region: 'us-east-1', kind: 'instance', id: 'i-2', reason: 'launched 2025-06-01T11:00:00Z, after the cutoff' }] }))
    expect(md).toContain('Nothing to sweep: no builder leftover older than the cutoff.')
    expect(md).toContain("<details><summary>Spared: 1 that look like Packer's but are not proven leftovers</summary>")
    expect(md).toContain('| us-east-1 | instance | `i-2` | launched 2025-06-01T11:00:00Z, after the cutoff |')
  })

  it('a failure is in plain sight, even before anything was looked up', () => {
    const md = renderSweepReport(report(undefined, { ok: false, error: 'the sweep could not sweep us-east-1: AccessDenied' }))
    expect(md).toContain('## Packer sweep: ❌ failed')
    expect(md).toContain('### Error')
    expect(md).toContain('AccessDenied')
  })
})
