import { compileHcl } from './packer/hcl.js'

// HashiCorp's HCL parser compiles off the main thread while the action's code loads; only a
// sweep reads no template.
if (process.env.INPUT_MODE !== 'sweep') compileHcl()
const { run } = await import('./main.js')
await run()
// The parser's Go runtime keeps timers of its own that would hold the process a few hundred
// milliseconds longer: once everything written is out, the action is done.
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit()

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}
