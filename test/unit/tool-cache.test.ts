import * as tc from '@actions/tool-cache'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, tmpdir } from 'node:os'
import path from 'node:path'
import { extractIntoCache } from '../../src/packer/tool-cache.js'
import { zipFiles } from '../support/mirror.js'

const tmp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix))

/** A real zip holding `files`, as the mirror serves releases. */
function zipOf(files: Record<string, string>): string {
  const zip = path.join(tmp('pam-zip-'), 'release.zip')
  writeFileSync(zip, zipFiles(files))
  return zip
}

describe('extractIntoCache: what tool-cache finds, and only once it is whole', () => {
  beforeEach(() => {
    process.env.RUNNER_TOOL_CACHE = tmp('pam-tool-cache-')
    process.env.RUNNER_TEMP = tmp('pam-runner-temp-')
  })

  it('an extracted release is what tc.find answers, file for file', async () => {
    const dir = await extractIntoCache(zipOf({ packer: 'the binary' }), 'packer', '1.6.6')
    expect(tc.find('packer', '1.6.6')).toBe(dir)
    expect(readFileSync(path.join(tc.find('packer', '1.6.6'), 'packer'), 'utf8')).toBe('the binary')
    expect(tc.findAllVersions('packer')).toEqual(['1.6.6'])
  })

  it('a folder that fails its check is removed and never found', async () => {
    const failing = extractIntoCache(zipOf({ 'packer-plugin-amazon_v1.8.2_x5.0_linux_amd64': 'x' }), 'packer-plugin-amazon', '1.8.2', async (dir) => {
      expect(existsSync(path.join(dir, 'packer-plugin-amazon_v1.8.2_x5.0_linux_amd64'))).toBe(true)
      throw new Error('describe says 1.8.1')
    })
    await expect(failing).rejects.toThrow('describe says 1.8.1')
    expect(tc.find('packer-plugin-amazon', '1.8.2')).toBe('')
    expect(existsSync(path.join(process.env.RUNNER_TOOL_CACHE as string, 'packer-plugin-amazon', '1.8.2', arch()))).toBe(false)
    expect(tc.findAllVersions('packer-plugin-amazon')).toEqual([])
  })

  it('a zip that cannot be extracted leaves nothing found', async () => {
    const broken = path.join(tmp('pam-zip-'), 'broken.zip')
    writeFileSync(broken, 'not a zip')
    await expect(extractIntoCache(broken, 'packer', '1.7.0')).rejects.toThrow()
    expect(tc.find('packer', '1.7.0')).toBe('')
  })

  it('an earlier copy of the same version, complete or not, is replaced whole', async () => {
    await extractIntoCache(zipOf({ packer: 'old', stale: 'left from before' }), 'packer', '1.6.6')
    const dir = await extractIntoCache(zipOf({ packer: 'new' }), 'packer', '1.6.6')
    expect(readFileSync(path.join(dir, 'packer'), 'utf8')).toBe('new')
    expect(existsSync(path.join(dir, 'stale'))).toBe(false)
  })
})
