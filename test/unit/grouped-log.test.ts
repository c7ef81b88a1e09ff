import { GroupedLog } from '../../src/packer/grouped-log.js'

type Step = { line: string; build?: string } | { finish: string } | 'close'

function run(steps: Step[]): string[] {
  const out: string[] = []
  const log = new GroupedLog({
    startGroup: (name) => out.push(`::group::${name}`),
    endGroup: () => out.push('::endgroup::'),
    line: (text) => out.push(text)
  })
  for (const step of steps) {
    if (step === 'close') log.close()
    else if ('finish' in step) log.finish(step.finish)
    else log.write(step.line, step.build)
  }
  return out
}

const w = (line: string, build?: string): Step => ({ line, build })
const f = (build: string): Step => ({ finish: build })

describe('GroupedLog', () => {
  it.each<[string, Step[], string[]]>([
    [
      'interleaved lines of two builds become two contiguous groups',
      [w('web 1', 'web'), w('worker 1', 'worker'), w('web 2', 'web'), w('worker 2', 'worker'), f('web'), w('worker 3', 'worker'), f('worker'), 'close'],
      ['::group::web', 'web 1', 'web 2', '::endgroup::', '::group::worker', 'worker 1', 'worker 2', 'worker 3', '::endgroup::']
    ],
    [
      'the held build finishing first still prints after the live one, in one group',
      [w('web 1', 'web'), w('worker 1', 'worker'), f('worker'), w('web 2', 'web'), f('web'), 'close'],
      ['::group::web', 'web 1', 'web 2', '::endgroup::', '::group::worker', 'worker 1', '::endgroup::']
    ],
    [
      'three builds, held ones printed in the order they started',
      [
        w('a 1', 'a'), w('b 1', 'b'), w('c 1', 'c'), f('c'), w('a 2', 'a'), w('b 2', 'b'), f('a'), w('b 3', 'b'), f('b'), 'close'
      ],
      ['::group::a', 'a 1', 'a 2', '::endgroup::', '::group::b', 'b 1', 'b 2', 'b 3', '::endgroup::', '::group::c', 'c 1', '::endgroup::']
    ],
    [
      'lines without a build print ungrouped',
      [w('==> Wait completed'), w('web 1', 'web'), f('web'), w('==> Builds finished.'), w('--> web: AMIs were created:'), 'close'],
      ['==> Wait completed', '::group::web', 'web 1', '::endgroup::', '==> Builds finished.', '--> web: AMIs were created:']
    ],
    [
      'close() flushes builds that never reported an end',
      [w('web 1', 'web'), w('worker 1', 'worker'), w('worker 2', 'worker'), 'close'],
      ['::group::web', 'web 1', '::endgroup::', '::group::worker', 'worker 1', 'worker 2', '::endgroup::']
    ],
    ['close() with nothing written prints nothing', ['close'], []],
    [
      'a build that starts after another finished opens its own group',
      [w('web 1', 'web'), f('web'), w('worker 1', 'worker'), f('worker'), 'close'],
      ['::group::web', 'web 1', '::endgroup::', '::group::worker', 'worker 1', '::endgroup::']
    ]
  ])('%s', (_name, steps, expected) => {
    expect(run(steps)).toStrictEqual(expected)
  })

  it.each<[string, Step[], string[]]>([
    ['the first build streams at once', [w('web 1', 'web')], ['::group::web', 'web 1']],
    ['a second build is held while the first is live', [w('web 1', 'web'), w('worker 1', 'worker')], ['::group::web', 'web 1']],
    ['the live build keeps streaming', [w('web 1', 'web'), w('worker 1', 'worker'), w('web 2', 'web')], ['::group::web', 'web 1', 'web 2']],
    [
      'when the live build ends, the held one is printed and goes live',
      [w('web 1', 'web'), w('worker 1', 'worker'), f('web'), w('worker 2', 'worker')],
      ['::group::web', 'web 1', '::endgroup::', '::group::worker', 'worker 1', 'worker 2']
    ]
  ])('live: %s', (_name, steps, expected) => {
    expect(run(steps)).toStrictEqual(expected)
  })
})
