/**
 * What the tests' Packer 1.16.0 adds to Debian's Packer 1.6.6 (test/support/mirror.ts serves
 * 1.6.6 under the number 1.16.0, behind a shell script that sends these two commands here):
 * `packer plugins installed`, and `packer init` finding the plugins a template requires already
 * installed. Both are hashicorp/packer v1.16.0 transliterated, each rule citing its file and
 * lines, written apart from the action's own reading of them (src/packer/plugin-*.ts) so that
 * the tests check one against the other. Run as `node <this, compiled> <packer args>`, with
 * only node's own modules and the repository's HCL parser (the one Packer's hcl library
 * compiled to WebAssembly), whose folder PAM_STAND_IN_REPO names.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const repo = process.env.PAM_STAND_IN_REPO ?? ''
// Packer's plugins must see Packer's environment, not the stand-in's.
delete process.env.PAM_STAND_IN_REPO

const GOOS = ({ linux: 'linux', darwin: 'darwin', win32: 'windows' } as Record<string, string>)[process.platform] ?? process.platform
const GOARCH = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch] ?? process.arch

/** hashicorp/go-version v1.9.0 version.go:40-43 (VersionRegexpRaw) and 115-155 (newVersion). */
interface GoVersion {
  segments: number[]
  /** How many segments were written (`si`). */
  si: number
  pre: string
  metadata: string
}

const VERSION = /^v?([0-9]+(?:\.[0-9]+)*?)(?:-([0-9]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)|(?:-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(?:\.[0-9A-Za-z\-~]+)*)))?(?:\+([0-9A-Za-z\-~]+(?:\.[0-9A-Za-z\-~]+)*))?$/

function goVersion(v: string): GoVersion | undefined {
  const m = VERSION.exec(v)
  if (m === null) return undefined
  const written = m[1].split('.').map(Number)
  const segments = [...written]
  while (segments.length < 3) segments.push(0)
  return { segments, si: written.length, pre: m[2] ?? m[3] ?? '', metadata: m[4] ?? '' }
}

/** version.go:436-460 */
function goString(v: GoVersion): string {
  return v.segments.join('.') + (v.pre === '' ? '' : `-${v.pre}`) + (v.metadata === '' ? '' : `+${v.metadata}`)
}

/** version.go Compare: segments, then a release above its pre-releases, then pre-releases by text. */
function goCompare(a: GoVersion, b: GoVersion): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const d = (a.segments[i] ?? 0) - (b.segments[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (a.pre === b.pre) return 0
  if (a.pre === '') return 1
  if (b.pre === '') return -1
  return a.pre < b.pre ? -1 : 1
}

const core = (v: GoVersion): GoVersion => ({ segments: v.segments.slice(0, 3), si: v.si, pre: '', metadata: '' })

/** go-version v1.9.0 constraint.go: `op version` terms, comma-separated, all of which must hold. */
function goConstraint(text: string): (v: GoVersion) => boolean {
  const terms = text.split(',').map((t) => {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(t)
    const c = m === null ? undefined : goVersion(m[2])
    if (m === null || c === undefined) throw new Error(`Malformed constraint: ${text}`)
    return { op: m[1] ?? '=', c }
  })
  return (v) =>
    terms.every(({ op, c }) => {
      const d = goCompare(v, c)
      switch (op) {
        case '=':
          return d === 0
        case '!=':
          return d !== 0
        case '>':
          return d > 0
        case '<':
          return d < 0
        case '>=':
          return d >= 0
        case '<=':
          return d <= 0
        default:
          // constraint.go:268-307 (constraintPessimistic)
          return d >= 0 && c.segments.slice(0, c.si - 1).every((s, i) => v.segments[i] === s) && v.segments[c.segments.length - 1] >= c.segments[c.segments.length - 1]
      }
    })
}

/** A `required_plugins` entry, or (no identifier) every plugin, as plugin-getter/plugins.go:50-64 has it. */
interface Requirement {
  identifier?: string
  constraint?: (v: GoVersion) => boolean
}

interface ListOptions {
  pluginDirectory: string
  /** Empty: no protocol check (plugins.go:512-516). */
  apiMajor: string
  apiMinor: string
  releasesOnly: boolean
}

interface Installation {
  binaryPath: string
  version: string
  apiVersion: string
}

/** hcl2template/addrs/plugin.go:25-38 */
const pluginName = (source: string): string => source.split('/').filter((p) => p !== '').pop() as string

/** plugins.go:135-145 */
const filenamePrefix = (r: Requirement): string => (r.identifier === undefined ? 'packer-plugin-' : `packer-plugin-${pluginName(r.identifier)}_`)
const filenameSuffix = (): string => `_${GOOS}_${GOARCH}${GOOS === 'windows' ? '.exe' : ''}`

/** plugins.go:151-212 (getPluginBinaries); filepath.WalkDir goes in lexical order and never into a symlinked folder. */
function getPluginBinaries(r: Requirement, o: ListOptions): string[] {
  const rootdir = r.identifier === undefined ? o.pluginDirectory : path.join(o.pluginDirectory, path.posix.dirname(r.identifier))
  try {
    lstatSync(rootdir)
  } catch {
    return []
  }
  const matches: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(file)
        continue
      }
      if (path.dirname(file) === o.pluginDirectory) continue
      if (!entry.name.startsWith(filenamePrefix(r))) continue
      if (!entry.name.endsWith(filenameSuffix())) continue
      matches.push(file)
    }
  }
  walk(rootdir)
  return matches.filter((m) => path.dirname(m).replace(o.pluginDirectory, '').split('/').filter((p) => p !== '').length <= 16)
}

