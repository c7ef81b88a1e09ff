import { commentBody } from '../../src/report/comment.js'
import { truncateMarkdown } from '../../src/report/truncate.js'

const BUDGET = 2000
const NOTE = '_cut: see the job summary_'

/** n numbered lines of about 40 characters: far more than the budget holds. */
const filler = (n = 200): string[] => Array.from({ length: n }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(30)}`)
const doc = (...head: string[]): string => [...head, ...filler()].join('\n') + '\n'

/**
 * Checks the shape of a cut: whole lines from the start of `text`, then exactly `closers`,
 * a blank line and the note, last. Returns the part kept from `text`.
 */
function kept(text: string, result: string, closers: string[]): string {
  const tail = `\n${[...closers, '', NOTE].join('\n')}\n`
  expect(result.endsWith(tail)).toBe(true)
  const body = result.slice(0, result.length - tail.length)
  expect(text.startsWith(`${body}\n`)).toBe(true)
  return body
}

describe('truncateMarkdown', () => {
  it.each([
    ['empty', ''],
    ['one line', '# Report\n'],
    ['an open fence, short', '```\nnever closed'],
    ['exactly the budget', 'y'.repeat(BUDGET - 1) + '\n']
  ])('short text is returned unchanged: %s', (_name, text) => {
    expect(truncateMarkdown(text, BUDGET, NOTE)).toBe(text)
  })

  it('long text: whole lines from the start, under the budget, the note last', () => {
    const text = doc('# Report')
    const result = truncateMarkdown(text, BUDGET, NOTE)
    expect(result.length).toBeLessThanOrEqual(BUDGET)
    const body = kept(text, result, [])
    expect(body.length).toBeGreaterThan(BUDGET / 2)
    expect(result.trimEnd().split('\n').at(-1)).toBe(NOTE)
  })

  it('one character over the budget is cut', () => {
    const text = 'y'.repeat(BUDGET - 40) + '\n' + 'z'.repeat(39) + '\n'
    expect(text.length).toBe(BUDGET + 1)
    expect(truncateMarkdown(text, BUDGET, NOTE)).toContain(NOTE)
  })

  it.each<[string, string[], string[]]>([
    ['an open ``` fence with an info string', ['intro', '```diff'], ['```']],
    ['an open ```` fence with ``` lines inside', ['intro', '````', '```', 'inner', '```'], ['````']],
    ['an open ~~~ fence with ``` lines inside', ['intro', '~~~', '```', 'x'], ['~~~']],
    ['an open ``` fence with ~~~ lines inside', ['intro', '```', '~~~'], ['```']],
    ['a ``` fence whose "closer" has text after it', ['```', '``` not a closing fence'], ['```']],
    ['a fence closed before the cut', ['```', 'code', '```', 'after'], []],
    ['a ``` fence closed by a longer fence', ['```', 'code', '`````'], []],
    ['a ~~~~ fence closed by ~~~~~', ['~~~~', 'code', '~~~~~'], []],
    ['two fences, both closed', ['```', 'a', '```', '~~~', 'b', '~~~'], []],
    ['two fences, the second open', ['```', 'a', '```', '~~~', 'b'], ['~~~']],
    ['an open <details> block', ['<details><summary>Log</summary>', ''], ['', '</details>']],
    ['two nested open <details> blocks', ['<details><summary>A</summary>', '', '<details><summary>B</summary>', ''], ['', '</details>', '', '</details>']],
    ['a <details> block closed before the cut', ['<details><summary>Log</summary>', '', 'text', '', '</details>', ''], []],
    ['an open fence inside an open <details> block', ['<details><summary>packer validate</summary>', '', '```'], ['```', '', '</details>']],
    ['<details> inside a closed fence is code, not HTML', ['```html', '<details>', '```'], []],
    ['</details> inside an open fence does not close the block', ['<details><summary>x</summary>', '', '```', '</details>'], ['```', '', '</details>']]
  ])('%s', (_name, head, closers) => {
    const text = doc(...head)
    const result = truncateMarkdown(text, BUDGET, NOTE)
    expect(result.length).toBeLessThanOrEqual(BUDGET)
    const body = kept(text, result, closers)
    expect(body.startsWith(head.join('\n'))).toBe(true)
  })
})

describe('commentBody', () => {
  const RUN = 'https://github.com/acme/images/actions/runs/42'
  const MARKER = '<!-- packer-ami-action:Build/web/packer -->'

  it('short: the marker on the first line, then the report untouched', () => {
    expect(commentBody('Build/web/packer', '## Packer build\n\n| a | b |\n', RUN)).toBe(`${MARKER}\n## Packer build\n\n| a | b |\n`)
  })

  it.each([
    ['many lines', `## Packer build\n\n${`${'y'.repeat(99)}\n`.repeat(2000)}`],
    ['one huge line', `## Packer build\n${'y'.repeat(200_000)}\n`],
    ['an open fence in an open <details> block', `## Validate\n\n<details><summary>packer validate</summary>\n\n\`\`\`\n${`${'e'.repeat(79)}\n`.repeat(2500)}`]
  ])('200,000 characters (%s): marker first, under 65,536, a pointer to the summary last', (_name, markdown) => {
    expect(markdown.length).toBeGreaterThanOrEqual(200_000)
    const body = commentBody('Build/web/packer', markdown, RUN)
    expect(body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(body.length).toBeLessThan(65_536)
    expect(body.trimEnd().split('\n').at(-1)).toContain(`(${RUN})`)
  })

  it('a cut report closes what it left open', () => {
    const markdown = `## Validate\n\n<details><summary>packer validate</summary>\n\n\`\`\`\n${`${'e'.repeat(79)}\n`.repeat(2500)}`
    const lines = commentBody('k', markdown, RUN).trimEnd().split('\n')
    expect(lines.slice(-5, -1)).toStrictEqual(['```', '', '</details>', ''])
  })
})
