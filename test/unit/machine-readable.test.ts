import { buildOfText, endsBuild, parseLine, prefixedBuild, unescapeField } from '../../src/packer/machine-readable.js'

// Lines as Packer 1.6.6 prints them with -machine-readable; later versions' in
// test/fixtures/machine-readable and test/unit/packer-stream.test.ts.
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
    [
      `${T},,ui,error,==> my release.file.notes (shell-local): err`,
      { kind: 'ui', level: 'error', text: '==> my release.file.notes (shell-local): err', build: 'my release.file.notes' }
    ],
    [
      `${T},,ui,error,Error: Unknown source type amazon-ebz\\n\\n  on t.pkr.hcl line 1:\\n  (source code not available)\\n\\n`,
      { kind: 'ui', level: 'error', text: 'Error: Unknown source type amazon-ebz\n\n  on t.pkr.hcl line 1:\n  (source code not available)\n\n', build: undefined }
    ],
    [`${T},my release.file.notes,artifact,0,id,File`, { kind: 'artifact', build: 'my release.file.notes', index: 0, field: 'id', value: 'File' }],
    [`${T},,error-count,1`, { kind: 'other', target: '', type: 'error-count', data: ['1'] }],
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
    ["Build 'my release.amazon-ebs.web' finished after 366 milliseconds 289 microseconds.", 'my release.amazon-ebs.web', true],
    // hashicorp/packer @ v1.16.0 : command/build.go, a line about a build that is no end of it
    ["Build 'amazon-ebs.web' failed to acquire semaphore: context canceled", undefined, false],
    ['==> Builds finished. The artifacts of successful builds are:', undefined, false],
    ['--> amazon-ebs.web: AMIs were created:', undefined, false]
  ])('%j → build %j, ends %s', (text, build, ends) => {
    expect(buildOfText(text)).toBe(build)
    expect(endsBuild(text)).toBe(ends)
  })
})

describe('prefixedBuild', () => {
  it.each<[string, string, string | undefined]>([
    // hashicorp/packer @ v1.12.0 : packer/ui.go TargetedUI.prefixLines: "==>" for Say and Error, three spaces for Message
    ['Say (every version)', '==> amazon-ebs.web: Instance ID: i-0123456789abcdef0', 'amazon-ebs.web'],
    ['Message up to 1.12', '    amazon-ebs.web: AMI: ami-0123456789abcdef0', 'amazon-ebs.web'],
    ['a provisioner\'s stderr', '==> amazon-ebs.web: something on stderr', 'amazon-ebs.web'],
    // ... whose output is trimmed right: an empty message leaves no space after the colon
    ['an empty message', '==> amazon-ebs.web:', 'amazon-ebs.web'],
    ['a multi-line message: its first line decides', '==> amazon-ebs.web: Error querying AMI: x\n==> amazon-ebs.web: \tstatus code: 400', 'amazon-ebs.web'],
    ['a named build block', '==> alpha.amazon-ebs.a1: Stopping the source instance...', 'alpha.amazon-ebs.a1'],
    // hashicorp/packer @ v1.16.0 : packer/build.go CoreBuild.Name() "<build name>.<type>.<name>"; a build name may hold spaces
    ['a build block name with spaces', '==> my release.amazon-ebs.web: Launching a source AWS instance...', 'my release.amazon-ebs.web'],
    ['... in a Message', '    my release.amazon-ebs.web: Found Image ID: ami-03cf127a', 'my release.amazon-ebs.web'],
    // hashicorp/packer @ v1.16.0 : packer/build.go, post-processors' TargetedUI "%s (%s)"
    ['a post-processor', '==> amazon-ebs.web (manifest): Writing manifest', 'amazon-ebs.web'],
    ['a post-processor\'s stderr, named build', '==> my release.file.notes (shell-local): err', 'my release.file.notes'],
    ['a post-processor\'s Message', '    my release.amazon-ebs.web (shell-local): hello from pp', 'my release.amazon-ebs.web'],
    ['a JSON template\'s builder name', '==> amazon-ebs: Prevalidating AMI Name: web', 'amazon-ebs'],
    // hashicorp/packer @ v1.16.0 : command/build.go core lines start with an escaped newline
    ['core: wait completed', '\n==> Wait completed after 7 minutes 13 seconds', undefined],
    ['core: the error list', "\n==> Some builds didn't complete successfully and had errors:", undefined],
    ['core: the artifact list', '\n==> Builds finished. The artifacts of successful builds are:', undefined],
    ['core: the error list without its newline', "==> Some builds didn't complete successfully and had errors:", undefined],
    ['core: the closing summary', '--> amazon-ebs.web: AMIs were created:', undefined],
    // hashicorp/packer @ v1.16.0 : internal/hcp/registry/types.bucket.go, untargeted `==> ` lines that are no build's
    ['HCP: assigning a channel', '==> Assigning version `01HZX5K4Q5V0000000000000AB` to channel `production`', undefined],
    ['HCP: failing to', '==> Failed assigning version `01HZX5K4Q5V0000000000000AB` to channel `production`: 403 Forbidden', undefined],
    ['HCP: a skipped build', 'skipping already done build "amazon-ebs.web"', undefined],
    ['HCP: tracking', 'Tracking build on HCP Packer with fingerprint "01HZX5K4Q5V0000000000000AB"', undefined],
    // command/build.go wraps the UI in TimestampedUi only for -timestamp-ui, which the action never passes
    ['-timestamp-ui (not passed by the action): left ungrouped', '2025-05-01T10:00:00Z: ==> amazon-ebs.web: Instance ID: i-0123', undefined],
    ['an HCL error', 'Error: Unknown source type amazon-ebs\n\n  on web.pkr.hcl line 12:', undefined]
  ])('%s', (_name, text, build) => {
    expect(prefixedBuild(text)).toBe(build)
  })
})
