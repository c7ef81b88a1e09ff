import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { removeVarFile, writeVarFile } from '../../src/packer/varfile.js'
import type { Variables } from '../../src/variables.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pam-varfile-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const NASTY = 'it\'s "quoted" $HOME `x` ; rm -rf /'
const variables: Variables = {
  cmd: NASTY,
  hcl: '${var.region} %{ if true }x%{ endif }',
  legacy: '{{user `x`}}',
  multi: 'line 1\nline 2\r\n\ttab \\ backslash',
  unicode: 'héllo ✓ 日本',
  n: 3,
  f: 1.5,
  b: false,
  nothing: null,
  list: ['us-east-1', 2],
  map: { team: 'infra', nested: { deep: [true] } }
}

describe('writeVarFile', () => {
  it.each([
    ['HCL2', true, /\.pkrvars\.json$/],
    ['legacy JSON', false, /\.json$/]
  ])('%s: a file only the owner can read or write, in the given directory', (_name, hcl2, ext) => {
    const file = writeVarFile(variables, hcl2, dir)
    expect(path.dirname(file)).toBe(dir)
    expect(file).toMatch(ext)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  it('HCL2: JSON that reads back to the same values, strings byte for byte', () => {
    const file = writeVarFile(variables, true, dir)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toStrictEqual(variables)
  })

  it.each<[string, Variables[string], string]>([
    ['string', NASTY, NASTY],
    ['number', 3, '3'],
    ['boolean', false, 'false'],
    ['list', ['us-east-1', 2], '["us-east-1",2]'],
    ['map', { team: 'infra' }, '{"team":"infra"}']
  ])('legacy: %s becomes a string (JSON text for non-strings)', (_name, value, expected) => {
    const file = writeVarFile({ v: value }, false, dir)
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toStrictEqual({ v: expected })
  })

  it('every call gets its own file', () => {
    expect(writeVarFile({}, true, dir)).not.toBe(writeVarFile({}, true, dir))
  })

  it('defaults to RUNNER_TEMP', () => {
    const saved = process.env.RUNNER_TEMP
    const runnerTemp = fs.mkdtempSync(path.join(dir, 'runner-temp-'))
    process.env.RUNNER_TEMP = runnerTemp
    try {
      expect(path.dirname(writeVarFile({ a: 1 }, true))).toBe(runnerTemp)
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TEMP
      else process.env.RUNNER_TEMP = saved
    }
  })
})

describe('removeVarFile', () => {
  it.each([
    ['an existing file is deleted', true],
    ['a missing file is not an error', false]
  ])('%s', (_name, create) => {
    const file = create ? writeVarFile({ a: 'secret' }, true, dir) : path.join(dir, 'never-written.pkrvars.json')
    removeVarFile(file)
    expect(fs.existsSync(file)).toBe(false)
  })
})
