import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { canonicalJson, fingerprint, type BuildInputs } from '../../src/fingerprint.js'
import type { Variables } from '../../src/variables.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-fingerprint-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

let counter = 0
/** A fresh workspace holding the given files; returns their absolute paths by name. */
function workspace(files: Record<string, string | Buffer>): { root: string; at: (name: string) => string } {
  const root = path.join(dir, `ws-${counter++}`)
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    fs.writeFileSync(path.join(root, name), data)
  }
  return { root, at: (name) => path.join(root, name) }
}

const FILES = {
  'web.pkr.hcl': 'source "amazon-ebs" "web" {\n  region = var.region\n}\n',
  'variables.pkr.hcl': 'variable "region" {\n  type = string\n}\n',
  'build.pkr.hcl': 'build {\n  sources = ["source.amazon-ebs.web"]\n}\n',
  'vars/prod.pkrvars.hcl': 'region = "us-east-1"\n',
  'vars/extra.json': '{"size": 8}'
}
const VARIABLES: Variables = {
  region: 'us-east-1',
  size: 8,
  encrypted: true,
  subnets: ['subnet-1', 'subnet-2'],
  tags: { team: 'infra', cost: { center: '0042', shared: false } },
  db_password: 's3cr3t'
}

function inputs(overrides: Partial<BuildInputs> = {}, files: Record<string, string | Buffer> = FILES): BuildInputs {
  const ws = workspace(files)
  return {
    templateFiles: ['web.pkr.hcl', 'variables.pkr.hcl', 'build.pkr.hcl'].map(ws.at),
    root: ws.root,
    varFiles: ['vars/prod.pkrvars.hcl', 'vars/extra.json'].map(ws.at),
    variables: VARIABLES,
    only: ['amazon-ebs.web'],
    except: [],
    packerVersion: '1.6.6',
    ...overrides
  }
}

const base = fingerprint(inputs())

describe('fingerprint', () => {
  it('is a SHA-256 in hex', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/)
  })

  it('same inputs, in a fresh copy of the workspace: same fingerprint', () => {
    expect(fingerprint(inputs())).toBe(base)
  })

  it('does not depend on the order of the template files', () => {
    const b = inputs()
    expect(fingerprint({ ...b, templateFiles: [...b.templateFiles].reverse() })).toBe(base)
    expect(fingerprint({ ...b, templateFiles: [b.templateFiles[1], b.templateFiles[2], b.templateFiles[0]] })).toBe(base)
  })

  it('does not depend on the order of keys in the variables, at any depth', () => {
    const reordered: Variables = {
      db_password: 's3cr3t',
      tags: { cost: { shared: false, center: '0042' }, team: 'infra' },
      subnets: ['subnet-1', 'subnet-2'],
      encrypted: true,
      size: 8,
      region: 'us-east-1'
    }
    expect(fingerprint(inputs({ variables: reordered }))).toBe(base)
  })

  const edit = (name: string, data: string | Buffer): Record<string, string | Buffer> => ({ ...FILES, [name]: data })

  it.each<[string, Record<string, string | Buffer>]>([
    ['one character of a template', edit('web.pkr.hcl', FILES['web.pkr.hcl'].replace('web', 'api'))],
    ['a trailing newline added to a template', edit('build.pkr.hcl', `${FILES['build.pkr.hcl']}\n`)],
    ['LF → CRLF in a template', edit('variables.pkr.hcl', FILES['variables.pkr.hcl'].replace(/\n/g, '\r\n'))],
    ['a var-file', edit('vars/prod.pkrvars.hcl', 'region = "eu-west-1"\n')],
    ['the second var-file', edit('vars/extra.json', '{"size": 16}')]
  ])('changes when the bytes change: %s', (_name, files) => {
    expect(fingerprint(inputs({}, files))).not.toBe(base)
  })

  it('sees bytes, not decoded text: two invalid UTF-8 bytes differ', () => {
    const a = fingerprint(inputs({}, edit('web.pkr.hcl', Buffer.from([0x23, 0xff, 0x0a]))))
    const b = fingerprint(inputs({}, edit('web.pkr.hcl', Buffer.from([0x23, 0xfe, 0x0a]))))
    expect(a).not.toBe(b)
  })

  it.each<[string, Variables]>([
    ['a top-level value', { ...VARIABLES, region: 'eu-west-1' }],
    ['a sensitive value', { ...VARIABLES, db_password: 's3cr3u' }],
    ['a value nested two levels down', { ...VARIABLES, tags: { team: 'infra', cost: { center: '0043', shared: false } } }],
    ['a nested boolean', { ...VARIABLES, tags: { team: 'infra', cost: { center: '0042', shared: true } } }],
    ['a number that becomes text', { ...VARIABLES, size: '8' }],
    ['the order of a list', { ...VARIABLES, subnets: ['subnet-2', 'subnet-1'] }],
    ['a variable added', { ...VARIABLES, extra: null }],
    ['a variable removed', Object.fromEntries(Object.entries(VARIABLES).filter(([k]) => k !== 'encrypted'))],
    ['a variable renamed', { ...Object.fromEntries(Object.entries(VARIABLES).filter(([k]) => k !== 'size')), disk: 8 }]
  ])('changes with the variables: %s', (_name, variables) => {
    expect(fingerprint(inputs({ variables }))).not.toBe(base)
  })

  it.each<[string, Partial<BuildInputs>]>([
    ['only another build', { only: ['amazon-ebs.api'] }],
    ['only nothing', { only: [] }],
    ['except a build', { except: ['amazon-ebs.web'] }],
    ['the Packer version', { packerVersion: '1.16.0' }],
    ['a var-file dropped', { varFiles: [] }]
  ])('changes with %s', (_name, overrides) => {
    expect(fingerprint(inputs(overrides))).not.toBe(base)
  })

  it('only and except are told apart', () => {
    expect(fingerprint(inputs({ only: ['a'], except: [] }))).not.toBe(fingerprint(inputs({ only: [], except: ['a'] })))
  })

  it('a template file added changes it', () => {
    const files = { ...FILES, 'locals.pkr.hcl': 'locals {}\n' }
    const b = inputs({}, files)
    expect(fingerprint({ ...b, templateFiles: [...b.templateFiles, path.join(b.root, 'locals.pkr.hcl')] })).not.toBe(base)
  })
})

