import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describeTemplate } from '../../src/packer/template.js'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-build-names-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

let count = 0
function dir(files: Record<string, string>): string {
  const d = path.join(root, `t${count++}`)
  fs.mkdirSync(d, { recursive: true })
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(d, file), text)
  return d
}

const SOURCES = 'source "amazon-ebs" "web" {\n  region = "us-east-1"\n}\nsource "amazon-ebs" "worker" {\n  region = "us-east-1"\n}\n'

async function names(hcl: string, variables: Record<string, unknown> = {}): Promise<{ builds: string[]; unresolved: string[] }> {
  const d = dir({ 'sources.pkr.hcl': SOURCES, 'builds.pkr.hcl': hcl })
  const t = await describeTemplate(d, { variables: variables as never, varFiles: [] })
  return { builds: t.builds, unresolved: t.unresolvedBuildNames }
}

describe('build names as Packer gives them (hcl2template, packer/build.go CoreBuild.Name)', () => {
  it.each<[string, string, string[]]>([
    ['sources of an unnamed build', 'build {\n  sources = ["source.amazon-ebs.web", "source.amazon-ebs.worker"]\n}\n', ['amazon-ebs.web', 'amazon-ebs.worker']],
    ['a named build block prefixes its name', 'build {\n  name    = "blue"\n  sources = ["source.amazon-ebs.web"]\n}\n', ['blue.amazon-ebs.web']],
    ['a reference without the source. prefix', 'build {\n  sources = ["amazon-ebs.web"]\n}\n', ['amazon-ebs.web']],
    [
      'a source block named inside the build replaces the source name',
      'build {\n  source "source.amazon-ebs.web" {\n    name = "canary"\n  }\n}\n',
      ['amazon-ebs.canary']
    ],
    ['a source block without a name keeps it', 'build {\n  source "source.amazon-ebs.web" {}\n}\n', ['amazon-ebs.web']],
    [
      'named build, renamed source',
      'build {\n  name = "blue"\n  source "source.amazon-ebs.web" {\n    name = "canary"\n  }\n}\n',
      ['blue.amazon-ebs.canary']
    ],
    [
      'sources first, then source blocks, as Packer reads a build block',
      'build {\n  source "source.amazon-ebs.worker" {\n    name = "late"\n  }\n  sources = ["source.amazon-ebs.web"]\n}\n',
      ['amazon-ebs.web', 'amazon-ebs.late']
    ],
    [
      'several build blocks, in order; a name twice is listed once',
      'build {\n  sources = ["source.amazon-ebs.web"]\n}\nbuild {\n  name    = "green"\n  sources = ["source.amazon-ebs.web", "source.amazon-ebs.worker"]\n}\nbuild {\n  sources = ["source.amazon-ebs.web"]\n}\n',
      ['amazon-ebs.web', 'green.amazon-ebs.web', 'green.amazon-ebs.worker']
    ],
    ['an empty name is no name', 'build {\n  name    = ""\n  sources = ["source.amazon-ebs.web"]\n}\n', ['amazon-ebs.web']],
    ['a malformed reference names nothing (Packer refuses it)', 'build {\n  sources = ["web"]\n}\n', []]
  ])('%s', async (_name, hcl, expected) => {
    expect((await names(hcl)).builds).toStrictEqual(expected)
  })

  it('resolves a build name from a variable: its default, or the value given', async () => {
    const hcl = 'variable "env" {\n  type    = string\n  default = "staging"\n}\nbuild {\n  name    = var.env\n  sources = ["source.amazon-ebs.web"]\n}\n'
    expect((await names(hcl)).builds).toStrictEqual(['staging.amazon-ebs.web'])
    expect((await names(hcl, { env: 'prod' })).builds).toStrictEqual(['prod.amazon-ebs.web'])
  })

  it('a name only Packer can evaluate leaves its builds out, and says so', async () => {
    const hcl =
      'locals {\n  env = "x"\n}\nbuild {\n  name    = local.env\n  sources = ["source.amazon-ebs.web"]\n}\n' +
      'build {\n  name    = "n-${var.env}"\n  sources = ["source.amazon-ebs.worker"]\n}\nbuild {\n  sources = ["source.amazon-ebs.web"]\n}\n'
    expect(await names(hcl)).toStrictEqual({ builds: ['amazon-ebs.web'], unresolved: ['${local.env}', 'n-${var.env}'] })
  })

  it('a .pkr.json template: single bodies or lists', async () => {
    const text = JSON.stringify({
      source: { 'amazon-ebs': { web: { region: 'us-east-1' } } },
      build: [
        { name: 'j', sources: ['source.amazon-ebs.web'] },
        { source: { 'source.amazon-ebs.web': { name: 'renamed' } } }
      ]
    })
    const file = path.join(dir({ 'web.pkr.json': text }), 'web.pkr.json')
    expect((await describeTemplate(file, { variables: {}, varFiles: [] })).builds).toStrictEqual(['j.amazon-ebs.web', 'amazon-ebs.renamed'])
  })

  it('legacy JSON: each builder by its name, else its type', async () => {
    const text = JSON.stringify({ builders: [{ type: 'amazon-ebs', name: 'web' }, { type: 'amazon-ebs' }, { type: 'file', name: '' }] })
    const file = path.join(dir({ 'legacy.json': text }), 'legacy.json')
    const t = await describeTemplate(file, { variables: {}, varFiles: [] })
    expect(t.hcl2).toBe(false)
    expect(t.builds).toStrictEqual(['web', 'amazon-ebs', 'file'])
    expect(t.unresolvedBuildNames).toStrictEqual([])
  })
})
