/** Where the grouped log goes: `core.startGroup` and friends in the action, an array in tests. */
export interface LogSink {
  startGroup(name: string): void
  endGroup(): void
  line(text: string): void
}

/**
 * Re-prints interleaved lines of parallel builds as one log group per build. Groups cannot
 * interleave, so one build at a time streams live; the others are held until it finishes.
 */
export class GroupedLog {
  private live?: string
  private readonly held = new Map<string, string[]>()
  private readonly finished = new Set<string>()

  constructor(private readonly sink: LogSink) {}

  write(text: string, build?: string): void {
    if (build === undefined || build === this.live) return this.sink.line(text)
    if (this.live === undefined) {
      this.open(build)
      return this.sink.line(text)
    }
    const lines = this.held.get(build) ?? []
    lines.push(text)
    this.held.set(build, lines)
  }

  finish(build: string): void {
    this.finished.add(build)
    if (build !== this.live) return
    this.sink.endGroup()
    this.live = undefined
    this.openNext()
  }

  /** Prints whatever is still held, at the end of the run. */
  close(): void {
    for (const build of this.held.keys()) this.finished.add(build)
    if (this.live !== undefined) this.finish(this.live)
    else this.openNext()
  }

  private open(build: string): void {
    this.sink.startGroup(build)
    this.live = build
  }

  private openNext(): void {
    const next = this.held.keys().next()
    if (next.done) return
    const build = next.value
    const lines = this.held.get(build) as string[]
    this.held.delete(build)
    this.open(build)
    lines.forEach((text) => this.sink.line(text))
    if (this.finished.has(build)) this.finish(build)
  }
}
