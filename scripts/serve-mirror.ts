/**
 * A loopback Packer mirror in a process of its own, for `npm run bench`: serving 100 MB from the
 * measuring process would tax the install being measured. Prints the mirror as one JSON line and
 * serves until its standard input closes.
 */
import { startMirror } from '../test/support/mirror.js'

const mirror = await startMirror({ versions: ['1.6.6'] })
process.stdout.write(`${JSON.stringify({ url: mirror.url, publicKeyArmored: mirror.publicKeyArmored, keyId: mirror.keyId })}\n`)
process.stdin.resume()
process.stdin.on('end', () => void mirror.close())
