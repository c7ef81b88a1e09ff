/**
 * A loopback stand-in for HashiCorp's release site. The tests cannot reach
 * the real one, so this serves the same layout, with Debian's packer binary
 * zipped under every requested version and a throwaway OpenPGP key signing
 * the checksums, which lets the action's download-and-verify path run for real.
 * From 1.10.0 on, the served "packer" is Debian's behind a script that answers
 * `packer plugins installed` and `packer init` as Packer 1.16.0 does (packer-stand-in.ts).
 */
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import * as openpgp from 'openpgp'
import type { PrivateKey } from 'openpgp'
import semver from 'semver'
import ts from 'typescript'
import { ensureDebianCommand, ensurePacker } from './packer.js'
import { repoRoot } from './runner.js'

export interface MirrorOptions {
  versions: string[]
  /** 'zip': the served zip differs from its SUMS line; 'sums-after-signing': SUMS differs from what was signed. */
  tamper?: 'zip' | 'sums-after-signing'
  /** Sign with this key instead of the mirror's own one (whose public key the test hands the action). */
  signWith?: PrivateKey
  /** Publish only packer_{v}_SHA256SUMS.sig, as older releases did, with no key-id suffixed signature. */
  plainSigOnly?: boolean
  /** Drop the connection of the first `times` requests whose path matches, as a flaky network does. */
  drop?: { path: RegExp; times: number }
  /**
   * Official plugin releases to serve, name → versions (`{ amazon: ['1.8.2'] }`), in the release
   * site's layout (packer-plugin-amazon/index.json, /{v}/…_SHA256SUMS, signatures, zips). The
   * zip holds `packer-plugin-amazon_v{v}_x5.0_{os}_{arch}`, a script that answers `describe` as
   * the real plugin does; `describeVersion` makes it claim another version.
   */
  plugins?: Record<string, string[]>
  pluginTamper?: 'zip' | 'sums-after-signing'
  describeVersion?: string
  /** The protocol the plugin binary's name and `describe` claim; default `x5.0`. */
  pluginApi?: string
  /** Pads the plugin binary with this many random bytes, to weigh what the real one does (~100 MB). */
  pluginBinaryBytes?: number
  /** Answers requests whose path matches `ms` milliseconds late, as a slow download finishes late. */
  hold?: { path: RegExp; ms: number }
}

export interface Mirror {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string
  /** The mirror's own signing key. */
  publicKeyArmored: string
  /** Last 8 hex digits of the mirror key's fingerprint, upper case, as in the .sig file names. */
  keyId: string
  /** Every request path, in order, without query string. */
  requests: string[]
  /** The paths answered, in the order their answers were sent. */
  answered: string[]
  close(): Promise<void>
}

export interface SigningKey {
  privateKey: PrivateKey
  publicKeyArmored: string
}

interface Platform {
  os: string
  arch: string
}

interface Build extends Platform {
  filename: string
  zip: Buffer
  /** The build the action will pick on this machine: the only one worth tampering with. */
  native: boolean
}

interface ServedFile {
  body: Buffer
  contentType: string
}

export async function generateSigningKey(): Promise<SigningKey> {
  // A v4 ECC key: fast to make, and its key ID is the fingerprint's tail, the
  // same convention as HashiCorp's RSA key and its ".72D7468F.sig" files.
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Packer Mirror Test Key', email: 'mirror@example.invalid' }],
    format: 'object'
  })
  return { privateKey, publicKeyArmored: publicKey.armor() }
}

function currentPlatform(): Platform {
  const os = ({ linux: 'linux', darwin: 'darwin', win32: 'windows' } as Record<string, string>)[process.platform]
  const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch]
  if (os === undefined || arch === undefined) {
    throw new Error(`no HashiCorp build name for ${process.platform}/${process.arch}`)
  }
  return { os, arch }
}

