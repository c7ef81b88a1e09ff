import type { Artifact } from '../../src/packer/artifacts.js'
import { consoleUrl, escapeCell, fence, renderReport, runLinks, type Report } from '../../src/report/render.js'

/** Cells of a Markdown table row, splitting on pipes that are not escaped. */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim())
}

describe('escapeCell', () => {
  it.each([
    ['amazon-ebs.web', 'amazon-ebs.web'],
    ['a|b', 'a\\|b'],
    ['x`y`', 'x\\`y\\`'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['*bold* _em_ [link](u)', '\\*bold\\* \\_em\\_ \\[link\\](u)'],
    ['back\\slash', 'back\\\\slash'],
    ['line 1\nline 2\r\nline 3', 'line 1 line 2 line 3']
  ])('%j → %j', (text, expected) => {
    expect(escapeCell(text)).toBe(expected)
  })

  it.each(['a|b|c', 'x\\|y', '| leading', 'trailing |', '\\'])('%j stays one table cell', (text) => {
    expect(cells(`| ${escapeCell(text)} | next |`)).toHaveLength(2)
  })
})

describe('fence', () => {
  it.each([
    ['plain', '', '```\nplain\n```'],
    ['one ` tick', '', '```\none ` tick\n```'],
    ['has ``` inside', '', '````\nhas ``` inside\n````'],
    ['````` five\n```', 'diff', '``````diff\n````` five\n```\n``````']
  ])('%j (lang %j)', (text, lang, expected) => {
    expect(fence(text, lang)).toBe(expected)
  })
})

describe('runLinks', () => {
  it.each([
    [
      { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/images', GITHUB_SHA: 'f00dfeed', GITHUB_RUN_ID: '42' },
      { sha: 'f00dfeed', commitUrl: 'https://github.com/acme/images/commit/f00dfeed', runUrl: 'https://github.com/acme/images/actions/runs/42' }
    ],
    [
      { GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc', GITHUB_RUN_ID: '7' },
      { sha: 'abc', commitUrl: 'https://ghe.example/o/r/commit/abc', runUrl: 'https://ghe.example/o/r/actions/runs/7' }
    ]
  ])('%j', (env, expected) => {
    expect(runLinks(env)).toStrictEqual(expected)
  })
})

const run = runLinks({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/images', GITHUB_SHA: '0123456789abcdef', GITHUB_RUN_ID: '99' })
const base = { template: 'packer/web.pkr.hcl', run }

describe('renderReport', () => {
  const artifacts: Artifact[] = [
    { build: 'alpha.amazon-ebs.a1', builder: 'amazon-ebs', region: 'eu-west-1', ami: 'ami-0bbbbbbbbbbbbbbb2' },
    { build: 'amazon-ebs.web', builder: 'amazon-ebs', region: 'us-east-1', ami: 'ami-e3ac96c80ffc6c446' },
    { build: 'amazon-ebs.web', builder: 'amazon-ebs', region: 'us-west-2', ami: 'ami-e2b202627ac6b2b98' }
  ]

  it('a build: heading, one table row per AMI with its console link, no details', () => {
    const md = renderReport({ ...base, mode: 'build', packerVersion: '1.6.6', ok: true, artifacts })
    expect(md.split('\n')[0]).toMatch(/^## Packer build: .*passed/)
    expect(md).toContain('| Packer | 1.6.6 |')
    expect(md).toContain('| Template | packer/web.pkr.hcl |')
    expect(md).toContain(`](${run.runUrl})`)
    expect(md).toContain(`](${run.commitUrl})`)
    const lines = md.split('\n')
    const header = lines.indexOf('| Build | Region | AMI |')
    expect(header).toBeGreaterThan(0)
    const rows = lines.slice(header + 2, header + 2 + artifacts.length).map(cells)
    expect(rows).toStrictEqual(artifacts.map((a) => [a.build, a.region, `[${a.ami}](${consoleUrl(a.region, a.ami)})`]))
    expect(lines[header + 2 + artifacts.length]).toBe('')
    expect(md).not.toContain('<details>')
  })

  it.each([
    ['us-east-1', 'ami-e3ac96c80ffc6c446'],
    ['eu-west-1', 'ami-0bbbbbbbbbbbbbbb2']
  ])('console link for %s %s opens that image in that region', (region, ami) => {
    const url = new URL(consoleUrl(region, ami))
    expect(url.hostname).toBe(`${region}.console.aws.amazon.com`)
    expect(url.searchParams.get('region')).toBe(region)
    expect(url.hash).toBe(`#ImageDetails:imageId=${ami}`)
  })

  it('user text in the table is escaped and keeps three cells', () => {
    const md = renderReport({
      ...base,
      template: 'tpl|<x>.pkr.hcl',
      mode: 'build',
      packerVersion: '1.6.6',
      ok: true,
      artifacts: [{ build: 'evil|<b>x</b>', builder: 'amazon-ebs', region: 'us-east-1', ami: 'ami-0a1' }]
    })
    const row = md.split('\n').find((l) => l.includes('evil')) as string
    expect(cells(row)).toHaveLength(3)
    expect(row).not.toContain('<b>')
    const templateRow = md.split('\n').find((l) => l.startsWith('| Template')) as string
    expect(cells(templateRow)).toHaveLength(2)
    expect(templateRow).not.toContain('<x>')
  })

  const fmtDiff = '--- a.pkr.hcl\n+++ a.pkr.hcl\n-  x=1\n+  x = 1'
  const validateErrors = 'Error: Unsupported argument\n\n  on broken.pkr.hcl line 3:\n```\n</details>'
  it.each<[string, Omit<Report, 'template' | 'run'>, Array<[string, string]>]>([
    [
      'fmt diff and validate errors, each in a collapsed block',
      { mode: 'validate', packerVersion: '1.6.6', ok: false, artifacts: [], fmtDiff, validateErrors, error: 'the template did not pass validation' },
      [
        ['packer fmt -check -diff', fence(fmtDiff, 'diff')],
        ['packer validate', fence(validateErrors)]
      ]
    ],
    ['validate errors only', { mode: 'validate', packerVersion: '1.6.6', ok: false, artifacts: [], validateErrors }, [['packer validate', fence(validateErrors)]]],
    ['an error alone', { mode: 'build', ok: false, artifacts: [], error: 'packer build failed:\nno ```creds```' }, [['Error', fence('packer build failed:\nno ```creds```')]]],
    ['a passing validate has none', { mode: 'validate', packerVersion: '1.6.6', ok: true, artifacts: [] }, []]
  ])('%s', (_name, report, blocks) => {
    const md = renderReport({ ...base, ...report })
    expect(md.split('\n')[0]).toMatch(new RegExp(`^## Packer ${report.mode}: .*${report.ok ? 'passed' : 'failed'}`))
    if (report.packerVersion === undefined) expect(md).toContain('| Packer | not installed |')
    const found = [...md.matchAll(/<details><summary>(.*?)<\/summary>\n\n([\s\S]*?)\n\n<\/details>\n/g)].map((m) => [m[1], m[2]])
    expect(found).toStrictEqual(blocks)
  })
})
