import { randomBytes } from 'node:crypto'
import { EOL } from 'node:os'

/**
 * Text the action relays from Packer, its plugins, provisioners and the template may hold lines
 * that the runner reads as workflow commands (`::add-mask::`, `::set-output`, `::endgroup::`).
 * It goes out between `::stop-commands::<token>` and `::<token>::`, GitHub's documented defence,
 * with a fresh random token per span that the text cannot guess. A span opens at the first
 * untrusted line and closes before the action's own next command, or at the end of the current
 * turn of the event loop at the latest, so nothing the action itself prints is ever disabled.
 */

let token: string | undefined

/** Writes text (one or more lines) that did not come from the action, inside a span. */
export function printUntrusted(text: string): void {
  if (token === undefined) {
    token = randomBytes(16).toString('hex')
    write(`::stop-commands::${token}`)
    queueMicrotask(endUntrusted)
  }
  write(text)
}

/** Closes the open span, if any: call before the action's own commands (groups, annotations). */
export function endUntrusted(): void {
  if (token === undefined) return
  const resume = token
  token = undefined
  write(`::${resume}::`)
}

function write(line: string): void {
  process.stdout.write(line + EOL)
}
