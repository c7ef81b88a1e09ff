import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Variables, VariableValue } from './variables.js'

/** Everything that decides what a build produces, as far as the action can see it. */
export interface BuildInputs {
  /** Template files, absolute; hashed with their names relative to `root`. */
  templateFiles: string[]
  root: string
  varFiles: string[]
  /** Sensitive ones included: they are hashed, never shown. */
  variables: Variables
  only: string[]
  except: string[]
  packerVersion: string
}

/** SHA-256 over the build inputs; equal inputs give an equal fingerprint whatever their order. */
export function fingerprint(b: BuildInputs): string {
  const hash = createHash('sha256')
  const part = (label: string, data: string | Buffer): void => {
    hash.update(`${label}\u0000${Buffer.byteLength(data)}\u0000`)
    hash.update(data)
  }
  for (const file of [...b.templateFiles].sort()) part(`template:${path.relative(b.root, file)}`, fs.readFileSync(file))
  b.varFiles.forEach((file, i) => part(`var-file:${i}:${path.basename(file)}`, fs.readFileSync(file)))
  part('variables', canonicalJson(b.variables))
  part('only', b.only.join(','))
  part('except', b.except.join(','))
  part('packer', b.packerVersion)
  return hash.digest('hex')
}

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: VariableValue | Variables): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}
