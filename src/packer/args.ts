/** Packer command lines, pure. Variable values never appear here: only var-file paths. */

export interface CommonArgs {
  template: string
  /** The user's var-files first, then the action's own, so `variables` win over files. */
  varFiles: string[]
  only: string[]
  except: string[]
  /** The var-file the action wrote for `variables`, the last of `varFiles`: named in messages as that input. */
  actionVarFile?: string
}

export interface BuildFlags {
  onError: string
  parallelBuilds?: number
}

function shared(c: CommonArgs): string[] {
  return [
    ...c.varFiles.map((f) => `-var-file=${f}`),
    ...(c.only.length > 0 ? [`-only=${c.only.join(',')}`] : []),
    ...(c.except.length > 0 ? [`-except=${c.except.join(',')}`] : [])
  ]
}

export function initArgs(template: string): string[] {
  return ['init', template]
}

export function fmtArgs(template: string): string[] {
  return ['fmt', '-check', '-diff', template]
}

export function validateArgs(c: CommonArgs): string[] {
  return ['validate', ...shared(c), c.template]
}

export function buildArgs(c: CommonArgs, flags: BuildFlags): string[] {
  return [
    'build',
    '-color=false',
    '-machine-readable',
    `-on-error=${flags.onError}`,
    ...(flags.parallelBuilds === undefined ? [] : [`-parallel-builds=${flags.parallelBuilds}`]),
    ...shared(c),
    c.template
  ]
}
