import { compileHcl } from './packer/hcl.js'

// HashiCorp's HCL parser compiles off the main thread while the action's code loads; only a
// sweep reads no template.
if (process.env.INPUT_MODE !== 'sweep') compileHcl()
const { run } = await import('./main.js')
await run()
