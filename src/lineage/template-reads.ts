import * as path from 'node:path'
import type { HclBody } from '../packer/hcl.js'

/**
 * What a template reads besides its own files, as far as it can be known before Packer runs:
 * the local files and folders its provisioners and post-processors name or its expressions open
 * with file() and friends, the environment variables it reads with env(), and the base image of
 * every amazon source. What only Packer can evaluate is listed in `blind`, so that a shortcut
 * never acts on a guess.
 */
export interface TemplateReads {
  /**
   * Paths once resolved: absolute, or relative to Packer's working directory (where components
   * read them); file functions' arguments are made absolute against the template's folder.
   */
  files: string[]
  /** Names passed to env(). */
  envNames: string[]
  bases: BaseSpec[]
  /** One line per input that only Packer can evaluate: `amazon-ebs.web source_ami = ${local.ami}`. */
  blind: string[]
}

/** How an amazon source picks its base image, with variables resolved. */
export interface BaseSpec {
  /** `amazon-ebs.web`: the source block, as builds name it. */
  source: string
  /** The source's region; undefined when only Packer knows it. */
  region?: string
  /** `source_ami`: an id. */
  ami?: string
  /** `source_ami_filter`, or a `data "amazon-ami"` block the source takes its id from. */
  filter?: AmiFilter
  /** A `data "amazon-parameterstore"` parameter the source takes its id from. */
  parameter?: string
}

export interface AmiFilter {
  filters: Record<string, string>
  owners: string[]
  mostRecent: boolean
  includeDeprecated: boolean
}

/**
 * Attributes that name local files or folders Packer's components read (Packer v1.6.6
 * provisioner/ and packer-plugin-sdk shell/, shell-local/: script, scripts; file: source,
 * sources; ansible: playbook_file, galaxy_file, inventory_file, inventory_directory, roles_path,
 * collections_path, ssh_authorized_key_file, ssh_host_key_file; ansible-local: playbook_file(s),
 * playbook_dir, playbook_paths, role_paths, group_vars, host_vars; goss v3.2.14: tests,
 * vars_file; the vagrant post-processor: vagrantfile_template, include).
 */
const FILE_ATTRIBUTES = new Set([
  'script',
  'scripts',
  'source',
  'sources',
  'playbook_file',
  'playbook_files',
  'playbook_dir',
  'playbook_paths',
  'galaxy_file',
  'role_paths',
  'roles_path',
  'collections_path',
  'inventory_file',
  'inventory_directory',
  'group_vars',
  'host_vars',
  'ssh_authorized_key_file',
  'ssh_host_key_file',
  'tests',
  'vars_file',
  'vagrantfile_template',
  'include'
])

