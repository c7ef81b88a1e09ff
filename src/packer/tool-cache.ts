import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import semver from 'semver'
import { unzip } from './unzip.js'

/**
 * Extracts a verified zip straight into the runner's tool cache, where `tc.find` looks for it:
 * `$RUNNER_TOOL_CACHE/<tool>/<version>/<arch>`, found only once `<arch>.complete` exists (the
 * layout of @actions/tool-cache 4.0.0, lib/tool-cache.js `_createToolPath`, `_completeToolPath`
 * and `find`). `tc.cacheDir` would extract into a temporary folder and then copy every file, a
 * second write of Packer's 100 MB. `check` runs on the extracted folder before it is marked
 * complete: a folder that fails it, or an extraction cut short, is never found.
 */
export async function extractIntoCache(zip: string, tool: string, version: string, check?: (dir: string) => Promise<void>): Promise<string> {
  const root = process.env.RUNNER_TOOL_CACHE
  if (!root) throw new Error('RUNNER_TOOL_CACHE is not set: the runner sets it for every step')
  const dir = path.join(root, tool, semver.clean(version) ?? version, os.arch())
  const marker = `${dir}.complete`
  fs.rmSync(marker, { force: true })
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  try {
    await unzip(zip, dir)
    await check?.(dir)
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw err
  }
  fs.writeFileSync(marker, '')
  return dir
}
