import { parseInstallation, preferredOver, protocolProblem, type Installation, type PlacedPlugin } from '../../src/packer/plugin-installations.js'

const linux = { os: 'linux', arch: 'amd64', ext: '' }
const DIR = '/plugins'
const at = (relative: string): Installation => parseInstallation(DIR, relative, linux) as Installation
const amazon = (version: string, api = 'x5.0', parent = 'github.com/hashicorp/amazon'): Installation =>
  at(`${parent}/packer-plugin-amazon_v${version}_${api}_linux_amd64`)

describe('protocolProblem (plugin-getter/plugins.go:512-545 at v1.16.0, Packer speaking x5.0)', () => {
  it.each<[string, RegExp | undefined]>([
    ['x5.0', undefined],
    ['5.0', undefined],
    ['x5.1', /protocol x5\.1; Packer 1\.10 to 1\.16 speak x5\.0 and load no minor above 0/],
    ['x4.0', /load no other major/],
    ['x6.0', /load no other major/],
    ['x5', /invalid plugin protocol "x5"/]
  ])('%s', (api, problem) => {
    const found = protocolProblem(api)
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toMatch(problem)
  })
})

describe('parseInstallation (plugins.go:151-212 and 258-297)', () => {
  it('reads name, version and protocol from a nested binary', () => {
    expect(at('github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64')).toStrictEqual({
      binary: '/plugins/github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64',
      relative: 'github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64',
      name: 'amazon',
      version: '1.8.2',
      api: 'x5.0'
    })
  })

  it.each([
    ['at the folder root', 'packer-plugin-amazon_v1.8.2_x5.0_linux_amd64'],
    ['another platform', 'github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_darwin_arm64'],
    ['its checksum file', 'github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64_SHA256SUM'],
    ['a version that is not canonical', 'github.com/hashicorp/amazon/packer-plugin-amazon_v1.8_x5.0_linux_amd64'],
    ['a version without its v', 'github.com/hashicorp/amazon/packer-plugin-amazon_1.8.2_x5.0_linux_amd64'],
    ['metadata in the version', 'github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2+abc_x5.0_linux_amd64'],
    ['not a plugin', 'github.com/hashicorp/amazon/README'],
    ['17 folders deep', `${Array(17).fill('d').join('/')}/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64`]
  ])('passes by a file %s', (_why, relative) => {
    expect(parseInstallation(DIR, relative, linux)).toBeUndefined()
  })

  it('takes 16 folders deep, a pre-release, and .exe on Windows', () => {
    expect(at(`${Array(16).fill('d').join('/')}/packer-plugin-amazon_v1.8.2_x5.0_linux_amd64`)?.version).toBe('1.8.2')
    expect(at('github.com/hashicorp/amazon/packer-plugin-amazon_v1.9.0-dev_x5.0_linux_amd64')?.version).toBe('1.9.0-dev')
    const win = parseInstallation('C:\\p', 'github.com\\hashicorp\\amazon\\packer-plugin-amazon_v1.8.2_x5.0_windows_amd64.exe', { os: 'windows', arch: 'amd64', ext: '.exe' })
    expect(win?.relative).toBe('github.com/hashicorp/amazon/packer-plugin-amazon_v1.8.2_x5.0_windows_amd64.exe')
  })
})

describe('preferredOver: what Packer would load instead of the placed plugin', () => {
  const placed = (constraint?: string, source = 'github.com/hashicorp/amazon'): PlacedPlugin => ({
    source,
    version: '1.8.2',
    binary: amazon('1.8.2', 'x5.0', source).binary,
    constraint
  })
  const versions = (found: Installation[]): string[] => found.map((i) => `${i.relative.split('/').slice(0, 2).join('/')} ${i.version}`)

  it.each<[string, PlacedPlugin, Installation[], string[]]>([
    ['nothing else', placed(), [amazon('1.8.2')], []],
    ['a lower version', placed(), [amazon('1.8.2'), amazon('1.7.0')], []],
    ['a higher version, highest first', placed(), [amazon('1.9.0'), amazon('1.10.0'), amazon('1.8.2')], ['github.com/hashicorp 1.10.0', 'github.com/hashicorp 1.9.0']],
    ['a higher pre-release (Packer sorts it above)', placed(), [amazon('1.9.0-dev')], ['github.com/hashicorp 1.9.0-dev']],
    ['the same version elsewhere: the sort decides', placed(), [amazon('1.8.2', 'x5.0', 'github.com/acme/amazon')], ['github.com/acme 1.8.2']],
    ['a higher version Packer refuses for its protocol', placed(), [amazon('1.9.0', 'x5.1'), amazon('2.0.0', 'x6.0')], []],
    ['found by name: another owner counts', placed(), [amazon('1.9.0', 'x5.0', 'github.com/acme/amazon')], ['github.com/acme 1.9.0']],
    ['required: another owner does not', placed('>= 1.0.0'), [amazon('1.9.0', 'x5.0', 'github.com/acme/amazon')], []],
    ['required: deeper below the parent does', placed('>= 1.0.0'), [at('github.com/hashicorp/old/packer-plugin-amazon_v1.9.0_x5.0_linux_amd64')], ['github.com/hashicorp 1.9.0']],
    ['required: outside the constraint does not', placed('< 1.9.0'), [amazon('1.9.0')], []],
    ['required: inside the constraint does', placed('~> 1.8'), [amazon('1.9.0')], ['github.com/hashicorp 1.9.0']],
    ['required: the source in its own case', placed('>= 1.0.0', 'github.com/HashiCorp/amazon'), [amazon('1.9.0'), amazon('1.9.1', 'x5.0', 'github.com/HashiCorp/amazon')], ['github.com/HashiCorp 1.9.1']]
  ])('%s', (_name, p, listed, expected) => {
    expect(versions(preferredOver(p, DIR, listed))).toStrictEqual(expected)
  })
})
