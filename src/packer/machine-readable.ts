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

const BUILD_PREFIX = /^\s*(?:==> | {4})([^\s:]+): /
const BUILD_END = /^Build '([^']+)' (?:finished|errored)/

/** Which build a ui line speaks of; the closing `--> build:` summary lines belong to none. */
export function buildOfText(text: string): string | undefined {
  return BUILD_PREFIX.exec(text)?.[1] ?? BUILD_END.exec(text)?.[1]
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
