import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoRoot } from './runner.js'

/** A fresh workspace holding a copy of `packer/` or of a fixture under `test/fixtures/`. */
export function workspaceWith(source: 'packer' | `fixtures/${string}`): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pam-ws-'))
  const from = source === 'packer' ? path.join(repoRoot, 'packer') : path.join(repoRoot, 'test', source)
  cpSync(from, path.join(dir, 'packer'), { recursive: true })
  return dir
}
