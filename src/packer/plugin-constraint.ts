import semver from 'semver'

/**
 * A `required_plugins` version constraint, as Packer reads it (hashicorp/go-version):
 * comma-separated `op version` terms, all of which must hold; ops `=`, `!=`, `>`, `>=`, `<`,
 * `<=` and `~>` (pessimistic: `~> 1.2` allows 1.x from 1.2 on, `~> 1.2.3` allows 1.2.x
 * from 1.2.3 on). Versions may have one to three parts. Returns a test for a release version.
 */
export function constraintTest(constraint: string): (version: string) => boolean {
  const terms = constraint.split(',').map((t) => t.trim())
  if (terms.some((t) => t === '')) throw new Error(`"${constraint}" is not a version constraint`)
  const tests = terms.map((term) => {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(term)
    if (m === null) throw new Error(`"${constraint}" is not a version constraint ("${term}")`)
    const [, op = '=', written] = m
    const parts = written.split('.').map(Number)
    const full = [...parts, 0, 0].slice(0, 3).join('.')
    if (op === '~>') {
      const upper = parts.length <= 2 ? `${parts[0] + 1}.0.0` : `${parts[0]}.${parts[1] + 1}.0`
      return (v: string): boolean => semver.gte(v, full) && semver.lt(v, upper)
    }
    const compare = { '=': semver.eq, '!=': semver.neq, '>': semver.gt, '>=': semver.gte, '<': semver.lt, '<=': semver.lte }[op]
    return (v: string): boolean => (compare as (a: string, b: string) => boolean)(v, full)
  })
  return (version) => semver.valid(version) !== null && tests.every((t) => t(version))
}
