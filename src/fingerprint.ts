import { createHash, type Hash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Variables, VariableValue } from './variables.js'

/** Everything that decides what a build produces, as far as the action can see it. */
export interface BuildInputs {
  /** Template files, absolute; hashed with their names relative to `root`. */
  templateFiles: string[]
  /** Packer's working directory: relative paths are read from here. */
  root: string
  varFiles: string[]
  /** Sensitive ones included: they are hashed, never shown. */
  variables: Variables
  only: string[]
  except: string[]
  packerVersion: string
  /**
   * Further files and folders the build reads, absolute: every file under the template's
   * folder, what its components and functions name, `fingerprint-files`. A folder counts with
   * everything under it; a missing path counts as missing.
   */
  files?: string[]
  /** `github.com/hashicorp/amazon 1.8.2`, one per plugin Packer may load. */
  plugins?: string[]
  /** Values of the variables the template reads with env(): hashed, never shown. */
  env?: Record<string, string | undefined>
  /** The base image each amazon source resolves to now: `amazon-ebs.web us-east-1 ami-…`. */
  bases?: string[]
  /** Absolute paths under `files` that are outputs, not inputs (the manifests Packer writes). */
  ignore?: string[]
}

/** What went into a fingerprint, for the summary: counts and names, never values. */
export interface FingerprintParts {
  files: number
  plugins: string[]
  env: string[]
  bases: string[]
}

/** SHA-256 over the build inputs; equal inputs give an equal fingerprint whatever their order. */
export function fingerprint(b: BuildInputs): string {
  return finishFingerprint(prepareFingerprint(b), b.bases ?? [])
}

/** Everything but the base images, hashed: the files are read once, before Packer runs. */
export interface PreparedFingerprint {
  hash: Hash
  parts: Omit<FingerprintParts, 'bases'>
}

export function prepareFingerprint(b: BuildInputs): PreparedFingerprint {
  const hash = createHash('sha256')
  const part = partWriter(hash)
  for (const file of [...b.templateFiles].sort()) part(`template:${path.relative(b.root, file)}`, fs.readFileSync(file))
  b.varFiles.forEach((file, i) => part(`var-file:${i}:${path.basename(file)}`, fs.readFileSync(file)))
  part('variables', canonicalJson(b.variables))
  part('only', b.only.join(','))
  part('except', b.except.join(','))
  part('packer', b.packerVersion)
  const files = expand(b.files ?? [], new Set([...b.templateFiles, ...(b.ignore ?? [])]))
  for (const [file, content] of files) part(`file:${path.relative(b.root, file)}`, content ?? '\u0000missing')
  for (const plugin of [...(b.plugins ?? [])].sort()) part('plugin', plugin)
  for (const name of Object.keys(b.env ?? {}).sort()) part(`env:${name}`, b.env?.[name] ?? '\u0000unset')
  return {
    hash,
    parts: { files: files.size + b.templateFiles.length, plugins: [...(b.plugins ?? [])].sort(), env: Object.keys(b.env ?? {}).sort() }
  }
}

/** The fingerprint once the base images are known; the prepared hash stays reusable. */
export function finishFingerprint(prepared: PreparedFingerprint, bases: string[]): string {
  const hash = prepared.hash.copy()
  const part = partWriter(hash)
  for (const base of [...bases].sort()) part('base', base)
  return hash.digest('hex')
}

function partWriter(hash: Hash): (label: string, data: string | Buffer) => void {
  return (label, data) => {
    hash.update(`${label}\u0000${Buffer.byteLength(data)}\u0000`)
    hash.update(data)
  }
}

/** Folders expanded to their files (`.git` and Packer's own cache left out), sorted, each read once. */
function expand(paths: string[], skip: Set<string>): Map<string, Buffer | undefined> {
  const found = new Map<string, Buffer | undefined>()
  const visit = (p: string): void => {
    if (skip.has(p) || found.has(p)) return
    let stat: fs.Stats
    try {
      stat = fs.statSync(p)
    } catch {
      found.set(p, undefined)
      return
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) if (!IGNORED.has(entry)) visit(path.join(p, entry))
    } else if (stat.isFile()) {
      found.set(p, fs.readFileSync(p))
    }
  }
  for (const p of [...new Set(paths)].sort()) visit(path.resolve(p))
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** Not inputs of a build: version control, and what Packer itself writes beside a template. */
const IGNORED = new Set(['.git', 'packer_cache', 'crash.log'])

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: VariableValue | Variables): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}
