/** Pure parser for `packer -machine-readable` lines: `timestamp,target,type,data...`. */

export type UiLevel = 'say' | 'message' | 'error'

export type PackerEvent =
  | { kind: 'ui'; level: UiLevel; text: string; build?: string }
  | { kind: 'artifact'; build: string; index: number; field: string; value: string }
  | { kind: 'error'; build: string; text: string }
  | { kind: 'other'; target: string; type: string; data: string[] }

/** Packer writes `%!(PACKER_COMMA)` for a comma inside a field and `\n` for a newline. */
export function unescapeField(field: string): string {
  return field.replace(/%!\(PACKER_COMMA\)/g, ',').replace(/\\n/g, '\n').replace(/\\r/g, '\r')
}

/**
 * Every `ui` line has an empty target: a build's own lines carry its name as a text prefix,
 * `==> NAME: ` (Say and Error; Message too from 1.13 on) or `    NAME: ` (Message up to 1.12),
 * and a post-processor's `NAME (TYPE): ` (packer/ui.go `TargetedUI.prefixLines`, packer/build.go).
 * NAME is a JSON builder's name, or HCL2's `type.name` behind an optional build block name, the
 * one part that may hold spaces (bounded, so a long line without a colon costs no backtracking).
 * Core's own `\n==> ...` lines and HCP's untargeted `==> Assigning version ...` match neither.
 */
const BUILD_PREFIX = /^(?:==>| {3}) ([^\s:]+|[^:\n]{0,200}\.[\w-]+\.[\w-]+)(?: \([\w-]+\))?:(?: |$)/
const BUILD_END = /^Build '(.+?)' (?:finished|errored) after /

/** The build whose output a ui line is, by its `==> NAME: ` prefix; undefined for core's own lines. */
export function prefixedBuild(text: string): string | undefined {
  return BUILD_PREFIX.exec(text)?.[1]
}

/** Which build a ui line speaks of; the closing `--> build:` summary lines belong to none. */
export function buildOfText(text: string): string | undefined {
  return prefixedBuild(text) ?? BUILD_END.exec(text)?.[1]
}

/** True for the line Packer prints when a build is over, whatever its outcome. */
export function endsBuild(text: string): boolean {
  return BUILD_END.test(text)
}

export function parseLine(line: string): PackerEvent | undefined {
  const fields = line.replace(/\r$/, '').split(',')
  if (fields.length < 3 || !/^\d+$/.test(fields[0])) return undefined
  const [, target, type, ...rest] = fields
  const data = rest.map(unescapeField)
  if (type === 'ui' && data.length >= 2 && isUiLevel(data[0])) {
    const text = data.slice(1).join(',')
    return { kind: 'ui', level: data[0], text, build: buildOfText(text) }
  }
  if (type === 'artifact' && target !== '' && data.length >= 2 && /^\d+$/.test(data[0])) {
    return { kind: 'artifact', build: target, index: Number(data[0]), field: data[1], value: data.slice(2).join(',') }
  }
  if (type === 'error' && target !== '') return { kind: 'error', build: target, text: data.join(',') }
  return { kind: 'other', target, type, data }
}

function isUiLevel(value: string): value is UiLevel {
  return value === 'say' || value === 'message' || value === 'error'
}
