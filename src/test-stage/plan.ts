/** Which copy of each build the stage tests, pure. */

export interface Copy {
  build: string
  region: string
  ami: string
}

export interface TestPlan<T extends Copy> {
  /** The copies to launch an instance from. */
  tested: T[]
  /** Builds with no copy in test-regions, tested where they were built instead. */
  outside: Array<{ build: string; region: string }>
}

/**
 * Every build is tested: in each of `regions` where it has a copy, or, with none there, in the
 * first region it was built in (a template whose regions could not be read before the build
 * may leave test-regions without a copy).
 */
export function planTests<T extends Copy>(copies: readonly T[], regions: readonly string[]): TestPlan<T> {
  const plan: TestPlan<T> = { tested: [], outside: [] }
  const builds = [...new Set(copies.map((c) => c.build))]
  for (const build of builds) {
    const of = copies.filter((c) => c.build === build)
    const inRegions = of.filter((c) => regions.includes(c.region))
    if (inRegions.length > 0) {
      plan.tested.push(...inRegions)
    } else {
      plan.tested.push(of[0])
      plan.outside.push({ build, region: of[0].region })
    }
  }
  return plan
}

/**
 * A build passes when every tested copy passed; a copy is the same image as the one tested,
 * so every copy of a build gets its verdict.
 */
export function verdicts(results: ReadonlyArray<{ build: string; passed: boolean }>): Map<string, 'passed' | 'failed'> {
  const out = new Map<string, 'passed' | 'failed'>()
  for (const r of results) if (out.get(r.build) !== 'failed') out.set(r.build, r.passed ? 'passed' : 'failed')
  return out
}
