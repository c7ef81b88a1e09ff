/**
 * Packer's `-only` / `-except`, pure, for the `builds` output.
 *
 * HCL2 templates: every pattern is a gobwas/glob pattern compiled without separators
 * (hashicorp/packer v1.16.0 hcl2template/utils.go `convertFilterOption`), matched against each
 * build's whole name (`pcb.Name()` in hcl2template/types.packer_config.go `GetBuilds`); a build
 * is kept when some `only` pattern matches it and no `except` pattern does. Packer 1.6.6 does
 * the same (its hcl2template/types.packer_config.go, gobwas/glob v0.2.3 vendored).
 *
 * Legacy JSON templates: names are compared exactly, and Packer sorts them (packer/core.go
 * `BuildNames`, both versions).
 */

export interface BuildFilter {
  only: readonly string[]
  except: readonly string[]
}

/** The builds Packer runs for this filter, in Packer's order. Throws on a pattern Packer refuses. */
export function selectBuilds(names: readonly string[], filter: BuildFilter, hcl2: boolean): string[] {
  const matcher = (input: string) => (pattern: string): Matcher => {
    if (!hcl2) return (name) => name === pattern
    const re = globRegExp(pattern, input)
    return (name) => re.test(name)
  }
  const only = filter.only.map(matcher('only'))
  const except = filter.except.map(matcher('except'))
  const kept = names.filter((name) => (only.length === 0 || only.some((m) => m(name))) && !except.some((m) => m(name)))
  return hcl2 ? kept : [...kept].sort()
}

type Matcher = (name: string) => boolean

/**
 * gobwas/glob v0.2.3 without separators, as a RegExp over the whole name:
 * `*` and `**` any run of characters, `?` any one, `[abc]` `[!abc]` one of (or none of) the
 * listed characters, `[a-z]` `[!a-z]` one range, `{a,b}` alternatives (nested, and an
 * unclosed `{` ends with the pattern, as gobwas parses it), `\c` the character c. `,` outside
 * braces, `}` outside braces and `]` outside a class are plain characters.
 */
export function globRegExp(pattern: string, input = 'only'): RegExp {
  const chars = [...pattern]
  let i = 0
  let depth = 0
  let out = ''
  const invalid = (why: string): Error => new Error(`${input}: invalid pattern ${JSON.stringify(pattern)}: ${why}`)

  /** Text up to a breaker; a backslash makes the next character plain. */
  const text = (breakers: string): string => {
    let data = ''
    while (i < chars.length) {
      let c = chars[i]
      if (c === '\\') {
        i++
        if (i >= chars.length) break
        c = chars[i]
      } else if (breakers.includes(c)) {
        break
      }
      data += c
      i++
    }
    return data
  }

  /** gobwas's fetchRange and parserRange, once `[` has been read. */
  const range = (): string => {
    let not = false
    let wantHi = false
    let wantClose = false
    let lo: string | undefined
    let hi: string | undefined
    let list = ''
    for (;;) {
      if (i >= chars.length) throw invalid('unexpected end of input')
      const c = chars[i++]
      if (wantClose) {
        if (c !== ']') throw invalid('expected close range character')
        break
      }
      if (wantHi) {
        hi = c
        wantClose = true
      } else if (!not && c === '!') {
        not = true
      } else if (chars[i] === '-') {
        lo = c
        i++
        wantHi = true
      } else {
        i--
        list = text(']')
        wantClose = true
      }
    }
    if (lo !== undefined && hi !== undefined) {
      if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0)) throw invalid(`hi character '${hi}' should be greater than lo '${lo}'`)
      return `[${not ? '^' : ''}${classChar(lo)}-${classChar(hi)}]`
    }
    if (list === '') throw invalid('could not parse range')
    return `[${not ? '^' : ''}${[...list].map(classChar).join('')}]`
  }

  while (i < chars.length) {
    const c = chars[i]
    if (c === '{') {
      depth++
      i++
      out += '(?:'
    } else if (c === ',' && depth > 0) {
      i++
      out += '|'
    } else if (c === '}' && depth > 0) {
      depth--
      i++
      out += ')'
    } else if (c === '[') {
      i++
      out += range()
    } else if (c === '?') {
      i++
      out += '.'
    } else if (c === '*') {
      while (chars[i] === '*') i++
      out += '.*'
    } else {
      out += escapeRegExp(text(depth > 0 ? '?*[{},' : '?*[{'))
    }
  }
  out += ')'.repeat(depth)
  return new RegExp(`^(?:${out})$`, 'su')
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
}

function classChar(c: string): string {
  return /[\\\]^[-]/.test(c) ? `\\${c}` : c
}
