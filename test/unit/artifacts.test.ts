import { ArtifactCollector, amisOfArtifactId, builderType, sortArtifacts, type Artifact } from '../../src/packer/artifacts.js'
import { parseLine } from '../../src/packer/machine-readable.js'

const T = '1795574689'
const WEB_AMIS = 'us-east-1:ami-e3ac96c80ffc6c446%!(PACKER_COMMA)us-west-2:ami-e2b202627ac6b2b98'

function collect(lines: string[]): Artifact[] {
  const c = new ArtifactCollector()
  for (const line of lines) {
    const event = parseLine(line)
    if (event !== undefined) c.add(event)
  }
  return c.artifacts()
}

const web = (region: string, ami: string): Artifact => ({ build: 'amazon-ebs.web', builder: 'amazon-ebs', region, ami })

describe('ArtifactCollector', () => {
  it.each<[string, string[], Artifact[]]>([
    [
      'one build in two regions, repeated by a post-processor: counted once',
      [
        `${T},amazon-ebs.web,artifact-count,2`,
        `${T},amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.web,artifact,0,id,${WEB_AMIS}`,
        `${T},amazon-ebs.web,artifact,0,end`,
        `${T},amazon-ebs.web,artifact,1,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.web,artifact,1,id,${WEB_AMIS}`,
        `${T},amazon-ebs.web,artifact,1,end`
      ],
      [web('us-east-1', 'ami-e3ac96c80ffc6c446'), web('us-west-2', 'ami-e2b202627ac6b2b98')]
    ],
    [
      'repeat without its own builder-id line',
      [
        `${T},amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.web,artifact,0,id,${WEB_AMIS}`,
        `${T},amazon-ebs.web,artifact,1,id,${WEB_AMIS}`
      ],
      [web('us-east-1', 'ami-e3ac96c80ffc6c446'), web('us-west-2', 'ami-e2b202627ac6b2b98')]
    ],
    [
      'builds sorted by name, whichever finished first; named build block kept whole',
      [
        `${T},amazon-ebs.worker,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.worker,artifact,0,id,us-east-1:ami-0aaaaaaaaaaaaaaa1`,
        `${T},amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.web,artifact,0,id,${WEB_AMIS}`,
        `${T},alpha.amazon-ebs.a1,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},alpha.amazon-ebs.a1,artifact,0,id,eu-west-1:ami-0bbbbbbbbbbbbbbb2`
      ],
      [
        { build: 'alpha.amazon-ebs.a1', builder: 'amazon-ebs', region: 'eu-west-1', ami: 'ami-0bbbbbbbbbbbbbbb2' },
        web('us-east-1', 'ami-e3ac96c80ffc6c446'),
        web('us-west-2', 'ami-e2b202627ac6b2b98'),
        { build: 'amazon-ebs.worker', builder: 'amazon-ebs', region: 'us-east-1', ami: 'ami-0aaaaaaaaaaaaaaa1' }
      ]
    ],
    [
      'ui, error and non-AMI artifacts add nothing',
      [
        `${T},,ui,say,==> amazon-ebs.web: AMI: ami-e3ac96c80ffc6c446`,
        `${T},,ui,say,--> amazon-ebs.web: AMIs were created:\\nus-east-1: ami-e3ac96c80ffc6c446\\n`,
        '1795574768,amazon-ebs.web,error,no valid credential sources for  found.',
        `${T},null.a,artifact,0,builder-id,null`,
        `${T},null.a,artifact,0,id,Did not export anything. This is the null builder`,
        `${T},file.b,artifact,0,id,/tmp/out.txt`
      ],
      []
    ],
    [
      'builder ids of other Amazon builders read as source types',
      [
        `${T},amazon-chroot.c,artifact,0,builder-id,mitchellh.amazon.chroot`,
        `${T},amazon-chroot.c,artifact,0,id,us-east-2:ami-0ccccccccccccccc3`
      ],
      [{ build: 'amazon-chroot.c', builder: 'amazon-chroot', region: 'us-east-2', ami: 'ami-0ccccccccccccccc3' }]
    ]
  ])('%s', (_name, lines, expected) => {
    expect(collect(lines)).toStrictEqual(expected)
  })
})

describe('amisOfArtifactId', () => {
  it.each([
    ['us-east-1:ami-1a2b', [{ region: 'us-east-1', ami: 'ami-1a2b' }]],
    [
      'us-east-1:ami-e3ac96c80ffc6c446,us-gov-west-1:ami-e2b202627ac6b2b98',
      [
        { region: 'us-east-1', ami: 'ami-e3ac96c80ffc6c446' },
        { region: 'us-gov-west-1', ami: 'ami-e2b202627ac6b2b98' }
      ]
    ],
    ['', []],
    ['/tmp/packer-manifest.json', []],
    ['us-east-1:ami-1a2b,garbage', []],
    ['us-east-1:snap-0123', []]
  ])('%j', (id, expected) => {
    expect(amisOfArtifactId(id)).toStrictEqual(expected)
  })
})

describe('builderType', () => {
  it.each([
    ['mitchellh.amazonebs', 'amazon-ebs'],
    ['mitchellh.amazon.ebssurrogate', 'amazon-ebssurrogate'],
    ['mitchellh.amazon.instance', 'amazon-instance'],
    ['mitchellh.amazon.chroot', 'amazon-chroot'],
    ['packer.post-processor.manifest', 'packer.post-processor.manifest']
  ])('%s → %s', (id, expected) => {
    expect(builderType(id)).toBe(expected)
  })
})

describe('sortArtifacts', () => {
  it('orders by build name, keeping each build\'s region order, without touching the input', () => {
    const a = (build: string, region: string): Artifact => ({ build, builder: 'amazon-ebs', region, ami: `ami-${region.length}` })
    const input = [a('b', 'us-west-2'), a('a', 'eu-west-1'), a('b', 'ap-south-1'), a('a', 'us-east-1')]
    const copy = [...input]
    expect(sortArtifacts(input).map((x) => `${x.build}/${x.region}`)).toStrictEqual([
      'a/eu-west-1',
      'a/us-east-1',
      'b/us-west-2',
      'b/ap-south-1'
    ])
    expect(input).toStrictEqual(copy)
  })
})
