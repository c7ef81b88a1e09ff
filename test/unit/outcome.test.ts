import { parseLine } from '../../src/packer/machine-readable.js'
import {
  clip,
  describeErrors,
  failureOf,
  MAX_MESSAGE_CHARS,
  MAX_MESSAGES,
  RunOutcome,
  skippedBuild,
  type PackerError
} from '../../src/packer/outcome.js'

const T = '1717000000'

function outcomeOf(lines: string[]): RunOutcome {
  const outcome = new RunOutcome()
  for (const line of lines) {
    const event = parseLine(line)
    if (event === undefined) throw new Error(`not a machine-readable line: ${line}`)
    outcome.add(event)
  }
  return outcome
}

describe('skippedBuild', () => {
  it.each<[string, string | undefined]>([
    // hashicorp/packer @ v1.16.0 : command/build.go, "skipping already done build %q"
    ['skipping already done build "amazon-ebs.web"', 'amazon-ebs.web'],
    ['skipping already done build "my release.amazon-ebs.web"', 'my release.amazon-ebs.web'],
    // %q escapes a quote in the name
    ['skipping already done build "say \\"hi\\".null.x"', 'say "hi".null.x'],
    // command/build.go writeDiags, Summary "hcp: failed to start build %q", Detail the error's text
    // (internal/hcp/registry/types.bucket.go "build is already done")
    ['Error: hcp: failed to start build "amazon-ebs.web"\n\nbuild is already done\n\n', 'amazon-ebs.web'],
    ['Error: hcp: failed to start build "amazon-ebs.web"\n\nfailed to update HCP Packer Build status for "amazon-ebs.web": 500\n\n', undefined],
    ['==> amazon-ebs.web: skipping already done build "amazon-ebs.web"', undefined],
    ["Build 'amazon-ebs.web' finished after 1 second.", undefined]
  ])('%j → %j', (text, build) => {
    expect(skippedBuild(text)).toBe(build)
  })
})

describe('RunOutcome', () => {
  it.each<[string, string[], PackerError[], string[], boolean]>([
    [
      // packer-plugin-sdk @ v0.6.10 : packer/communicator.go RunWithUi sends stderr to ui.Error
      'a provisioner\'s stderr (a targeted ui,error) is no error by itself',
      [
        `${T},,ui,error,==> amazon-ebs.web: something on stderr`,
        `${T},,ui,error,==> amazon-ebs.web (shell-local): err`,
        `${T},,ui,say,Build 'amazon-ebs.web' finished after 7 minutes 12 seconds.`
      ],
      [],
      [],
      false
    ],
    [
      // hashicorp/packer @ v1.16.0 : command/build.go; the errored line comes at the build's end, the
      // `error` line after the wait: one error, not two
      'a build\'s error, said twice, counted once; the closing list adds nothing',
      [
        `${T},,ui,error,Build 'amazon-ebs.web' errored after 1 second 2 milliseconds: boom\\n  detail`,
        `${T},,error-count,1`,
        `${T},,ui,error,\\n==> Some builds didn't complete successfully and had errors:`,
        `${T},amazon-ebs.web,error,boom\\n  detail`,
        `${T},,ui,error,--> amazon-ebs.web: boom\\n  detail`
      ],
      [{ build: 'amazon-ebs.web', text: 'boom\n  detail' }],
      [],
      false
    ],
    [
      // command/build.go returns on an interrupt before the error list: the errored lines are all there is
      'an interrupted run: the signal and each build\'s errored line',
      [
        `${T},,ui,error,Cancelling build after receiving interrupt`,
        `${T},,ui,error,Build 'amazon-ebs.worker' errored after 3 seconds: context canceled`,
        `${T},,ui,error,Build 'amazon-ebs.web' errored after 3 seconds: context canceled`,
        `${T},,ui,say,Cleanly cancelled builds after being interrupted.`
      ],
      [
        { text: 'Cancelling build after receiving interrupt' },
        { build: 'amazon-ebs.web', text: 'context canceled' },
        { build: 'amazon-ebs.worker', text: 'context canceled' }
      ],
      [],
      false
    ],
    [
      // internal/hcp/registry/types.bucket.go: untargeted, and no build's
      'HCP\'s channel assignment failing is an error of the run',
      [`${T},,ui,error,==> Failed assigning version \`01HZ\` to channel \`production\`: 403 Forbidden`],
      [{ text: '==> Failed assigning version `01HZ` to channel `production`: 403 Forbidden' }],
      [],
      false
    ],
    [
      'both forms of an HCP skip; every build skipped',
      [
        `${T},,ui,say,skipping already done build "amazon-ebs.worker"`,
        `${T},,ui,error,Error: hcp: failed to start build "amazon-ebs.web"\\n\\nbuild is already done\\n\\n`
      ],
      [],
      ['amazon-ebs.web', 'amazon-ebs.worker'],
      true
    ],
    [
      'a skip beside a build that ran: not every build skipped',
      [`${T},,ui,say,skipping already done build "amazon-ebs.web"`, `${T},,ui,say,Build 'amazon-ebs.worker' finished after 2 seconds.`],
      [],
      ['amazon-ebs.web'],
      false
    ],
    [
      'a skip beside an HCP error that kept another build from starting: not every build skipped',
      [
        `${T},,ui,say,skipping already done build "amazon-ebs.web"`,
        `${T},,ui,error,Error: hcp: failed to start build "amazon-ebs.worker"\\n\\nfailed to update HCP Packer Build status for "amazon-ebs.worker": 500\\n\\n`
      ],
      [{ text: 'Error: hcp: failed to start build "amazon-ebs.worker"\n\nfailed to update HCP Packer Build status for "amazon-ebs.worker": 500' }],
      ['amazon-ebs.web'],
      false
    ]
  ])('%s', (_name, lines, errors, skipped, allSkipped) => {
    const outcome = outcomeOf(lines)
    expect(outcome.errors()).toStrictEqual(errors)
    expect(outcome.skipped()).toStrictEqual(skipped)
    expect(outcome.allSkipped()).toBe(allSkipped)
  })
})

