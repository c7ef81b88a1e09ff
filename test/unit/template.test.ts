import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describeTemplate, templateFiles, type TemplateInfo } from '../../src/packer/template.js'
import { parseHcl } from '../../src/packer/hcl.js'

const DEFAULT = 'packer-manifest.json'
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-template-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let count = 0
function dir(files: Record<string, string>): string {
  const d = path.join(root, `t${count++}`)
  fs.mkdirSync(d, { recursive: true })
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(d, file), text)
  return d
}

/** One `.pkr.hcl` file with this text. */
async function hcl(text: string, vars: { variables?: Record<string, unknown>; varFiles?: string[] } = {}): Promise<TemplateInfo> {
  const file = path.join(dir({ 'web.pkr.hcl': text }), 'web.pkr.hcl')
  return describeTemplate(file, { variables: (vars.variables ?? {}) as never, varFiles: vars.varFiles ?? [] })
}

describe('manifests', () => {
  it.each<[string, string, string[]]>([
    ['no manifest post-processor', 'build {\n  sources = ["source.amazon-ebs.web"]\n}\n', []],
    ['default path', 'build {\n  post-processor "manifest" {}\n}\n', [DEFAULT]],
    ['literal output', 'build {\n  post-processor "manifest" {\n    output = "out/manifest.json"\n  }\n}\n', ['out/manifest.json']],
    ['expression output left out', 'build {\n  post-processor "manifest" {\n    output = "${path.root}/m.json"\n  }\n}\n', []],
    ['variable output left out', 'build {\n  post-processor "manifest" {\n    output = local.manifest\n  }\n}\n', []],
    [
      'nested braces before output',
      'build {\n  post-processor "manifest" {\n    custom_data = {\n      commit = "${var.sha}"\n      nested = { a = "b" }\n    }\n    output = "after.json"\n  }\n}\n',
      ['after.json']
    ],
    [
      'inside a post-processors chain, other post-processors ignored',
      'build {\n  post-processors {\n    post-processor "compress" {\n      output = "x.tar.gz"\n    }\n    post-processor "manifest" {\n      output = "chain.json"\n    }\n  }\n}\n',
      ['chain.json']
    ],
    [
      'a brace in a string or a comment derails nothing',
      'build {\n  # a { in a comment\n  // and } here\n  /* post-processor "manifest" { output = "fake.json" } */\n  provisioner "shell" {\n    inline = ["echo {"]\n  }\n  post-processor "manifest" {\n    output = "real.json" # }\n  }\n}\n',
      ['real.json']
    ],
    ['a manifest in a heredoc is text, not a block', 'locals {\n  doc = <<EOT\npost-processor "manifest" {\nEOT\n}\n', []]
  ])('%s', async (_name, text, expected) => {
    expect((await hcl(text)).manifests).toStrictEqual(expected)
  })
})

describe('plugins and component types', () => {
  it('reads required_plugins from every packer block, with or without a version', async () => {
    const t = await hcl(
      'packer {\n  required_plugins {\n    amazon = {\n      source  = "github.com/hashicorp/amazon"\n      version = ">= 1.2.8"\n    }\n  }\n}\n' +
        'packer {\n  required_plugins {\n    ansible = {\n      source = "github.com/hashicorp/ansible"\n    }\n  }\n}\n'
    )
    expect(t.requiredPlugins).toStrictEqual([
      { name: 'amazon', source: 'github.com/hashicorp/amazon', version: '>= 1.2.8' },
      { name: 'ansible', source: 'github.com/hashicorp/ansible', version: undefined }
    ])
  })

  it('lists sources, data sources, provisioners and post-processors by type', async () => {
    const t = await hcl(
      'data "amazon-ami" "base" {\n  most_recent = true\n}\n' +
        'source "amazon-ebs" "web" {\n  region = "us-east-1"\n}\nsource "file" "notes" {\n  content = "x"\n  target = "n.txt"\n}\n' +
        'build {\n  sources = ["source.amazon-ebs.web", "source.file.notes"]\n  provisioner "shell" {\n    inline = ["true"]\n  }\n' +
        '  post-processors {\n    post-processor "amazon-import" {}\n  }\n}\n'
    )
    expect([...t.componentTypes].sort()).toStrictEqual(['amazon-ami', 'amazon-ebs', 'amazon-import', 'file', 'shell'])
  })

  it('a .pkr.json template reads the same, single bodies or lists', async () => {
    const text = JSON.stringify({
      packer: { required_plugins: { amazon: { source: 'github.com/hashicorp/amazon', version: '~> 1' } } },
      source: { 'amazon-ebs': { web: { region: 'eu-west-1', ami_regions: ['eu-central-1'] } } },
      build: [{ sources: ['source.amazon-ebs.web'], 'post-processor': { manifest: { output: 'json-hcl.json' } } }]
    })
    const file = path.join(dir({ 'web.pkr.json': text }), 'web.pkr.json')
    const t = await describeTemplate(file, { variables: {}, varFiles: [] })
    expect(t).toMatchObject({
      hcl2: true,
      directory: false,
      manifests: ['json-hcl.json'],
      requiredPlugins: [{ name: 'amazon', source: 'github.com/hashicorp/amazon', version: '~> 1' }],
      componentTypes: ['amazon-ebs', 'manifest'],
      regions: ['eu-central-1', 'eu-west-1']
    })
  })
})

