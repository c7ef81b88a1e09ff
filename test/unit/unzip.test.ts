/**
 * src/packer/unzip.ts against real zips written by Debian's Info-ZIP `zip`, some with a few bytes
 * changed afterwards to make the zips a hostile or broken release would be. Offsets into a zip
 * follow PKWARE's APPNOTE.TXT 6.3.10: the local file header (4.3.7), the central directory file
 * header (4.3.12) and the end of central directory record (4.3.16); "version made by" (4.4.2).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzip } from '../../src/packer/unzip.js'
import { ensureDebianCommand } from '../support/packer.js'

const tmp = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix))

/** What goes into the folder that `zip` is run in: text or bytes with a mode, a symbolic link or an empty folder. */
type Item = { content: string | Buffer; mode: number } | { linkTo: string } | 'folder'

/** `zip -X -r <zipName> <everything>` run in a folder holding `items`; the zip's path. */
function zipOf(items: Record<string, Item>, zipArgs: string[] = [], zipName = 'release.zip'): string {
  const zipCommand = ensureDebianCommand('zip', 'zip')
  const src = tmp('pam-unzip-src-')
  for (const [name, item] of Object.entries(items)) {
    const file = path.join(src, name)
    mkdirSync(path.dirname(file), { recursive: true })
    if (item === 'folder') {
      mkdirSync(file, { recursive: true })
    } else if ('linkTo' in item) {
      symlinkSync(item.linkTo, file)
    } else {
      writeFileSync(file, item.content)
      chmodSync(file, item.mode)
    }
  }
  const zip = path.join(tmp('pam-unzip-zip-'), zipName)
  // -X: no uid/gid extras, only the unix mode in the external attributes, as the mirror's zips.
  execFileSync(zipCommand, ['-X', '-q', '-r', ...zipArgs, zip, ...readdirSync(src)], { cwd: src, stdio: ['ignore', 2, 2] })
  return zip
}

/** Each entry's central directory header and local file header offsets, by name. */
function headers(zip: Buffer): Map<string, { central: number; local: number }> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  expect(eocd).toBeGreaterThan(0)
  const count = zip.readUInt16LE(eocd + 10)
  const found = new Map<string, { central: number; local: number }>()
  let at = zip.readUInt32LE(eocd + 16)
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const nameLength = zip.readUInt16LE(at + 28)
    found.set(zip.subarray(at + 46, at + 46 + nameLength).toString('latin1'), { central: at, local: zip.readUInt32LE(at + 42) })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return found
}

function entry(zip: Buffer, name: string): { central: number; local: number } {
  const found = headers(zip).get(name)
  if (found === undefined) throw new Error(`no entry ${name} in the zip: ${[...headers(zip).keys()].join(', ')}`)
  return found
}

/** Renames entry `from` to `to` (same length) in both its local header and the central directory. */
function renamed(zipPath: string, from: string, to: string): string {
  expect(to.length).toBe(from.length)
  const zip = readFileSync(zipPath)
  const { central, local } = entry(zip, from)
  zip.write(to, central + 46, 'latin1')
  expect(zip.readUInt16LE(local + 26)).toBe(from.length)
  zip.write(to, local + 30, 'latin1')
  writeFileSync(zipPath, zip)
  return zipPath
}

/** Changes one entry's central directory header in place. */
function edited(zipPath: string, name: string, edit: (zip: Buffer, central: number) => void): string {
  const zip = readFileSync(zipPath)
  edit(zip, entry(zip, name).central)
  writeFileSync(zipPath, zip)
  return zipPath
}

/** An empty folder to extract into, inside a parent folder that must stay as it is. */
function target(): { parent: string; dir: string } {
  const parent = tmp('pam-unzip-parent-')
  const dir = path.join(parent, 'target')
  mkdirSync(dir)
  return { parent, dir }
}

/** Every path under `dir`, relative and sorted, folders ending in '/'. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)) + (d.isDirectory() ? '/' : ''))
    .sort()
}

/** A shell script that prints `ok`, padded past several of unzip's 1 MiB pieces with text that deflates well. */
const script = Buffer.concat([
  Buffer.from('#!/bin/sh\necho ok\nexit 0\n'),
  Buffer.from(Array.from({ length: 90000 }, (_, i) => `# line ${i} of padding after exit ${(i * 7919) % 10007}\n`).join(''))
])

