import { maskable, mergeVariables, parseVariables, secretStrings } from '../../src/variables.js'

const NASTY = 'it\'s "quoted" $HOME `x` ; rm -rf /'

describe('parseVariables', () => {
  it.each([
    ['empty text', '', {}],
    ['blank lines only', '\n  \n', {}],
    ['YAML mapping, types kept', 'region: us-east-1\ncount: 3\nratio: 1.5\nenabled: true\nnothing: null', {
      region: 'us-east-1',
      count: 3,
      ratio: 1.5,
      enabled: true,
      nothing: null
    }],
    ['YAML lists and maps', 'regions:\n  - us-east-1\n  - eu-west-1\ntags:\n  team: infra\n  size: 2', {
      regions: ['us-east-1', 'eu-west-1'],
      tags: { team: 'infra', size: 2 }
    }],
    ['JSON mapping', '{"a": 1, "b": [true, "x"], "c": {"d": null}}', { a: 1, b: [true, 'x'], c: { d: null } }],
    ['1234e5 stays the text written', 'sha: 1234e5', { sha: '1234e5' }],
    ['007 stays the text written', 'id: 007', { id: '007' }],
    ['numbers inside a list keep their text too', 'ids: [007, 12]', { ids: ['007', 12] }],
    ['quoted YAML number is a string', 'v: "42"', { v: '42' }],
    ['key=value lines are strings', 'count=3\nname=web', { count: '3', name: 'web' }],
    ['key=value with CRLF and blank lines', 'a=1\r\n\r\nb=two\r\n', { a: '1', b: 'two' }],
    ['key=value keeps "=" in the value', 'url=https://x.example/?a=b', { url: 'https://x.example/?a=b' }],
    ['key=value empty value', 'empty=', { empty: '' }],
    ['key=value string byte for byte', `cmd=${NASTY}`, { cmd: NASTY }],
    ['YAML plain string byte for byte', `cmd: ${NASTY}`, { cmd: NASTY }],
    ['JSON string byte for byte', JSON.stringify({ cmd: NASTY, tpl: '${var.x} {{user `y`}}' }), {
      cmd: NASTY,
      tpl: '${var.x} {{user `y`}}'
    }],
    ['names with dash and underscore', '_a-b: 1\nC_9: x', { '_a-b': 1, C_9: 'x' }]
  ])('%s', (_name, text, expected) => {
    expect(parseVariables('variables', text)).toStrictEqual(expected)
  })

  it.each([
    ['a list', '- a\n- b'],
    ['a scalar', 'just words'],
    ['broken YAML', 'a: [1, 2'],
    ['duplicate YAML key', 'a: 1\na: 2'],
    ['duplicate key=value name', 'a=1\na=2'],
    ['invalid name in a mapping', '"bad name": 1'],
    ['name starting with a digit', '9lives: 1'],
    ['mixed forms', 'a=1\nb: 2']
  ])('rejects %s, naming the input', (_name, text) => {
    expect(() => parseVariables('sensitive-variables', text)).toThrow(/^sensitive-variables: /)
  })
})

describe('mergeVariables', () => {
  it.each([
    [{ a: 1 }, { b: 's' }, { a: 1, b: 's' }],
    [{}, { b: [1] }, { b: [1] }],
    [{ a: 'x' }, {}, { a: 'x' }]
  ])('%j + %j', (plain, sensitive, expected) => {
    expect(mergeVariables(plain, sensitive)).toStrictEqual(expected)
  })

  it('refuses a name set in both, naming it', () => {
    expect(() => mergeVariables({ token: 'a' }, { token: 'b' })).toThrow(/sensitive-variables.*"token"/)
  })
})

describe('secretStrings', () => {
  it.each([
    ['string leaves', { a: 'p4ss', b: NASTY }, ['p4ss', NASTY]],
    ['numbers and booleans as text', { n: 1234, t: true }, ['1234', 'true']],
    ['empty string and null give nothing', { e: '', z: null }, []],
    ['nested leaves and the whole as JSON', { m: { k: 'v1', l: ['v2'] } }, ['v1', 'v2', JSON.stringify({ k: 'v1', l: ['v2'] })]],
    ['a list and its JSON', { l: ['x', 'y'] }, ['x', 'y', '["x","y"]']]
  ])('%s', (_name, sensitive, expected) => {
    expect([...secretStrings(sensitive)].sort()).toStrictEqual([...expected].sort())
  })
})

describe('maskable', () => {
  it('masks values of 4 characters or more and counts the shorter ones', () => {
    expect(maskable(secretStrings({ x: [1, 2], p: 'p4ss', q: 'abc' }))).toEqual({ masked: ['[1,2]', 'p4ss'], tooShort: 3 })
  })
})
