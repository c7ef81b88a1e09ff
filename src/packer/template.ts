import * as fs from 'node:fs'
import * as path from 'node:path'
import { hclReads, legacyReads, type TemplateReads } from '../lineage/template-reads.js'
import type { Variables } from '../variables.js'
import { parseHcl, type HclBody } from './hcl.js'
import type { PluginNeeds, RequiredPlugin } from './plugin-plan.js'

/** What the action needs to know of a template before running Packer on it. */
export interface TemplateInfo extends PluginNeeds {
  /** HCL2 (`.pkr.hcl`, `.pkr.json` or a directory of them) rather than a legacy JSON template. */
  hcl2: boolean
  /** The template is a directory of files. */
  directory: boolean
  /** Template files read, absolute. */
  files: string[]
  /** Manifest files its `manifest` post-processors write, relative to Packer's working directory. */
  manifests: string[]
  requiredPlugins: RequiredPlugin[]
  componentTypes: string[]
  /**
   * Regions the template's amazon sources build or copy to (`region`, `ami_regions`), with
   * variables taken from the action's variables, the var-files and the defaults, sorted.
   */
  regions: string[]
  /**
   * Every build as Packer names it, before `only`/`except`: `amazon-ebs.web`,
   * `NAME.amazon-ebs.web` in a build block named NAME, `amazon-ebs.x` for a
   * `source "source.amazon-ebs.web" { name = "x" }` block; legacy JSON: each builder's name.
   */
  builds: string[]
  /** Build block names only Packer can evaluate (a local, a function): their builds are not in `builds`. */
  unresolvedBuildNames: string[]
  /** Files HCL could not parse: Packer reports them itself, in its own words. */
  unreadable: string[]
  /** What the builds read besides the template: files, env() names, base images (src/lineage). */
  reads: TemplateReads
  /** Declared variable names; undefined when a file could not be read, so the list may be short. */
  declaredVariables?: string[]
}

/** What decides a variable's value, as Packer ranks them: defaults < var-files < variables. */
export interface VariableSources {
  varFiles: string[]
  variables: Variables
}

const DEFAULT_MANIFEST = 'packer-manifest.json'

/** The template's files, absolute and sorted; a directory without any is refused at once. */
export function templateFiles(template: string): string[] {
  if (!fs.statSync(template).isDirectory()) return [template]
  const files = fs
    .readdirSync(template)
    .filter((f) => f.endsWith('.pkr.hcl') || f.endsWith('.pkr.json'))
    .sort()
    .map((f) => path.join(template, f))
  if (files.length === 0) {
    // A legacy JSON template is one file, not a folder: point at it.
    const legacy = fs.readdirSync(template).filter((f) => f.endsWith('.json')).sort()
    const hint = legacy.length === 0 ? '' : `; a legacy JSON template is given as a file: template: ${path.join(template, legacy[0])}`
    throw new Error(`template: ${template} holds no .pkr.hcl or .pkr.json file${hint}`)
  }
  return files
}

/** Known from the file system alone, before any parsing: a directory, and HCL2 or legacy JSON. */
export function templateShape(template: string): { directory: boolean; hcl2: boolean } {
  const directory = fs.statSync(template).isDirectory()
  return { directory, hcl2: directory || template.endsWith('.pkr.hcl') || template.endsWith('.pkr.json') }
}

