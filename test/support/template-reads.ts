import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll } from '@jest/globals'
import { describeTemplate } from '../../src/packer/template.js'

/**
 * What a template reads, as the action's template reading finds it: `reads(text)` puts `text` in a
 * folder of its own as main.pkr.hcl (or a legacy .json when `json`) and gives that folder and the
 * reads (files, env names, bases, blind). Call at the top level of a test file: the folders go
 * after its last test.
 */
export function templateReads(prefix: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
  let n = 0
  return async function reads(text: string, variables: Record<string, string> = {}, json = false) {
    const dir = path.join(root, `t${n++}`)
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, json ? 'legacy.json' : 'main.pkr.hcl')
    fs.writeFileSync(file, text)
    const info = await describeTemplate(json ? file : dir, { varFiles: [], variables })
    return { dir, ...info.reads }
  }
}
