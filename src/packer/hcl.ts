import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { gunzip } from 'node:zlib'
// Defines globalThis.Go, the runtime of the Go program below.
import '@cdktn/hcl2json/wasm/wasm_exec.js'

/**
 * HashiCorp's own HCL parser (hashicorp/hcl/v2 in tmccombs/hcl2json, compiled to WebAssembly
 * and published as @cdktn/hcl2json): what it accepts and rejects is what Packer does. The
 * package's own entry reads its .wasm beside `__dirname` at import time, which an ESM bundle
 * has not got; this loads the same program from beside the bundle (`npm run bundle` writes it
 * there unzipped) or, unbundled, from the package's gzip in node_modules, on first use.
 */

type Callback = (err: string | null, result?: string) => void
interface Bridge {
  parse(filename: string, contents: string, cb: Callback): void
}
interface GoRuntime {
  importObject: object
  run(instance: object): Promise<void>
}
/** Node's WebAssembly and Go's runtime, typed as far as used: the lib has no wasm types. */
const runtime = globalThis as unknown as {
  Go: new () => GoRuntime
  WebAssembly: { compile(bytes: Uint8Array): Promise<object>; instantiate(module: object, imports: object): Promise<object> }
  __parse_terraform_config_wasm__?: Partial<Bridge>
}

/**
 * Beside the bundle the program is kept unzipped: gunzip's 7 MB cost 50 to 60 ms of CPU in 16 KiB
 * pieces while Packer wants both cores, and git and the action's download compress it anyway.
 */
async function wasmBytes(): Promise<Uint8Array> {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'main.wasm')
  if (existsSync(beside)) return readFile(beside)
  const zipped = await readFile(createRequire(import.meta.url).resolve('@cdktn/hcl2json/main.wasm.gz'))
  // One output piece of the unzipped size, which gzip's last four bytes hold (RFC 1952, ISIZE).
  return promisify(gunzip)(zipped, { chunkSize: Math.max(zipped.readUInt32LE(zipped.length - 4), 64 * 1024) })
}

/**
 * V8 compiles WebAssembly at once with its baseline compiler (Liftoff), then again with its
 * optimising one (TurboFan) each function that has run a "budget" of code. The parser runs for a
 * few milliseconds per template, and that second compile took about 95 ms of CPU per run (0.28 s
 * against 0.18 s for compile, Go's start and two parses, the mean of 8 runs under Node 24 on
 * this project's 2-core machine), while Packer wants both cores. So the parser's instance is made
 * with a budget it never spends, and V8's own default (`node --v8-options`, Node 24) is put back
 * for any other module.
 */
const NO_TIER_UP = 2_000_000_000
const V8_TIERING_BUDGET = 13_000_000

let compiled: Promise<object> | undefined
let bridge: Promise<Bridge> | undefined

/**
 * Reads and compiles the parser: file reads run on libuv's threads and V8
 * compiles WebAssembly on its own, so started first thing, this overlaps the loading of the
 * rest of the action.
 */
export function compileHcl(): Promise<object> {
  compiled ??= (async () => {
    const bytes = await wasmBytes()
    setFlagsFromString(`--wasm-tiering-budget=${NO_TIER_UP}`)
    return runtime.WebAssembly.compile(bytes)
  })()
  compiled.catch(() => undefined)
  return compiled
}

function load(): Promise<Bridge> {
  bridge ??= (async () => {
    const module = await compileHcl()
    const root: Partial<Bridge> = {}
    runtime.__parse_terraform_config_wasm__ = root
    const go = new runtime.Go()
    const instance = await runtime.WebAssembly.instantiate(module, go.importObject).finally(() =>
      setFlagsFromString(`--wasm-tiering-budget=${V8_TIERING_BUDGET}`)
    )
    // The Go program registers parse() at once, then waits for calls for as long as it lives.
    void go.run(instance)
    if (typeof root.parse !== 'function') throw new Error('the HCL parser did not start')
    return root as Bridge
  })()
  return bridge
}

export type HclBody = Record<string, unknown>

/**
 * Parses HCL native syntax into hcl2json's shape: a block without labels becomes a list of
 * bodies (`build: [{…}]`), each label one level of object (`source["amazon-ebs"].web[0]`);
 * expressions stay source text inside `${…}` (`"${var.region}"`). Rejects with HCL's diagnostic.
 */
export async function parseHcl(filename: string, contents: string): Promise<HclBody> {
  const b = await load()
  const json = await new Promise<string>((resolve, reject) =>
    b.parse(filename, contents, (err, result) => (err ? reject(new Error(err)) : resolve(result ?? '{}')))
  )
  return JSON.parse(json) as HclBody
}