describe('unzip: what comes out of a release zip', () => {
  it('a deflated executable and a stored file come out byte for byte, with their modes, beside nested and empty folders', async () => {
    const notes = Buffer.from('plain text, stored as is\n'.repeat(100))
    // -n .txt: zip stores .txt files instead of deflating them.
    const zip = zipOf(
      {
        'packer-plugin-x': { content: script, mode: 0o755 },
        'docs/deep/er/NOTES.txt': { content: notes, mode: 0o644 },
        empty: 'folder'
      },
      ['-n', '.txt']
    )
    const bytes = readFileSync(zip)
    const method = (name: string): number => bytes.readUInt16LE(entry(bytes, name).central + 10)
    expect([method('packer-plugin-x'), method('docs/deep/er/NOTES.txt')]).toEqual([8, 0])
    expect(headers(bytes).has('empty/')).toBe(true)
    expect(script.length).toBeGreaterThan(3 * 1024 * 1024)

    const { dir } = target()
    await unzip(zip, dir)

    expect(tree(dir)).toEqual(['docs/', 'docs/deep/', 'docs/deep/er/', 'docs/deep/er/NOTES.txt', 'empty/', 'packer-plugin-x'])
    const exe = path.join(dir, 'packer-plugin-x')
    const txt = path.join(dir, 'docs/deep/er/NOTES.txt')
    expect(readFileSync(exe).equals(script)).toBe(true)
    expect(readFileSync(txt).equals(notes)).toBe(true)
    expect(statSync(exe).mode & 0o777).toBe(0o755)
    expect(execFileSync(exe, { encoding: 'utf8' })).toBe('ok\n')
    expect(statSync(txt).mode & 0o777).toBe(0o644)
    expect(() => execFileSync(txt, { stdio: 'ignore' })).toThrow(/EACCES/)
  })

  it('an empty file comes out empty, with its mode', async () => {
    const zip = zipOf({ 'EMPTY.txt': { content: Buffer.alloc(0), mode: 0o600 } }, [], 'empty-file.zip')
    const { dir } = target()
    await unzip(zip, dir)
    expect(readFileSync(path.join(dir, 'EMPTY.txt')).length).toBe(0)
    expect(statSync(path.join(dir, 'EMPTY.txt')).mode & 0o777).toBe(0o600)
  })

  it('a file stored without unix modes (made on MS-DOS/Windows) gets the default permissions, not none', async () => {
    const zip = edited(zipOf({ 'README.txt': { content: 'from windows\n', mode: 0o644 } }), 'README.txt', (z, at) => {
      z.writeUInt8(0, at + 5) // host system 0: MS-DOS and OS/2 FAT
      z.writeUInt32LE(0x20, at + 38) // only the DOS "archive" attribute, as Windows tools write it
    })
    const { dir } = target()
    await unzip(zip, dir)
    const fresh = path.join(dir, 'fresh')
    writeFileSync(fresh, '')
    expect(readFileSync(path.join(dir, 'README.txt'), 'utf8')).toBe('from windows\n')
    expect(statSync(path.join(dir, 'README.txt')).mode & 0o777).toBe(statSync(fresh).mode & 0o777)
    expect(statSync(path.join(dir, 'README.txt')).mode & 0o600).toBe(0o600)
  })
})

describe('unzip: a zip that reaches outside its folder is refused', () => {
  it('an entry named ../evil: refused, naming the zip, and nothing is written beside the target folder', async () => {
    // -D: no entry for the folder aa/, whose name stays as it was.
    const zip = renamed(zipOf({ 'aa/evil': { content: 'pwned\n', mode: 0o755 } }, ['-D'], 'climbs.zip'), 'aa/evil', '../evil')
    const { parent, dir } = target()
    await expect(unzip(zip, dir)).rejects.toThrow(/climbs\.zip.*\.\.\/evil/)
    expect(readdirSync(parent)).toEqual(['target'])
    expect(tree(dir)).toEqual([])
  })

  it('an entry with an absolute name: refused, naming the zip, and no file at that name', async () => {
    const { parent, dir } = target()
    const outside = path.join(parent, 'abs-evil')
    const stand = 'a'.repeat(outside.length)
    const zip = renamed(zipOf({ [stand]: { content: 'pwned\n', mode: 0o644 } }, [], 'absolute.zip'), stand, outside)
    await expect(unzip(zip, dir)).rejects.toThrow(/absolute\.zip.*absolute path/)
    expect(existsSync(outside)).toBe(false)
    expect(readdirSync(parent)).toEqual(['target'])
    expect(tree(dir)).toEqual([])
  })

  it('a symbolic link entry: refused, naming the zip and the entry, and no link is made', async () => {
    const zip = zipOf({ 'etc-link': { linkTo: '/etc/passwd' } }, ['--symlinks'], 'linked.zip')
    const { dir } = target()
    await expect(unzip(zip, dir)).rejects.toThrow('linked.zip: etc-link is a symbolic link')
    expect(() => lstatSync(path.join(dir, 'etc-link'))).toThrow(/ENOENT/)
  })
})