/** A platform that differs from `p` in both os and arch, so it can never be picked by mistake. */
function otherPlatform(p: Platform): Platform {
  return { os: p.os === 'linux' ? 'darwin' : 'linux', arch: p.arch === 'amd64' ? 'arm64' : 'amd64' }
}

/** Zip a single executable named `packer` at the archive root, as HashiCorp ships it. */
function zipExecutable(place: (target: string) => void): Buffer {
  const zipCommand = ensureDebianCommand('zip', 'zip')
  const dir = mkdtempSync(path.join(tmpdir(), 'packer-mirror-'))
  try {
    const binary = path.join(dir, 'packer')
    place(binary)
    chmodSync(binary, 0o755)
    // -1: the 100 MB binary zips three times faster than at the default level;
    // -X: no uid/gid extras, only the unix mode the extractor must honour.
    execFileSync(zipCommand, ['-1', '-X', '-q', 'packer.zip', 'packer'], { cwd: dir, stdio: ['ignore', 2, 2] })
    return readFileSync(path.join(dir, 'packer.zip'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Zipping packer takes about a second, so each process does it at most once. */
const zipCache = new Map<'packer' | 'stand-in' | 'dummy', Buffer>()

function cachedZip(kind: 'packer' | 'stand-in' | 'dummy'): Buffer {
  let zip = zipCache.get(kind)
  if (zip === undefined) {
    zip =
      kind === 'packer'
        ? zipExecutable((target) => copyFileSync(ensurePacker(), target))
        : kind === 'stand-in'
          ? zipExecutable((target) => writeFileSync(target, standInScript()))
          : zipExecutable((target) => writeFileSync(target, '#!/bin/sh\necho "dummy build for another platform" >&2\nexit 1\n'))
    zipCache.set(kind, zip)
  }
  return zip
}

/** Packer ships no plugin from 1.10.0 on, and has `packer plugins installed` (CHANGELOG 1.10.0). */
const STAND_IN_FROM = '1.10.0'

/** Writes the stand-in "packer" of standInScript to `file`, executable, for use without a mirror. */
export function writeStandInPacker(file: string): string {
  writeFileSync(file, standInScript(), { mode: 0o755 })
  return file
}

/**
 * The "packer" served from STAND_IN_FROM on: Debian's 1.6.6 for every command but the two that
 * read Packer >= 1.11's plugin folder, `plugins installed` and `init`, which go to
 * packer-stand-in.ts (compiled here once, run by this node). `exec` keeps the process id and
 * makes the process packer itself, as the post step expects.
 */
function standInScript(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'packer-stand-in-'))
  const js = path.join(dir, 'packer-stand-in.mjs')
  const source = readFileSync(path.join(repoRoot, 'test', 'support', 'packer-stand-in.ts'), 'utf8')
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } })
  writeFileSync(js, compiled.outputText)
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
  return [
    '#!/bin/sh',
    '# Packer 1.16.0 as the tests serve it: Debian\'s Packer 1.6.6, with `plugins installed` and `init` as 1.16.0 has them.',
    'if [ "$1" = init ] || { [ "$1" = plugins ] && [ "$2" = installed ]; }; then',
    `  PAM_STAND_IN_REPO=${q(repoRoot)} exec ${q(process.execPath)} ${q(js)} "$@"`,
    'fi',
    `exec ${q(ensurePacker())} "$@"`,
    ''
  ].join('\n')
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function shasumsFile(builds: Build[]): Buffer {
  const sorted = [...builds].sort((a, b) => (a.filename < b.filename ? -1 : 1))
  return Buffer.from(sorted.map((b) => `${sha256Hex(b.zip)}  ${b.filename}\n`).join(''))
}

async function detachedSignature(data: Buffer, key: PrivateKey): Promise<Buffer> {
  const message = await openpgp.createMessage({ binary: new Uint8Array(data) })
  const signature = await openpgp.sign({ message, signingKeys: key, detached: true, format: 'binary' })
  return Buffer.from(signature)
}