/** Functions whose first argument is a path the template reads (HCL2 Packer functions). */
const FILE_FUNCTION = /\b(file|templatefile|filebase64|filemd5|filesha1|filesha256|filesha512|fileset)\(\s*([^,)]*)/g
const ENV_FUNCTION = /\benv\(\s*([^)]*)\)/g
/** Legacy JSON: {{env `NAME`}} and {{template_dir}}. */
const LEGACY_ENV = /\{\{\s*env\s+`([^`]*)`\s*\}\}/g

export type Resolver = (value: unknown) => string[] | undefined

export interface ReadsContext {
  /** Where the template's files are: `path.root` and `{{template_dir}}`. */
  templateDir: string
  /** A literal or a lone variable reference, resolved; undefined when only Packer can evaluate it. */
  resolve: Resolver
}

interface Component {
  kind: string
  type: string
  body: HclBody
}

/** Reads of an HCL2 template, from hcl2json's bodies of all its files. */
export function hclReads(bodies: HclBody[], ctx: ReadsContext): TemplateReads {
  const reads: TemplateReads = { files: [], envNames: [], bases: [], blind: [] }
  const components: Component[] = bodies.flatMap((b) => list(b.build)).flatMap((build) => [
    ...blocks(build, 'provisioner').map((c) => ({ ...c, kind: 'provisioner' })),
    ...blocks(build, 'error-cleanup-provisioner').map((c) => ({ ...c, kind: 'error-cleanup-provisioner' })),
    ...blocks(build, 'post-processor').map((c) => ({ ...c, kind: 'post-processor' })),
    ...list(build['post-processors']).flatMap((chain) => blocks(chain, 'post-processor').map((c) => ({ ...c, kind: 'post-processor' })))
  ])
  for (const c of components) componentFiles(c, ctx, reads)
  for (const body of bodies) expressionReads(body, ctx, reads)
  const data = bodies.flatMap((b) => namedBlocks(b, 'data'))
  for (const s of bodies.flatMap((b) => namedBlocks(b, 'source'))) {
    if (s.type.startsWith('amazon-') && s.type !== 'amazon-import') reads.bases.push(...hclBase(s, data, ctx, reads.blind))
  }
  return tidy(reads)
}

/** Reads of a legacy JSON template. */
export function legacyReads(template: { builders?: unknown[]; provisioners?: unknown[]; 'post-processors'?: unknown[]; variables?: unknown }, ctx: ReadsContext): TemplateReads {
  const reads: TemplateReads = { files: [], envNames: [], bases: [], blind: [] }
  const pps = (template['post-processors'] ?? []).flat().filter(isBody)
  for (const p of [...(template.provisioners ?? []).filter(isBody), ...pps]) {
    componentFiles({ kind: 'provisioner', type: String(p.type), body: p }, ctx, reads)
  }
  for (const text of strings(template)) for (const m of text.matchAll(LEGACY_ENV)) reads.envNames.push(m[1])
  for (const b of (template.builders ?? []).filter(isBody)) {
    const type = String(b.type)
    if (!type.startsWith('amazon-') || type === 'amazon-import') continue
    const name = typeof b.name === 'string' && b.name !== '' ? b.name : type
    reads.bases.push(...sourceBase(name, b, [], ctx, reads.blind))
  }
  return tidy(reads)
}

function componentFiles(c: Component, ctx: ReadsContext, reads: TemplateReads): void {
  // The file provisioner's `source` is a remote path when it downloads.
  const downloads = c.type === 'file' && c.body.direction === 'download'
  for (const [key, value] of Object.entries(c.body)) {
    if (!FILE_ATTRIBUTES.has(key) || (downloads && (key === 'source' || key === 'sources'))) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      // A file() call as the value is found with the expressions; the path itself is all that matters here.
      if (typeof item === 'string' && FILE_FUNCTION.test(item)) {
        FILE_FUNCTION.lastIndex = 0
        continue
      }
      const found = pathOf(item, ctx)
      if (found === undefined) reads.blind.push(`${c.kind} "${c.type}" ${key} = ${show(item)}`)
      else reads.files.push(found)
    }
  }
}

/** file(), templatefile() and env() anywhere in the template, with literal or variable arguments. */
function expressionReads(body: HclBody, ctx: ReadsContext, reads: TemplateReads): void {
  for (const text of strings(body)) {
    for (const m of text.matchAll(FILE_FUNCTION)) {
      // File functions read relative to the template's folder, path.root (hashicorp/packer v1.16.0
      // hcl2template/parser.go lines 133-146 and functions.go `Functions(basedir)`).
      const arg = pathOf(argument(m[2]), ctx)
      const found = arg === undefined ? undefined : path.resolve(ctx.templateDir, arg)
      if (found === undefined) reads.blind.push(`${m[1]}(${m[2].trim()})`)
      else reads.files.push(found)
    }
    for (const m of text.matchAll(ENV_FUNCTION)) {
      const name = /^"([^"]*)"$/.exec(m[1].trim())?.[1]
      if (name === undefined) reads.blind.push(`env(${m[1].trim()})`)
      else reads.envNames.push(name)
    }
  }
}

/** An HCL argument's source text as a value the resolver understands: "x" → x, var.x → ${var.x}. */
function argument(text: string): string {
  const t = text.trim()
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(t)
  return quoted !== null ? quoted[1] : `\${${t}}`
}

function pathOf(value: unknown, ctx: ReadsContext): string | undefined {
  if (typeof value !== 'string') return undefined
  const rooted = value.replace(/\$\{\s*path\.root\s*\}/g, ctx.templateDir).replace(/\{\{\s*template_dir\s*\}\}/g, ctx.templateDir)
  const resolved = ctx.resolve(rooted)
  return resolved?.length === 1 && resolved[0] !== '' ? resolved[0] : undefined
}

interface NamedBlock {
  type: string
  name: string
  body: HclBody
}

function hclBase(s: NamedBlock, data: NamedBlock[], ctx: ReadsContext, blind: string[]): BaseSpec[] {
  return sourceBase(`${s.type}.${s.name}`, s.body, data, ctx, blind)
}

const DATA_REFERENCE = /^\$\{\s*data\.(amazon-ami|amazon-parameterstore)\.([\w-]+)\.(id|value)\s*\}$/

function sourceBase(source: string, body: HclBody, data: NamedBlock[], ctx: ReadsContext, blind: string[]): BaseSpec[] {
  const region = single(ctx.resolve(body.region))
  const spec: BaseSpec = { source, region }
  const filterBody = list(body.source_ami_filter)[0]
  if (body.source_ami !== undefined && body.source_ami !== '') {
    const reference = typeof body.source_ami === 'string' ? DATA_REFERENCE.exec(body.source_ami) : null
    if (reference !== null) {
      const block = data.find((d) => d.type === reference[1] && d.name === reference[2])
      if (block === undefined) {
        blind.push(`${source} source_ami = ${show(body.source_ami)}: no such data block`)
        return []
      }
      spec.region = single(ctx.resolve(block.body.region)) ?? region
      if (reference[1] === 'amazon-parameterstore') {
        const name = single(ctx.resolve(block.body.name))
        if (name === undefined) {
          blind.push(`data "amazon-parameterstore" "${block.name}" name = ${show(block.body.name)}`)
          return []
        }
        spec.parameter = name
      } else {
        const filter = amiFilter(block.body, ctx)
        if (filter === undefined) {
          blind.push(`data "amazon-ami" "${block.name}": filters or owners only Packer can evaluate`)
          return []
        }
        spec.filter = filter
      }
    } else {
      const ami = single(ctx.resolve(body.source_ami))
      if (ami === undefined) {
        blind.push(`${source} source_ami = ${show(body.source_ami)}`)
        return []
      }
      spec.ami = ami
    }
  } else if (filterBody !== undefined) {
    const filter = amiFilter(filterBody, ctx)
    if (filter === undefined) {
      blind.push(`${source} source_ami_filter: filters or owners only Packer can evaluate`)
      return []
    }
    spec.filter = filter
  } else {
    blind.push(`${source}: neither source_ami nor source_ami_filter is set`)
    return []
  }
  if (spec.region === undefined) blind.push(`${source} region = ${show(body.region)}`)
  return [spec]
}

/** source_ami_filter or data "amazon-ami": filters (a map, or `filter { name, value }` blocks), owners, most_recent. */
function amiFilter(body: HclBody, ctx: ReadsContext): AmiFilter | undefined {
  const filters: Record<string, string> = {}
  const given = body.filters
  // `filters = local.f` or `merge(…)` comes from hcl2json as the expression's text: only Packer knows the map.
  if (typeof given === 'string') return undefined
  for (const f of list(given)) {
    for (const [name, value] of Object.entries(f)) {
      const v = single(ctx.resolve(value))
      if (v === undefined) return undefined
      filters[name] = v
    }
  }
  for (const f of list(body.filter)) {
    const name = single(ctx.resolve(f.name))
    const value = single(ctx.resolve(f.value))
    if (name === undefined || value === undefined) return undefined
    filters[name] = value
  }
  const owners = body.owners === undefined ? [] : ctx.resolve(body.owners)
  if (owners === undefined) return undefined
  const mostRecent = flag(body.most_recent, ctx)
  const includeDeprecated = flag(body.include_deprecated, ctx)
  if (mostRecent === undefined || includeDeprecated === undefined) return undefined
  return { filters, owners, mostRecent, includeDeprecated }
}

function flag(value: unknown, ctx: ReadsContext): boolean | undefined {
  if (value === undefined) return false
  if (typeof value === 'boolean') return value
  const v = single(ctx.resolve(value))
  return v === 'true' ? true : v === 'false' ? false : undefined
}

function single(values: string[] | undefined): string | undefined {
  return values?.length === 1 ? values[0] : undefined
}

function tidy(reads: TemplateReads): TemplateReads {
  return {
    files: [...new Set(reads.files)].sort(),
    envNames: [...new Set(reads.envNames)].sort(),
    bases: reads.bases,
    blind: [...new Set(reads.blind)]
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value
  else if (Array.isArray(value)) for (const v of value) yield* strings(v)
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) yield* strings(v)
}

function isBody(value: unknown): value is HclBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): HclBody[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).filter(isBody)
}

function blocks(body: HclBody, kind: string): Array<{ type: string; body: HclBody }> {
  const byType = body[kind]
  if (!isBody(byType)) return []
  return Object.entries(byType).flatMap(([type, bodies]) => list(bodies).map((b) => ({ type, body: b })))
}

function namedBlocks(body: HclBody, kind: string): NamedBlock[] {
  return blocks(body, kind).flatMap(({ type, body: byName }) =>
    Object.entries(byName).flatMap(([name, bodies]) => list(bodies).map((b) => ({ type, name, body: b })))
  )
}
