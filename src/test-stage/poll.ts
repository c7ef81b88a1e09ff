import { setTimeout as sleep } from 'node:timers/promises'

/** Waits grow from 1 s to 10 s: a fast answer is seen at once, a slow boot costs few calls. */
const WAITS_MS = [1_000, 2_000, 4_000, 8_000, 10_000]

export class DeadlineError extends Error {}

/**
 * Calls `look` until it answers something other than undefined, or the deadline (ms since the
 * epoch) passes: then a DeadlineError saying what was awaited and what was last seen.
 */
export async function pollUntil<T>(look: () => Promise<T | undefined>, deadline: number, what: string, lastSeen: () => string = () => ''): Promise<T> {
  for (let n = 0; ; n++) {
    const found = await look()
    if (found !== undefined) return found
    const left = deadline - Date.now()
    if (left <= 0) {
      const seen = lastSeen()
      throw new DeadlineError(`${what}: not within test-timeout${seen === '' ? '' : ` (last seen: ${seen})`}`)
    }
    await sleep(Math.min(WAITS_MS[Math.min(n, WAITS_MS.length - 1)], left))
  }
}
