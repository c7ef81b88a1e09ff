import { randomUUID } from 'node:crypto'

/**
 * Packer without its second process. Every Packer command starts the 100 MB binary twice: the
 * first copy (panicwrap's parent) runs the second, keeps its log, routes its output and reports a
 * crash. Packer skips that when PACKER_WRAP_COOKIE holds its cookie, "as it's already wrapped,
 * i.e. when terraform runs it" (hashicorp/packer main.go `realMain`, the same cookie from v1.6.6
 * to v1.16.0). The action reads Packer's output itself, so it does the parent's work here, and
 * each Packer command costs one start of the binary instead of two.
 *
 * What the parent did, and where it is done now (main.go at v1.16.0):
 * - It made PACKER_RUN_UUID, which the manifest post-processor records and HCP Packer reads:
 *   `directEnv` makes one per command.
 * - It kept the log (the child writes it to stderr, `wrappedMain`), and showed it only when
 *   PACKER_LOG or PACKER_LOG_PATH asked (log.go `logOutput`): with either set, Packer keeps its
 *   parent, and everything stays as Packer does it.
 * - It told a crash from the log (Go prints a panic to stderr and exits with 2): `crashReport`.
 * - It sent stdout lines that begin with `e:` to stderr and stripped `o:` (`copyOutput`, for the
 *   errors Packer prints before its CLI runs): `routeLine`.
 */
const COOKIE_KEY = 'PACKER_WRAP_COOKIE'
const COOKIE_VALUE = '49C22B1A-3A93-4C98-97FA-E07D18C787B5'

/** The environment for one Packer command without its parent, or undefined if Packer keeps it. */
export function directEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  const log = env.PACKER_LOG ?? ''
  if ((log !== '' && log !== '0') || (env.PACKER_LOG_PATH ?? '') !== '') return undefined
  return { ...env, [COOKIE_KEY]: COOKIE_VALUE, PACKER_RUN_UUID: randomUUID() }
}

/** Where a stdout line of Packer without its parent goes, as the parent would have sent it. */
export function routeLine(line: string): { stream: 'stdout' | 'stderr'; text: string } {
  if (line.startsWith('e:')) return { stream: 'stderr', text: line.slice(2).replace(/^ /, '') }
  if (line.startsWith('o:')) return { stream: 'stdout', text: line.slice(2).replace(/^ /, '') }
  return { stream: 'stdout', text: line }
}

/** Lines of a crash shown at most: the panic and the first goroutine's stack. */
const CRASH_LINES = 60

/**
 * What of Packer's stderr (its log, without the parent) a user is shown: nothing, unless Packer
 * crashed. Then the Go runtime's report, from its `panic:` or `fatal error:` line on, as the
 * parent would have shown it.
 */
export function crashReport(log: string, code: number): string {
  if (code === 0) return ''
  const lines = log.split('\n')
  const start = lines.findIndex((line) => /^(panic: |fatal error: )/.test(line))
  if (start < 0) return ''
  const shown = lines.slice(start, start + CRASH_LINES)
  const cut = lines.length - start - shown.length
  return `Packer crashed:\n${shown.join('\n').trimEnd()}${cut > 0 ? `\n… ${cut} more lines` : ''}`
}
