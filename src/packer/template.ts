import * as fs from 'node:fs'
import * as path from 'node:path'

/** What the action needs to know of a template before running Packer on it. */
export interface TemplateInfo {
  /** HCL2 (`.pkr.hcl`, `.pkr.json` or a directory of them) rather than a legacy JSON template. */
  hcl2: boolean
  /** Template files read, absolute. */
  files: string[]
  /** Manifest files its `manifest` post-processors write, relative to Packer's working directory. */
  manifests: string[]
}

const DEFAULT_MANIFEST = 'packer-manifest.json'

export function describeTemplate(template: string): TemplateInfo {
  if (fs.statSync(template).isDirectory()) {
    const files = fs
      .readdirSync(template)
      .filter((f) => f.endsWith('.pkr.hcl') || f.endsWith('.pkr.json'))
      .sort()
      .map((f) => path.join(template, f))
    if (files.length === 0) throw new Error(`template: ${template} holds no .pkr.hcl or .pkr.json file`)
    return { hcl2: true, files, manifests: files.flatMap(manifestsOfFile) }
  }
  const hcl2 = template.endsWith('.pkr.hcl') || template.endsWith('.pkr.json')
  return { hcl2, files: [template], manifests: hcl2 ? manifestsOfFile(template) : legacyManifests(template) }
}

function manifestsOfFile(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8')
  return file.endsWith('.pkr.hcl') ? hclManifests(text) : hclJsonManifests(parseJson(file, text))
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new Error(`template: ${file} is not valid JSON (${(err as Error).message})`, { cause: err })
  }
}

/** `.pkr.json`: `build` blocks (one or a list), each with `post-processor.manifest` (one or a list). */
function hclJsonManifests(template: unknown): string[] {
  const builds = asList((template as { build?: unknown }).build)
  const blocks = builds.flatMap((b) => asList((b as { 'post-processor'?: { manifest?: unknown } })['post-processor']?.manifest))
  return blocks.flatMap((m) => literalOutput((m as LegacyPostProcessor).output))
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** A manifest path known before Packer runs: the default, or a literal without interpolation. */
function literalOutput(output: string | undefined): string[] {
  if (output === undefined) return [DEFAULT_MANIFEST]
  return /[$%{}]/.test(output) ? [] : [output]
}

/**
 * Output paths of `post-processor "manifest"` blocks in HCL2 text. Only literal paths are
 * known before Packer runs; one built from an expression is left out.
 */
export function hclManifests(text: string): string[] {
  const found: string[] = []
  const opener = /post-processor\s+"manifest"\s*\{/g
  for (let m = opener.exec(text); m !== null; m = opener.exec(text)) {
    const body = blockBody(text, m.index + m[0].length)
    const output = /^\s*output\s*=\s*(.+?)\s*(?:(?:#|\/\/).*)?$/m.exec(body)?.[1]
    if (output === undefined) found.push(DEFAULT_MANIFEST)
    else if (/^"[^"$%{}\\]*"$/.test(output)) found.push(output.slice(1, -1))
  }
  return found
}

function blockBody(text: string, start: number): string {
  let depth = 1
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++
    if (text[i] === '}' && --depth === 0) return text.slice(start, i)
  }
  return text.slice(start)
}

interface LegacyPostProcessor {
  type?: string
  output?: string
}

/** Legacy JSON: entries are objects, the bare type name, or sequences of either. */
function legacyManifests(file: string): string[] {
  const template = parseJson(file, fs.readFileSync(file, 'utf8')) as { 'post-processors'?: unknown[] }
  const entries = (template['post-processors'] ?? []).flat() as Array<LegacyPostProcessor | string>
  return entries.flatMap((pp) => {
    if (pp === 'manifest') return [DEFAULT_MANIFEST]
    if (typeof pp !== 'object' || pp === null || pp.type !== 'manifest') return []
    return literalOutput(pp.output)
  })
}
