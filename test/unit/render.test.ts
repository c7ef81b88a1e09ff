import type { PackerArtifact } from '../../src/packer/artifacts.js'
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
  const ami = (build: string, region: string, id: string): PackerArtifact => ({
    build,
    builder: 'amazon-ebs',
    builderId: 'mitchellh.amazonebs',
    id: `${region}:${id}`,
    region,
    ami: id
  })
  const artifacts: PackerArtifact[] = [
    ami('alpha.amazon-ebs.a1', 'eu-west-1', 'ami-0bbbbbbbbbbbbbbb2'),
    ami('amazon-ebs.web', 'us-east-1', 'ami-e3ac96c80ffc6c446'),
    ami('amazon-ebs.web', 'us-west-2', 'ami-e2b202627ac6b2b98')
  ]
  const file: PackerArtifact = { build: 'file.notes', builder: 'file', builderId: 'packer.file', id: 'File' }

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
    expect(rows).toStrictEqual(artifacts.map((a) => [a.build, a.region, `[${a.ami}](${consoleUrl(a.region as string, a.ami as string)})`]))
    expect(lines[header + 2 + artifacts.length]).toBe('')
    expect(md).not.toContain('<details>')
    expect(md).not.toContain('| Build | Builder | Artifact |')
    expect(md).not.toContain('| Skipped |')
  })

  it('artifacts that are no AMI: a table of their own, after the AMIs', () => {
    const docker: PackerArtifact = { build: 'docker.app', builder: 'docker', builderId: 'packer.docker', id: 'sha256:4f3c2a1b' }
    const md = renderReport({ ...base, mode: 'build', packerVersion: '1.6.6', ok: true, artifacts: [artifacts[1], docker, file] })
    const lines = md.split('\n')
    const amiHeader = lines.indexOf('| Build | Region | AMI |')
    const header = lines.indexOf('| Build | Builder | Artifact |')
    expect(amiHeader).toBeGreaterThan(0)
    expect(header).toBeGreaterThan(amiHeader)
    expect(lines.slice(amiHeader + 2, amiHeader + 3).map(cells)).toStrictEqual([['amazon-ebs.web', 'us-east-1', expect.stringContaining('ami-e3ac96c80ffc6c446')]])
    expect(lines.slice(header + 2, header + 4).map(cells)).toStrictEqual([
      ['docker.app', 'docker', 'sha256:4f3c2a1b'],
      ['file.notes', 'file', 'File']
    ])
    expect(lines[header + 4]).toBe('')
  })

  it('only other artifacts: no AMI table', () => {
    const md = renderReport({ ...base, mode: 'build', packerVersion: '1.6.6', ok: true, artifacts: [file] })
    expect(md).not.toContain('| Build | Region | AMI |')
    expect(md).toContain('| file.notes | file | File |')
  })

  it('skipped builds: a row of the run table, escaped', () => {
    const md = renderReport({ ...base, mode: 'build', packerVersion: '1.16.0', ok: true, artifacts: [], skipped: ['amazon-ebs.web', 'x|<b>y</b>'] })
    const row = md.split('\n').find((l) => l.startsWith('| Skipped |')) as string
    expect(cells(row)).toStrictEqual(['Skipped', 'amazon-ebs.web, x\\|\\<b\\>y\\</b\\> (HCP Packer has them done for this fingerprint)'])
  })

  it('an after-build report with no AMI adds no section', () => {
    const md = renderReport({ ...base, mode: 'build', ok: true, artifacts: [file], images: { images: [], parameters: [], retention: [] } })
    expect(md).not.toContain('After the build')
  })

  it.each<[string, string | undefined, string[] | undefined, string[]]>([
    ['a failed build: the error in plain sight', 'packer build failed:\nno ```creds```', undefined, ['Error', fence('packer build failed:\nno ```creds```')]],
    [
      'a passing build whose Packer printed errors: them too',
      undefined,
      ['==> Failed assigning version `01H` to channel `prod`: 403', 'Error: </details>'],
      ['Errors Packer printed (the run still passed)', fence('==> Failed assigning version `01H` to channel `prod`: 403\nError: </details>')]
    ]
  ])('%s', (_name, error, packerErrors, [heading, block]) => {
    const md = renderReport({ ...base, mode: 'build', packerVersion: '1.6.6', ok: error === undefined, artifacts: [file], error, packerErrors })
    expect(md).toContain(`### ${heading}\n\n${block}\n`)
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
      artifacts: [ami('evil|<b>x</b>', 'us-east-1', 'ami-0a1'), { build: 'evil|<i>f</i>', builder: 'fi|le', builderId: 'packer.file', id: '<img src=x>|`x`' }]
    })
    const rows = md.split('\n').filter((l) => l.includes('evil'))
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(cells(row)).toHaveLength(3)
      expect(row).not.toMatch(/(?<!\\)<\/?(b|i|img)/)
    }
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
    ['an error alone is no collapsed block', { mode: 'build', ok: false, artifacts: [], error: 'packer build failed:\nno ```creds```' }, []],
    ['a passing validate has none', { mode: 'validate', packerVersion: '1.6.6', ok: true, artifacts: [] }, []]
  ])('%s', (_name, report, blocks) => {
    const md = renderReport({ ...base, ...report })
    expect(md.split('\n')[0]).toMatch(new RegExp(`^## Packer ${report.mode}: .*${report.ok ? 'passed' : 'failed'}`))
    if (report.packerVersion === undefined) expect(md).toContain('| Packer | not installed |')
    const found = [...md.matchAll(/<details><summary>(.*?)<\/summary>\n\n([\s\S]*?)\n\n<\/details>\n/g)].map((m) => [m[1], m[2]])
    expect(found).toStrictEqual(blocks)
  })
})