describe('regions', () => {
  const template =
    'variable "region" {\n  type    = string\n  default = "us-east-1"\n}\n' +
    'variable "copies" {\n  type    = list(string)\n  default = ["us-west-2"]\n}\n' +
    'source "amazon-ebs" "web" {\n  region      = var.region\n  ami_regions = var.copies\n}\n' +
    'source "amazon-ebs" "worker" {\n  region      = "ap-south-1"\n  ami_regions = ["eu-north-1", var.region]\n}\n' +
    'source "amazon-ebs" "computed" {\n  region = "${var.region}-x"\n  ami_regions = local.more\n}\n' +
    'source "googlecompute" "gce" {\n  region = "europe-west1"\n}\n'

  it('takes defaults where nothing else is given; leaves computed values to Packer', async () => {
    expect((await hcl(template)).regions).toStrictEqual(['ap-south-1', 'eu-north-1', 'us-east-1', 'us-west-2'])
  })

  it('var-files override defaults, in order, and the action\'s variables override both', async () => {
    const files = dir({
      'a.pkrvars.hcl': 'region = "eu-west-1"\ncopies = ["eu-west-2"]\n',
      'b.json': JSON.stringify({ region: 'ca-central-1' })
    })
    const varFiles = [path.join(files, 'a.pkrvars.hcl'), path.join(files, 'b.json')]
    expect((await hcl(template, { varFiles })).regions).toStrictEqual(['ap-south-1', 'ca-central-1', 'eu-north-1', 'eu-west-2'])
    expect((await hcl(template, { varFiles, variables: { copies: ['sa-east-1'] } })).regions).toStrictEqual([
      'ap-south-1',
      'ca-central-1',
      'eu-north-1',
      'sa-east-1'
    ])
  })

  it('a legacy JSON template: builders, {{user}} references and variables', async () => {
    const text = JSON.stringify({
      variables: { region: 'eu-west-3' },
      builders: [
        { type: 'amazon-ebs', region: '{{user `region`}}', ami_regions: ['us-east-2'] },
        { type: 'docker', region: 'nowhere-1' }
      ],
      provisioners: [{ type: 'shell' }],
      'post-processors': [[{ type: 'compress', output: 'x.tgz' }, 'manifest'], { type: 'manifest', output: '{{user `dir`}}/m.json' }]
    })
    const file = path.join(dir({ 'web.json': text }), 'web.json')
    const t = await describeTemplate(file, { variables: {}, varFiles: [] })
    expect(t).toMatchObject({
      hcl2: false,
      manifests: [DEFAULT],
      componentTypes: ['amazon-ebs', 'docker', 'shell', 'compress', 'manifest'],
      regions: ['eu-west-3', 'us-east-2']
    })
    expect((await describeTemplate(file, { variables: { region: 'me-south-1' }, varFiles: [] })).regions).toStrictEqual(['me-south-1', 'us-east-2'])
  })
})

