import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describeTemplate, hclManifests } from '../../src/packer/template.js'

const DEFAULT = 'packer-manifest.json'

describe('hclManifests', () => {
  it.each<[string, string, string[]]>([
    ['no manifest post-processor', 'build {\n  sources = ["source.amazon-ebs.web"]\n}\n', []],
    ['default path', 'build {\n  post-processor "manifest" {}\n}\n', [DEFAULT]],
    ['literal output', 'build {\n  post-processor "manifest" {\n    output = "out/manifest.json"\n  }\n}\n', ['out/manifest.json']],
    ['literal output, no space before brace', 'post-processor  "manifest"{\n  output="m.json"\n}\n', ['m.json']],
    ['expression output left out', 'post-processor "manifest" {\n  output = "${path.root}/m.json"\n}\n', []],
    ['variable output left out', 'post-processor "manifest" {\n  output = local.manifest\n}\n', []],
    [
      'nested braces before output',
      'post-processor "manifest" {\n  custom_data = {\n    commit = "${var.sha}"\n    nested = { a = "b" }\n  }\n  output = "after.json"\n}\n',
      ['after.json']
    ],
    [
      'each block read on its own',
      'post-processor "manifest" {\n  custom_data = { a = "b" }\n}\npost-processor "manifest" {\n  output = "second.json"\n}\n',
      [DEFAULT, 'second.json']
    ],
    [
      'inside a post-processors chain, other post-processors ignored',
      'build {\n  post-processors {\n    post-processor "compress" {\n      output = "x.tar.gz"\n    }\n    post-processor "manifest" {\n      output = "chain.json"\n      strip_path = true\n    }\n  }\n}\n',
      ['chain.json']
    ],
    ['literal output with a trailing comment', 'post-processor "manifest" {\n  output = "commented.json" # next to the template\n}\n', ['commented.json']]
  ])('%s', (_name, text, expected) => {
    expect(hclManifests(text)).toStrictEqual(expected)
  })
})

describe('describeTemplate', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-template-'))
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  function dir(name: string, files: Record<string, string>): string {
    const d = path.join(root, name)
    fs.mkdirSync(d, { recursive: true })
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(d, file), text)
    return d
  }

  it('a directory of .pkr.hcl files: sorted, absolute, manifests of every file', () => {
    const d = dir('hcl', {
      'b.pkr.hcl': 'build {\n  post-processor "manifest" {\n    output = "b.json"\n  }\n}\n',
      'a.pkr.hcl': 'build {\n  post-processor "manifest" {}\n}\n',
      'vars.pkrvars.hcl': 'post-processor "manifest" { output = "no.json" }\n',
      'legacy.json': '{}',
      'README.md': 'post-processor "manifest" {}'
    })
    expect(describeTemplate(d)).toStrictEqual({
      hcl2: true,
      files: [path.join(d, 'a.pkr.hcl'), path.join(d, 'b.pkr.hcl')],
      manifests: [DEFAULT, 'b.json']
    })
  })

  it('one .pkr.hcl file', () => {
    const file = path.join(dir('single', { 'web.pkr.hcl': 'post-processor "manifest" {\n  output = "w.json"\n}\n' }), 'web.pkr.hcl')
    expect(describeTemplate(file)).toStrictEqual({ hcl2: true, files: [file], manifests: ['w.json'] })
  })

  it('a .pkr.json file with a manifest post-processor', () => {
    const text = JSON.stringify({
      build: { sources: ['source.null.a'], 'post-processor': { manifest: { output: 'json-hcl.json' } } }
    })
    const file = path.join(dir('pkrjson', { 'web.pkr.json': text }), 'web.pkr.json')
    expect(describeTemplate(file)).toStrictEqual({ hcl2: true, files: [file], manifests: ['json-hcl.json'] })
  })

  it.each<[string, unknown, string[]]>([
    ['no post-processors', { builders: [{ type: 'amazon-ebs' }] }, []],
    [
      'objects and nested arrays',
      {
        'post-processors': [
          { type: 'manifest', output: 'top.json' },
          [{ type: 'compress', output: 'x.tgz' }, { type: 'manifest' }],
          { type: 'manifest', output: '{{user `dir`}}/m.json' }
        ]
      },
      ['top.json', DEFAULT]
    ],
    ['the string shorthand', { 'post-processors': ['manifest'] }, [DEFAULT]],
    ['the string shorthand in a sequence', { 'post-processors': [['compress', 'manifest']] }, [DEFAULT]]
  ])('a legacy JSON template: %s', (name, template, manifests) => {
    const file = path.join(dir(`legacy-${name.replace(/\W+/g, '-')}`, { 'web.json': JSON.stringify(template) }), 'web.json')
    expect(describeTemplate(file)).toStrictEqual({ hcl2: false, files: [file], manifests })
  })

  it.each([
    ['an empty directory', () => dir('empty', {})],
    ['a directory of legacy JSON only', () => dir('legacy-only', { 'web.json': '{}' })],
    ['a legacy template that is not JSON', () => path.join(dir('bad-json', { 'web.json': '{ "builders": [' }), 'web.json')]
  ])('%s is an error naming the template', (_name, make) => {
    const target = make()
    expect(() => describeTemplate(target)).toThrow(/^template: /)
    expect(() => describeTemplate(target)).toThrow(target)
  })
})
