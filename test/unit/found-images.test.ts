/**
 * The base image each build started from, read from Packer's `Found Image ID: ami-…` line
 * (src/lineage/found-images.ts): the lineage tags and, without skip-unchanged, the bases in the
 * fingerprint come from it. The lines go through the real parser of `-machine-readable` output
 * (src/packer/machine-readable.ts), as src/packer/build.ts feeds them: a real Packer 1.6.6 build
 * against moto, the captured and format-string fixtures of test/fixtures/machine-readable, and
 * look-alike lines that must not count.
 *
 * Where Packer prints it, and how:
 *  - packer-plugin-amazon v1.8.2, amazon-ebs, amazon-ebssurrogate, amazon-ebsvolume:
 *    common/step_source_ami_info.go:71 `ui.Say(fmt.Sprintf("Found Image ID: %s", …))`, so
 *    `ui,say,==> amazon-ebs.web: Found Image ID: ami-…`;
 *  - the same plugin's amazon-instance and amazon-chroot: builder/common/step_source_ami_info.go:69
 *    `ui.Message(…)`, which Packer up to 1.12 prints `ui,message,    amazon-instance.x: …` (four
 *    spaces; from 1.13 Message is Say: hashicorp/packer commit f41c2719a, packer/ui.go);
 *  - Packer 1.6.6's built-in amazon builders: builder/amazon/common/step_source_ami_info.go,
 *    `ui.Message(…)`: the four-space form (the build below prints it).
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import * as fs from 'node:fs'
import * as os from 'node:os'
import path from 'node:path'
import { noteFoundImage } from '../../src/lineage/found-images.js'
import { parseLine } from '../../src/packer/machine-readable.js'
import { runPacker } from '../../src/packer/run.js'
import { credentials } from '../support/aws-clients.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { ensurePacker } from '../support/packer.js'

const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/machine-readable')
/** A public AMI moto serves in every region. */
const CATALOGUE_AMI = 'ami-03cf127a'
const T = '1796583952'

/** The base of each build a stream of `-machine-readable` lines names, as build.ts keeps them. */
function foundIn(lines: string[]): Record<string, string> {
  const found: Record<string, string> = {}
  for (const line of lines) {
    const event = parseLine(line)
    if (event !== undefined) noteFoundImage(found, event)
  }
  return found
}

