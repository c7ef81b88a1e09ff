import { diffInventories } from '../../src/inventory/diff.js'
import type { InstalledPackage, Inventory } from '../../src/inventory/listing.js'
import type { InventoryResult } from '../../src/inventory/take-inventory.js'
import { OPEN_ROWS, renderInventory } from '../../src/report/inventory.js'

const deb = (name: string, version: string, arch = 'amd64'): InstalledPackage => ({ type: 'deb', name, version, arch, purl: `pkg:deb/debian/${name}@${version}?arch=${arch}` })
const rpm = (name: string, version: string): InstalledPackage => ({ type: 'rpm', name, version, arch: 'x86_64', purl: `pkg:rpm/amzn/${name}@${version}?arch=x86_64` })
const inv = (kernel: string, packages: InstalledPackage[]): Inventory => ({ kernel, packages })

describe('diffInventories', () => {
  it('added, removed, changed (old → new), and the rest counted as unchanged', () => {
    const before = inv('6.1.0-17-amd64', [deb('bash', '5.2.15-2+b7'), deb('curl', '7.88.1-10'), deb('nano', '7.2-1'), deb('zlib1g', '1:1.2.13')])
    const after = inv('6.1.0-18-amd64', [deb('bash', '5.2.15-2+b8'), deb('curl', '7.88.1-10'), deb('jq', '1.6-2.1'), deb('zlib1g', '1:1.2.13')])
    const diff = diffInventories(before, after)
    expect(diff.kernel).toEqual({ from: '6.1.0-17-amd64', to: '6.1.0-18-amd64' })
    expect(diff.added.map((p) => p.name)).toEqual(['jq'])
    expect(diff.removed.map((p) => p.name)).toEqual(['nano'])
    expect(diff.changed).toEqual([{ type: 'deb', name: 'bash', arch: 'amd64', from: '5.2.15-2+b7', to: '5.2.15-2+b8' }])
    expect(diff.unchanged).toBe(2)
  })

  it('the same inventory: no change, kernel unchanged', () => {
    const same = inv('6.1.0-18-amd64', [deb('bash', '5.2.15-2+b8')])
    expect(diffInventories(same, same)).toEqual({ added: [], removed: [], changed: [], unchanged: 1 })
  })

  it('one package in two architectures: each is its own package', () => {
    const diff = diffInventories(inv('k', [deb('libc6', '2.36-9', 'amd64')]), inv('k', [deb('libc6', '2.36-9', 'amd64'), deb('libc6', '2.36-9', 'i386')]))
    expect(diff.added.map((p) => `${p.name}:${p.arch}`)).toEqual(['libc6:i386'])
    expect(diff.changed).toEqual([])
  })

  it('RPM kernels side by side: the set of versions changed', () => {
    const diff = diffInventories(inv('6.1.72', [rpm('kernel', '6.1.72-96'), rpm('kernel', '6.1.79-99')]), inv('6.1.79', [rpm('kernel', '6.1.79-99'), rpm('kernel', '6.1.82-99')]))
    expect(diff.changed).toEqual([{ type: 'rpm', name: 'kernel', arch: 'x86_64', from: '6.1.72-96, 6.1.79-99', to: '6.1.79-99, 6.1.82-99' }])
  })
})

function result(earlier: InventoryResult['earlier'], extra: Partial<InventoryResult> = {}): InventoryResult {
  return {
    region: 'us-east-1',
    ami: 'ami-new',
    family: 'acme/images/web',
    build: 'amazon-ebs.web',
    subject: 'arn:aws:ec2:us-east-1:123456789012:image/ami-new',
    sbomPath: '/tmp/sbom.cdx.json',
    kernel: '6.1.0-18-amd64',
    os: 'Debian GNU/Linux 12 (bookworm)',
    packages: 412,
    runs: 1,
    artifact: { name: 'sbom-acme-images-web-us-east-1', id: 5 },
    earlier,
    ...extra
  }
}

describe('renderInventory', () => {
  it('nothing inventoried: no section', () => {
    expect(renderInventory([])).toEqual([])
  })

  it('the kernel change first, then the counts, then the table; versions in code spans', () => {
    const diff = diffInventories(inv('6.1.0-17-amd64', [deb('bash', '5.2~rc1'), deb('nano', '7.2-1')]), inv('6.1.0-18-amd64', [deb('bash', '5.2'), deb('jq', '1.6')]))
    const text = renderInventory([result({ runUrl: 'https://github.com/acme/images/actions/runs/41', ami: 'ami-old', diff })]).join('\n')
    expect(text).toContain('| us-east-1 | ami-new | Debian GNU/Linux 12 (bookworm) | 6.1.0-18-amd64 | 412 | `sbom-acme-images-web-us-east-1` |')
    expect(text).toContain('**us-east-1 ami-new** against ami-old ([its run](https://github.com/acme/images/actions/runs/41)):')
    const kernel = text.indexOf('- Kernel: `6.1.0-17-amd64` → `6.1.0-18-amd64`')
    const counts = text.indexOf('- Packages: 1 added, 1 removed, 1 changed, 0 unchanged')
    expect(kernel).toBeGreaterThan(0)
    expect(counts).toBeGreaterThan(kernel)
    expect(text).toContain('| 🔄 changed | bash (amd64) | `5.2~rc1` | `5.2` |')
    expect(text).toContain('| ➕ added | jq (amd64) |  | `1.6` |')
    expect(text).toContain('| ➖ removed | nano (amd64) | `7.2-1` |  |')
    expect(text).not.toContain('<details>')
  })

  it(`more than ${OPEN_ROWS} changes: the table is collapsed, kernel and counts stay in plain view`, () => {
    const many = Array.from({ length: OPEN_ROWS + 1 }, (_, i) => deb(`lib${i}`, '1.0'))
    const diff = diffInventories(inv('k1', []), inv('k1', many))
    const text = renderInventory([result({ runUrl: 'https://github.com/acme/images/actions/runs/41', diff })]).join('\n')
    expect(text).toContain('- Kernel: unchanged (`6.1.0-18-amd64`)')
    expect(text).toContain(`- Packages: ${OPEN_ROWS + 1} added`)
    expect(text.indexOf('<details><summary>11 package changes</summary>')).toBeLessThan(text.indexOf('| ➕ added | lib0'))
    expect(text).toContain('</details>')
  })

  it('"no earlier inventory", with the reason; an artifact that was not kept says why', () => {
    const text = renderInventory([result({ none: 'run 41 kept no artifact sbom-x' }, { artifact: undefined, artifactError: 'Failed to CreateArtifact: (409) Conflict' })]).join('\n')
    expect(text).toContain('**us-east-1 ami-new**: no earlier inventory (run 41 kept no artifact sbom-x).')
    expect(text).toContain('⚠️ not kept: Failed to CreateArtifact: (409) Conflict')
  })

  it('package names and versions cannot break the table or run Markdown', () => {
    const diff = diffInventories(inv('k', []), inv('k', [deb('evil|<img src=x>', '1|2`3')]))
    const text = renderInventory([result({ runUrl: 'https://github.com/acme/images/actions/runs/41', diff })]).join('\n')
    expect(text).toContain("| ➕ added | evil\\|\\<img src=x\\> (amd64) |  | `1\\|2'3` |")
  })
})
