import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from '../support/runner.js'

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string }>
  outputs: Record<string, { description: string }>
}
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')

describe('README documents action.yml', () => {
  it.each(Object.keys(action.inputs))('input %s', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
    expect(action.inputs[name].description.length).toBeGreaterThan(10)
  })

  it.each(Object.keys(action.outputs))('output %s', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
    expect(action.outputs[name].description.length).toBeGreaterThan(10)
  })

  it('gives the two commands to try it on a fresh machine', () => {
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm ci && npm test')
  })
})

describe('action.yml matches the code', () => {
  it('declares exactly the inputs the action reads and the outputs it sets', async () => {
    const { Input, Output } = await import('../../src/constants.js')
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  })
})