function fixture(name: string): string[] {
  return fs
    .readFileSync(path.join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
}

describe('a real Packer 1.6.6 build against moto', () => {
  let moto: Moto
  let dir: string
  let ec2: EC2Client

  beforeAll(async () => {
    moto = await startMoto()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'found-images-'))
    ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
  })

  afterAll(async () => {
    ec2?.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    await moto?.stop()
  })

  it('names the base of each build, by its build name, as EC2 resolved source_ami and source_ami_filter', async () => {
    // Two bases of moto's catalogue (its own AMIs have a `standard` root device, which amazon-ebs
    // refuses): one named by id, one found by a filter, looked up here as EC2 answers it.
    const webBase = 'ami-1e749f67'
    const workerName = 'amzn2-ami-hvm-2.0.20180810-x86_64-gp2'
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['137112412989'], Filters: [{ Name: 'name', Values: [workerName] }] }))
    expect(Images).toHaveLength(1)
    const workerBase = Images[0].ImageId as string
    const common = `
  region                     = "us-east-1"
  instance_type              = "t3.micro"
  communicator               = "none"
  custom_endpoint_ec2        = "${moto.endpoint}"
  skip_credential_validation = true
  skip_metadata_api_check    = true
  skip_region_validation     = true`
    fs.writeFileSync(
      path.join(dir, 'found.pkr.hcl'),
      `source "amazon-ebs" "web" {${common}
  source_ami = "${webBase}"
  ami_name   = "found-web-{{timestamp}}"
}
source "amazon-ebs" "worker" {${common}
  source_ami_filter {
    filters     = { name = "${workerName}" }
    owners      = ["137112412989"]
    most_recent = true
  }
  ami_name = "found-worker-{{timestamp}}"
}
build {
  name    = "my release"
  sources = ["source.amazon-ebs.web", "source.amazon-ebs.worker"]
  # A build's own output in the very form of Packer's line, naming another AMI: not its base.
  provisioner "shell-local" {
    inline = ["echo 'Found Image ID: ${CATALOGUE_AMI}'"]
  }
}
`
    )
    const lines: string[] = []
    const run = await runPacker(ensurePacker(), ['build', '-color=false', '-machine-readable', '.'], {
      cwd: dir,
      env: { ...process.env, ...awsTestEnv, PACKER_LOG: '', PACKER_LOG_PATH: '' },
      onLine: (line) => lines.push(line)
    })
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
    expect(foundIn(lines)).toStrictEqual({ 'my release.amazon-ebs.web': webBase, 'my release.amazon-ebs.worker': workerBase })
    // Packer 1.6.6 prints it as a Message: four spaces, then the build, as the header says.
    expect(lines.filter((l) => l.includes(`Found Image ID: ${webBase}`)).map((l) => l.replace(/^\d+/, 'T'))).toEqual([
      `T,,ui,message,    my release.amazon-ebs.web: Found Image ID: ${webBase}`
    ])
    // The provisioner's echo came after, one line per build, indistinguishable from Packer's: alone it
    // would name the catalogue AMI as the base; after Packer's line it counts for nothing.
    const echoed = lines.filter((l) => l.includes(`Found Image ID: ${CATALOGUE_AMI}`))
    expect(echoed.map((l) => l.replace(/^\d+/, 'T')).sort()).toEqual([
      `T,,ui,message,    my release.amazon-ebs.web: Found Image ID: ${CATALOGUE_AMI}`,
      `T,,ui,message,    my release.amazon-ebs.worker: Found Image ID: ${CATALOGUE_AMI}`
    ])
    expect(foundIn(echoed)).toStrictEqual({ 'my release.amazon-ebs.web': CATALOGUE_AMI, 'my release.amazon-ebs.worker': CATALOGUE_AMI })
    for (const build of ['web', 'worker']) {
      const own = lines.findIndex((l) => l.includes(`my release.amazon-ebs.${build}: Found Image ID: ${build === 'web' ? webBase : workerBase}`))
      const echo = lines.findIndex((l) => l.includes(`my release.amazon-ebs.${build}: Found Image ID: ${CATALOGUE_AMI}`))
      expect(own).toBeGreaterThanOrEqual(0)
      expect(echo).toBeGreaterThan(own)
    }
  })
})

describe('the fixtures of test/fixtures/machine-readable', () => {
  it.each([
    // Captured from Debian's Packer 1.6.6 (a build block "my release", an amazon-ebs and a file source).
    ['packer-1.6.6-ami-and-file.txt', { 'my release.amazon-ebs.web': 'ami-03cf127a' }],
    // packer-plugin-amazon v1.8.2's amazon-ebs, Say: `==> amazon-ebs.web: …`.
    ['packer-1.12-amazon.txt', { 'amazon-ebs.web': 'ami-0fedcba9876543210' }],
    ['packer-1.13-amazon.txt', { 'amazon-ebs.web': 'ami-0fedcba9876543210' }],
    // Builds that failed before the step, or never ran an amazon source: nothing found.
    ['packer-1.6.6-failed.txt', {}],
    ['packer-1.16-no-ami.txt', {}]
  ])('%s: one base per build that printed it, nothing else', (name, expected) => {
    expect(foundIn(fixture(name))).toStrictEqual(expected)
  })
})

