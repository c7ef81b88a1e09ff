/**
 * What the code under test writes to stdout in each test (@actions/core's info lines and its
 * `::warning::` commands), kept for the test to read instead of printed.
 */
import { afterEach, beforeEach, jest } from '@jest/globals'

/** Registers the jest hooks; the array holds the chunks written in the current test, in order. */
export function capturedStdout(): string[] {
  const chunks: string[] = []
  let spy: { mockRestore(): void } | undefined
  beforeEach(() => {
    chunks.length = 0
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    spy?.mockRestore()
  })
  return chunks
}
