import { Document, isMap, parseDocument, visit } from 'yaml'

/** A Packer variable value as it travels to the var-file: JSON keeps strings byte-for-byte. */
export type VariableValue = string | number | boolean | null | VariableValue[] | { [key: string]: VariableValue }
export type Variables = Record<string, VariableValue>

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
const VARIABLE_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/

/** Packer variables: a mapping whose keys are variable names. */
export function parseVariables(input: string, text: string): Variables {
  const value = parseMapping(input, text, VARIABLE_LINE)
  for (const name of Object.keys(value)) checkName(input, name)
  return value
}

/**
 * Parses a YAML/JSON mapping, or `key=value` lines (keys as `keyValueLine` allows), into values.
 * A plain YAML scalar only becomes a number when that number prints back as the same text,
 * so `1234e5` or `007` (a short commit SHA, a zero-padded id) stays the string the user wrote.
 */
export function parseMapping(input: string, text: string, keyValueLine: RegExp): Variables {
  if (text.trim() === '') return {}
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  if (lines.every((line) => keyValueLine.test(line))) return fromKeyValueLines(input, lines, keyValueLine)

  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0) {
    // The parser's message quotes the source line, which may hold a sensitive value.
    const { code, linePos } = doc.errors[0]
    const where = linePos === undefined ? '' : ` at line ${linePos[0].line}, column ${linePos[0].col}`
    throw new Error(`${input}: not a YAML/JSON mapping or key=value lines (${code}${where})`)
  }
  if (!isMap(doc.contents)) {
    throw new Error(`${input}: expected a mapping of names to values, or key=value lines`)
  }
  keepNonCanonicalNumbersAsText(doc)
  return doc.toJS() as Variables
}

function fromKeyValueLines(input: string, lines: string[], keyValueLine: RegExp): Variables {
  const result: Variables = {}
  for (const line of lines) {
    const [, name, value] = keyValueLine.exec(line) as RegExpExecArray
    if (name in result) throw new Error(`${input}: "${name}" is given twice`)
    result[name] = value
  }
  return result
}

function keepNonCanonicalNumbersAsText(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && node.source !== undefined && String(node.value) !== node.source) {
        node.value = node.source
      }
    }
  })
}

function checkName(input: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`${input}: "${name}" is not a valid Packer variable name`)
}

/** Joins the public and sensitive sets; a name in both is ambiguous, so it is refused. */
export function mergeVariables(plain: Variables, sensitive: Variables): Variables {
  for (const name of Object.keys(sensitive)) {
    if (name in plain) throw new Error(`sensitive-variables: "${name}" is also set in variables`)
  }
  return { ...plain, ...sensitive }
}

/** Every string a sensitive value could appear as in a log: each leaf, and the whole as JSON. */
/**
 * GitHub masks a secret wherever its text appears in the log: a value of 1 to 3 characters would
 * blank every such character run (every `1`, every `no`), so it is not masked, and says so.
 */
export const MIN_MASKED_LENGTH = 4

export function secretStrings(sensitive: Variables): string[] {
  const out = new Set<string>()
  const walk = (value: VariableValue): void => {
    if (value === null) return
    if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object') Object.values(value).forEach(walk)
    else out.add(String(value))
  }
  for (const value of Object.values(sensitive)) {
    walk(value)
    if (typeof value === 'object' && value !== null) out.add(JSON.stringify(value))
  }
  return [...out].filter((s) => s.length > 0)
}

/** The strings worth a mask, and how many of the values were too short for one. */
export function maskable(secrets: string[]): { masked: string[]; tooShort: number } {
  const masked = secrets.filter((s) => s.length >= MIN_MASKED_LENGTH)
  return { masked, tooShort: secrets.length - masked.length }
}
