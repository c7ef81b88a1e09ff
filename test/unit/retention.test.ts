import { deregistrationProtected, olderThanKept, planRetention, referencedBy, type Candidate, type RetentionPlan } from '../../src/aws/retention.js'

const ami = (n: number, created: string): Candidate => ({ ami: `ami-${n}`, created, snapshots: [`snap-${n}`] })

// ami-1 is the oldest, ami-5 the newest; given out of order on purpose.
const A1 = ami(1, '2024-01-01T10:00:00.000Z')
const A2 = ami(2, '2024-02-01T10:00:00.000Z')
const A3 = ami(3, '2024-03-01T10:00:00.000Z')
const A4 = ami(4, '2024-03-01T10:00:01.000Z')
const A5 = ami(5, '2025-01-01T00:00:00.000Z')
const ALL = [A3, A1, A5, A2, A4]

const NONE: ReadonlyMap<string, string[]> = new Map()
/** Each AMI referenced by one instance, `ami-2` by `instance:i-2`. */
const usedBy = (amis: string[]): Map<string, string[]> => new Map(amis.map((a) => [a, [`instance:i-${a.slice(4)}`]]))

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
    ['an older AMI something refers to is spared', 2, [], ['ami-2'], { kept: ['ami-4', 'ami-5'], remove: ['ami-1', 'ami-3'], spared: ['ami-2'] }],
    ['a kept AMI something refers to is kept, not spared', 2, [], ['ami-5'], { kept: ['ami-4', 'ami-5'], remove: ['ami-1', 'ami-2', 'ami-3'], spared: [] }],
    ['all older ones referenced', 1, [], ['ami-1', 'ami-2', 'ami-3', 'ami-4'], { kept: ['ami-5'], remove: [], spared: ['ami-1', 'ami-2', 'ami-3', 'ami-4'] }],
    ["this run's AMI, referenced, is kept, not spared", 1, ['ami-1'], ['ami-1'], { kept: ['ami-1', 'ami-5'], remove: ['ami-2', 'ami-3', 'ami-4'], spared: [] }],
    ['referenced and this run together', 1, ['ami-3'], ['ami-2'], { kept: ['ami-3', 'ami-5'], remove: ['ami-1', 'ami-4'], spared: ['ami-2'] }]
  ])('%s', (_name, keep, thisRun, inUse, expected) => {
    expect(ids(planRetention(ALL, keep, new Set(thisRun), usedBy(inUse)))).toStrictEqual(expected)
  })

  it('kept and removed are newest first', () => {
    const plan = planRetention(ALL, 2, new Set(), NONE)
    expect(plan.kept.map((c) => c.ami)).toStrictEqual(['ami-5', 'ami-4'])
    expect(plan.remove.map((c) => c.ami)).toStrictEqual(['ami-3', 'ami-2', 'ami-1'])
  })

  it('keeps the snapshots with their AMI, and leaves the input alone', () => {
    const input = [...ALL]
    const plan = planRetention(input, 1, new Set(), NONE)
    expect(plan.remove.find((c) => c.ami === 'ami-1')?.snapshots).toStrictEqual(['snap-1'])
    expect(input).toStrictEqual(ALL)
  })

  it('nothing to plan', () => {
    expect(planRetention([], 3, new Set(), NONE)).toStrictEqual({ kept: [], remove: [], spared: [] })
  })

  it.each([
    ['once', [A1, A2, A3, A4, A5]],
    ['reversed', [A5, A4, A3, A2, A1]],
    ['shuffled', [A2, A5, A1, A4, A3]]
  ])('the plan does not depend on the input order: %s', (_name, order) => {
    expect(ids(planRetention(order, 2, new Set(['ami-1']), usedBy(['ami-3'])))).toStrictEqual({
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
      const plan = planRetention(order, 2, new Set(), NONE)
      expect(plan.kept).toHaveLength(2)
      expect(plan.kept.every((c) => c.created === T)).toBe(true)
      expect(ids(plan).remove).toContain('ami-9')
      expect([...plan.kept, ...plan.remove, ...plan.spared].map((c) => c.ami).sort()).toStrictEqual(['ami-10', 'ami-11', 'ami-12', 'ami-9'])
    })

    // Same second, as moto and EC2 both report it: this run's AMI is the newest of them, so
    // with keep N it takes one of the N places and the other tied one goes, whatever order
    // DescribeImages listed them in.
    it.each<[string, Candidate[], number, string[], { kept: string[]; remove: string[]; spared: string[] }]>([
      ['keep 1, this run listed first', [tied[1], tied[0]], 1, ['ami-11'], { kept: ['ami-11'], remove: ['ami-10'], spared: [] }],
      ['keep 1, this run listed last', [tied[0], tied[1]], 1, ['ami-11'], { kept: ['ami-11'], remove: ['ami-10'], spared: [] }],
      ['keep 1, this run in the middle of three', [tied[0], tied[1], tied[2]], 1, ['ami-11'], { kept: ['ami-11'], remove: ['ami-10', 'ami-12'], spared: [] }],
      ['keep 1, plus an older one', [older, tied[1], tied[2]], 1, ['ami-12'], { kept: ['ami-12'], remove: ['ami-11', 'ami-9'], spared: [] }],
      ['keep 2, two of this run tied with one other', [tied[2], tied[0], tied[1]], 2, ['ami-10', 'ami-11'], { kept: ['ami-10', 'ami-11'], remove: ['ami-12'], spared: [] }],
      ['keep 2, this run and one other tied', [older, tied[0], tied[1]], 2, ['ami-11'], { kept: ['ami-10', 'ami-11'], remove: ['ami-9'], spared: [] }],
      ['keep 2, this run last of three tied', [tied[0], tied[1], tied[2], older], 2, ['ami-12'], { kept: ['ami-10', 'ami-12'], remove: ['ami-11', 'ami-9'], spared: [] }]
    ])("this run's AMI counts as the newest among equals: %s", (_name, order, keep, thisRun, expected) => {
      expect(ids(planRetention(order, keep, new Set(thisRun), NONE))).toStrictEqual(expected)
    })

    it('this run first among equals, then by id: the same plan for every order', () => {
      const all = [older, ...tied]
      const plans = [all, [...all].reverse(), [tied[1], older, tied[2], tied[0]]].map((order) =>
        planRetention(order, 2, new Set(['ami-12']), NONE).kept.map((c) => c.ami)
      )
      expect(plans).toStrictEqual([
        ['ami-12', 'ami-10'],
        ['ami-12', 'ami-10'],
        ['ami-12', 'ami-10']
      ])
    })

    it('compares instants, not strings: with and without milliseconds are the same second', () => {
      const plain = { ...ami(20, '2024-06-01T12:00:00Z') }
      const millis = { ...ami(21, '2024-06-01T12:00:00.000Z') }
      for (const order of [
        [plain, millis],
        [millis, plain]
      ]) {
        expect(ids(planRetention(order, 1, new Set(['ami-20']), NONE))).toStrictEqual({ kept: ['ami-20'], remove: ['ami-21'], spared: [] })
      }
    })

    it('an unreadable creation time sorts as the oldest', () => {
      const undated = ami(30, '')
      expect(ids(planRetention([undated, A1], 1, new Set(), NONE))).toStrictEqual({ kept: ['ami-1'], remove: ['ami-30'], spared: [] })
    })
  })

  describe('deregistration protection', () => {
    const NOW = Date.parse('2025-06-01T00:00:00Z')
    const withProtection = (c: Candidate, protection: string): Candidate => ({ ...c, protection })
    const P1 = withProtection(A1, 'enabled-without-cooldown')
    const P2 = withProtection(A2, 'enabled-with-cooldown')
    const P3 = withProtection(A3, 'disabled after 2025-06-01T12:00:00Z')
    const P4 = withProtection(A4, 'disabled after 2025-05-31T12:00:00Z')
    const D4 = withProtection(A4, 'disabled')

    /** The plan as AMI ids, with each spared one's reason. */
    function explained(plan: RetentionPlan): { kept: string[]; remove: string[]; spared: Record<string, string> } {
      const { kept, remove } = ids(plan)
      return { kept, remove, spared: Object.fromEntries(plan.spared.map((c) => [c.ami, c.reason])) }
    }

    it.each<[string, Candidate[], number, string[], string[], { kept: string[]; remove: string[]; spared: Record<string, string> }]>([
      [
        'an older protected AMI is spared with its reason, the unprotected one removed',
        [P1, A2, A5],
        1,
        [],
        [],
        { kept: ['ami-5'], remove: ['ami-2'], spared: { 'ami-1': 'deregistration protection is enabled-without-cooldown' } }
      ],
      [
        'with cooldown too',
        [A1, P2, A5],
        1,
        [],
        [],
        { kept: ['ami-5'], remove: ['ami-1'], spared: { 'ami-2': 'deregistration protection is enabled-with-cooldown' } }
      ],
      [
        'a cooldown still running protects',
        [A1, P3, A5],
        1,
        [],
        [],
        { kept: ['ami-5'], remove: ['ami-1'], spared: { 'ami-3': 'deregistration protection is disabled after 2025-06-01T12:00:00Z' } }
      ],
      ['a cooldown that has run out does not', [A1, P4, A5], 1, [], [], { kept: ['ami-5'], remove: ['ami-1', 'ami-4'], spared: {} }],
      ['disabled is no protection', [A1, D4, A5], 1, [], [], { kept: ['ami-5'], remove: ['ami-1', 'ami-4'], spared: {} }],
      [
        'a protected AMI among the newest is kept, and takes its place',
        [A1, A2, withProtection(A5, 'enabled-without-cooldown')],
        1,
        [],
        [],
        { kept: ['ami-5'], remove: ['ami-1', 'ami-2'], spared: {} }
      ],
      [
        'a protected AMI does not count towards keep',
        [P1, A2, A3, A5],
        2,
        [],
        [],
        { kept: ['ami-3', 'ami-5'], remove: ['ami-2'], spared: { 'ami-1': 'deregistration protection is enabled-without-cooldown' } }
      ],
      [
        'referenced and protected: both reasons',
        [P1, A5],
        1,
        [],
        ['ami-1'],
        { kept: ['ami-5'], remove: [], spared: { 'ami-1': 'referenced by instance:i-1; deregistration protection is enabled-without-cooldown' } }
      ],
      [
        'referenced alone says so, naming the referrer',
        [A1, P2, A5],
        1,
        [],
        ['ami-1'],
        { kept: ['ami-5'], remove: [], spared: { 'ami-1': 'referenced by instance:i-1', 'ami-2': 'deregistration protection is enabled-with-cooldown' } }
      ],
      [
        "this run's AMI is kept, not spared, protected or not",
        [withProtection(A1, 'enabled-without-cooldown'), A5],
        1,
        ['ami-1'],
        [],
        { kept: ['ami-1', 'ami-5'], remove: [], spared: {} }
      ],
      ['keep 0 still never removes a protected AMI', [P1, A5], 0, [], [], { kept: [], remove: ['ami-5'], spared: { 'ami-1': 'deregistration protection is enabled-without-cooldown' } }]
    ])('%s', (_name, candidates, keep, thisRun, inUse, expected) => {
      expect(explained(planRetention(candidates, keep, new Set(thisRun), usedBy(inUse), NOW))).toStrictEqual(expected)
    })

    it.each<[string | undefined, boolean]>([
      [undefined, false],
      ['disabled', false],
      ['enabled-without-cooldown', true],
      ['enabled-with-cooldown', true],
      ['disabled after 2025-06-01T00:00:01Z', true],
      ['disabled after 2025-06-01T00:00:00Z', false],
      ['disabled after 2025-05-01T00:00:00.000Z', false],
      ['disabled after some time we cannot read', true]
    ])('deregistrationProtected(%p) at 2025-06-01T00:00:00Z is %p', (protection, expected) => {
      expect(deregistrationProtected(protection, NOW)).toBe(expected)
    })
  })

  describe('references', () => {
    /** The plan as AMI ids, with each spared one's reason. */
    function explained(plan: RetentionPlan): { kept: string[]; remove: string[]; spared: Record<string, string> } {
      const { kept, remove } = ids(plan)
      return { kept, remove, spared: Object.fromEntries(plan.spared.map((c) => [c.ami, c.reason])) }
    }

    it.each<[string, Record<string, string[]>, { kept: string[]; remove: string[]; spared: Record<string, string> }]>([
      [
        "only another team's SSM parameter refers to it: spared, and the reason names the parameter",
        { 'ami-2': ['ssm:/team/base-ami'] },
        { kept: ['ami-5'], remove: ['ami-1', 'ami-3', 'ami-4'], spared: { 'ami-2': 'referenced by ssm:/team/base-ami' } }
      ],
      [
        'only an old launch template version refers to it',
        { 'ami-1': ['launch-template:lt-0123456789abcdef0:v1'] },
        { kept: ['ami-5'], remove: ['ami-2', 'ami-3', 'ami-4'], spared: { 'ami-1': 'referenced by launch-template:lt-0123456789abcdef0:v1' } }
      ],
      [
        'several referrers of several kinds, sorted, each once',
        { 'ami-3': ['ssm:/b', 'instance:i-9', 'launch-template:lt-1:v4', 'ssm:/b', 'image-recipe:base/1.0.0'] },
        {
          kept: ['ami-5'],
          remove: ['ami-1', 'ami-2', 'ami-4'],
          spared: { 'ami-3': 'referenced by image-recipe:base/1.0.0, instance:i-9, launch-template:lt-1:v4, ssm:/b' }
        }
      ],
      [
        'references to the kept AMIs change nothing',
        { 'ami-5': ['ssm:/team/latest'] },
        { kept: ['ami-5'], remove: ['ami-1', 'ami-2', 'ami-3', 'ami-4'], spared: {} }
      ],
      ['an empty list of referrers is no reference', { 'ami-1': [] }, { kept: ['ami-5'], remove: ['ami-1', 'ami-2', 'ami-3', 'ami-4'], spared: {} }],
      [
        'references to AMIs outside the family are ignored',
        { 'ami-99': ['instance:i-1'] },
        { kept: ['ami-5'], remove: ['ami-1', 'ami-2', 'ami-3', 'ami-4'], spared: {} }
      ]
    ])('%s', (_name, references, expected) => {
      expect(explained(planRetention(ALL, 1, new Set(), new Map(Object.entries(references))))).toStrictEqual(expected)
    })

    it('referenced and protected: the references first, then the protection', () => {
      const plan = planRetention([{ ...A1, protection: 'enabled-with-cooldown' }, A5], 1, new Set(), new Map([['ami-1', ['ssm:/x']]]))
      expect(plan.spared.map((c) => c.reason)).toStrictEqual(['referenced by ssm:/x; deregistration protection is enabled-with-cooldown'])
    })

    it.each<[string[], string]>([
      [['ssm:/a'], 'referenced by ssm:/a'],
      [['instance:i-2', 'instance:i-1'], 'referenced by instance:i-1, instance:i-2'],
      [['instance:i-1', 'instance:i-2', 'instance:i-3', 'instance:i-4', 'instance:i-5'], 'referenced by instance:i-1, instance:i-2, instance:i-3, instance:i-4, instance:i-5'],
      [
        ['instance:i-7', 'instance:i-6', 'instance:i-5', 'instance:i-4', 'instance:i-3', 'instance:i-2', 'instance:i-1', 'instance:i-1'],
        'referenced by instance:i-1, instance:i-2, instance:i-3, instance:i-4, instance:i-5 and 2 more'
      ]
    ])('referencedBy(%p) is %p', (referrers, expected) => {
      expect(referencedBy(referrers)).toBe(expected)
    })

    it.each<[string, number, string[], string[]]>([
      ['keep 1: every other one', 1, [], ['ami-1', 'ami-2', 'ami-3', 'ami-4']],
      ["keep 2, this run's older AMI is not asked about", 2, ['ami-2'], ['ami-1', 'ami-3']],
      ['keep all: none', 5, [], []],
      ['protected ones are asked about too: their reasons name what refers to them', 4, [], ['ami-1']]
    ])('olderThanKept: %s', (_name, keep, thisRun, expected) => {
      const candidates = ALL.map((c) => (c.ami === 'ami-1' ? { ...c, protection: 'enabled-without-cooldown' } : c))
      expect(olderThanKept(candidates, keep, new Set(thisRun)).sort()).toStrictEqual(expected)
    })
  })
})
