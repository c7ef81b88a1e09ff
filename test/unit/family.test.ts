import { familyName } from '../../src/aws/after-build.js'

describe('familyName', () => {
  it.each<[string, string, string, string, number, string]>([
    ['default: owner/repo/build', '', 'acme/images', 'amazon-ebs.web', 1, 'acme/images/amazon-ebs.web'],
    ['default, named build block', '', 'acme/images', 'alpha.amazon-ebs.a1', 1, 'acme/images/alpha.amazon-ebs.a1'],
    ['default, several builds: still the build name', '', 'acme/images', 'amazon-ebs.api', 3, 'acme/images/amazon-ebs.api'],
    ['given, one build: as it is', 'web', 'acme/images', 'amazon-ebs.web', 1, 'web'],
    ['given with slashes, one build: as it is', 'team/base/web', 'acme/images', 'amazon-ebs.web', 1, 'team/base/web'],
    ['given, two builds: the build name appended', 'web', 'acme/images', 'amazon-ebs.web', 2, 'web/amazon-ebs.web'],
    ['given, several builds, named build block', 'base', 'acme/images', 'alpha.amazon-ebs.a1', 4, 'base/alpha.amazon-ebs.a1']
  ])('%s', (_name, given, repository, build, count, expected) => {
    expect(familyName(given, repository, build, count)).toBe(expected)
  })

  it.each([
    ['default', ''],
    ['given', 'web']
  ])('%s family: every build of a multi-build template gets a family of its own', (_name, given) => {
    const builds = ['amazon-ebs.web', 'amazon-ebs.api', 'alpha.amazon-ebs.a1']
    const families = builds.map((b) => familyName(given, 'acme/images', b, builds.length))
    expect(new Set(families).size).toBe(builds.length)
  })

  it('a given family does not depend on the repository', () => {
    expect(familyName('web', 'acme/images', 'amazon-ebs.web', 1)).toBe(familyName('web', 'other/repo', 'amazon-ebs.web', 1))
  })
})
