import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'
import { HASHICORP_RELEASE_KEY } from '../../src/packer/hashicorp-key.js'
import { keyIdSuffix, verifyChecksum, verifySignature } from '../../src/packer/verify.js'

async function newKey(name: string) {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name, email: `${name}@example.com` }],
    format: 'armored'
  })
  return { privateKey: await openpgp.readPrivateKey({ armoredKey: privateKey }), publicKey }
}

async function sign(data: Uint8Array, signingKeys: openpgp.PrivateKey): Promise<Uint8Array> {
  const message = await openpgp.createMessage({ binary: data })
  return openpgp.sign({ message, signingKeys, detached: true, format: 'binary' })
}

const sums = new TextEncoder().encode(
  'aaaa  packer_1.6.6_linux_amd64.zip\nbbbb  packer_1.6.6_darwin_arm64.zip\n'
)
let trusted: Awaited<ReturnType<typeof newKey>>
let other: Awaited<ReturnType<typeof newKey>>
let signature: Uint8Array

beforeAll(async () => {
  trusted = await newKey('trusted')
  other = await newKey('other')
  signature = await sign(sums, trusted.privateKey)
})

describe('keyIdSuffix', () => {
  it('is the last 8 hex digits of the fingerprint, upper case', async () => {
    const key = await openpgp.readKey({ armoredKey: trusted.publicKey })
    // A v4 key id is the low 64 bits of the fingerprint: its last 8 hex digits are the suffix.
    const expected = key.getKeyID().toHex().slice(-8).toUpperCase()
    const suffix = await keyIdSuffix(trusted.publicKey)
    expect(suffix).toMatch(/^[0-9A-F]{8}$/)
    expect(suffix).toBe(expected)
  })

  it("names HashiCorp's release key as its .sig files do (packer_X_SHA256SUMS.72D7468F.sig)", async () => {
    // Published fingerprint C874 011F 0AB4 0511 0D02 1055 3436 5D94 72D7 468F.
    await expect(keyIdSuffix(HASHICORP_RELEASE_KEY)).resolves.toBe('72D7468F')
  })
})

describe('verifySignature', () => {
  it('accepts a detached signature over SHA256SUMS by the trusted key', async () => {
    await expect(verifySignature(sums, signature, trusted.publicKey)).resolves.toBeUndefined()
  })

  it.each([
    ['changed data', () => ({ data: new TextEncoder().encode('cccc  packer_1.6.6_linux_amd64.zip\n'), sig: signature, key: trusted.publicKey })],
    ['one byte appended', () => ({ data: new Uint8Array([...sums, 0x0a]), sig: signature, key: trusted.publicKey })],
    ['signed by another key', () => ({ data: sums, sig: signature, key: other.publicKey })],
    ['a .sig that is not a signature', () => ({ data: sums, sig: new TextEncoder().encode('<html>404</html>'), key: trusted.publicKey })],
    ['an empty .sig', () => ({ data: sums, sig: new Uint8Array(), key: trusted.publicKey })]
  ])('fails on %s with "signature check failed"', async (_name, make) => {
    const { data, sig, key } = make()
    await expect(verifySignature(data, sig, key)).rejects.toThrow(/signature check failed/)
  })

  it('accepts a signature made by a signing subkey of the trusted key, as HashiCorp signs', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'subkey-signer' }],
      subkeys: [{ sign: true }],
      format: 'object'
    })
    const sig = await sign(sums, privateKey)
    const signer = (await openpgp.readSignature({ binarySignature: sig })).getSigningKeyIDs()[0]
    expect(signer.equals(privateKey.getKeyID())).toBe(false)
    await expect(verifySignature(sums, sig, publicKey.armor())).resolves.toBeUndefined()
  })

  it('fails when the other key signed, even if the trusted key is the one offered', async () => {
    const forged = await sign(sums, other.privateKey)
    await expect(verifySignature(sums, forged, trusted.publicKey)).rejects.toThrow(/signature check failed/)
  })
})

describe('verifyChecksum', () => {
  const zip = new TextEncoder().encode('PK\u0003\u0004 pretend zip')
  const hex = createHash('sha256').update(zip).digest('hex')
  const name = 'packer_1.6.6_linux_amd64.zip'

  it.each([
    ['two spaces', `${'0'.repeat(64)}  packer_1.6.6_darwin_arm64.zip\n${hex}  ${name}\n`],
    ['binary marker', `${hex} *${name}\n`],
    ['upper-case digest', `${hex.toUpperCase()}  ${name}\n`],
    ['CRLF lines', `${'0'.repeat(64)}  other.zip\r\n${hex}  ${name}\r\n`]
  ])('passes when SUMS lists the right digest (%s)', (_name, text) => {
    expect(() => verifyChecksum(text, name, zip)).not.toThrow()
  })

  it.each([
    ['wrong digest', `${'0'.repeat(64)}  ${name}\n`, name],
    ['digest of another file', `${hex}  packer_1.6.6_darwin_arm64.zip\n${'1'.repeat(64)}  ${name}\n`, name],
    ['file not listed', `${hex}  packer_1.6.6_darwin_arm64.zip\n`, name],
    ['only a longer name listed', `${hex}  ${name}.sig\n`, name],
    ['empty SUMS', '', name]
  ])('fails on %s with "checksum check failed" naming the file', (_name, text, file) => {
    expect(() => verifyChecksum(text, file, zip)).toThrow(/checksum check failed/)
    expect(() => verifyChecksum(text, file, zip)).toThrow(file)
  })
})
