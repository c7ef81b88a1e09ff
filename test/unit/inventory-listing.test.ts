import { LISTING_HEADER, parseApk, parseDpkg, parseListing, parseOsRelease, parseRpm, parseWindows } from '../../src/inventory/listing.js'

const debian = { id: 'debian', versionId: '12' }
const amazon = { id: 'amzn', versionId: '2023' }

describe('parseDpkg: dpkg-query -W lines', () => {
  it.each<[string, string, Array<[string, string, string | undefined, string]>]>([
    [
      'installed packages, with their purl',
      'bash\t5.2.15-2+b8\tamd64\tinstall ok installed',
      [['bash', '5.2.15-2+b8', 'amd64', 'pkg:deb/debian/bash@5.2.15-2+b8?arch=amd64&distro=debian-12']]
    ],
    [
      'an epoch and a tilde stay in the version',
      'libgcc-s1\t1:12.2.0-14\tamd64\tinstall ok installed',
      [['libgcc-s1', '1:12.2.0-14', 'amd64', 'pkg:deb/debian/libgcc-s1@1:12.2.0-14?arch=amd64&distro=debian-12']]
    ],
    ['removed with its configuration left: not installed', 'nano\t7.2-1\tamd64\tdeinstall ok config-files', []],
    ['half-installed: not installed', 'vim\t2:9.0\tamd64\tinstall reinstreq half-installed', []],
    ['a blank line', '', []]
  ])('%s', (_name, line, expected) => {
    expect(parseDpkg([line], debian).map((p) => [p.name, p.version, p.arch, p.purl])).toEqual(expected)
  })
})

describe('parseRpm: rpm -qa --qf lines', () => {
  it.each<[string, string, Array<[string, string, string | undefined, string]>]>([
    [
      'no epoch: rpm prints (none)',
      'bash\t(none)\t5.2.15\t1.amzn2023.0.2\tx86_64',
      [['bash', '5.2.15-1.amzn2023.0.2', 'x86_64', 'pkg:rpm/amzn/bash@5.2.15-1.amzn2023.0.2?arch=x86_64&distro=amzn-2023']]
    ],
    [
      'an epoch goes in the version shown and in the purl qualifier',
      'openssl-libs\t1\t3.0.8\t1.amzn2023.0.12\tx86_64',
      [['openssl-libs', '1:3.0.8-1.amzn2023.0.12', 'x86_64', 'pkg:rpm/amzn/openssl-libs@3.0.8-1.amzn2023.0.12?arch=x86_64&distro=amzn-2023&epoch=1']]
    ],
    ['gpg-pubkey entries are keys, not packages', 'gpg-pubkey\t(none)\td832d1a8\t61c9e3a7\t(none)', []]
  ])('%s', (_name, line, expected) => {
    expect(parseRpm([line], amazon).map((p) => [p.name, p.version, p.arch, p.purl])).toEqual(expected)
  })

  it('keeps two kernels installed side by side as two packages', () => {
    const kernels = parseRpm(['kernel\t(none)\t6.1.72\t96.166.amzn2023\tx86_64', 'kernel\t(none)\t6.1.79\t99.164.amzn2023\tx86_64'], amazon)
    expect(kernels.map((p) => p.version)).toEqual(['6.1.72-96.166.amzn2023', '6.1.79-99.164.amzn2023'])
  })
})

describe('parseApk: /lib/apk/db/installed records', () => {
  it('reads P, V and A of each record', () => {
    const lines = ['P:musl', 'V:1.2.4_git20230717-r4', 'A:x86_64', '', 'P:busybox', 'V:1.36.1-r15', 'A:x86_64', '']
    expect(parseApk(lines, { id: 'alpine', versionId: '3.19.1' }).map((p) => [p.name, p.version, p.purl])).toEqual([
      ['musl', '1.2.4_git20230717-r4', 'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1'],
      ['busybox', '1.36.1-r15', 'pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1']
    ])
  })

  it('reads the last record without a blank line after it', () => {
    expect(parseApk(['P:zlib', 'V:1.3.1-r0', 'A:aarch64']).map((p) => p.name)).toEqual(['zlib'])
  })
})

