import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ArtifactCollector, type PackerArtifact } from '../../src/packer/artifacts.js'
import { parseLine, prefixedBuild, type PackerEvent } from '../../src/packer/machine-readable.js'
import { describeErrors, failureOf, RunOutcome } from '../../src/packer/outcome.js'
import { repoRoot } from '../support/runner.js'

/**
 * Whole runs of `packer build -machine-readable` through the parser, the artifact collector and
 * the outcome, as build() feeds them. Each fixture file cites where its lines come from: those
 * of 1.6.6 are captured, the others built from the format strings of the tags they name.
 */
const FIXTURES = path.join(repoRoot, 'test', 'fixtures', 'machine-readable')

function linesOf(name: string): string[] {
  return readFileSync(path.join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
}

interface Read {
  artifacts: PackerArtifact[]
  errors: string[]
  skipped: string[]
  /** Builds the grouped log opens, from the builds its ui lines are attributed to. */
  groups: string[]
  failure?: string
}

function read(name: string, code: number): Read {
  const collector = new ArtifactCollector()
  const outcome = new RunOutcome()
  const groups = new Set<string>()
  for (const line of linesOf(name)) {
    const event = parseLine(line)
    if (event === undefined) throw new Error(`not a machine-readable line: ${line}`)
    collector.add(event)
    outcome.add(event)
    if (event.kind === 'ui' && event.build !== undefined) groups.add(event.build)
  }
  const artifacts = collector.artifacts()
  return {
    artifacts,
    errors: describeErrors(outcome.errors()),
    skipped: outcome.skipped(),
    groups: [...groups].sort(),
    failure: failureOf({ code, stderr: '' }, outcome, artifacts.length)
  }
}

const ami = (build: string, region: string, id: string): PackerArtifact => ({
  build,
  builder: 'amazon-ebs',
  builderId: 'mitchellh.amazonebs',
  id: `${region}:${id}`,
  region,
  ami: id
})

const notFound = "Error querying AMI: InvalidAMIID.NotFound: The image id '[ami-00000000]' does not exist\n\tstatus code: 400, request id: request-id"
const web112 = [ami('amazon-ebs.web', 'us-east-1', 'ami-0123456789abcdef0'), ami('amazon-ebs.web', 'us-west-2', 'ami-0fedcba9876543211')]
const unknown116 =
  'Error: Unknown source type amazon-ebs\n\n  on web.pkr.hcl line 12:\n  (source code not available)\n\n' +
  'The source amazon-ebs is unknown by Packer, and is likely part of a plugin that\nis not installed.\n' +
  'You may find the needed plugin along with installation instructions documented\non the Packer integrations page.\n\n' +
  'https://developer.hashicorp.com/packer/integrations?filter=amazon'
const missing116 =
  'Error: Missing plugins\n\nThe following plugins are required, but not installed:\n\n* github.com/hashicorp/amazon >= 1.2.8\n\n' +
  'Did you run packer init for this project ?'

describe('a whole Packer run', () => {
  it.each<[string, number, Read]>([
    [
      'packer-1.6.6-ami-and-file.txt',
      0,
      {
        artifacts: [
          ami('my release.amazon-ebs.web', 'us-east-1', 'ami-8b3821f0dea6d9100'),
          ami('my release.amazon-ebs.web', 'us-west-2', 'ami-81c45f458cc3e9b48'),
          { build: 'my release.file.notes', builder: 'file', builderId: 'packer.file', id: 'File' }
        ],
        errors: [],
        skipped: [],
        groups: ['my release.amazon-ebs.web', 'my release.file.notes']
      }
    ],
    [
      'packer-1.6.6-failed.txt',
      1,
      {
        artifacts: [],
        errors: [`amazon-ebs.web: ${notFound}`, `amazon-ebs.worker: ${notFound}`],
        skipped: [],
        groups: ['amazon-ebs.web', 'amazon-ebs.worker'],
        failure: `packer build failed:\namazon-ebs.web: ${notFound}\namazon-ebs.worker: ${notFound}`
      }
    ],
    [
      'packer-1.6.6-unknown-source.txt',
      1,
      {
        artifacts: [],
        errors: [expect.stringMatching(/^Error: Unknown source type amazon-ebz\n\n {2}on t\.pkr\.hcl line 1:\n[\s\S]*docker proxmox\]$/)],
        skipped: [],
        groups: [],
        failure: expect.stringMatching(/^packer build failed:\nError: Unknown source type amazon-ebz\n/)
      }
    ],
    ['packer-1.12-amazon.txt', 0, { artifacts: web112, errors: [], skipped: [], groups: ['amazon-ebs.web'] }],
    ['packer-1.13-amazon.txt', 0, { artifacts: web112, errors: [], skipped: [], groups: ['amazon-ebs.web'] }],
    [
      'packer-1.16-partial-failure.txt',
      1,
      {
        artifacts: [ami('amazon-ebs.web', 'us-east-1', 'ami-0e3ac96c80ffc6c44'), ami('amazon-ebs.web', 'us-west-2', 'ami-0e2b202627ac6b2b9')],
        errors: ["amazon-ebs.worker: Error: AMI Name: 'my-ami' is used by an existing AMI: ami-0aaaaaaaaaaaaaaaa"],
        skipped: [],
        groups: ['amazon-ebs.web', 'amazon-ebs.worker'],
        failure: "packer build failed:\namazon-ebs.worker: Error: AMI Name: 'my-ami' is used by an existing AMI: ami-0aaaaaaaaaaaaaaaa"
      }
    ],
    ['packer-1.16-unknown-source.txt', 1, { artifacts: [], errors: [unknown116], skipped: [], groups: [], failure: `packer build failed:\n${unknown116}` }],
    ['packer-1.16-missing-plugins.txt', 1, { artifacts: [], errors: [missing116], skipped: [], groups: [], failure: `packer build failed:\n${missing116}` }],
    ['packer-1.16-hcp-all-skipped.txt', 0, { artifacts: [], errors: [], skipped: ['amazon-ebs.web', 'amazon-ebs.worker'], groups: [] }],
    [
      'packer-1.16-hcp-skipped-error.txt',
      0,
      {
        artifacts: [ami('amazon-ebs.worker', 'us-east-1', 'ami-0aaaaaaaaaaaaaaa1')],
        errors: [],
        skipped: ['amazon-ebs.web'],
        groups: ['amazon-ebs.worker']
      }
    ],
    [
      'packer-1.16-no-ami.txt',
      0,
      {
        artifacts: [
          { build: 'nightly docs.file.notes', builder: 'file', builderId: 'packer.file', id: 'File' },
          { build: 'nightly docs.null.check', builder: 'null', builderId: 'fnoeding.null', id: 'Null' }
        ],
        errors: [],
        skipped: [],
        groups: ['nightly docs.file.notes', 'nightly docs.null.check']
      }
    ]
  ])('%s (exit code %d)', (name, code, expected) => {
    expect(read(name, code)).toEqual({ failure: undefined, ...expected })
  })

  // The counts come from the fixtures, not the parser: grep -v '^#' FILE | grep -cE '^[0-9]+,[^,]*,ui,(say|message|error),(==>| {4})'
  it.each<[string, number, string[]]>([
    ['packer-1.6.6-ami-and-file.txt', 35, ['my release.amazon-ebs.web', 'my release.file.notes']],
    ['packer-1.12-amazon.txt', 26, ['amazon-ebs.web']],
    ['packer-1.13-amazon.txt', 24, ['amazon-ebs.web']],
    ['packer-1.6.6-failed.txt', 6, ['amazon-ebs.web', 'amazon-ebs.worker']]
  ])('%s: each of the %d lines builds printed is grouped under its build', (name, count, builds) => {
    const printed = linesOf(name)
      .map(parseLine)
      .filter((e): e is Extract<PackerEvent, { kind: 'ui' }> => e?.kind === 'ui' && /^(==>| {4})/.test(e.text))
    expect(printed).toHaveLength(count)
    expect(printed.filter((e) => e.build === undefined || prefixedBuild(e.text) !== e.build).map((e) => e.text)).toEqual([])
    expect([...new Set(printed.map((e) => e.build))].sort()).toEqual(builds)
  })
})

describe('resource tracking over whole runs', () => {
  it.each(['packer-1.12-amazon.txt', 'packer-1.13-amazon.txt'])('%s: the builder resources and copy regions the post step needs', async (name) => {
    const { ledgerOf } = await import('../../src/packer/ledger.js')
    const ledger = ledgerOf(linesOf(name).join('\n'))
    const web = ledger.builds['amazon-ebs.web']
    expect(web.keyPairs).toStrictEqual(['packer_6650e2c0-1a2b-3c4d-5e6f-7a8b9c0d1e2f'])
    expect(web.securityGroups).toStrictEqual(['packer_6650e2c1-2b3c-4d5e-6f7a-8b9c0d1e2f3a'])
    expect(web.instances).toStrictEqual(['i-0123456789abcdef0'])
    expect(web.amiNames).toStrictEqual(['web-1717000000'])
    expect(web.images).toContain('ami-0123456789abcdef0')
    expect(web.copyRegions).toStrictEqual(['us-west-2'])
    expect(web.state).toBe('finished')
    expect(ledger.productAmis.length).toBeGreaterThan(0)
  })
})
