import * as fs from 'node:fs'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createInflateRaw } from 'node:zlib'
import yauzl from 'yauzl'

const S_IFMT = 0o170000
const S_IFLNK = 0o120000
/** Inflated in pieces of 1 MiB: in zlib's default 16 KiB, each a trip to libuv's threads and back, Packer took 575 ms. */
const PIECE = 1024 * 1024

/**
 * Extracts every file of a verified zip into `dir`, each with the permissions it was stored with
 * (so Packer and its plugins stay executable). yauzl reads the zip's directory and each entry's
 * bytes, Node's zlib inflates them: Packer 1.6.6's 107 MB binary in about 240 ms, where Info-ZIP's
 * `unzip` (what @actions/tool-cache runs on Linux) took about 600 ms on this project's machine.
 * yauzl refuses names that are absolute or climb out with `..`; an entry whose size differs
 * from the zip's directory, a method other than stored or deflated and a symbolic link are
 * refused here. Every error starts with the zip's name, and the entry's where one is at fault.
 * The zip's own SHA-256 was checked before this runs (it stands in for the CRC-32
 * that unzip checks).
 */
export async function unzip(zipPath: string, dir: string): Promise<void> {
  const name = path.basename(zipPath)
  // yauzl's and zlib's own messages ("invalid relative path: ../evil", "unexpected EOF") name no zip.
  await extract(zipPath, dir).catch((err: Error) => {
    throw err.message.startsWith(`${name}: `) ? err : new Error(`${name}: ${err.message}`, { cause: err })
  })
}

async function extract(zipPath: string, dir: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, z) => (err ? reject(err) : resolve(z)))
  )
  try {
    for (let entry = await next(zip); entry !== undefined; entry = await next(zip)) {
      const target = path.join(dir, entry.fileName)
      if (entry.fileName.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true })
        continue
      }
      const mode = entry.externalFileAttributes >>> 16
      if ((mode & S_IFMT) === S_IFLNK) throw new Error(`${path.basename(zipPath)}: ${entry.fileName} is a symbolic link; a release holds plain files`)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      await extractEntry(zip, entry, target, zipPath)
      // A zip made on Windows stores no unix mode: the file keeps the default, as with unzip.
      if ((mode & 0o777) !== 0) fs.chmodSync(target, mode & 0o777)
    }
  } finally {
    zip.close()
  }
}

async function extractEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string, zipPath: string): Promise<void> {
  const named = `${path.basename(zipPath)}: ${entry.fileName}`
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`${named} is compressed with method ${entry.compressionMethod}; a release uses deflate`)
  // The entry's bytes are read straight from the zip in 1 MiB pieces (yauzl's own stream reads
  // in 16 KiB ones: a 100 MB stored plugin took 1.6 s); yauzl finds where they start, and
  // checks they end inside the file.
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true })
  if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw new Error(`${named}: compressed/uncompressed size mismatch for stored file: ${entry.compressedSize} != ${entry.uncompressedSize}`)
  }
  // An empty file has no bytes to read (a stream's `end` is inclusive).
  const raw = entry.compressedSize === 0 ? Readable.from([]) : fs.createReadStream(zipPath, { start: fileDataStart, end: fileDataStart + entry.compressedSize - 1, highWaterMark: PIECE })
  const out = fs.createWriteStream(target, { highWaterMark: PIECE })
  await (entry.compressionMethod === 8 ? pipeline(raw, createInflateRaw({ chunkSize: PIECE }), out) : pipeline(raw, out)).catch((err: Error) => {
    throw new Error(`${named}: ${err.message}`, { cause: err })
  })
  if (out.bytesWritten !== entry.uncompressedSize) throw new Error(`${named} unzips to ${out.bytesWritten} bytes where the zip's directory says ${entry.uncompressedSize}`)
}

/** The zip's next entry, or undefined after the last. */
function next(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      zip.off('entry', found)
      zip.off('end', ended)
      zip.off('error', failed)
    }
    const found = (e: yauzl.Entry): void => (done(), resolve(e))
    const ended = (): void => (done(), resolve(undefined))
    const failed = (err: Error): void => (done(), reject(err))
    zip.on('entry', found)
    zip.on('end', ended)
    zip.on('error', failed)
    zip.readEntry()
  })
}
