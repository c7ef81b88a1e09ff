import { globRegExp, selectBuilds } from '../../src/packer/build-filter.js'

/**
 * gobwas/glob v0.2.3 as Packer compiles `-only`/`-except` patterns (no separators): the cases
 * follow its lexer and parser (syntax/lexer/lexer.go, syntax/ast/parser.go).
 */
describe('globRegExp: gobwas/glob without separators', () => {
  it.each<[string, string, boolean]>([
    ['amazon-ebs.web', 'amazon-ebs.web', true],
    ['amazon-ebs.web', 'amazon-ebs.webx', false],
    ['amazon-ebs.*', 'amazon-ebs.web', true],
    ['amazon-ebs.*', 'blue.amazon-ebs.web', false],
    ['*.web', 'blue.amazon-ebs.web', true],
    ['*', '', true],
    ['**', 'a.b.c', true],
    ['blue.**.web', 'blue.amazon-ebs.web', true],
    ['amazon-ebs.w?b', 'amazon-ebs.web', true],
    ['amazon-ebs.?', 'amazon-ebs.web', false],
    ['[bw]*', 'web.x', true],
    ['[bw]*', 'x', false],
    ['[!b]*', 'blue', false],
    ['[!b]*', 'amazon', true],
    ['[a-c]*', 'blue', true],
    ['[a-c]*', 'web', false],
    ['[!a-c]*', 'web', true],
    ['[ab-c]', '-', true],
    ['[ab-c]', 'b', true],
    ['[ab-c]', 'x', false],
    ['[!!]', '!', false],
    ['[\\]]', ']', true],
    ['{amazon-ebs.web,file.notes}', 'file.notes', true],
    ['{amazon-ebs.web,file.notes}', 'amazon-ebs.web', true],
    ['{amazon-ebs.web,file.notes}', 'amazon-ebs.worker', false],
    ['amazon-ebs.{web,work*}', 'amazon-ebs.worker', true],
    ['{a,b{c,d}}', 'bd', true],
    ['{,x}y', 'y', true],
    ['{a,b', 'b', true],
    ['a,b', 'a,b', true],
    ['a,b', 'a', false],
    ['x}', 'x}', true],
    ['x]', 'x]', true],
    ['\\*', '*', true],
    ['\\*', 'a', false],
    ['a\\', 'a', true],
    ['a.b', 'axb', false],
    ['(x)|y$', '(x)|y$', true],
    ['a/b', 'a/b', true],
    ['n-1.amazon-ebs.web', 'n-1.amazon-ebs.web', true]
  ])('%s against %s: %s', (pattern, name, matches) => {
    expect(globRegExp(pattern).test(name)).toBe(matches)
  })

  it.each<[string, RegExp]>([
    ['[', /unexpected end of input/],
    ['[a', /unexpected end of input/],
    ['[a-', /unexpected end of input/],
    ['[a-b', /unexpected end of input/],
    ['[a-bc]', /expected close range character/],
    ['[]', /could not parse range/],
    ['[!]', /could not parse range/],
    ['[z-a]', /hi character 'a' should be greater than lo 'z'/]
  ])('refuses %s as Packer does', (pattern, why) => {
    expect(() => globRegExp(pattern, 'except')).toThrow(new RegExp(`^except: invalid pattern ${JSON.stringify(pattern).replace(/[[\]\\]/g, '\\$&')}: ${why.source}`))
  })
})

describe('selectBuilds', () => {
  const hcl2 = ['amazon-ebs.web', 'amazon-ebs.worker', 'blue.amazon-ebs.web', 'amazon-ebs.canary', 'file.notes']

  it.each<[string, string[], string[], string[]]>([
    ['no filter: every build, in template order', [], [], hcl2],
    ['an exact name', ['amazon-ebs.web'], [], ['amazon-ebs.web']],
    ['a glob across the build name', ['*.web'], [], ['amazon-ebs.web', 'blue.amazon-ebs.web']],
    ['a glob within the type', ['amazon-ebs.*'], [], ['amazon-ebs.web', 'amazon-ebs.worker', 'amazon-ebs.canary']],
    ['several patterns keep template order', ['file.notes', 'blue.*'], [], ['blue.amazon-ebs.web', 'file.notes']],
    ['except removes what matches', [], ['amazon-ebs.*'], ['blue.amazon-ebs.web', 'file.notes']],
    ['except with alternatives', [], ['{file.*,*.canary}'], ['amazon-ebs.web', 'amazon-ebs.worker', 'blue.amazon-ebs.web']],
    ['an only that matches nothing', ['nothing'], [], []]
  ])('HCL2: %s', (_name, only, except, expected) => {
    expect(selectBuilds(hcl2, { only, except }, true)).toStrictEqual(expected)
  })

  const legacy = ['web', 'amazon-ebs', 'worker']

  it.each<[string, string[], string[], string[]]>([
    ['no filter: every build, sorted as Packer sorts them', [], [], ['amazon-ebs', 'web', 'worker']],
    ['exact names, sorted', ['worker', 'web'], [], ['web', 'worker']],
    ['no globbing', ['w*'], [], []],
    ['a pattern HCL2 would refuse is just a name', ['['], [], []],
    ['except by exact name', [], ['web'], ['amazon-ebs', 'worker']]
  ])('legacy JSON: %s', (_name, only, except, expected) => {
    expect(selectBuilds(legacy, { only, except }, false)).toStrictEqual(expected)
  })

  it('names the input whose pattern Packer would refuse', () => {
    expect(() => selectBuilds(hcl2, { only: ['amazon-ebs.[web'], except: [] }, true)).toThrow(/^only: invalid pattern "amazon-ebs\.\[web"/)
    expect(() => selectBuilds(hcl2, { only: [], except: ['[z-a]'] }, true)).toThrow(/^except: invalid pattern/)
  })
})