export async function describeTemplate(template: string, vars: VariableSources): Promise<TemplateInfo> {
  const { directory, hcl2 } = templateShape(template)
  const files = templateFiles(template)
  if (!hcl2) return await legacyTemplate(template, vars)

  const unreadable: string[] = []
  const bodies: HclBody[] = []
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    try {
      bodies.push(file.endsWith('.pkr.json') ? (parseJson(file, text) as HclBody) : await parseHcl(path.basename(file), text))
    } catch (err) {
      unreadable.push(`${file}: ${(err as Error).message}`)
    }
  }
  const sources = bodies.flatMap((b) => twoLabelBlocks(b, 'source'))
  const builds = bodies.flatMap((b) => list(b.build))
  const postProcessors = builds.flatMap((b) => [
    ...oneLabelBlocks(b, 'post-processor'),
    ...list(b['post-processors']).flatMap((chain) => oneLabelBlocks(chain, 'post-processor'))
  ])
  const componentTypes = [
    ...sources.map((s) => s.type),
    ...bodies.flatMap((b) => twoLabelBlocks(b, 'data')).map((d) => d.type),
    ...builds.flatMap((b) => oneLabelBlocks(b, 'provisioner')).map((p) => p.type),
    ...postProcessors.map((p) => p.type)
  ]
  const defaults = Object.fromEntries(
    bodies.flatMap((b) => oneLabelBlocks(b, 'variable')).flatMap((v) => ('default' in v.body ? [[v.type, v.body.default]] : []))
  )
  // Packer loads a directory's *.auto.pkrvars.hcl / .json itself, before the -var-file ones
  // (hashicorp/packer v1.16.0 hcl2template/parser.go, `autoVarFileSuffixes`).
  const auto = directory ? autoVarFiles(template) : []
  const values = { ...defaults, ...(await varFileValues(auto)), ...(await varFileValues(vars.varFiles)), ...vars.variables }
  const regions = sources
    .filter((s) => s.type.startsWith('amazon-'))
    .flatMap((s) => [...resolved(s.body.region, values), ...resolved(s.body.ami_regions, values)])
  const named = buildNames(builds, values)
  const reads = hclReads(bodies, { templateDir: directory ? template : path.dirname(template), resolve: (v) => knownValue(v, values) })
  if (unreadable.length > 0) reads.blind.push(...unreadable.map((u) => `a file HCL could not read (${u.split(':')[0]})`))
  return {
    hcl2,
    directory,
    files,
    manifests: postProcessors.filter((p) => p.type === 'manifest').flatMap((p) => literalOutput(p.body.output)),
    requiredPlugins: bodies.flatMap(requiredPlugins),
    componentTypes: unique(componentTypes),
    regions: unique(regions.filter(isRegion)).sort(),
    builds: named.builds,
    unresolvedBuildNames: named.unresolved,
    unreadable,
    reads,
    declaredVariables: unreadable.length > 0 ? undefined : unique(bodies.flatMap((b) => oneLabelBlocks(b, 'variable')).map((v) => v.type))
  }
}

/**
 * Packer's build names (hashicorp/packer v1.16.0): a build block's `sources` first, then its
 * `source` blocks (hcl2template/types.build.go); a reference `source.TYPE.NAME` or `TYPE.NAME`
 * (types.build.from.go); a source block's `name` replaces NAME (types.source.go
 * `SourceUseBlock.name`); the block's own `name` goes in front (packer/build.go `CoreBuild.Name`).
 */
function buildNames(builds: HclBody[], values: Record<string, unknown>): { builds: string[]; unresolved: string[] } {
  const names: string[] = []
  const unresolved: string[] = []
  for (const build of builds) {
    let prefix = ''
    if (build.name !== undefined) {
      const name = resolved(build.name, values)
      if (name.length !== 1) {
        unresolved.push(typeof build.name === 'string' ? build.name : JSON.stringify(build.name))
        continue
      }
      prefix = name[0] === '' ? '' : `${name[0]}.`
    }
    const references = Array.isArray(build.sources) ? build.sources.filter((s): s is string => typeof s === 'string') : []
    const uses = [
      ...references.map((ref) => ({ ref, name: undefined as unknown })),
      ...oneLabelBlocks(build, 'source').map((b) => ({ ref: b.type, name: b.body.name }))
    ]
    for (const use of uses) {
      const parts = use.ref.split('.')
      if (parts.length < 2) continue
      const [type, sourceName] = parts.length > 2 ? parts.slice(1) : parts
      const local = typeof use.name === 'string' && use.name !== '' ? use.name : sourceName
      names.push(`${prefix}${type}.${local}`)
    }
  }
  return { builds: unique(names), unresolved }
}

