import { constraintTest } from '../../src/packer/plugin-constraint.js'

describe('constraintTest (required_plugins version constraints, as go-version reads them)', () => {
  const versions = ['1.1.0', '1.2.0', '1.2.8', '1.3.0', '1.8.2', '2.0.0']
  it.each<[string, string[]]>([
    ['>= 1.2.8', ['1.2.8', '1.3.0', '1.8.2', '2.0.0']],
    ['>= 1.2.8, < 2.0.0', ['1.2.8', '1.3.0', '1.8.2']],
    ['~> 1.2', ['1.2.0', '1.2.8', '1.3.0', '1.8.2']],
    ['~> 1.2.0', ['1.2.0', '1.2.8']],
    ['~> 1', ['1.1.0', '1.2.0', '1.2.8', '1.3.0', '1.8.2']],
    ['1.8.2', ['1.8.2']],
    ['= 1.2', ['1.2.0']],
    ['v1.3.0', ['1.3.0']],
    ['>1.2.0,!=1.8.2', ['1.2.8', '1.3.0', '2.0.0']],
    ['<= 1.2.0', ['1.1.0', '1.2.0']]
  ])('%s', (constraint, expected) => {
    expect(versions.filter(constraintTest(constraint))).toStrictEqual(expected)
  })

  it.each(['', '>= ', '1.2.x', '>= 1.2,', '=> 1.2', 'latest'])('refuses %j', (constraint) => {
    expect(() => constraintTest(constraint)).toThrow(/is not a version constraint/)
  })
})
