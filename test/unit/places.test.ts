import { describeCause, fmtCauses, hclCause, hideVarFile, packerCauses } from '../../src/report/places.js'

const ctx = { cwd: '/ws/infra', workspace: '/ws' }
const varFile = '/runner/_temp/packer-ami-action-0b7e3a52-6c1d-4b8e-9f21-3a4d5e6f7a8b.pkrvars.json'

describe('packerCauses', () => {
  it('reads each diagnostic with its file (workspace-relative) and line', () => {
    const text = [
      'Error: Unsupported argument',
      '',
      '  on /ws/infra/packer/web.pkr.hcl line 4, in source "amazon-ebs" "web":',
      '   4:   no_such_field = "x"',
      '',
      'An argument named "no_such_field" is not expected here.',
      '',
      'Error: Missing required argument',
      '',
      '  on packer/build.pkr.hcl line 12:',
      '  (source code not available)',
      '',
      'The argument "sources" is required.'
    ].join('\n')
    expect(packerCauses(text, ctx)).toEqual([
      { message: 'Unsupported argument: An argument named "no_such_field" is not expected here.', file: 'infra/packer/web.pkr.hcl', line: 4 },
      { message: 'Missing required argument: The argument "sources" is required.', file: 'infra/packer/build.pkr.hcl', line: 12 }
    ])
  })

  it('names the variables input, not the action var-file, and gives it no file', () => {
    const text = `Error: Invalid value for variable\n\n  on ${varFile} line 1:\n   1: {"disk_size":"big"}\n\nThe value for disk_size is not compatible with the variable's type constraint: a\nnumber is required.\n`
    const [cause] = packerCauses(text, ctx)
    expect(cause.file).toBeUndefined()
    expect(cause.message).toBe("Invalid value for variable: The value for disk_size is not compatible with the variable's type constraint: a number is required.")
  })

  it('has no causes in text without diagnostics', () => {
    expect(packerCauses('Build \'amazon-ebs.web\' errored after 2 seconds: timeout', ctx)).toEqual([])
  })
})

describe('hideVarFile', () => {
  it('drops the quoted lines of the var-file, which hold the values', () => {
    const text = `on ${varFile} line 1:\n   1: {"db_password":"hunter2-secret"}\n\nThe value is wrong.`
    expect(hideVarFile(text)).toBe('on the variables input line 1:\n\nThe value is wrong.')
  })
})

describe('fmtCauses', () => {
  it('points at the first changed line of each file, past the context lines', () => {
    const diff = ['/ws/infra/packer/a.pkr.hcl', '--- old//ws/infra/packer/a.pkr.hcl', '+++ new//ws/infra/packer/a.pkr.hcl', '@@ -3,5 +3,5 @@', ' source "null" "x" {', ' ', '-communicator="none"', '+  communicator = "none"', ' }'].join('\n')
    expect(fmtCauses(diff, ctx, '/ws/infra/packer')).toEqual([
      { message: 'infra/packer/a.pkr.hcl is not formatted', file: 'infra/packer/a.pkr.hcl', line: 5, fix: 'run `packer fmt infra/packer`' }
    ])
  })
})

describe('hclCause', () => {
  it('reads the place HCL names, line and column', () => {
    const message = 'parse config: [base.pkr.hcl:11,28-29: Unclosed configuration block; There is no closing brace for this block before the end of the file.]'
    expect(hclCause('/ws/infra/packer/base.pkr.hcl', message, ctx)).toEqual({
      message: 'Unclosed configuration block: There is no closing brace for this block before the end of the file.',
      file: 'infra/packer/base.pkr.hcl',
      line: 11,
      column: 28
    })
  })
})

describe('describeCause', () => {
  it.each([
    [{ message: 'm' }, 'm'],
    [{ message: 'm', file: 'a.pkr.hcl', line: 3, column: 7, fix: 'run x' }, 'a.pkr.hcl:3:7: m (run x)']
  ])('%j', (cause, expected) => {
    expect(describeCause(cause)).toBe(expected)
  })
})
