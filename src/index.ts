import module from 'node:module'
import path from 'node:path'
import { TEMPLATELESS_MODES } from './constants.js'
import { compileHcl } from './packer/hcl.js'

// A self-hosted runner's tool cache outlives the job: V8's compiled code of the action is kept
// there, and the next run loads it instead of compiling again (Node 22.1 and later).
const toolCache = process.env.RUNNER_TOOL_CACHE
if (process.env.RUNNER_ENVIRONMENT === 'self-hosted' && toolCache) module.enableCompileCache?.(path.join(toolCache, 'packer-ami-action', 'compile-cache'))
// HashiCorp's HCL parser compiles off the main thread while the action's code loads; a sweep,
// a promotion and a revocation read no template.
if (!TEMPLATELESS_MODES.includes(process.env.INPUT_MODE ?? '')) compileHcl()
const { run } = await import('./main.js')
await run()
// The parser's Go runtime keeps timers of its own that would hold the process a few hundred
// milliseconds longer: once everything written is out, the action is done.
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
module.flushCompileCache?.()
process.exit()

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}