describe('describeErrors / clip', () => {
  it('quotes a build\'s error behind its name, the run\'s as it is', () => {
    expect(describeErrors([{ text: '  Error: x\n\n' }, { build: 'amazon-ebs.web', text: 'boom' }])).toStrictEqual(['Error: x', 'amazon-ebs.web: boom'])
  })

  it('cuts a long message and says by how much', () => {
    const long = 'x'.repeat(MAX_MESSAGE_CHARS + 123)
    const cut = clip(long)
    expect(cut.startsWith('x'.repeat(MAX_MESSAGE_CHARS))).toBe(true)
    expect(cut).toMatch(/… \(cut: 123 more characters in the log\)$/)
    expect(clip('x'.repeat(MAX_MESSAGE_CHARS))).toBe('x'.repeat(MAX_MESSAGE_CHARS))
  })

  it('counts the errors past the last it quotes', () => {
    const errors = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => ({ build: `b${String(i).padStart(2, '0')}`, text: 'boom' }))
    const lines = describeErrors(errors)
    expect(lines).toHaveLength(MAX_MESSAGES + 1)
    expect(lines[MAX_MESSAGES]).toBe('… and 5 more errors (see the log)')
  })
})

describe('failureOf', () => {
  const failed = outcomeOf([`${T},amazon-ebs.web,error,boom`])
  const quiet = outcomeOf([])
  const skippedAll = outcomeOf([`${T},,ui,say,skipping already done build "amazon-ebs.web"`])
  const hcpError = outcomeOf([`${T},,ui,error,Error: hcp: failed to start build "amazon-ebs.web"\\n\\nforbidden\\n\\n`])
  it.each<[string, number, string, RunOutcome, number, string | undefined]>([
    ['a failed run quotes Packer', 1, '', failed, 0, 'packer build failed:\namazon-ebs.web: boom'],
    ['a failed run that said nothing: its stderr', 1, 'panic: runtime error\n', quiet, 0, 'packer build failed:\npanic: runtime error'],
    ['a failed run with no word at all: its exit code', 2, '', quiet, 0, 'packer build failed:\nexit code 2'],
    ['a run with artifacts of any kind passes', 0, '', quiet, 1, undefined],
    ['a run that made nothing fails', 0, '', quiet, 0, 'packer build succeeded but produced no artifact'],
    ['... quoting why, when Packer said', 0, '', hcpError, 0, 'packer build succeeded but produced no artifact:\nError: hcp: failed to start build "amazon-ebs.web"\n\nforbidden'],
    ['a run whose every build HCP Packer skipped passes', 0, '', skippedAll, 0, undefined]
  ])('%s', (_name, code, stderr, outcome, count, expected) => {
    expect(failureOf({ code, stderr }, outcome, count)).toBe(expected)
  })
})