describe("unzip: an entry whose directory disagrees with its data, or that no release would hold, is refused", () => {
  it("a deflated entry that inflates to other than the directory's size: refused, naming the zip, the entry and both sizes", async () => {
    const plain = zipOf({ 'packer-plugin-x': { content: script, mode: 0o755 } }, [], 'resized.zip')
    const zip = edited(plain, 'packer-plugin-x', (z, at) => z.writeUInt32LE(script.length + 1, at + 24))
    const { dir } = target()
    await expect(unzip(zip, dir)).rejects.toThrow(`resized.zip: packer-plugin-x unzips to ${script.length} bytes where the zip's directory says ${script.length + 1}`)
  })

  it('a directory that claims fewer bytes than the entry inflates to is refused too', async () => {
    const plain = zipOf({ 'packer-plugin-x': { content: script, mode: 0o755 } }, [], 'shrunk.zip')
    const zip = edited(plain, 'packer-plugin-x', (z, at) => z.writeUInt32LE(1000, at + 24))
    await expect(unzip(zip, target().dir)).rejects.toThrow(`shrunk.zip: packer-plugin-x unzips to ${script.length} bytes where the zip's directory says 1000`)
  })

  it('an entry compressed with a method other than stored or deflated: refused, naming the zip, the entry and the method', async () => {
    const zip = edited(zipOf({ 'packer-plugin-x': { content: script, mode: 0o755 } }, [], 'bzip2.zip'), 'packer-plugin-x', (z, at) => z.writeUInt16LE(12, at + 10))
    const { dir } = target()
    await expect(unzip(zip, dir)).rejects.toThrow('bzip2.zip: packer-plugin-x is compressed with method 12')
    expect(tree(dir)).toEqual([])
  })

  it("a stored entry whose directory size differs from its stored bytes: refused, naming the zip", async () => {
    const plain = zipOf({ 'NOTES.txt': { content: 'stored\n', mode: 0o644 } }, ['-n', '.txt'], 'stored.zip')
    const zip = edited(plain, 'NOTES.txt', (z, at) => z.writeUInt32LE(8, at + 24))
    await expect(unzip(zip, target().dir)).rejects.toThrow(/stored\.zip.*size mismatch/)
  })
})

describe('unzip: a broken zip rejects, and promptly', () => {
  const whole = (): string => zipOf({ 'packer-plugin-x': { content: script, mode: 0o755 } }, [], 'broken.zip')
  /** Where the entry's deflated bytes start: after its local header, name and extra field. */
  const data = (z: Buffer): number => {
    const { local } = entry(z, 'packer-plugin-x')
    return local + 30 + z.readUInt16LE(local + 26) + z.readUInt16LE(local + 28)
  }

  it.each([
    ['cut to half its length', (z: Buffer) => z.subarray(0, z.length >> 1), /^broken\.zip: End of central directory record signature not found/],
    ['cut just before its end of central directory record', (z: Buffer) => z.subarray(0, z.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'))), /^broken\.zip: /],
    ['empty', () => Buffer.alloc(0), /^broken\.zip: /],
    // 0xff: a last block of the reserved type 3 (RFC 1951, 3.2.3), which zlib refuses.
    ['with the start of its deflated data overwritten', (z: Buffer) => Buffer.from(z).fill(0xff, data(z), data(z) + 64), /^broken\.zip: packer-plugin-x: invalid block type/],
    ['with its deflated data overwritten in the middle', (z: Buffer) => Buffer.from(z).fill(0xff, z.length >> 2, z.length >> 1), /^broken\.zip: packer-plugin-x/],
    ['with its central directory cut away from its deflated data', (z: Buffer) => Buffer.concat([z.subarray(0, z.length >> 2), z.subarray(entry(z, 'packer-plugin-x').central)]), /^broken\.zip: /]
  ])('a zip %s: rejected, naming the zip', async (_, damage, message) => {
    const zip = whole()
    writeFileSync(zip, damage(readFileSync(zip)))
    const { parent, dir } = target()
    await expect(unzip(zip, dir)).rejects.toThrow(message)
    expect(readdirSync(parent)).toEqual(['target'])
  }, 5000)
})
