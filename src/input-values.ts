/** Small parsers shared by every input: each error names the input and the value. */

/** An AWS region name: `us-east-1`, `us-gov-west-1`, `eu-central-2`. */
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/

export function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase()
  if (v === '') return fallback
  if (v === 'true') return true
  if (v === 'false') return false
  throw new Error(`${name}: "${value}" is not true or false`)
}

export function oneOf(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new Error(`${name}: "${value}" is not one of ${allowed.join(', ')}`)
  return value
}

/** Comma- or newline-separated. */
export function list(value: string): string[] {
  return split(value, /[,\n]/)
}

/** File names may hold commas, so file lists are split on newlines only. */
export function lines(value: string): string[] {
  return split(value, /\n/)
}

function split(value: string, separator: RegExp): string[] {
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