interface Block {
  type: string
  name?: string
  body: HclBody
}

/**
 * hcl2json gives a block's bodies as a list; HCL's JSON syntax (`.pkr.json`) allows one
 * object or a list. Both read the same here.
 */
function list(value: unknown): HclBody[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  return items.filter((v): v is HclBody => typeof v === 'object' && v !== null && !Array.isArray(v))
}

function oneLabelBlocks(body: HclBody, kind: string): Block[] {
  const byType = body[kind]
  if (typeof byType !== 'object' || byType === null) return []
  return Object.entries(byType as HclBody).flatMap(([type, bodies]) => list(bodies).map((b) => ({ type, body: b })))
}

function twoLabelBlocks(body: HclBody, kind: string): Block[] {
  return oneLabelBlocks(body, kind).flatMap(({ type, body: byName }) =>
    Object.entries(byName).flatMap(([name, bodies]) => list(bodies).map((b) => ({ type, name, body: b })))
  )
}

/** `packer { required_plugins { amazon = { source = "…", version = "…" } } }`, every block merged. */
function requiredPlugins(body: HclBody): RequiredPlugin[] {
  return list(body.packer)
    .flatMap((p) => list(p.required_plugins))
    .flatMap((entries) =>
      Object.entries(entries).flatMap(([name, spec]) => {
        const { source, version } = (spec ?? {}) as { source?: unknown; version?: unknown }
        if (typeof source !== 'string') return []
        return [{ name, source, version: typeof version === 'string' ? version : undefined }]
      })
    )
}

/**
 * A value known before Packer runs: a literal, or `var.name` alone, looked up. Anything else
 * (a function call, a local, an interpolation inside text) is Packer's to evaluate: left out.
 */
