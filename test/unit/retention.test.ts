import { planRetention, type Candidate, type RetentionPlan } from '../../src/aws/retention.js'

const ami = (n: number, created: string): Candidate => ({ ami: `ami-${n}`, created, snapshots: [`snap-${n}`] })

// ami-1 is the oldest, ami-5 the newest; given out of order on purpose.
const A1 = ami(1, '2024-01-01T10:00:00.000Z')
const A2 = ami(2, '2024-02-01T10:00:00.000Z')
const A3 = ami(3, '2024-03-01T10:00:00.000Z')
const A4 = ami(4, '2024-03-01T10:00:01.000Z')
const A5 = ami(5, '2025-01-01T00:00:00.000Z')
const ALL = [A3, A1, A5, A2, A4]

/** The plan as sets of AMI ids: the order inside each list is not part of the contract. */
function ids(plan: RetentionPlan): { kept: string[]; remove: string[]; spared: string[] } {
  const sorted = (cs: Candidate[]): string[] => cs.map((c) => c.ami).sort()
  return { kept: sorted(plan.kept), remove: sorted(plan.remove), spared: sorted(plan.spared) }
}

describe('planRetention', () => {
  it.each<[string, number, string[], string[], { kept: string[]; remove: string[]; spared: string[] }]>([
    ['keep 1: the newest', 1, [], [], { kept: ['ami-5'], remove: ['ami-1', 'ami-2', 'ami-3', 'ami-4'], spared: [] }],
    ['keep 2: one second apart counts', 2, [], [], { kept: ['ami-4', 'ami-5'], remove: ['ami-1', 'ami-2', 'ami-3'], spared: [] }],
    ['keep 3', 3, [], [], { kept: ['ami-3', 'ami-4', 'ami-5'], remove: ['ami-1', 'ami-2'], spared: [] }],
    ['keep as many as there are', 5, [], [], { kept: ['ami-1', 'ami-2', 'ami-3', 'ami-4', 'ami-5'], remove: [], spared: [] }],
    ['keep more than there are', 50, [], [], { kept: ['ami-1', 'ami-2', 'ami-3', 'ami-4', 'ami-5'], remove: [], spared: [] }],
    ['this run is the newest: it takes the one place', 1, ['ami-5'], [], { kept: ['ami-5'], remove: ['ami-1', 'ami-2', 'ami-3', 'ami-4'], spared: [] }],
    [
      "this run's older AMI is kept beyond the count",
      1,
      ['ami-2'],
      [],
      { kept: ['ami-2', 'ami-5'], remove: ['ami-1', 'ami-3', 'ami-4'], spared: [] }
    ],
    ["this run's AMIs in two places", 2, ['ami-1', 'ami-5'], [], { kept: ['ami-1', 'ami-4', 'ami-5'], remove: ['ami-2', 'ami-3'], spared: [] }],
    ['an older AMI in use is spared', 2, [], ['ami-2'], { kept: ['ami-4', 'ami-5'], remove: ['ami-1', 'ami-3'], spared: ['ami-2'] }],
    ['a kept AMI in use is kept, not spared', 2, [], ['ami-5'], { kept: ['ami-4', 'ami-5'], remove: ['ami-1', 'ami-2', 'ami-3'], spared: [] }],
    ['all older ones in use', 1, [], ['ami-1', 'ami-2', 'ami-3', 'ami-4'], { kept: ['ami-5'], remove: [], spared: ['ami-1', 'ami-2', 'ami-3', 'ami-4'] }],
    ["this run's AMI in use is kept, not spared", 1, ['ami-1'], ['ami-1'], { kept: ['ami-1', 'ami-5'], remove: ['ami-2', 'ami-3', 'ami-4'], spared: [] }],
    ['in use and this run together', 1, ['ami-3'], ['ami-2'], { kept: ['ami-3', 'ami-5'], remove: ['ami-1', 'ami-4'], spared: ['ami-2'] }]
  ])('%s', (_name, keep, thisRun, inUse, expected) => {
    expect(ids(planRetention(ALL, keep, new Set(thisRun), new Set(inUse)))).toStrictEqual(expected)
  })

  it('kept and removed are newest first', () => {
    const plan = planRetention(ALL, 2, new Set(), new Set())
    expect(plan.kept.map((c) => c.ami)).toStrictEqual(['ami-5', 'ami-4'])
    expect(plan.remove.map((c) => c.ami)).toStrictEqual(['ami-3', 'ami-2', 'ami-1'])
  })

  it('keeps the snapshots with their AMI, and leaves the input alone', () => {
    const input = [...ALL]
    const plan = planRetention(input, 1, new Set(), new Set())
    expect(plan.remove.find((c) => c.ami === 'ami-1')?.snapshots).toStrictEqual(['snap-1'])
    expect(input).toStrictEqual(ALL)
  })

  it('nothing to plan', () => {
    expect(planRetention([], 3, new Set(), new Set())).toStrictEqual({ kept: [], remove: [], spared: [] })
  })

  it.each([
    ['once', [A1, A2, A3, A4, A5]],
    ['reversed', [A5, A4, A3, A2, A1]],
    ['shuffled', [A2, A5, A1, A4, A3]]
  ])('the plan does not depend on the input order: %s', (_name, order) => {
    expect(ids(planRetention(order, 2, new Set(['ami-1']), new Set(['ami-3'])))).toStrictEqual({
      kept: ['ami-1', 'ami-4', 'ami-5'],
      remove: ['ami-2'],
      spared: ['ami-3']
    })
  })

  describe('ties', () => {
    const T = '2024-06-01T12:00:00.000Z'
    const tied = [ami(10, T), ami(11, T), ami(12, T)]
    const older = ami(9, '2024-05-01T12:00:00.000Z')

    it.each([
      ['in order', [older, ...tied]],
      ['reversed', [...tied].reverse().concat(older)],
      ['older first', [tied[1], older, tied[2], tied[0]]]
    ])('keep 2 of three equally new: exactly 2 kept, all tied ones before the older one (%s)', (_name, order) => {
      const plan = planRetention(order, 2, new Set(), new Set())
      expect(plan.kept).toHaveLength(2)
      expect(plan.kept.every((c) => c.created === T)).toBe(true)
      expect(ids(plan).remove).toContain('ami-9')
      expect([...plan.kept, ...plan.remove, ...plan.spared].map((c) => c.ami).sort()).toStrictEqual(['ami-10', 'ami-11', 'ami-12', 'ami-9'])
    })

    it.each([
      ['listed first', [tied[0], tied[1]]],
      ['listed last', [tied[1], tied[0]]]
    ])("this run's AMI tied with another is kept whatever its place (%s)", (_name, order) => {
      const plan = planRetention(order, 1, new Set(['ami-10']), new Set())
      expect(plan.kept.map((c) => c.ami)).toContain('ami-10')
      expect(plan.kept.length).toBeGreaterThanOrEqual(1)
      expect(plan.kept.length + plan.remove.length).toBe(2)
    })
  })
})
