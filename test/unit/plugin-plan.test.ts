import { needsInit, pluginPlan, type PluginNeeds } from '../../src/packer/plugin-plan.js'

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
