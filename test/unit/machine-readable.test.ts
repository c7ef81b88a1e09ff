import { buildOfText, endsBuild, parseLine, unescapeField } from '../../src/packer/machine-readable.js'

// Lines as Packer 1.6.6 prints them with -machine-readable.
const T = '1795574689'
const AMIS = 'us-east-1:ami-e3ac96c80ffc6c446%!(PACKER_COMMA)us-west-2:ami-e2b202627ac6b2b98'

describe('parseLine', () => {
  it.each([
    [
      `${T},amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs`,
      { kind: 'artifact', build: 'amazon-ebs.web', index: 0, field: 'builder-id', value: 'mitchellh.amazonebs' }
    ],
    [
      `${T},amazon-ebs.web,artifact,0,id,${AMIS}`,
      { kind: 'artifact', build: 'amazon-ebs.web', index: 0, field: 'id', value: 'us-east-1:ami-e3ac96c80ffc6c446,us-west-2:ami-e2b202627ac6b2b98' }
    ],
    [
      `${T},amazon-ebs.web,artifact,1,id,${AMIS}`,
      { kind: 'artifact', build: 'amazon-ebs.web', index: 1, field: 'id', value: 'us-east-1:ami-e3ac96c80ffc6c446,us-west-2:ami-e2b202627ac6b2b98' }
    ],
    [
      `${T},alpha.amazon-ebs.a1,artifact,0,id,us-east-1:ami-0123456789abcdef0`,
      { kind: 'artifact', build: 'alpha.amazon-ebs.a1', index: 0, field: 'id', value: 'us-east-1:ami-0123456789abcdef0' }
    ],
    [
      `${T},,ui,say,==> amazon-ebs.web: Creating temporary keypair: packer_6b064b9f-3c51-6026-8426-b2b2eba19221`,
      { kind: 'ui', level: 'say', text: '==> amazon-ebs.web: Creating temporary keypair: packer_6b064b9f-3c51-6026-8426-b2b2eba19221', build: 'amazon-ebs.web' }
    ],
    [
      `${T},,ui,message,    amazon-ebs.web: Instance ID: i-52e22d0c235aeaf82`,
      { kind: 'ui', level: 'message', text: '    amazon-ebs.web: Instance ID: i-52e22d0c235aeaf82', build: 'amazon-ebs.web' }
    ],
    [
      `${T},,ui,say,Build 'amazon-ebs.worker' finished after 1 second 903 milliseconds.`,
      { kind: 'ui', level: 'say', text: "Build 'amazon-ebs.worker' finished after 1 second 903 milliseconds.", build: 'amazon-ebs.worker' }
    ],
    [
      `${T},,ui,say,==> amazon-ebs.worker: No volumes to clean up%!(PACKER_COMMA) skipping`,
      { kind: 'ui', level: 'say', text: '==> amazon-ebs.worker: No volumes to clean up, skipping', build: 'amazon-ebs.worker' }
    ],
    [
      `${T},,ui,say,--> amazon-ebs.web: AMIs were created:\\nus-east-1: ami-e3ac96c80ffc6c446\\nus-west-2: ami-e2b202627ac6b2b98\\n`,
      { kind: 'ui', level: 'say', text: '--> amazon-ebs.web: AMIs were created:\nus-east-1: ami-e3ac96c80ffc6c446\nus-west-2: ami-e2b202627ac6b2b98\n', build: undefined }
    ],
    [
      `${T},,ui,say,==> alpha.amazon-ebs.a1: Stopping the source instance...`,
      { kind: 'ui', level: 'say', text: '==> alpha.amazon-ebs.a1: Stopping the source instance...', build: 'alpha.amazon-ebs.a1' }
    ],
    [
      `${T},,ui,error,Build 'amazon-ebs.web' errored after 1 second 2 milliseconds: no valid credential sources`,
      { kind: 'ui', level: 'error', text: "Build 'amazon-ebs.web' errored after 1 second 2 milliseconds: no valid credential sources", build: 'amazon-ebs.web' }
    ],
    [
      `${T},,ui,say,==> Wait completed after 2 seconds 10 milliseconds`,
      { kind: 'ui', level: 'say', text: '==> Wait completed after 2 seconds 10 milliseconds', build: undefined }
    ],
    [
      '1795574768,amazon-ebs.web,error,no valid credential sources for  found.\\n\\nPlease see \\nfor more information',
      { kind: 'error', build: 'amazon-ebs.web', text: 'no valid credential sources for  found.\n\nPlease see \nfor more information' }
    ],
    [`${T},,version,1.6.6`, { kind: 'other', target: '', type: 'version', data: ['1.6.6'] }],
    [`${T},amazon-ebs.web,artifact-count,2\r`, { kind: 'other', target: 'amazon-ebs.web', type: 'artifact-count', data: ['2'] }]
  ])('%s', (line, expected) => {
    expect(parseLine(line)).toStrictEqual(expected)
  })

  it.each(['', 'plain text output', 'Error: Failed to initialize build "amazon-ebs.web"', 'abc,,ui,say,x', '1795574689,only-two'])(
    'not a machine-readable line: %j',
    (line) => {
      expect(parseLine(line)).toBeUndefined()
    }
  )
})

describe('unescapeField', () => {
  it.each([
    ['a%!(PACKER_COMMA)b%!(PACKER_COMMA)c', 'a,b,c'],
    ['one\\ntwo\\r\\n', 'one\ntwo\r\n'],
    ['no escapes', 'no escapes']
  ])('%j → %j', (field, expected) => {
    expect(unescapeField(field)).toBe(expected)
  })
})

describe('buildOfText / endsBuild', () => {
  it.each([
    ['==> amazon-ebs.web: Waiting for AMI to become ready...', 'amazon-ebs.web', false],
    ['    amazon-ebs.worker: AMI: ami-e3ac96c80ffc6c446', 'amazon-ebs.worker', false],
    ["Build 'alpha.amazon-ebs.a1' finished after 4 seconds.", 'alpha.amazon-ebs.a1', true],
    ["Build 'amazon-ebs.web' errored after 1 second: boom", 'amazon-ebs.web', true],
    ['==> Builds finished. The artifacts of successful builds are:', undefined, false],
    ['--> amazon-ebs.web: AMIs were created:', undefined, false]
  ])('%j → build %j, ends %s', (text, build, ends) => {
    expect(buildOfText(text)).toBe(build)
    expect(endsBuild(text)).toBe(ends)
  })
})
