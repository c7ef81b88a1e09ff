/**
 * A loopback Packer mirror in a process of its own, for `npm run bench`: serving 100 MB from the
 * measuring process would tax the install being measured. Prints the mirror as one JSON line and
 * serves until its standard input closes.
 */
import { startMirror } from '../test/support/mirror.js'

// The amazon plugin weighs about 100 MB, as the real one does.
const mirror = await startMirror({ versions: ['1.6.6'], plugins: { amazon: ['1.8.2'] }, pluginBinaryBytes: 100 * 2 ** 20 })
process.stdout.write(`${JSON.stringify({ url: mirror.url, publicKeyArmored: mirror.publicKeyArmored, keyId: mirror.keyId })}\n`)
process.stdin.resume()
process.stdin.on('end', () => void mirror.close())