describe('parseWindows: Uninstall keys', () => {
  it('name, version, registry view and publisher; a generic purl', () => {
    const [p] = parseWindows(['Amazon SSM Agent\t3.3.40.0\tx64\tAmazon Web Services'])
    expect(p).toEqual({
      type: 'windows',
      name: 'Amazon SSM Agent',
      version: '3.3.40.0',
      arch: 'x64',
      publisher: 'Amazon Web Services',
      purl: 'pkg:generic/Amazon%20SSM%20Agent@3.3.40.0?arch=x64'
    })
  })

  it('a program without a version has a purl without one', () => {
    expect(parseWindows(['EC2Launch\t\tx86\t']).map((p) => p.purl)).toEqual(['pkg:generic/EC2Launch?arch=x86'])
  })
})

describe('parseOsRelease', () => {
  it.each<[string, string[], ReturnType<typeof parseOsRelease>]>([
    [
      'Debian, quoted values',
      ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"', 'VERSION_ID="12"', 'ID=debian'],
      { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }
    ],
    ['escapes inside double quotes', ['ID=x', 'PRETTY_NAME="say \\"hi\\" \\$HOME"'], { id: 'x', versionId: undefined, prettyName: 'say "hi" $HOME' }],
    ['single quotes, comments', ["# comment", "ID='amzn'", "VERSION_ID='2023'"], { id: 'amzn', versionId: '2023', prettyName: undefined }],
    ['no ID: unknown', ['NAME=Something'], undefined]
  ])('%s', (_name, lines, expected) => {
    expect(parseOsRelease(lines)).toEqual(expected)
  })
})

describe('parseListing', () => {
  it('reads every section; packages sorted; the os-release names the purl namespace', () => {
    const listing = [
      LISTING_HEADER,
      '@@kernel',
      '6.1.0-18-amd64',
      '@@os-release',
      'ID=ubuntu',
      'VERSION_ID="22.04"',
      '@@dpkg',
      'zlib1g\t1:1.2.11.dfsg-2ubuntu9.2\tamd64\tinstall ok installed',
      'adduser\t3.118ubuntu5\tall\tinstall ok installed',
      ''
    ].join('\n')
    const inventory = parseListing(listing)
    expect(inventory.kernel).toBe('6.1.0-18-amd64')
    expect(inventory.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/ubuntu/adduser@3.118ubuntu5?arch=all&distro=ubuntu-22.04',
      'pkg:deb/ubuntu/zlib1g@1:1.2.11.dfsg-2ubuntu9.2?arch=amd64&distro=ubuntu-22.04'
    ])
  })

  it('a Windows listing, as the PowerShell script writes it (CRLF line ends too)', () => {
    const listing = [
      LISTING_HEADER,
      '@@kernel',
      '10.0.20348.2227',
      '@@os-release',
      'ID=windows',
      'VERSION_ID=20348',
      'PRETTY_NAME="Windows Server 2022 Datacenter"',
      '@@windows',
      'Amazon SSM Agent\t3.3.40.0\tx64\tAmazon Web Services',
      'AWS Tools for Windows\t3.15.2072\tx86\tAmazon Web Services Developer Relations',
      ''
    ].join('\r\n')
    const inventory = parseListing(listing)
    expect(inventory.kernel).toBe('10.0.20348.2227')
    expect(inventory.os).toEqual({ id: 'windows', versionId: '20348', prettyName: 'Windows Server 2022 Datacenter' })
    // Sorted by code point, as on every runner: "AW" before "Am".
    expect(inventory.packages.map((p) => [p.type, p.name, p.arch])).toEqual([
      ['windows', 'AWS Tools for Windows', 'x86'],
      ['windows', 'Amazon SSM Agent', 'x64']
    ])
  })

  it('refuses what is not a listing, and a listing without a kernel', () => {
    expect(() => parseListing('Traceback: something went wrong')).toThrow('not an inventory listing: it starts with "Traceback')
    expect(() => parseListing(`${LISTING_HEADER}\n@@dpkg\n`)).toThrow('names no kernel release')
  })
})
