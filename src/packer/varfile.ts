import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Variables } from '../variables.js'

/**
 * Writes variables where only this user can read them, so values never travel in argv or a
 * shell. HCL2 reads `.pkrvars.json` with literal strings (`${` is not interpolated); legacy JSON
 * templates take strings only, so other values go there as their JSON text.
 */
export function writeVarFile(variables: Variables, hcl2: boolean, dir = process.env.RUNNER_TEMP || os.tmpdir()): string {
  const file = path.join(dir, `packer-ami-action-${randomUUID()}${hcl2 ? '.pkrvars.json' : '.json'}`)
  const content = hcl2 ? variables : legacyStrings(variables)
  fs.writeFileSync(file, JSON.stringify(content), { mode: 0o600, flag: 'wx' })
  return file
}

function legacyStrings(variables: Variables): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)])
  )
}

export function removeVarFile(file: string): void {
  fs.rmSync(file, { force: true })
}
