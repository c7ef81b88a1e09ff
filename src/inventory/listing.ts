/**
 * The listing the inventory script prints on the instance, read into packages with a purl each
 * (pure). The listing is sections: `@@kernel`, `@@os-release`, then one per package manager
 * with that tool's own output (`@@dpkg`, `@@rpm`, `@@apk`, `@@windows`); src/inventory/scripts.ts
 * writes it.
 */
import { PackageURL } from 'packageurl-js'

export const LISTING_HEADER = '@@packer-ami-action-inventory 1'

export type PackageType = 'deb' | 'rpm' | 'apk' | 'windows'

export interface InstalledPackage {
  name: string
  version: string
  arch?: string
  type: PackageType
  purl: string
  publisher?: string
}

/** What /etc/os-release says (os-release(5)); on Windows, the same keys from the registry. */
export interface OperatingSystem {
  id: string
  versionId?: string
  prettyName?: string
}

export interface Inventory {
  /** `uname -r`; on Windows, the build: major.minor.build.UBR. */
  kernel: string
  os?: OperatingSystem
  /** Sorted by type, name, arch, version. */
  packages: InstalledPackage[]
}

/** Reads the listing; throws when it is not one (a script that failed half-way, a cut output). */
export function parseListing(text: string): Inventory {
  const sections = splitSections(text)
  const kernel = (sections.get('kernel') ?? []).find((line) => line.trim() !== '')?.trim()
  if (kernel === undefined) throw new Error('the inventory listing names no kernel release')
  const os = sections.has('os-release') ? parseOsRelease(sections.get('os-release') ?? []) : undefined
  const packages = [
    ...parseDpkg(sections.get('dpkg') ?? [], os),
    ...parseRpm(sections.get('rpm') ?? [], os),
    ...parseApk(sections.get('apk') ?? [], os),
    ...parseWindows(sections.get('windows') ?? [])
  ]
  return { kernel, os, packages: unique(packages).sort(comparePackages) }
}

function splitSections(text: string): Map<string, string[]> {
  const lines = text.split(/\r?\n/)
  if (lines[0] !== LISTING_HEADER) throw new Error(`not an inventory listing: it starts with "${lines[0].slice(0, 60)}"`)
  const sections = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of lines.slice(1)) {
    const header = /^@@([a-z-]+)$/.exec(line)
    if (header) {
      current = []
      sections.set(header[1], current)
    } else if (current !== undefined) {
      current.push(line)
    }
  }
  return sections
}

/** os-release(5): KEY=value lines, values optionally in shell quotes with backslash escapes. */
export function parseOsRelease(lines: string[]): OperatingSystem | undefined {
  const values = new Map<string, string>()
  for (const line of lines) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (!m) continue
    let value = m[2]
    const quote = value[0]
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1)
      if (quote === '"') value = value.replace(/\\([\\"$`])/g, '$1')
    }
    values.set(m[1], value)
  }
  const id = values.get('ID')
  if (id === undefined || id === '') return undefined
  return { id, versionId: values.get('VERSION_ID') || undefined, prettyName: values.get('PRETTY_NAME') || undefined }
}

/** The purl-spec's `distro` qualifier as scanners write it: `debian-12`, `amzn-2023`. */
function distro(os: OperatingSystem | undefined): Record<string, string> {
  return os?.versionId !== undefined ? { distro: `${os.id}-${os.versionId}` } : {}
}

function purl(type: string, namespace: string | undefined, name: string, version: string, qualifiers: Record<string, string>): string {
  const kept = Object.fromEntries(Object.entries(qualifiers).filter(([, v]) => v !== ''))
  return new PackageURL(type, namespace, name, version || undefined, Object.keys(kept).length > 0 ? kept : undefined, undefined).toString()
}

/**
 * `dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\t${Status}\n'`: -W also lists
 * packages that were removed but left their configuration behind, so only `installed` counts.
 */
export function parseDpkg(lines: string[], os?: OperatingSystem): InstalledPackage[] {
  const out: InstalledPackage[] = []
  for (const line of lines) {
    const [name, version, arch, status] = line.split('\t')
    if (!name || !version || status === undefined || !/(^|\s)installed$/.test(status.trim())) continue
    out.push({ type: 'deb', name, version, arch: arch || undefined, purl: purl('deb', os?.id ?? 'debian', name, version, { arch, ...distro(os) }) })
  }
  return out
}

/**
 * `rpm -qa --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n'`; rpm prints `(none)`
 * for an absent epoch. `gpg-pubkey` entries are the keys rpm trusts, not packages.
 */
export function parseRpm(lines: string[], os?: OperatingSystem): InstalledPackage[] {
  const out: InstalledPackage[] = []
  for (const line of lines) {
    const [name, epoch, version, release, arch] = line.split('\t')
    if (!name || !version || name === 'gpg-pubkey') continue
    const full = release ? `${version}-${release}` : version
    const shownArch = arch && arch !== '(none)' ? arch : undefined
    const shownEpoch = epoch && epoch !== '(none)' && epoch !== '0' ? epoch : ''
    out.push({
      type: 'rpm',
      name,
      version: shownEpoch ? `${shownEpoch}:${full}` : full,
      arch: shownArch,
      purl: purl('rpm', os?.id, name, full, { arch: shownArch ?? '', epoch: shownEpoch, ...distro(os) })
    })
  }
  return out
}

/** apk's database, /lib/apk/db/installed: blank-line separated records, `P:` name, `V:` version, `A:` arch. */
export function parseApk(lines: string[], os?: OperatingSystem): InstalledPackage[] {
  const out: InstalledPackage[] = []
  let record: Record<string, string> = {}
  const flush = () => {
    const { P: name, V: version, A: arch } = record
    if (name && version) out.push({ type: 'apk', name, version, arch, purl: purl('apk', os?.id ?? 'alpine', name, version, { arch: arch ?? '', ...distro(os) }) })
    record = {}
  }
  for (const line of lines) {
    const m = /^([A-Za-z]):(.*)$/.exec(line)
    if (m) record[m[1]] = m[2]
    else if (line.trim() === '') flush()
  }
  flush()
  return out
}

/**
 * Installed programs from the registry's Uninstall keys: DisplayName, DisplayVersion, the
 * registry view (`x64`, or `x86` under WOW6432Node) and Publisher, tab-separated. The purl-spec
 * has no type for Windows programs: `generic` is its answer for such packages.
 */
export function parseWindows(lines: string[]): InstalledPackage[] {
  const out: InstalledPackage[] = []
  for (const line of lines) {
    const [name, version, arch, publisher] = line.split('\t')
    if (!name) continue
    out.push({
      type: 'windows',
      name,
      version: version ?? '',
      arch: arch || undefined,
      publisher: publisher || undefined,
      purl: purl('generic', undefined, name, version || '', { arch: arch ?? '' })
    })
  }
  return out
}

function unique(packages: InstalledPackage[]): InstalledPackage[] {
  const seen = new Map<string, InstalledPackage>()
  for (const p of packages) if (!seen.has(p.purl)) seen.set(p.purl, p)
  return [...seen.values()]
}

/** By code point, not locale: the order (and so the SBOM's bytes) is the same on every runner. */
export function comparePackages(a: InstalledPackage, b: InstalledPackage): number {
  return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.arch ?? '', b.arch ?? '') || cmp(a.version, b.version)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
