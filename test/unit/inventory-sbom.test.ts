/**
 * The inventory script runs on this Debian machine as SSM would run it on an instance (a
 * subprocess, stdout cut at 24,000 characters), with the machine's real dpkg-query; the SBOM
 * is checked against CycloneDX's JSON schema (shipped in @cyclonedx/cyclonedx-library).
 */
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import * as Validation from '@cyclonedx/cyclonedx-library/Validation'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseListing } from '../../src/inventory/listing.js'
import { readListing } from '../../src/inventory/paging.js'
import { inventoryFromSbom, sbomJson } from '../../src/inventory/sbom.js'
import { instanceShell, SSM_OUTPUT_LIMIT } from '../support/instance-shell.js'

const image = { region: 'us-east-1', account: '123456789012', ami: 'ami-0123456789abcdef0', family: 'acme/images/amazon-ebs.web', build: 'amazon-ebs.web' }

/** What this machine has installed, asked independently of the action's own format. */
function installedHere(): Map<string, string> {
  const out = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}|${Package}|${Architecture}|${Version}\n'], { encoding: 'utf8' })
  const map = new Map<string, string>()
  for (const line of out.split('\n')) {
    const [status, name, arch, version] = line.split('|')
    if (status?.trim() === 'ii') map.set(`${name}:${arch}`, version)
  }
  return map
}

function nonce(): string {
  return randomBytes(8).toString('hex')
}

/** One validator: it compiles the schema once. */
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
const validate = (json: string): Promise<unknown> => validator.validate(json)

describe('the SBOM of this machine', () => {
  let json: string
  let runs: number
  let shell: ReturnType<typeof instanceShell>

  beforeAll(async () => {
    shell = instanceShell()
    const read = await readListing(shell.run, 'linux', nonce())
    runs = read.runs
    json = sbomJson(image, parseListing(read.listing), new Date('2026-12-06T10:00:00Z'), '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f')
  })

  it('is valid CycloneDX 1.6 JSON', async () => {
    expect(await validate(json)).toBeNull()
  })

  it('the validator does refuse a document that breaks the schema', async () => {
    const broken = JSON.parse(json)
    broken.components[0].type = 'machine-image'
    expect(await validate(JSON.stringify(broken))).not.toBeNull()
  })

  it('lists exactly the packages dpkg has installed, with their versions', () => {
    const doc = JSON.parse(json)
    const here = installedHere()
    const listed = new Map<string, string>(
      doc.components.map((c: { name: string; version: string; purl: string }) => [`${c.name}:${new URL(c.purl.replace(/^pkg:/, 'pkg://x/')).searchParams.get('arch')}`, c.version])
    )
    expect(here.size).toBeGreaterThan(100)
    expect(listed).toEqual(here)
  })

  it('names the AMI as its metadata component, by ARN, with the kernel and OS', () => {
    const doc = JSON.parse(json)
    const arn = 'arn:aws:ec2:us-east-1:123456789012:image/ami-0123456789abcdef0'
    expect(doc.metadata.component['bom-ref']).toBe(arn)
    expect(doc.metadata.component.name).toBe(arn)
    const props = Object.fromEntries(doc.metadata.component.properties.map((p: { name: string; value: string }) => [p.name, p.value]))
    expect(props['packer-ami-action:kernel']).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim())
    expect(props['packer-ami-action:os']).toMatch(/^Debian GNU\/Linux/)
    expect(props['packer-ami-action:family']).toBe('acme/images/amazon-ebs.web')
  })

  it('gives bash its deb purl, and depends on every package from the AMI', () => {
    const doc = JSON.parse(json)
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'bash'], { encoding: 'utf8' })
    const bash = doc.components.find((c: { name: string }) => c.name === 'bash')
    expect(bash.purl).toBe(`pkg:deb/debian/bash@${version}?arch=amd64&distro=debian-12`)
    const ami = doc.dependencies.find((d: { ref: string }) => d.ref === doc.metadata.component['bom-ref'])
    expect(ami.dependsOn).toHaveLength(doc.components.length)
  })

  it('reads back into the same inventory', () => {
    const back = inventoryFromSbom(json)
    const doc = JSON.parse(json)
    expect(back.packages).toHaveLength(doc.components.length)
    expect(back.ami).toBe(image.ami)
    expect(back.packages.find((p) => p.name === 'bash')?.arch).toBe('amd64')
  })

  it('fits one SSM run here, and leaves nothing on the instance', () => {
    expect(runs).toBe(1)
    expect(fs.readdirSync(shell.dir).filter((f) => f.startsWith('packer-ami-action-inventory-'))).toEqual([])
  })
})

describe('paging past 24,000 characters', () => {
  /**
   * An instance with thousands more packages than this machine: a dpkg-query ahead on PATH
   * prints the real list and then 3,000 packages with random names, which gzip cannot shrink
   * below SSM's limit.
   */
  function bigInstance() {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'))
    const extra = Array.from({ length: 3000 }, () => `extra-${randomBytes(6).toString('hex')}\t1.${randomBytes(3).toString('hex')}-1\tamd64\tinstall ok installed`)
    fs.writeFileSync(path.join(bin, 'extra.txt'), extra.join('\n') + '\n')
    const real = execFileSync('sh', ['-c', 'command -v dpkg-query'], { encoding: 'utf8' }).trim()
    fs.writeFileSync(path.join(bin, 'dpkg-query'), `#!/bin/sh\n"${real}" "$@" && cat "${path.join(bin, 'extra.txt')}"\n`, { mode: 0o755 })
    return { shell: instanceShell({ env: { PATH: `${bin}:${process.env.PATH}` } }), extra: extra.length }
  }

  it('reads every page, no run printing more than SSM returns, and cleans up after the last', async () => {
    const { shell, extra } = bigInstance()
    const { listing, runs } = await readListing(shell.run, 'linux', nonce())
    const inventory = parseListing(listing)
    expect(inventory.packages.length).toBe(installedHere().size + extra)
    expect(runs).toBeGreaterThanOrEqual(2)
    expect(shell.runs).toHaveLength(runs)
    for (const r of shell.runs) expect(r.stdoutLength).toBeLessThanOrEqual(SSM_OUTPUT_LIMIT)
    expect(fs.readdirSync(shell.dir).filter((f) => f.startsWith('packer-ami-action-inventory-'))).toEqual([])
  })

  it('says so when a page is cut by SSM, instead of reading half a listing', async () => {
    const { shell } = bigInstance()
    await expect(readListing(shell.run, 'linux', nonce(), 30_000)).rejects.toThrow('printed more than SSM returns (24,000 characters)')
  })

  it('a package tool that fails fails the inventory, with its stderr', async () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'))
    fs.writeFileSync(path.join(bin, 'dpkg-query'), '#!/bin/sh\necho "dpkg-query: error: parsing file \'/var/lib/dpkg/status\'" >&2\nexit 2\n', { mode: 0o755 })
    const failing = instanceShell({ env: { PATH: `${bin}:${process.env.PATH}` } })
    await expect(readListing(failing.run, 'linux', nonce())).rejects.toThrow(/the inventory script exited with 2: dpkg-query: error: parsing file/)
  })
})
