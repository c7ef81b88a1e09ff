import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
// Defines globalThis.Go, the runtime of the Go program below.
import '@cdktn/hcl2json/wasm/wasm_exec.js'

/**
 * HashiCorp's own HCL parser (hashicorp/hcl/v2 in tmccombs/hcl2json, compiled to WebAssembly
 * and published as @cdktn/hcl2json): what it accepts and rejects is what Packer does. The
 * package's own entry reads its .wasm beside `__dirname` at import time, which an ESM bundle
 * has not got; this loads the same file from beside the bundle (`npm run bundle` copies it
 * there) or, unbundled, from node_modules, on first use.
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

const WASM = 'main.wasm.gz'

function wasmPath(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), WASM)
  return existsSync(beside) ? beside : createRequire(import.meta.url).resolve(`@cdktn/hcl2json/${WASM}`)
}

let compiled: Promise<object> | undefined
let bridge: Promise<Bridge> | undefined

/**
 * Reads, unzips and compiles the parser: file reads and zlib run on libuv's threads and V8
 * compiles WebAssembly on its own, so started first thing, this overlaps the loading of the
 * rest of the action.
 */
export function compileHcl(): Promise<object> {
  compiled ??= (async () => runtime.WebAssembly.compile(await promisify(gunzip)(await readFile(wasmPath()))))()
  compiled.catch(() => undefined)
  return compiled
}

function load(): Promise<Bridge> {
  bridge ??= (async () => {
    const module = await compileHcl()
    const root: Partial<Bridge> = {}
    runtime.__parse_terraform_config_wasm__ = root
    const go = new runtime.Go()
    const instance = await runtime.WebAssembly.instantiate(module, go.importObject)
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