/** Same length, different checksum: flips one byte in the middle of the archive. */
function corruptOneByte(data: Buffer): Buffer {
  const copy = Buffer.from(data)
  const middle = Math.floor(copy.length / 2)
  copy[middle] ^= 0xff
  return copy
}

/** Bumps the first hex digit of the first hash, keeping the file well-formed. */
function alterFirstHash(sums: Buffer): Buffer {
  const text = sums.toString('utf8')
  const digit = ((parseInt(text.charAt(0), 16) + 1) % 16).toString(16)
  return Buffer.from(digit + text.slice(1))
}

function binary(body: Buffer): ServedFile {
  return { body, contentType: 'application/octet-stream' }
}

async function buildFiles(
  baseUrl: string,
  opts: MirrorOptions,
  signer: PrivateKey,
  keyId: string
): Promise<Map<string, ServedFile>> {
  const files = new Map<string, ServedFile>()
  const versions: Record<string, unknown> = {}
  const here = currentPlatform()
  for (const version of opts.versions) {
    const platforms = [
      { platform: here, zip: cachedZip(semver.gte(version, STAND_IN_FROM) ? 'stand-in' : 'packer'), native: true },
      { platform: otherPlatform(here), zip: cachedZip('dummy'), native: false }
    ]
    const dir = `/packer/${version}`
    const builds: Build[] = platforms.map(({ platform, zip, native }) => ({
      ...platform,
      filename: `packer_${version}_${platform.os}_${platform.arch}.zip`,
      zip,
      native
    }))
    const sums = shasumsFile(builds)
    const signature = await detachedSignature(sums, signer)

    for (const build of builds) {
      const served = opts.tamper === 'zip' && build.native ? corruptOneByte(build.zip) : build.zip
      files.set(`${dir}/${build.filename}`, binary(served))
    }
    const sumsName = `packer_${version}_SHA256SUMS`
    files.set(`${dir}/${sumsName}`, {
      body: opts.tamper === 'sums-after-signing' ? alterFirstHash(sums) : sums,
      contentType: 'text/plain; charset=utf-8'
    })
    const plainSig = `${sumsName}.sig`
    // The suffix names the key the action is told to trust, even when signWith
    // swaps the actual signer, so a wrong-key test reaches signature checking.
    const keyedSig = `${sumsName}.${keyId}.sig`
    const signatures = opts.plainSigOnly === true ? [plainSig] : [keyedSig, plainSig]
    for (const name of signatures) files.set(`${dir}/${name}`, binary(signature))

    versions[version] = {
      name: 'packer',
      version,
      shasums: sumsName,
      shasums_signature: plainSig,
      shasums_signatures: signatures,
      builds: builds.map((b) => ({
        name: 'packer',
        version,
        os: b.os,
        arch: b.arch,
        filename: b.filename,
        url: `${baseUrl}${dir}/${b.filename}`
      }))
    }
  }

  files.set('/packer/index.json', {
    body: Buffer.from(JSON.stringify({ name: 'packer', versions }, null, 2)),
    contentType: 'application/json'
  })
  for (const [name, pluginVersions] of Object.entries(opts.plugins ?? {})) {
    await addPluginRelease(files, baseUrl, name, pluginVersions, opts, signer, keyId)
  }
  return files
}

/**
 * A plugin binary as a script: it answers `describe` with the JSON packer-plugin-sdk prints
 * (plugin/set.go at v0.6.10: version, sdk_version, api_version, component lists).
 */
export function pluginScript(name: string, version: string, api = 'x5.0'): string {
  const description = JSON.stringify({
    version,
    sdk_version: '0.6.10',
    api_version: api,
    builders: ['chroot', 'ebs', 'ebssurrogate', 'ebsvolume', 'instance'],
    post_processors: ['import'],
    provisioners: [],
    datasources: ['ami', 'parameterstore', 'secretsmanager'],
    protocol_version: 'v2'
  })
  // With PAM_PLUGIN_ENV_DUMP set, it also writes the environment it was started with there.
  const dump = 'if [ -n "$PAM_PLUGIN_ENV_DUMP" ]; then env > "$PAM_PLUGIN_ENV_DUMP"; fi'
  return `#!/bin/sh\n# stand-in for packer-plugin-${name}\n${dump}\nif [ "$1" = describe ]; then echo '${description}'; exit 0; fi\nexit 1\n`
}