function resolved(value: unknown, vars: Record<string, unknown>): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => resolved(v, vars))
  if (typeof value !== 'string') return []
  const reference = /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value) ?? /^\{\{\s*user\s+`([^`]+)`\s*\}\}$/.exec(value)
  if (reference !== null) {
    const found = vars[reference[1]]
    return typeof found === 'string' && (found.includes('${') || found.includes('{{')) ? [] : resolved(found, {})
  }
  return /\$\{|%\{|\{\{/.test(value) ? [] : [value]
}

/**
 * A value known before Packer runs, for the lineage's reads: a literal, a list of them, or text
 * whose only interpolations are `${var.name}` (or `{{user \`name\`}}`) of known scalars.
 * Undefined when only Packer can evaluate it.
 */
function knownValue(value: unknown, vars: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(value)) {
    const parts = value.map((v) => knownValue(v, vars))
    return parts.some((p) => p === undefined) ? undefined : parts.flat() as string[]
  }
  if (typeof value === 'boolean' || typeof value === 'number') return [String(value)]
  if (typeof value !== 'string') return undefined
  const whole = /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value) ?? /^\{\{\s*user\s+`([^`]+)`\s*\}\}$/.exec(value)
  if (whole !== null) {
    const found = vars[whole[1]]
    if (typeof found === 'string' && /\$\{|%\{|\{\{/.test(found)) return undefined
    return found === undefined ? undefined : knownValue(found, {})
  }
  let unknown = false
  const text = value.replace(/\$\{var\.([A-Za-z_][\w-]*)\}|\{\{\s*user\s+`([^`]+)`\s*\}\}/g, (_m, hcl?: string, legacy?: string) => {
    const found = vars[(hcl ?? legacy) as string]
    if (typeof found === 'string' && !/\$\{|%\{|\{\{/.test(found)) return found
    if (typeof found === 'number' || typeof found === 'boolean') return String(found)
    unknown = true
    return ''
  })
  return unknown || /\$\{|%\{|\{\{/.test(text) ? undefined : [text]
}

const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/

function isRegion(value: string): boolean {
  return REGION.test(value)
}

function autoVarFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.auto.pkrvars.hcl') || f.endsWith('.auto.pkrvars.json'))
    .sort()
    .map((f) => path.join(dir, f))
}

/** Var-files in order, later ones winning, as Packer reads them: `.json` or HCL attributes. */
async function varFileValues(files: string[]): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {}
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8')
    try {
      Object.assign(values, file.endsWith('.json') ? parseJson(file, text) : await parseHcl(path.basename(file), text))
    } catch {
      // Packer rejects the file with its own message; nothing of it can be known here.
    }
  }
  return values
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new Error(`template: ${file} is not valid JSON (${(err as Error).message})`, { cause: err })
  }
}

/** A manifest path known before Packer runs: the default, or a literal without interpolation. */
function literalOutput(output: unknown): string[] {
  if (output === undefined) return [DEFAULT_MANIFEST]
  return typeof output === 'string' && !/[$%{}]/.test(output) ? [output] : []
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

interface LegacyComponent {
  type?: unknown
  /** A builder's name; its type when there is none (packer-plugin-sdk template/parse.go). */
  name?: unknown
  output?: unknown
  region?: unknown
  ami_regions?: unknown
}

/**
 * Legacy JSON: `builders`, `provisioners` and `post-processors` (objects, bare type names, or
 * sequences of either), `variables` with defaults, and `{{user \`name\`}}` references.
 */
async function legacyTemplate(file: string, vars: VariableSources): Promise<TemplateInfo> {
  const template = parseJson(file, fs.readFileSync(file, 'utf8')) as {
    builders?: LegacyComponent[]
    provisioners?: LegacyComponent[]
    'post-processors'?: unknown[]
    variables?: Record<string, unknown>
  }

  const postProcessors = (template['post-processors'] ?? [])
    .flat()
    .map((pp) => (typeof pp === 'string' ? { type: pp } : (pp as LegacyComponent)))
  const builders = template.builders ?? []
  // Legacy var-files are JSON objects of strings; later ones win, `variables` over all.
  const values = { ...(template.variables ?? {}), ...(await varFileValues(vars.varFiles)), ...vars.variables }
  const types = [...builders, ...(template.provisioners ?? []), ...postProcessors].map((c) => c.type)
  // A builder's name may be `{{user \`build_name\`}}`, from a var-file: Packer interpolates it.
  const legacyNames = { builds: [] as string[], unresolved: [] as string[] }
  for (const b of builders) {
    const name = typeof b.name === 'string' && b.name !== '' ? b.name : b.type
    if (typeof name !== 'string') continue
    const known = resolved(name, values)
    if (known.length === 1) legacyNames.builds.push(known[0])
    else legacyNames.unresolved.push(name)
  }
  return {
    hcl2: false,
    directory: false,
    files: [file],
    manifests: postProcessors.filter((pp) => pp.type === 'manifest').flatMap((pp) => literalOutput(pp.output)),
    requiredPlugins: [],
    componentTypes: unique(types.filter((t): t is string => typeof t === 'string')),
    regions: unique(
      builders
        .filter((b) => typeof b.type === 'string' && b.type.startsWith('amazon-'))
        // A legacy template may give ami_regions as one comma-separated string.
        .flatMap((b) => [...resolved(b.region, values), ...resolved(b.ami_regions, values).flatMap((r) => r.split(','))])
        .map((r) => r.trim())
        .filter(isRegion)
    ).sort(),
    builds: unique(legacyNames.builds),
    unresolvedBuildNames: legacyNames.unresolved,
    unreadable: [],
    declaredVariables: Object.keys(template.variables ?? {}),
    reads: legacyReads(template, { templateDir: path.dirname(file), resolve: (v) => knownValue(v, values) })
  }
}
