/**
 * What fingerprint.test.ts let through when Stryker broke src/fingerprint.ts (docs/testing.md):
 * the order of plugins, env variables, base images and files never matters; what is not an
 * input (the template files among `files`, the outputs in `ignore`, `.git`, `packer_cache`,
 * `crash.log`, a socket) never counts; lists are told apart from their joined text; what the
 * summary shows of a fingerprint; and a second pinned digest, of the fewest inputs a build has.
 */
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { fingerprint, prepareFingerprint, type BuildInputs } from '../../src/fingerprint.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-fingerprint-mutants-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

let counter = 0
/** A fresh workspace with a template, a var-file and the given further files. */
function workspace(files: Record<string, string> = {}): BuildInputs & { at: (name: string) => string } {
  const root = path.join(dir, `ws-${counter++}`)
  const all: Record<string, string> = { 'web.pkr.hcl': 'source "amazon-ebs" "web" {}\n', 'prod.pkrvars.hcl': 'region = "us-east-1"\n', ...files }
  for (const [name, data] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    fs.writeFileSync(path.join(root, name), data)
  }
  const at = (name: string): string => path.join(root, name)
  return { at, templateFiles: [at('web.pkr.hcl')], root, varFiles: [at('prod.pkrvars.hcl')], variables: {}, only: [], except: [], packerVersion: '1.6.6' }
}

describe('the order inputs are given in does not change the fingerprint', () => {
  it('plugins, env variables and base images in any order', () => {
    const b = workspace()
    const one = fingerprint({
      ...b,
      plugins: ['github.com/hashicorp/amazon 1.8.2', 'github.com/hashicorp/ansible 1.1.0'],
      env: { STAGE: 'prod', TEAM: 'infra' },
      bases: ['amazon-ebs.web us-east-1 ami-1', 'amazon-ebs.api us-east-1 ami-2']
    })
    const other = fingerprint({
      ...b,
      plugins: ['github.com/hashicorp/ansible 1.1.0', 'github.com/hashicorp/amazon 1.8.2'],
      env: { TEAM: 'infra', STAGE: 'prod' },
      bases: ['amazon-ebs.api us-east-1 ami-2', 'amazon-ebs.web us-east-1 ami-1']
    })
    expect(other).toBe(one)
  })

  it('files and folders in any order, a file also under a listed folder counted once', () => {
    const b = workspace({ 'scripts/a.sh': 'a\n', 'scripts/b.sh': 'b\n', 'files/motd': 'hi\n', 'z.txt': 'z\n' })
    const one = fingerprint({ ...b, files: [b.at('z.txt'), b.at('scripts'), b.at('files/motd')] })
    const other = fingerprint({ ...b, files: [b.at('files/motd'), b.at('scripts/b.sh'), b.at('scripts'), b.at('z.txt')] })
    expect(other).toBe(one)
    expect(fingerprint({ ...b, files: [b.at('scripts/b.sh'), b.at('scripts/a.sh'), b.at('z.txt'), b.at('files/motd')] })).toBe(one)
  })
})

describe('what is no input does not count', () => {
  it('the template files and the ignored outputs under a listed folder', () => {
    const b = workspace({ 'scripts/setup.sh': 'echo\n', 'manifest.json': '{"builds": []}' })
    const ignore = [b.at('manifest.json')]
    const before = fingerprint({ ...b, files: [b.root], ignore })
    fs.writeFileSync(b.at('manifest.json'), '{"builds": [{"artifact_id": "us-east-1:ami-1"}]}')
    expect(fingerprint({ ...b, files: [b.root], ignore })).toBe(before)
    // The template counts once, as a template: the folder adds only what else it holds.
    expect(fingerprint({ ...b, files: [b.root], ignore })).toBe(fingerprint({ ...b, files: [b.at('scripts'), b.at('prod.pkrvars.hcl')] }))
    expect(prepareFingerprint({ ...b, files: [b.root], ignore }).parts.files).toBe(3)
  })

  it.each(['.git/HEAD', 'packer_cache/source.iso', 'crash.log'])('%s, which is Packer\'s or version control\'s', (name) => {
    const b = workspace({ 'scripts/setup.sh': 'echo\n' })
    const before = fingerprint({ ...b, files: [b.root] })
    fs.mkdirSync(path.dirname(b.at(name)), { recursive: true })
    fs.writeFileSync(b.at(name), 'anything\n')
    expect(fingerprint({ ...b, files: [b.root] })).toBe(before)
  })

  it('a socket under a listed folder: neither an input nor a failure', async () => {
    const b = workspace({ 'scripts/setup.sh': 'echo\n' })
    const before = fingerprint({ ...b, files: [b.root] })
    // A socket's path must be short (108 bytes on Linux): it lives in /tmp, a link to it in the folder.
    const short = fs.mkdtempSync('/tmp/pam-sock-')
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(path.join(short, 's'), resolve))
    try {
      fs.symlinkSync(path.join(short, 's'), b.at('agent.sock'))
      expect(fs.statSync(b.at('agent.sock')).isSocket()).toBe(true)
      expect(fingerprint({ ...b, files: [b.root] })).toBe(before)
    } finally {
      await new Promise((resolve) => server.close(resolve))
      fs.rmSync(short, { recursive: true, force: true })
    }
  })
})