/** A zip holding `files` (each executable), written by Debian's zip. */
export function zipFiles(files: Record<string, string | Buffer>): Buffer {
  const zipCommand = ensureDebianCommand('zip', 'zip')
  const dir = mkdtempSync(path.join(tmpdir(), 'plugin-mirror-'))
  try {
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), text)
      chmodSync(path.join(dir, name), 0o755)
    }
    execFileSync(zipCommand, ['-X', '-q', 'out.zip', ...Object.keys(files)], { cwd: dir, stdio: ['ignore', 2, 2] })
    return readFileSync(path.join(dir, 'out.zip'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function addPluginRelease(
  files: Map<string, ServedFile>,
  baseUrl: string,
  name: string,
  pluginVersions: string[],
  opts: MirrorOptions,
  signer: PrivateKey,
  keyId: string
): Promise<void> {
  const product = `packer-plugin-${name}`
  const here = currentPlatform()
  const versions: Record<string, unknown> = {}
  for (const version of pluginVersions) {
    const dir = `/${product}/${version}`
    const builds: Build[] = [here, otherPlatform(here)].map((p, i) => {
      const api = opts.pluginApi ?? 'x5.0'
      const binary = `${product}_v${version}_${api}_${p.os}_${p.arch}`
      const text = pluginScript(name, i === 0 ? (opts.describeVersion ?? version) : version, api)
      // The shell exits before it reaches the padding.
      const script = opts.pluginBinaryBytes === undefined ? text : Buffer.concat([Buffer.from(text), randomBytes(opts.pluginBinaryBytes)])
      return { ...p, filename: `${product}_${version}_${p.os}_${p.arch}.zip`, zip: zipFiles({ [binary]: script, 'LICENSE.txt': 'MPL-2.0\n' }), native: i === 0 }
    })
    const sums = shasumsFile(builds)
    const signature = await detachedSignature(sums, signer)
    for (const build of builds) {
      files.set(`${dir}/${build.filename}`, binary(opts.pluginTamper === 'zip' && build.native ? corruptOneByte(build.zip) : build.zip))
    }
    const sumsName = `${product}_${version}_SHA256SUMS`
    files.set(`${dir}/${sumsName}`, {
      body: opts.pluginTamper === 'sums-after-signing' ? alterFirstHash(sums) : sums,
      contentType: 'text/plain; charset=utf-8'
    })
    const signatures = [`${sumsName}.${keyId}.sig`, `${sumsName}.sig`]
    for (const sig of signatures) files.set(`${dir}/${sig}`, binary(signature))
    versions[version] = {
      name: product,
      version,
      shasums: sumsName,
      shasums_signature: `${sumsName}.sig`,
      shasums_signatures: signatures,
      builds: builds.map((b) => ({ name: product, version, os: b.os, arch: b.arch, filename: b.filename, url: `${baseUrl}${dir}/${b.filename}` }))
    }
  }
  files.set(`/${product}/index.json`, {
    body: Buffer.from(JSON.stringify({ name: product, versions }, null, 2)),
    contentType: 'application/json'
  })
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

/**
 * Where the tests take Packer from. By default Debian's 1.6.6 from the loopback mirror, checked
 * against the mirror's own key. CI on GitHub's runners sets PAM_TEST_PACKER_MIRROR (the real
 * release site), PAM_TEST_PACKER_VERSION and optionally PAM_TEST_SIGNING_KEY (empty: the
 * HashiCorp key bundled with the action), so the same tests run Packer 1.11 and 1.16 with the
 * real amazon plugin, which the action installs itself.
 */
export const realRelease =
  process.env.PAM_TEST_PACKER_MIRROR !== undefined && process.env.PAM_TEST_PACKER_MIRROR !== ''
    ? {
        mirror: process.env.PAM_TEST_PACKER_MIRROR,
        version: process.env.PAM_TEST_PACKER_VERSION ?? '1.16.0',
        signingKey: process.env.PAM_TEST_SIGNING_KEY ?? ''
      }
    : undefined

/** The Packer version the tests run, as the action reports it. */
export const packerUnderTest = realRelease?.version ?? '1.6.6'

/** Inputs that install the Packer under test: see realRelease. */
export function installFrom(mirror: Mirror): Record<string, string> {
  if (realRelease !== undefined) {
    return { 'packer-version': realRelease.version, 'packer-mirror': realRelease.mirror, 'packer-signing-key': realRelease.signingKey }
  }
  return { 'packer-version': '1.6.6', 'packer-mirror': mirror.url, 'packer-signing-key': mirror.publicKeyArmored }
}

export async function startMirror(opts: MirrorOptions): Promise<Mirror> {
  // The action extracts what this serves with tool-cache, which runs `unzip` on Linux.
  ensureDebianCommand('unzip', 'unzip')
  const own = await generateSigningKey()
  const keyId = own.privateKey.getFingerprint().slice(-8).toUpperCase()
  const requests: string[] = []
  const answered: string[] = []
  // Filled in once the port is known, because index.json holds absolute URLs;
  // nobody can send a request before startMirror has returned the URL.
  let files = new Map<string, ServedFile>()

  const server = http.createServer((req, res) => {
    const requestPath = (req.url ?? '/').replace(/\?.*$/s, '')
    requests.push(requestPath)
    if (opts.drop !== undefined && opts.drop.times > 0 && opts.drop.path.test(requestPath)) {
      opts.drop.times--
      req.socket.destroy()
      return
    }
    const file = files.get(requestPath)
    if (file === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n')
      return
    }
    const answer = (): void => {
      answered.push(requestPath)
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length })
      res.end(req.method === 'HEAD' ? undefined : file.body)
    }
    if (opts.hold?.path.test(requestPath) === true) setTimeout(answer, opts.hold.ms)
    else answer()
  })

  const port = await listen(server)
  const url = `http://127.0.0.1:${port}`
  try {
    files = await buildFiles(url, opts, opts.signWith ?? own.privateKey, keyId)
  } catch (error) {
    server.close()
    throw error
  }

  return {
    url,
    publicKeyArmored: own.publicKeyArmored,
    keyId,
    requests,
    answered,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Download clients keep sockets alive; without this close() would wait for them.
        server.closeAllConnections()
        server.close((error) => (error === undefined ? resolve() : reject(error)))
      })
  }
}

/**
 * Leaves a stand-in plugin binary in a plugin folder as Packer's installer does
 * (plugin-getter/plugins.go:912-935 at v1.16.0): `{folder}/{source}/packer-plugin-{name}_v{version}_{api}_{os}_{arch}`,
 * mode 0755, and `_SHA256SUM` beside it, 64 hex digits; `sum: 'wrong'` writes another file's.
 * Returns the binary's path.
 */
export function seedPlugin(folder: string, source: string, version: string, opts: { api?: string; sum?: 'wrong' } = {}): string {
  const { os, arch } = currentPlatform()
  const api = opts.api ?? 'x5.0'
  const name = source.split('/').pop() as string
  const binary = path.join(folder, ...source.split('/'), `packer-plugin-${name}_v${version}_${api}_${os}_${arch}`)
  mkdirSync(path.dirname(binary), { recursive: true })
  const script = pluginScript(name, version, api)
  writeFileSync(binary, script, { mode: 0o755 })
  writeFileSync(`${binary}_SHA256SUM`, sha256Hex(Buffer.from(opts.sum === 'wrong' ? `${script}\n` : script)))
  return binary
}