describe('describeTemplate', () => {
  it('a directory: its .pkr.hcl and .pkr.json files, sorted and merged', async () => {
    const d = dir({
      'b.pkr.hcl': 'build {\n  post-processor "manifest" {\n    output = "b.json"\n  }\n}\n',
      'a.pkr.hcl': 'build {\n  post-processor "manifest" {}\n}\n',
      'vars.pkrvars.hcl': 'region = "x"\n',
      'legacy.json': '{}',
      'README.md': 'post-processor "manifest" {}'
    })
    const t = await describeTemplate(d, { variables: {}, varFiles: [] })
    expect(t).toMatchObject({ hcl2: true, directory: true, files: [path.join(d, 'a.pkr.hcl'), path.join(d, 'b.pkr.hcl')], manifests: [DEFAULT, 'b.json'] })
  })

  it('a file HCL cannot parse is noted, not thrown: Packer reports it in its own words', async () => {
    const t = await hcl('source "amazon-ebs" "web" {\n  region = "us-east-1"\n')
    expect(t.unreadable).toHaveLength(1)
    expect(t.unreadable[0]).toMatch(/web\.pkr\.hcl.*Unclosed configuration block/s)
  })

  it.each([
    ['an empty directory', () => dir({})],
    ['a directory of legacy JSON only', () => dir({ 'web.json': '{}' })],
    ['a legacy template that is not JSON', () => path.join(dir({ 'web.json': '{ "builders": [' }), 'web.json')]
  ])('%s is an error naming the template', async (_name, make) => {
    const target = make()
    await expect(describeTemplate(target, { variables: {}, varFiles: [] })).rejects.toThrow(/^template: /)
    await expect(describeTemplate(target, { variables: {}, varFiles: [] })).rejects.toThrow(target)
  })
})

describe('parseHcl (HashiCorp\'s HCL, compiled to WebAssembly)', () => {
  it('rejects what HCL rejects, with its position', async () => {
    await expect(parseHcl('x.pkr.hcl', 'a = 1\na = 2\n')).rejects.toThrow(/x\.pkr\.hcl:2,1-2: Attribute redefined/)
  })

  it('answers concurrent calls each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => parseHcl(`f${i}.hcl`, `n = ${i}\n`)))
    expect(results.map((r) => r.n)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })
})

describe('templateFiles', () => {
  it('points at the legacy JSON file in a folder that holds no HCL2 template', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-legacy-'))
    fs.writeFileSync(path.join(dir, 'web.json'), '{"builders": []}')
    expect(() => templateFiles(dir)).toThrow(`template: ${dir} holds no .pkr.hcl or .pkr.json file; a legacy JSON template is given as a file: template: ${path.join(dir, 'web.json')}`)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('values Packer reads by itself or from var-files', () => {
  const make = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-values-'))
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text)
    return dir
  }

  it('reads a directory\'s *.auto.pkrvars.hcl and .json, below var-files and variables', async () => {
    const dir = make({
      'main.pkr.hcl': 'variable "region" {\n  default = "us-east-1"\n}\nvariable "copy" {\n  default = "us-east-1"\n}\nsource "amazon-ebs" "web" {\n  region      = var.region\n  ami_regions = [var.copy]\n}\nbuild {\n  name    = var.name\n  sources = ["source.amazon-ebs.web"]\n}\nvariable "name" {\n  default = "x"\n}\n',
      'prod.auto.pkrvars.hcl': 'region = "eu-west-1"\nname = "prod"\n',
      'copy.auto.pkrvars.json': '{"copy": "eu-central-1"}'
    })
    const info = await describeTemplate(dir, { varFiles: [], variables: {} })
    expect(info.regions).toEqual(['eu-central-1', 'eu-west-1'])
    expect(info.builds).toEqual(['prod.amazon-ebs.web'])
    const overridden = await describeTemplate(dir, { varFiles: [], variables: { region: 'ap-south-1' } })
    expect(overridden.regions).toEqual(['ap-south-1', 'eu-central-1'])
  })

  it('legacy JSON: builder names and regions from a var-file, ami_regions as one comma-separated string', async () => {
    const dir = make({
      'web.json': JSON.stringify({
        variables: { build_name: 'default-name', region: 'us-east-1' },
        builders: [{ type: 'amazon-ebs', name: '{{user `build_name`}}', region: '{{user `region`}}', ami_regions: 'us-west-2, eu-west-1' }]
      }),
      'prod.json': JSON.stringify({ build_name: 'web-prod', region: 'eu-central-1' })
    })
    const info = await describeTemplate(path.join(dir, 'web.json'), { varFiles: [path.join(dir, 'prod.json')], variables: {} })
    expect(info.builds).toEqual(['web-prod'])
    expect(info.regions).toEqual(['eu-central-1', 'eu-west-1', 'us-west-2'])
  })

  it('legacy JSON: a builder name only Packer can interpolate is not guessed', async () => {
    const dir = make({ 'web.json': JSON.stringify({ builders: [{ type: 'amazon-ebs', name: 'web-{{timestamp}}' }] }) })
    const info = await describeTemplate(path.join(dir, 'web.json'), { varFiles: [], variables: {} })
    expect(info.builds).toEqual([])
    expect(info.unresolvedBuildNames).toEqual(['web-{{timestamp}}'])
  })
})