describe('lists are told apart from their joined text', () => {
  it.each<[string, Partial<BuildInputs>, Partial<BuildInputs>]>([
    ['only', { only: ['a', 'b'] }, { only: ['ab'] }],
    ['except', { except: ['a', 'b'] }, { except: ['ab'] }]
  ])('%s', (_name, one, other) => {
    const b = workspace()
    expect(fingerprint({ ...b, ...one })).not.toBe(fingerprint({ ...b, ...other }))
  })
})

describe('what the summary shows of a fingerprint', () => {
  it('the number of files (templates with the rest), the plugins and the env names, sorted; no values', () => {
    const b = workspace({ 'scripts/a.sh': 'a\n', 'scripts/b.sh': 'b\n' })
    const { parts } = prepareFingerprint({
      ...b,
      files: [b.at('scripts'), b.at('missing.sh')],
      plugins: ['github.com/hashicorp/ansible 1.1.0', 'github.com/hashicorp/amazon 1.8.2'],
      env: { TEAM: 'infra', STAGE: 'prod' }
    })
    expect(parts).toStrictEqual({ files: 4, plugins: ['github.com/hashicorp/amazon 1.8.2', 'github.com/hashicorp/ansible 1.1.0'], env: ['STAGE', 'TEAM'] })
  })

  it('nothing beyond the templates: one file, no plugins, no env', () => {
    expect(prepareFingerprint(workspace()).parts).toStrictEqual({ files: 1, plugins: [], env: [] })
  })
})

/**
 * As the pinned digest in fingerprint.test.ts: a change of the algorithm changes this on
 * purpose, with a release note that the first skip-unchanged run after the upgrade rebuilds.
 * These are the fewest inputs a build has: no further files, plugins, env variables or bases.
 */
describe('the fingerprint algorithm, fewest inputs', () => {
  it('gives the pinned digest for a template and a var-file alone; empty lists are the same as none', () => {
    const root = path.join(dir, 'pinned')
    fs.mkdirSync(root)
    fs.writeFileSync(path.join(root, 'web.pkr.hcl'), 'source "amazon-ebs" "web" {}\n')
    fs.writeFileSync(path.join(root, 'prod.pkrvars.hcl'), 'region = "us-east-1"\n')
    const fewest: BuildInputs = {
      templateFiles: [path.join(root, 'web.pkr.hcl')],
      root,
      varFiles: [path.join(root, 'prod.pkrvars.hcl')],
      variables: { region: 'us-east-1' },
      only: ['amazon-ebs.web', 'amazon-ebs.api'],
      except: ['amazon-ebs.db', 'amazon-ebs.cache'],
      packerVersion: '1.6.6'
    }
    const digest = fingerprint(fewest)
    expect(digest).toBe('1993fd409932bf88d09a3b43eef94fb249dbde6ea9c20008b8ba8d601404cd1e')
    expect(fingerprint({ ...fewest, files: [], plugins: [], env: {}, bases: [], ignore: [] })).toBe(digest)
  })

  it('gives the pinned digest where a walk of the folders meets files in another order than their paths sort in', () => {
    // A walk meets conf/app.ini before conf.d (conf < conf.d); sorted as paths, conf.d comes first
    // ('.' sorts before '/'). The files count in the order of their paths: the pinned digest says so.
    const root = path.join(dir, 'pinned-walk')
    const files: Record<string, string> = { 'web.pkr.hcl': 'source "amazon-ebs" "web" {}\n', 'prod.pkrvars.hcl': 'region = "us-east-1"\n', 'conf/app.ini': 'a\n', 'conf.d': 'd\n' }
    for (const [name, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
      fs.writeFileSync(path.join(root, name), data)
    }
    const walk: BuildInputs = {
      templateFiles: [path.join(root, 'web.pkr.hcl')],
      root,
      varFiles: [path.join(root, 'prod.pkrvars.hcl')],
      variables: {},
      only: [],
      except: [],
      packerVersion: '1.6.6',
      files: [root]
    }
    expect(fingerprint(walk)).toBe('ef85dfd5f309875d74ffa4278d8b98f210734857303746dca7cffe481e1ed5aa')
  })
})