describe('one line', () => {
  it.each([
    ['the plugin amazon-ebs (Say)', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-0fedcba9876543210`, 'amazon-ebs.web', 'ami-0fedcba9876543210'],
    ["the plugin's amazon-instance under Packer 1.12 (Message)", `${T},,ui,message,    amazon-instance.x: Found Image ID: ami-0fedcba9876543210`, 'amazon-instance.x', 'ami-0fedcba9876543210'],
    ['a named build (Say, from Packer 1.13)', `${T},,ui,say,==> app.amazon-ebs.web: Found Image ID: ami-0123456789abcdef0`, 'app.amazon-ebs.web', 'ami-0123456789abcdef0'],
    ["moto's short ids", `${T},,ui,message,    amazon-ebs.web: Found Image ID: ami-03cf127a`, 'amazon-ebs.web', 'ami-03cf127a'],
    ['white space after the id (a line ending in an escaped newline)', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-0fedcba9876543210 \\n`, 'amazon-ebs.web', 'ami-0fedcba9876543210']
  ])('%s is the base of its build', (_, line, build, ami) => {
    expect(foundIn([line])).toStrictEqual({ [build]: ami })
  })

  it.each([
    // No build: core's own lines, and text that no build prefix starts.
    ['core text without a build', `${T},,ui,say,==> Wait completed after 2 seconds: Found Image ID: ami-0fedcba9876543210`],
    ['text with no prefix at all', `${T},,ui,say,note: Found Image ID: ami-0fedcba9876543210`],
    // A build's other lines that name an AMI: not after `Found Image ID:`.
    ['the AMI being tagged', `${T},,ui,say,==> amazon-ebs.web: Adding tags to AMI (ami-0fedcba9876543210)...`],
    ['an AMI copied to another region', `${T},,ui,message,    amazon-ebs.web: Copying AMI (ami-0fedcba9876543210) to other regions...`],
    ['an AMI deregistered by force_deregister', `${T},,ui,say,==> amazon-ebs.web: Deregistered AMI id: ami-0fedcba9876543210`],
    ['the artifact summary', `${T},,ui,say,--> amazon-ebs.web: AMIs were created:\\nus-east-1: ami-0fedcba9876543210\\n`],
    // Trailing text: the id is not all that follows.
    ['words after the id', `${T},,ui,message,    amazon-ebs.web: Found Image ID: ami-0fedcba9876543210 (the catalogue one)`],
    ['a character after the id that no id holds', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-0fedcba987654321g`],
    ['two ids', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-0fedcba9876543210%!(PACKER_COMMA)ami-0123456789abcdef0`],
    ['an id of upper-case letters', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-0FEDCBA9876543210`],
    ['no id', `${T},,ui,say,==> amazon-ebs.web: Found Image ID: ami-`],
    // Not a ui line: a build's error and an artifact, even where their text reads the same.
    ["a build's error", `${T},amazon-ebs.web,error,step failed: Found Image ID: ami-0fedcba9876543210`],
    ['an artifact', `${T},amazon-ebs.web,artifact,0,string,x: Found Image ID: ami-0fedcba9876543210`]
  ])('%s is no base', (_, line) => {
    expect(parseLine(line)).toBeDefined()
    expect(foundIn([line])).toStrictEqual({})
  })
})

describe('lines of several builds', () => {
  // From Packer 1.13 a provisioner's output and a builder's Say are one form (hashicorp/packer
  // commit f41c2719a): the first line of a build is Packer's, what follows may be anyone's.
  const say = (build: string, ami: string): string => `${T},,ui,say,==> ${build}: Found Image ID: ${ami}`
  const provisioner = say
  it.each([
    ["a provisioner's line after Packer's, in the same form", [say('amazon-ebs.web', 'ami-0aaaaaaaaaaaaaaaa'), provisioner('amazon-ebs.web', 'ami-0bbbbbbbbbbbbbbbb')], { 'amazon-ebs.web': 'ami-0aaaaaaaaaaaaaaaa' }],
    [
      'two builds interleaved, each keeping its own first line',
      [say('amazon-ebs.web', 'ami-0aaaaaaaaaaaaaaaa'), say('amazon-ebs.db', 'ami-0cccccccccccccccc'), provisioner('amazon-ebs.db', 'ami-0bbbbbbbbbbbbbbbb'), provisioner('amazon-ebs.web', 'ami-0bbbbbbbbbbbbbbbb')],
      { 'amazon-ebs.web': 'ami-0aaaaaaaaaaaaaaaa', 'amazon-ebs.db': 'ami-0cccccccccccccccc' }
    ],
    ["another build's line does not stand for this one", [say('amazon-ebs.web', 'ami-0aaaaaaaaaaaaaaaa'), say('app.amazon-ebs.web', 'ami-0bbbbbbbbbbbbbbbb')], { 'amazon-ebs.web': 'ami-0aaaaaaaaaaaaaaaa', 'app.amazon-ebs.web': 'ami-0bbbbbbbbbbbbbbbb' }]
  ])('%s', (_, lines, expected) => {
    expect(foundIn(lines)).toStrictEqual(expected)
  })
})