describe('canonicalJson', () => {
  it.each<[string, Variables, string]>([
    ['empty', {}, '{}'],
    ['keys sorted at the top', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'keys sorted at every depth, arrays kept in order',
      { z: { y: [{ d: 1, c: [{ f: null, e: true }] }, 'x'], b: 'v' }, a: [3, 1, 2] },
      '{"a":[3,1,2],"z":{"b":"v","y":[{"c":[{"e":true,"f":null}],"d":1},"x"]}}'
    ],
    ['strings escaped as JSON', { 'k"ey': 'line 1\nline 2 "q" \\' }, '{"k\\"ey":"line 1\\nline 2 \\"q\\" \\\\"}'],
    ['scalars of every type', { s: 'x', n: -1.5, t: true, f: false, z: null }, '{"f":false,"n":-1.5,"s":"x","t":true,"z":null}']
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it('reads back as the same value', () => {
    expect(JSON.parse(canonicalJson(VARIABLES))).toStrictEqual(VARIABLES)
  })

  it('two orderings of the same mapping give the same text', () => {
    expect(canonicalJson({ a: { c: 1, d: [{ f: 1, e: 2 }] }, b: 2 })).toBe(canonicalJson({ b: 2, a: { d: [{ e: 2, f: 1 }], c: 1 } }))
  })
})

/**
 * A golden fingerprint: the tag that lets skip-unchanged find the AMIs of earlier runs. When the
 * algorithm or its inputs change on purpose, change this digest in the same commit and say in the
 * release notes that the first skip-unchanged run after the upgrade rebuilds once.
 */
describe('the fingerprint algorithm', () => {
  it('gives the pinned digest for a pinned set of inputs', () => {
    const ws = workspace({ ...FILES, 'scripts/setup.sh': '#!/bin/sh\necho setup\n', 'files/motd': 'hello\n' })
    const pinned: BuildInputs = {
      templateFiles: ['web.pkr.hcl', 'variables.pkr.hcl', 'build.pkr.hcl'].map(ws.at),
      root: ws.root,
      varFiles: ['vars/prod.pkrvars.hcl', 'vars/extra.json'].map(ws.at),
      variables: VARIABLES,
      only: ['amazon-ebs.web'],
      except: [],
      packerVersion: '1.16.0',
      files: [ws.at('scripts'), ws.at('files/motd'), ws.at('missing.sh')],
      plugins: ['github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64 0123abcd'],
      env: { STAGE: 'prod', UNSET: undefined },
      bases: ['amazon-ebs.web us-east-1 ami-0123456789abcdef0']
    }
    expect(fingerprint(pinned)).toBe('a7d8201801b471b111d52032107321b28e985cb6490212cdf272e370457b977a')
  })
})
