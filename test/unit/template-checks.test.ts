import { emptySelection, undeclaredMessage, undeclaredVariables } from '../../src/packer/template-checks.js'

describe('undeclaredVariables', () => {
  const template = { declaredVariables: ['app_version', 'region', 'ec2_endpoint'] }
  it.each<[string, string[], Array<{ name: string; suggestion?: string }>]>([
    ['all declared', ['app_version', 'region'], []],
    ['a transposition', ['app_versoin'], [{ name: 'app_versoin', suggestion: 'app_version' }]],
    ['a case slip', ['Region'], [{ name: 'Region', suggestion: 'region' }]],
    ['nothing close', ['instance_profile'], [{ name: 'instance_profile' }]]
  ])('%s', (_name, passed, expected) => {
    expect(undeclaredVariables(passed, template)).toEqual(expected)
  })

  it('says nothing when the template could not be read whole', () => {
    expect(undeclaredVariables(['anything'], { declaredVariables: undefined })).toEqual([])
  })

  it('names the input and the likely name', () => {
    expect(undeclaredMessage({ name: 'app_versoin', suggestion: 'app_version' })).toBe(
      'variables: the template declares no variable "app_versoin", so Packer ignores it; did you mean app_version?'
    )
  })
})

describe('emptySelection', () => {
  const template = { builds: ['amazon-ebs.web', 'amazon-ebs.worker'], unresolvedBuildNames: [], hcl2: true }
  it.each<[string, { only: string[]; except: string[] }, string | undefined]>([
    ['no filter', { only: [], except: [] }, undefined],
    ['only matching a build', { only: ['amazon-ebs.web'], except: [] }, undefined],
    ['only by glob', { only: ['*.worker'], except: [] }, undefined],
    ['only matching nothing', { only: ['base'], except: [] }, 'only: "base" leaves no build to run; the template\'s builds are amazon-ebs.web, amazon-ebs.worker'],
    ['except removing every build', { only: [], except: ['amazon-ebs.*'] }, 'except: "amazon-ebs.*" leaves no build to run; the template\'s builds are amazon-ebs.web, amazon-ebs.worker']
  ])('%s', (_name, filter, expected) => {
    expect(emptySelection(template, filter)).toBe(expected)
  })

  it('does not guess when a build name is only known to Packer', () => {
    expect(emptySelection({ ...template, unresolvedBuildNames: ['${local.name}'] }, { only: ['base'], except: [] })).toBeUndefined()
  })
})
