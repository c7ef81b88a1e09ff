/**
 * test/support/ssm-limits-emulation.ts: the proxy refuses what SSM's service model refuses
 * (GetParameters with no name, more than ten, or a name with spaces; a DescribeParameters filter
 * with no value or more than fifty; LabelParameterVersion and UnlabelParameterVersion without
 * labels or with more than ten; PutParameter with a Type SSM does not know), and passes what SSM
 * takes.
 */
import { ssmLimitRefusal } from '../support/ssm-limits-emulation.js'

const body = (input: unknown): Buffer => Buffer.from(JSON.stringify(input), 'utf8')
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `/team/p${i}`)

describe('ssmLimitRefusal', () => {
  it.each([
    ['no name', { Names: [] }],
    ['eleven names', { Names: names(11) }],
    ['a name with a space between characters', { Names: ['/team/my parameter'] }],
    ['an empty name', { Names: [''] }],
    ['a name that is not a string', { Names: [null] }]
  ])('refuses GetParameters with %s', (_what, input) => {
    expect(ssmLimitRefusal('GetParameters', body(input))).toEqual(expect.objectContaining({ status: 400, code: 'ValidationException' }))
  })

  it.each([
    ['one name', { Names: names(1) }],
    ['ten names', { Names: names(10) }]
  ])('takes GetParameters with %s', (_what, input) => {
    expect(ssmLimitRefusal('GetParameters', body(input))).toBeUndefined()
  })

  it.each([
    ['no value', [{ Key: 'tag:team', Values: [] }]],
    ['51 values', [{ Key: 'tag:team', Values: names(51) }]]
  ])('refuses a DescribeParameters filter with %s', (_what, ParameterFilters) => {
    expect(ssmLimitRefusal('DescribeParameters', body({ ParameterFilters }))).toEqual(expect.objectContaining({ status: 400, code: 'ValidationException' }))
  })

  it.each([
    ['one value', [{ Key: 'tag:team', Values: ['a'] }]],
    ['50 values', [{ Key: 'tag:team', Values: names(50) }]],
    ['no Values member (a filter SSM reads by its key alone)', [{ Key: 'tag:team' }]],
    ['no filter', undefined]
  ])('takes a DescribeParameters filter with %s', (_what, ParameterFilters) => {
    expect(ssmLimitRefusal('DescribeParameters', body({ ParameterFilters }))).toBeUndefined()
  })

  const labels = (n: number): string[] => Array.from({ length: n }, (_, i) => `run-${i}`)
  describe.each(['LabelParameterVersion', 'UnlabelParameterVersion'])('%s', (action) => {
    it.each([
      ['no Labels member', { Name: '/team/p', ParameterVersion: 1 }],
      ['no label', { Name: '/team/p', ParameterVersion: 1, Labels: [] }],
      ['eleven labels', { Name: '/team/p', ParameterVersion: 1, Labels: labels(11) }]
    ])('refuses %s', (_what, input) => {
      expect(ssmLimitRefusal(action, body(input))).toEqual(expect.objectContaining({ status: 400, code: 'ValidationException' }))
    })

    it.each([
      ['one label', { Name: '/team/p', ParameterVersion: 1, Labels: labels(1) }],
      ['ten labels', { Name: '/team/p', ParameterVersion: 1, Labels: labels(10) }]
    ])('takes %s', (_what, input) => {
      expect(ssmLimitRefusal(action, body(input))).toBeUndefined()
    })
  })

  it.each([
    ['an empty Type', ''],
    ['a Type of another case', 'string']
  ])('refuses PutParameter with %s', (_what, Type) => {
    expect(ssmLimitRefusal('PutParameter', body({ Name: '/team/p', Value: 'v', Type, Overwrite: true }))).toEqual(expect.objectContaining({ status: 400, code: 'ValidationException' }))
  })

  it.each([['String'], ['StringList'], ['SecureString'], [undefined]])('takes PutParameter with the Type %s', (Type) => {
    expect(ssmLimitRefusal('PutParameter', body({ Name: '/team/p', Value: 'v', Type, Overwrite: true }))).toBeUndefined()
  })

  it('leaves every other call to moto', () => {
    expect(ssmLimitRefusal('GetParameter', body({ Names: [], Labels: [] }))).toBeUndefined()
  })
})
