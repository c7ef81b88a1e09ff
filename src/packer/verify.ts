import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'

/** Last 8 hex digits of the key's fingerprint, upper case: the suffix of its `.sig` file name. */
export async function keyIdSuffix(armoredKey: string): Promise<string> {
  const key = await openpgp.readKey({ armoredKey })
  return key.getFingerprint().slice(-8).toUpperCase()
}

/** Throws unless `signature` is a valid detached signature over `data` by `armoredKey`. */
export async function verifySignature(data: Uint8Array, signature: Uint8Array, armoredKey: string): Promise<void> {
  const verificationKeys = await openpgp.readKey({ armoredKey })
  const message = await openpgp.createMessage({ binary: data })
  let parsed: openpgp.Signature
  try {
    parsed = await openpgp.readSignature({ binarySignature: signature })
  } catch (err) {
    throw new Error(`signature check failed: the .sig file is not an OpenPGP signature (${(err as Error).message})`, {
      cause: err
    })
  }
  const result = await openpgp.verify({ message, signature: parsed, verificationKeys })
  try {
    await result.signatures[0].verified
  } catch (err) {
    throw new Error(`signature check failed: SHA256SUMS is not signed by the trusted key (${(err as Error).message})`, {
      cause: err
    })
  }
}

/** Throws unless SHA256SUMS lists `fileName` with the SHA-256 of `data`. */
export function verifyChecksum(sums: string, fileName: string, data: Uint8Array): void {
  const line = sums.split('\n').find((l) => l.trim().split(/\s+/)[1]?.replace(/^\*/, '') === fileName)
  if (line === undefined) throw new Error(`checksum check failed: ${fileName} is not listed in SHA256SUMS`)
  const expected = line.trim().split(/\s+/)[0].toLowerCase()
  const actual = createHash('sha256').update(data).digest('hex')
  if (actual !== expected) {
    throw new Error(`checksum check failed: ${fileName} has SHA-256 ${actual}, SHA256SUMS says ${expected}`)
  }
}
