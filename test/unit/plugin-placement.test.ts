import { DEFAULT_PACKER_MIRROR } from '../../src/constants.js'
import { missingReleasePlan } from '../../src/packer/plugin-placement.js'
import { MissingRelease, type PluginRequest } from '../../src/packer/plugins.js'

const amazon = (spec: string): PluginRequest => ({ source: 'github.com/hashicorp/amazon', version: { input: 'amazon-plugin-version', spec } })
const required: PluginRequest = { source: 'github.com/hashicorp/ansible', version: { constraint: '>= 1.0.0' } }
const missing = (version?: string): MissingRelease => new MissingRelease('packer-mirror M has no release', version)

describe('missingReleasePlan: a release the mirror has not got', () => {
  it('is an error, naming the mirror, on a custom mirror', () => {
    for (const req of [amazon('1.2.3'), amazon('latest'), required]) {
      const plan = missingReleasePlan(missing('1.2.3'), req, 'https://mirror.example.invalid')
      expect(plan).toStrictEqual({ kind: 'error', error: expect.objectContaining({ message: 'packer-mirror M has no release' }) })
    }
  })

  it('goes to packer init for a required_plugins entry on the default mirror, with a note', () => {
    expect(missingReleasePlan(missing(), required, DEFAULT_PACKER_MIRROR)).toStrictEqual({
      kind: 'init',
      note: "packer-mirror M has no release. packer init will download github.com/hashicorp/ansible from GitHub instead, checked against its release's checksums (no signature)"
    })
  })

  it.each<[string, PluginRequest, string | undefined, string[]]>([
    ['an exact version', amazon('1.2.3'), '1.2.3', ['plugins', 'install', 'github.com/hashicorp/amazon', 'v1.2.3']],
    ['latest, when the default mirror has no index for the plugin', amazon('latest'), undefined, ['plugins', 'install', 'github.com/hashicorp/amazon']]
  ])('goes to packer plugins install for amazon-plugin-version: %s', (_name, req, version, args) => {
    const plan = missingReleasePlan(missing(version), req, DEFAULT_PACKER_MIRROR)
    expect(plan).toMatchObject({ kind: 'install', args, version })
    expect(plan.kind === 'install' && plan.note).toMatch(/Installing github\.com\/hashicorp\/amazon .* from GitHub with packer plugins install/)
  })

  it('stays an error for a range, which Packer reads differently', () => {
    const plan = missingReleasePlan(missing(), amazon('~1.2.0'), DEFAULT_PACKER_MIRROR)
    expect(plan.kind === 'error' && plan.error.message).toMatch(/amazon-plugin-version: "~1\.2\.0" is a range, which only the mirror's index can answer/)
  })
})