/** checksum.go:59-79 (a hex decoder reading 32 bytes) and 83-118 (the file's SHA-256 must equal them). */
function checksumOk(file: string): boolean {
  let text: string
  try {
    text = readFileSync(`${file}_SHA256SUM`, 'latin1')
  } catch {
    return false
  }
  const hex = text.slice(0, 64)
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return false
  const expected = Buffer.alloc(32)
  Buffer.from(hex, 'hex').copy(expected)
  return createHash('sha256').update(readFileSync(file)).digest().equals(expected)
}

/** plugins.go:966-976 (GetPluginDescription): `<binary> describe`, its stdout as JSON. */
function describe(file: string): { version?: string; api_version?: string } | undefined {
  try {
    return JSON.parse(execFileSync(file, ['describe'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { version?: string; api_version?: string }
  } catch {
    return undefined
  }
}

/** plugins.go:478-545 (NewAPIVersion, CheckProtocolVersion). */
function protocolOk(o: ListOptions, remote: string): boolean {
  if (o.apiMajor === '' && o.apiMinor === '') return true
  const m = /^(\d+)\.(\d+)/.exec(remote.trim().replace(/^x/, ''))
  if (m === null) return false
  return Number(m[1]) === Number(o.apiMajor) && Number(m[2]) <= Number(o.apiMinor)
}

/** plugins.go:222-348 (ListInstallations), sorted as 375-422 sort (InstallList.Less). */
function listInstallations(r: Requirement, o: ListOptions): Installation[] {
  const res: Installation[] = []
  for (const file of getPluginBinaries(r, o)) {
    const fname = path.basename(file)
    if (!checksumOk(file)) continue
    let versionsStr = fname.slice(filenamePrefix(r).length, fname.length - filenameSuffix().length)
    if (r.identifier === undefined) {
      const idx = versionsStr.indexOf('_')
      if (idx > 0) versionsStr = versionsStr.slice(idx + 1)
    }
    const info = describe(file)
    if (info === undefined) continue
    const cut = versionsStr.indexOf('_')
    const [pluginVersionStr, protocolVersionStr] = cut < 0 ? [versionsStr, ''] : [versionsStr.slice(0, cut), versionsStr.slice(cut + 1)]
    const ver = goVersion(pluginVersionStr)
    if (ver === undefined) continue
    if (`v${goString(ver)}` !== pluginVersionStr) continue
    if (ver.pre !== '' && o.releasesOnly) continue
    if (ver.metadata !== '') continue
    const descVersion = goVersion(String(info.version))
    if (descVersion === undefined) continue
    if (goCompare(ver, descVersion) !== 0) continue
    if (info.api_version !== protocolVersionStr) continue
    if (r.constraint !== undefined && !r.constraint(core(ver))) continue
    if (!protocolOk(o, protocolVersionStr)) continue
    res.push({ binaryPath: file, version: pluginVersionStr, apiVersion: String(info.api_version) })
  }
  const raw = (i: Installation): string => /packer-plugin-[^_]+/.exec(path.basename(i.binaryPath))?.[0] ?? ''
  const api = (i: Installation): number[] => i.apiVersion.replace(/^x/, '').split('.').map(Number)
  return res.sort((a, b) => {
    if (raw(a) !== raw(b)) return raw(a) < raw(b) ? -1 : 1
    const d = goCompare(goVersion(a.version) as GoVersion, goVersion(b.version) as GoVersion)
    if (d !== 0) return d
    return api(a)[0] - api(b)[0] || api(a)[1] - api(b)[1]
  })
}

/** packer/plugin_folders.go:19-37, and packer-plugin-sdk v0.6.10 pathing/config_file_unix.go:20-45. */
function pluginFolder(): string {
  const packerPluginPath = process.env.PACKER_PLUGIN_PATH ?? ''
  if (packerPluginPath !== '') {
    if (packerPluginPath.includes(path.delimiter)) {
      fail(`Multiple paths are no longer supported for PACKER_PLUGIN_PATH.`)
    }
    return packerPluginPath
  }
  const cd = process.env.PACKER_CONFIG_DIR ?? ''
  if (cd !== '') return path.join(cd, '.packer.d', 'plugins')
  const home = process.env.HOME ?? ''
  if (home === '') fail('No $HOME environment variable found, required to set Config Directory')
  if (existsSync(path.join(home, '.packer.d'))) return path.join(home, '.packer.d', 'plugins')
  const xdg = process.env.XDG_CONFIG_HOME ?? ''
  return path.join(xdg !== '' ? path.join(xdg, 'packer') : path.join(home, '.config', 'packer'), 'plugins')
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

/** command/plugins_installed.go:43-80: every plugin, no protocol check, one path a line. */
function pluginsInstalled(): number {
  const o: ListOptions = { pluginDirectory: pluginFolder(), apiMajor: '', apiMinor: '', releasesOnly: false }
  for (const i of listInstallations({}, o)) process.stdout.write(`${i.binaryPath}\n`)
  return 0
}

/** The template's files as Packer reads a path: a folder's `*.pkr.hcl` files, or the one file. */
function templateFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target]
  return readdirSync(target)
    .filter((f) => f.endsWith('.pkr.hcl'))
    .sort()
    .map((f) => path.join(target, f))
}

/** hcl2template/plugin.go:20-55 (PluginRequirements): every `packer { required_plugins { … } }`. */
async function pluginRequirements(target: string): Promise<Array<{ source: string; version?: string }>> {
  const { parse } = createRequire(path.join(repo, 'package.json'))('@cdktn/hcl2json') as {
    parse: (name: string, text: string) => Promise<{ packer?: Array<{ required_plugins?: Array<Record<string, { source: string; version?: string }>> }> }>
  }
  const reqs: Array<{ source: string; version?: string }> = []
  for (const file of templateFiles(target)) {
    const body = await parse(file, readFileSync(file, 'utf8'))
    for (const block of body.packer ?? []) for (const entries of block.required_plugins ?? []) reqs.push(...Object.values(entries))
  }
  return reqs
}

/**
 * command/init.go:59-171, without getters: a requirement some installed plugin meets is skipped
 * (lines 123-135); any other is where Packer would download from the release site, then GitHub
 * (lines 100-116 and 155-165). The stand-in has no network, as on an air-gapped runner: it fails.
 */
async function init(args: string[]): Promise<number> {
  const target = args.filter((a) => !a.startsWith('-')).pop() ?? '.'
  const reqs = await pluginRequirements(target)
  if (reqs.length === 0) process.stdout.write('\nNo plugins requirement found, make sure you reference a Packer config\n')
  const o: ListOptions = { pluginDirectory: pluginFolder(), apiMajor: '5', apiMinor: '0', releasesOnly: true }
  let ret = 0
  for (const req of reqs) {
    const found = listInstallations({ identifier: req.source, constraint: req.version === undefined ? undefined : goConstraint(req.version) }, o)
    if (found.length > 0) continue
    process.stderr.write(`Failed getting the "${req.source}" plugin:\nthe tests' stand-in for Packer has no network: Packer would download it here\n`)
    ret = 1
  }
  return ret
}

const argv = process.argv.slice(2)
process.exitCode = argv[0] === 'init' ? await init(argv.slice(1)) : argv[0] === 'plugins' && argv[1] === 'installed' ? pluginsInstalled() : 1
