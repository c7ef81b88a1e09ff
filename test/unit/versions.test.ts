import { isExactVersion, platform, resolveVersion } from '../../src/packer/versions.js'

const index = {
  versions: Object.fromEntries(
    ['1.6.6', '1.9.4', '1.10.0-alpha1', '1.10.0', '1.10.3', '1.11.0', '1.11.2', '1.12.0-beta1', '1.12.0-rc1', 'not-a-version'].map(
      (v) => [v, { name: 'packer', version: v }]
    )
  )
}

describe('resolveVersion', () => {
  it.each([
    ['latest', '1.11.2'],
    ['*', '1.11.2'],
    ['~1.11', '1.11.2'],
    ['~1.10', '1.10.3'],
    ['^1.9', '1.11.2'],
    ['>=1.10 <1.11', '1.10.3'],
    ['>=1.10 <1.12', '1.11.2'],
    ['1.10.x', '1.10.3'],
    ['1.6.6', '1.6.6']
  ])('%j → %s (pre-releases skipped)', (spec, expected) => {
    expect(resolveVersion(index, spec, 'packer-version')).toBe(expected)
  })

  it.each(['~2.0', '1.11.5', '<1.0', '1.12.x', '>=1.12.0-alpha'])('%j matches no stable release: error names the input and the spec', (spec) => {
    expect(() => resolveVersion(index, spec, 'packer-version')).toThrow(/packer-version/)
    expect(() => resolveVersion(index, spec, 'packer-version')).toThrow(spec)
  })

  it('an index of pre-releases only has no latest', () => {
    expect(() => resolveVersion({ versions: { '2.0.0-beta1': {} } }, 'latest', 'packer-version')).toThrow(/packer-version/)
  })
})

describe('isExactVersion', () => {
  // installPacker uses an exact spec verbatim in the release URL and the tool cache,
  // so only the X.Y.Z text the release site uses may count as exact.
  it.each([
    ['1.11.2', true],
    ['1.10.0-alpha1', true],
    ['latest', false],
    ['~1.11', false],
    ['1.11', false],
    ['1.x', false],
    ['>=1.10 <1.12', false],
    ['v1.11.2', false],
    ['=1.11.2', false]
  ])('%j → %s', (spec, expected) => {
    expect(isExactVersion(spec)).toBe(expected)
  })
})

describe('platform', () => {
  it.each([
    ['linux', 'x64', { os: 'linux', arch: 'amd64' }],
    ['linux', 'arm64', { os: 'linux', arch: 'arm64' }],
    ['darwin', 'arm64', { os: 'darwin', arch: 'arm64' }],
    ['darwin', 'x64', { os: 'darwin', arch: 'amd64' }],
    ['win32', 'x64', { os: 'windows', arch: 'amd64' }]
  ] as const)('%s/%s → %j', (p, a, expected) => {
    expect(platform(p, a)).toStrictEqual(expected)
  })

  it.each([
    ['aix', 'ppc64'],
    ['linux', 'mips']
  ] as const)('%s/%s has no release', (p, a) => {
    expect(() => platform(p, a)).toThrow(`${p}/${a}`)
  })
})
