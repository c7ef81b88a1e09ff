/**
 * What verify.test.ts let through when Stryker broke src/packer/verify.ts (docs/testing.md):
 * which of the two signature failures the message names, the cause kept on each error, and how
 * a SHA256SUMS line is read (indented lines, the binary-mode `*`, nothing else of the name).
 */
import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'
import { verifyChecksum, verifySignature } from '../../src/packer/verify.js'

const sums = new TextEncoder().encode('aaaa  packer_1.6.6_linux_amd64.zip\n')
let publicKey: string
let otherKey: string
let signature: Uint8Array

beforeAll(async () => {
  const make = (name: string) => openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name }], format: 'object' })
  const trusted = await make('trusted')
  const other = await make('other')
  publicKey = trusted.publicKey.armor()
  otherKey = other.publicKey.armor()
  signature = await openpgp.sign({ message: await openpgp.createMessage({ binary: sums }), signingKeys: trusted.privateKey, detached: true, format: 'binary' })
})

async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call
  } catch (err) {
    return err as Error
  }
  throw new Error('resolved, but should have failed')
}

describe('verifySignature names the check that failed and keeps its cause', () => {
  it('a .sig that is not OpenPGP says so, not that the key is wrong', async () => {
    const err = await failure(verifySignature(sums, new TextEncoder().encode('<html>404</html>'), publicKey))
    expect(err.message).toMatch(/^signature check failed: the \.sig file is not an OpenPGP signature \(/)
    expect(err.cause).toBeInstanceOf(Error)
  })

  it('a signature by another key says SHA256SUMS is not signed by the trusted key', async () => {
    const err = await failure(verifySignature(sums, signature, otherKey))
    expect(err.message).toMatch(/^signature check failed: SHA256SUMS is not signed by the trusted key \(/)
    expect(err.cause).toBeInstanceOf(Error)
  })
})

describe('verifyChecksum reads SHA256SUMS lines', () => {
  const zip = new TextEncoder().encode('PK\u0003\u0004 pretend zip')
  const hex = createHash('sha256').update(zip).digest('hex')

  it('an indented line is read like any other', () => {
    expect(() => verifyChecksum(`  ${hex}  packer.zip\n`, 'packer.zip', zip)).not.toThrow()
  })

  it('only a leading * (binary mode) is dropped from the name: a * inside it is part of the name', () => {
    expect(() => verifyChecksum(`${hex}  pack*er.zip\n`, 'packer.zip', zip)).toThrow('checksum check failed: packer.zip is not listed in SHA256SUMS')
  })
})
