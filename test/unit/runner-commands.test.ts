import { executedCommands } from '../support/runner-commands.js'

/** Name and data of each executed command, the shape most cases compare. */
function run(lines: string[]): Array<[string, string]> {
  return executedCommands(lines.join('\n')).map((c) => [c.command, c.data])
}

const TOKEN = '5c3f0b9e2d71a4c8'

describe('executedCommands', () => {
  it('executes a plain ::error::', () => {
    expect(executedCommands('::error::x\n')).toEqual([{ command: 'error', properties: {}, data: 'x', line: 1 }])
  })

  it.each([
    ['unregistered name', '::errors::x'],
    ['plugin-only command', '::internal-set-repo-path repoFullName=a/b,workspaceRepo=true::p'],
    ['no closing ::', '::error x'],
    ['not at the start', 'say ::error::x'],
    ['name after a space', ':: error::x'],
    ['unclosed legacy', '##[error x'],
    ['empty line', '']
  ])('executes nothing for %s', (_, line) => {
    expect(run([line])).toEqual([])
  })

  it('matches names case-insensitively and reports the registered name', () => {
    expect(run(['::ERROR::a', '##[Set-Output name=x]b'])).toEqual([['error', 'a'], ['set-output', 'b']])
  })

  it('counts set-env and add-path: the runner consumes them, then fails the step', () => {
    expect(run(['::set-env name=A::1', '::add-path::/x'])).toEqual([['set-env', '1'], ['add-path', '/x']])
  })

  it.each([
    ['spaces', '   ::error::x'],
    ['a tab', '\t::error::x'],
    ['a vertical tab and form feed', '\v\f::error::x'],
    ['NEL, which .NET counts as whitespace', '\u0085::error::x'],
    ['a no-break space', '\u00a0::error::x']
  ])('trims leading %s before a V2 command', (_, line) => {
    expect(run([line])).toEqual([['error', 'x']])
  })

  it('does not trim a byte-order mark, which .NET does not count as whitespace', () => {
    expect(run(['\ufeff::error::x'])).toEqual([])
  })

  it('processes the legacy form, anywhere in the line', () => {
    expect(executedCommands('##[error]x\nbuild says ##[warning file=a.txt;line=3]y\n')).toEqual([
      { command: 'error', properties: {}, data: 'x', line: 1 },
      { command: 'warning', properties: { file: 'a.txt', line: '3' }, data: 'y', line: 2 }
    ])
  })

  it('falls back to the legacy form when the V2 name is not registered', () => {
    expect(run(['::nope::##[error]x'])).toEqual([['error', 'x']])
  })

  it('splits lines on \\n, \\r\\n and a lone \\r, as StreamReader.ReadLine does', () => {
    const lines = executedCommands('::error::a\r::error::b\r\n\n::error::c').map((c) => [c.data, c.line])
    expect(lines).toEqual([['a', 1], ['b', 2], ['c', 4]])
  })

  describe('unescaping', () => {
    it.each([
      ['V2 data: %0D %0A %25', '::error::a%0Db%0Ac%25d', 'a\rb\nc%d'],
      ['V2 data keeps %3A and %2C', '::error::a%3Ab%2Cc', 'a%3Ab%2Cc'],
      ['%25 last, so %250A stays %0A', '::error::%250A', '%0A'],
      ['legacy data: %3B %5D too', '##[error]a%3Bb%5Dc%0Ad', 'a;b]c\nd']
    ])('%s', (_, line, data) => {
      expect(executedCommands(line)[0].data).toBe(data)
    })

    it('unescapes V2 properties with %3A and %2C', () => {
      expect(executedCommands('::error file=a%2Cb%3Ac%25,title=t%0A::m')[0].properties).toEqual({ file: 'a,b:c%', title: 't\n' })
    })

    it('unescapes legacy properties with %3B and %5D', () => {
      expect(executedCommands('##[error file=a%3Bb%5D]m')[0].properties).toEqual({ file: 'a;b]' })
    })
  })

  describe('properties', () => {
    it.each([
      ['trims the list, not each key', '::error  file=a, line=1 ::m', { file: 'a', ' line': '1' }],
      ['splits a value at the first = only', '::error title=a=b::m', { title: 'a=b' }],
      ['drops empty pieces around the first =', '::error ==title==a::m', { title: 'a' }],
      ['drops a key without a value', '::error file=,line::m', {}],
      ['keeps the first spelling and the last value', '::error File=a,FILE=b::m', { File: 'b' }],
      ['keeps a __proto__ key as data', '::error __proto__=x::m', { ['__proto__']: 'x' }],
      ['does not trim legacy properties', '##[error  file=a; line=1]m', { ' file': 'a', ' line': '1' }]
    ])('%s', (_, line, properties) => {
      const parsed = executedCommands(line)[0].properties
      expect(parsed).toEqual(properties)
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    })
  })

  describe('stop-commands', () => {
    it('executes nothing inside a span until the resume token', () => {
      const output = [
        '::error::before',
        `::stop-commands::${TOKEN}`,
        '::error::inside',
        '::set-output name=x::y',
        '##[add-mask]secret',
        '::endgroup::',
        `::${TOKEN}::`,
        '::error::after'
      ]
      expect(executedCommands(output.join('\n')).map((c) => [c.command, c.data, c.line])).toEqual([
        ['error', 'before', 1],
        ['stop-commands', TOKEN, 2],
        [TOKEN, '', 7],
        ['error', 'after', 8]
      ])
    })

    it('ignores stop-commands inside a span: no new span, no resume', () => {
      const output = [
        `::stop-commands::${TOKEN}`,
        '::stop-commands::other',
        '::error::hidden',
        '::other::',
        '::error::still hidden',
        `::${TOKEN}::`,
        '::error::shown'
      ]
      expect(run(output)).toEqual([['stop-commands', TOKEN], [TOKEN, ''], ['error', 'shown']])
    })

    it.each([
      ['a prefix of the token', `::${TOKEN.slice(0, -1)}::`],
      ['the token extended', `::${TOKEN}0::`],
      ['the token as data', `::error::${TOKEN}`],
      ['the token in a legacy command behind a V2 one', `::error::##[${TOKEN}]`],
      ['the token not at the start', `say ::${TOKEN}::`],
      ['the token without its closing ::', `::${TOKEN}`],
      ['the token as plain text', TOKEN]
    ])('does not resume on %s', (_, line) => {
      expect(run([`::stop-commands::${TOKEN}`, line, '::error::hidden'])).toEqual([['stop-commands', TOKEN]])
    })

    it.each([
      ['the exact line', `::${TOKEN}::`],
      ['leading whitespace', `  \t::${TOKEN}::`],
      ['other letter case', `::${TOKEN.toUpperCase()}::`],
      ['properties and data', `::${TOKEN} k=v::anything`],
      ['the legacy form', `##[${TOKEN}]`],
      ['the legacy form mid-line', `say ##[${TOKEN}]`]
    ])('resumes, as the runner does, on %s', (_, line) => {
      expect(run([`::stop-commands::${TOKEN}`, line, '::error::shown']).slice(-1)).toEqual([['error', 'shown']])
    })

    it('unregisters the token once resumed', () => {
      expect(run([`::stop-commands::${TOKEN}`, `::${TOKEN}::`, `::${TOKEN}::`])).toEqual([['stop-commands', TOKEN], [TOKEN, '']])
    })

    it('keeps the span open to the end of the output when the token never comes', () => {
      expect(run([`::stop-commands::${TOKEN}`, '::error::hidden'])).toEqual([['stop-commands', TOKEN]])
    })

    it('takes the data untrimmed as the token, so one with a space can never resume', () => {
      expect(run(['::stop-commands::two words', '::two words::', '##[two words]', '::two::', '::error::hidden'])).toEqual([
        ['stop-commands', 'two words']
      ])
    })

    it.each([
      ['empty', ''],
      ['pause-logging', 'PAUSE-LOGGING'],
      ['a registered command', 'error'],
      ['stop-commands itself', 'stop-commands']
    ])('fails, as the runner does, on a token that is %s', (_, token) => {
      expect(() => executedCommands(`::error::x\n::stop-commands::${token}\n`)).toThrow(/line 2: the runner refuses/)
    })

    it('accepts internal-set-repo-path as a token: it is not registered for actions', () => {
      expect(run(['::stop-commands::internal-set-repo-path', '::error::hidden', '::internal-set-repo-path::', '::error::shown'])).toEqual([
        ['stop-commands', 'internal-set-repo-path'],
        ['internal-set-repo-path', ''],
        ['error', 'shown']
      ])
    })
  })
})
