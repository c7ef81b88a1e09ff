import * as path from 'node:path'

/**
 * Where a problem is, so that an annotation lands on the pull request's diff: a file relative to
 * the workspace, a line and a column. Pure parsers of what Packer, `packer fmt` and HCL print.
 */
export interface Cause {
  message: string
  /** Relative to the workspace, `/` separated; absent when no file is named. */
  file?: string
  line?: number
  column?: number
  /** What fixes it, when known: "run `packer fmt packer/`". */
  fix?: string
}

export interface PlaceContext {
  /** Where Packer ran: relative paths in its messages are relative to it. */
  cwd: string
  workspace: string
  /** The var-file the action writes for `variables`: its path is no use to a reader. */
  actionVarFile?: string
}

/**
 * Packer's diagnostics (HCL's format, the same in Packer 1.6.6 and 1.16.0): `Error: <summary>`,
 * a blank line, `  on <file> line <n>[, in <block>]:`, then the detail. One cause per error.
 */
export function packerCauses(text: string, ctx: PlaceContext): Cause[] {
  const blocks = hideVarFile(text, ctx.actionVarFile).split(/^Error: /m).slice(1)
  return blocks.map((block) => {
    const [summary, ...rest] = block.split('\n')
    const where = /^\s*on (.+?) line (\d+)(?:, in [^\n]*)?:$/m.exec(rest.join('\n'))
    const detail = rest
      .join('\n')
      .replace(/^\s*on .+? line \d+(?:, in [^\n]*)?:$/m, '')
      .replace(/^\s*\(source code not available\)$/m, '')
      // The quoted source lines (`  4:   no_such_field = "x"`): the annotation already points there.
      .replace(/^[ \t]+\d+:.*$/gm, '')
      .trim()
    const flat = detail.replace(/\s*\n\s*/g, ' ')
    const message = detail === '' ? summary.trim() : `${summary.trim()}: ${flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat}`
    if (where === null || where[1] === VARIABLES_INPUT) return { message }
    return { message, file: relative(where[1], ctx), line: Number(where[2]) }
  })
}

/** The first changed line of each file in `packer fmt -check -diff` output (`--- old/<file>`, `@@ -a,b …`). */
export function fmtCauses(diff: string, ctx: PlaceContext, target: string): Cause[] {
  const causes: Cause[] = []
  const lines = diff.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const file = /^--- old\/(.+)$/.exec(lines[i])?.[1]
    if (file === undefined) continue
    const hunk = lines.findIndex((l, j) => j > i && l.startsWith('@@'))
    const start = hunk < 0 ? undefined : /^@@ -(\d+)/.exec(lines[hunk])?.[1]
    let line = start === undefined ? undefined : Number(start)
    if (line !== undefined) {
      for (let j = hunk + 1; j < lines.length && lines[j].startsWith(' '); j++) line++
    }
    const rel = relative(file, ctx)
    causes.push({ message: `${rel} is not formatted`, file: rel, line, fix: `run \`packer fmt ${relative(target, ctx)}\`` })
  }
  return causes
}

/** HCL's own place in a parser message: `file.pkr.hcl:11,28-29: Unclosed configuration block; …`. */
export function hclCause(file: string, message: string, ctx: PlaceContext): Cause {
  const where = /(?:^|\[)[^\s[:]+:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(message)
  const rel = relative(file, ctx)
  if (where === null) return { message: message.trim(), file: rel }
  const detail = where[4] === undefined ? '' : `: ${where[4].trim()}`
  return { message: `${where[3].trim()}${detail}`, file: rel, line: Number(where[1]), column: Number(where[2]) }
}

/** A cause as one line: `packer/base.pkr.hcl:11:28: Unclosed configuration block`. */
export function describeCause(c: Cause): string {
  const place = c.file === undefined ? '' : `${c.file}${c.line === undefined ? '' : `:${c.line}`}${c.column === undefined ? '' : `:${c.column}`}: `
  return `${place}${c.message}${c.fix === undefined ? '' : ` (${c.fix})`}`
}

const VARIABLES_INPUT = 'the variables input'
/** An annotation is one paragraph: Packer's detail beyond this is in the log and the summary's full error. */
const MAX_DETAIL = 600

/** The var-file the action writes (src/packer/varfile.ts): `packer-ami-action-<uuid>.pkrvars.json`. */
const ACTION_VAR_FILE = /\S*packer-ami-action-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\.pkrvars)?\.json/g

/**
 * The action's var-file is where `variables` reach Packer: say so, not its path in RUNNER_TEMP,
 * and leave out the source lines Packer quotes from it, which hold the values (sensitive ones too).
 */
export function hideVarFile(text: string, varFile?: string): string {
  const named = (varFile === undefined ? text : text.split(varFile).join(VARIABLES_INPUT)).replace(ACTION_VAR_FILE, VARIABLES_INPUT)
  return named.replace(/(on the variables input line \d+(?:, in [^\n]*)?:\n)(?:[ \t]+\d+:.*\n?)+/g, '$1')
}

function relative(file: string, ctx: PlaceContext): string {
  const absolute = path.resolve(ctx.cwd, file)
  const rel = path.relative(ctx.workspace, absolute)
  return (rel.startsWith('..') ? absolute : rel).split(path.sep).join('/')
}
