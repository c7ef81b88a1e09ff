/**
 * Cuts Markdown to at most `budget` characters on a line boundary, then closes what the cut
 * left open (code fences, `<details>` blocks) and adds `note`, so the rest still renders.
 */
export function truncateMarkdown(text: string, budget: number, note: string): string {
  if (text.length <= budget) return text
  const lines = text.split('\n')
  const kept: string[] = []
  let size = 0
  const reserve = note.length + 200
  for (const line of lines) {
    if (size + line.length + 1 > budget - reserve) break
    kept.push(line)
    size += line.length + 1
  }
  return [...kept, ...closers(kept), '', note].join('\n') + '\n'
}

/** Lines that close the fences and `<details>` blocks still open at the end of `lines`. */
export function closers(lines: string[]): string[] {
  let fence: string | undefined
  let details = 0
  for (const line of lines) {
    const bar = /^\s*(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence === undefined && bar !== undefined) fence = bar
    else if (fence !== undefined && bar !== undefined && closesFence(line, bar, fence)) fence = undefined
    else if (fence === undefined) details += count(line, '<details>') - count(line, '</details>')
  }
  const out = fence === undefined ? [] : [fence]
  for (let i = 0; i < details; i++) out.push('', '</details>')
  return out
}

/** CommonMark: only the fence's own character, at least as many, and nothing else on the line. */
function closesFence(line: string, bar: string, fence: string): boolean {
  return line.trim() === bar && bar[0] === fence[0] && bar.length >= fence.length
}

function count(line: string, tag: string): number {
  return line.split(tag).length - 1
}
