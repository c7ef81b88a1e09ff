import { jest } from '@jest/globals'
import { endUntrusted, printUntrusted } from '../../src/untrusted-output.js'

function capture(body: () => void): string[] {
  const written: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
  try {
    body()
  } finally {
    spy.mockRestore()
  }
  return written.join('').split('\n').slice(0, -1)
}

describe('printUntrusted', () => {
  it('fences text between stop-commands and its own resume token, and the action resumes before its own commands', () => {
    const lines = capture(() => {
      printUntrusted('::set-output name=ami-id::ami-0evil')
      printUntrusted('two\n::add-mask::x')
      endUntrusted()
      endUntrusted()
    })
    expect(lines).toHaveLength(5)
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[0])?.[1]
    expect(token).toBeDefined()
    expect(lines.slice(1, 4)).toEqual(['::set-output name=ami-id::ami-0evil', 'two', '::add-mask::x'])
    expect(lines[4]).toBe(`::${token}::`)
  })

  it('uses a fresh token for every span', () => {
    const lines = capture(() => {
      printUntrusted('a')
      endUntrusted()
      printUntrusted('b')
      endUntrusted()
    })
    const tokens = lines.filter((l) => l.startsWith('::stop-commands::'))
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).not.toBe(tokens[1])
  })

  it('closes a span left open at the end of the turn', async () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    try {
      printUntrusted('left open')
      await Promise.resolve()
    } finally {
      spy.mockRestore()
    }
    const token = /^::stop-commands::(\w+)/.exec(written[0])?.[1]
    expect(written.map((w) => w.trim())).toEqual([`::stop-commands::${token}`, 'left open', `::${token}::`])
  })
})
