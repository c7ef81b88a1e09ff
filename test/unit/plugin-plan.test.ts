import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { needsInit, planNeedsTemplate, pluginPlan, type PluginNeeds } from '../../src/packer/plugin-plan.js'
import { describeTemplate } from '../../src/packer/template.js'

const hcl = (requiredPlugins: PluginNeeds['requiredPlugins'], componentTypes: string[]): PluginNeeds => ({
  hcl2: true,
  requiredPlugins,
  componentTypes
})
const amazon = { source: 'github.com/hashicorp/amazon', version: { input: 'amazon-plugin-version', spec: '1.8.2' } }

describe('pluginPlan', () => {
  it.each<[string, PluginNeeds, string, unknown[]]>([
    ['Packer 1.9 has amazon built in', hcl([], ['amazon-ebs']), '1.9.5', []],
    ['amazon sources without required_plugins', hcl([], ['amazon-ebs', 'shell']), '1.16.0', [amazon]],
    ['an amazon data source alone', hcl([], ['amazon-parameterstore', 'file']), '1.10.0', [amazon]],
    ['a legacy JSON template', { hcl2: false, requiredPlugins: [], componentTypes: ['amazon-ebs'] }, '1.11.2', [amazon]],
    ['no amazon component', hcl([], ['file', 'docker']), '1.16.0', []],
    [
      'required_plugins names amazon: its constraint, not the input',
      hcl([{ name: 'amazon', source: 'github.com/hashicorp/amazon', version: '>= 1.2.8, < 2.0.0' }], ['amazon-ebs']),
      '1.16.0',
      [{ source: 'github.com/hashicorp/amazon', version: { constraint: '>= 1.2.8, < 2.0.0' } }]
    ],
    [
      'a mixed-case source keeps its case: Packer looks for it as written',
      hcl([{ name: 'amazon', source: 'github.com/HashiCorp/amazon', version: '~> 1.8' }], ['amazon-ebs']),
      '1.16.0',
      [{ source: 'github.com/HashiCorp/amazon', version: { constraint: '~> 1.8' } }]
    ],
    [
      'official plugins are placed, others left to packer init',
      hcl(
        [
          { name: 'ansible', source: 'github.com/hashicorp/ansible' },
          { name: 'goss', source: 'github.com/YaleUniversity/goss', version: '~> 3' }
        ],
        ['amazon-ebs', 'ansible', 'goss']
      ),
      '1.16.0',
      [{ source: 'github.com/hashicorp/ansible', version: { constraint: '>= 0.0.0' } }, amazon]
    ]
  ])('%s', (_name, needs, packer, expected) => {
    expect(pluginPlan(needs, packer, '1.8.2')).toStrictEqual(expected)
  })
})

describe('needsInit', () => {
  it.each<[string, PluginNeeds, string, boolean]>([
    ['no required_plugins: init would find nothing to do', hcl([], ['amazon-ebs']), '1.16.0', false],
    ['required_plugins on Packer 1.16', hcl([{ name: 'goss', source: 'github.com/YaleUniversity/goss' }], []), '1.16.0', true],
    ['Packer 1.6 has no init', hcl([{ name: 'goss', source: 'github.com/YaleUniversity/goss' }], []), '1.6.6', false],
    ['legacy JSON: init refuses it', { hcl2: false, requiredPlugins: [], componentTypes: ['amazon-ebs'] }, '1.16.0', false]
  ])('%s', (_name, needs, packer, expected) => {
    expect(needsInit(needs, packer)).toBe(expected)
  })
})

describe('planNeedsTemplate: Packer starts before the template is read only when the reading could not change what comes first', () => {
  const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')
  // Every template of the fixtures, as the action is given them: a folder of .pkr.hcl files, or a legacy JSON file.
  const templates = readdirSync(fixtures)
    .map((name) => path.join(fixtures, name))
    .flatMap((dir) => {
      const files = readdirSync(dir)
      if (files.some((f) => f.endsWith('.pkr.hcl') || f.endsWith('.pkr.json'))) return [dir]
      return files.filter((f) => f.endsWith('.json') && !f.includes('manifest')).map((f) => path.join(dir, f))
    })

  it.each(['1.6.6', '1.7.0', '1.9.5', '1.10.0', '1.16.0'])('Packer %s: whenever it says no, the read template places no plugin and needs no init', async (version) => {
    let early = 0
    for (const template of templates) {
      const info = await describeTemplate(template, { varFiles: [], variables: {} }).catch(() => undefined)
      if (info === undefined || planNeedsTemplate(template, version)) continue
      early++
      expect({ template, plan: pluginPlan(info, version, '1.8.2'), init: needsInit(info, version) }).toEqual({ template, plan: [], init: false })
    }
    // The check above must have had something to check where Packer can start early.
    if (version === '1.6.6' || version === '1.9.5') expect(early).toBeGreaterThan(5)
  })

  it('required_plugins makes Packer 1.7 to 1.9 wait for init; 1.10 and later always wait; 1.6 never', () => {
    const required = path.join(fixtures, 'required-plugins')
    const plain = path.join(fixtures, 'single')
    expect([required, plain].map((t) => planNeedsTemplate(t, '1.9.5'))).toEqual([true, false])
    expect([required, plain].map((t) => planNeedsTemplate(t, '1.10.0'))).toEqual([true, true])
    expect([required, plain].map((t) => planNeedsTemplate(t, '1.6.6'))).toEqual([false, false])
  })
})
