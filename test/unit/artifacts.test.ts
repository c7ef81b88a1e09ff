import {
  amiArtifact,
  amiArtifacts,
  ArtifactCollector,
  amisOfArtifactId,
  builderIdOf,
  builderType,
  entriesOf,
  otherArtifacts,
  sortArtifacts,
  type Artifact,
  type ListedArtifact,
  type PackerArtifact
} from '../../src/packer/artifacts.js'
import { parseLine } from '../../src/packer/machine-readable.js'

const T = '1795574689'
const WEB_AMIS = 'us-east-1:ami-e3ac96c80ffc6c446%!(PACKER_COMMA)us-west-2:ami-e2b202627ac6b2b98'

function collect(lines: string[]): PackerArtifact[] {
  const c = new ArtifactCollector()
  for (const line of lines) {
    const event = parseLine(line)
    if (event !== undefined) c.add(event)
  }
  return c.artifacts()
}

const ami = (build: string, region: string, id: string, builder = 'amazon-ebs', builderId = 'mitchellh.amazonebs'): PackerArtifact => ({
  build,
  builder,
  builderId,
  id: `${region}:${id}`,
  region,
  ami: id
})
const web = (region: string, id: string): PackerArtifact => ami('amazon-ebs.web', region, id)
const other = (build: string, builder: string, builderId: string, id: string): PackerArtifact => ({ build, builder, builderId, id })

describe('ArtifactCollector', () => {
  it.each<[string, string[], PackerArtifact[]]>([
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
        ami('alpha.amazon-ebs.a1', 'eu-west-1', 'ami-0bbbbbbbbbbbbbbb2'),
        web('us-east-1', 'ami-e3ac96c80ffc6c446'),
        web('us-west-2', 'ami-e2b202627ac6b2b98'),
        ami('amazon-ebs.worker', 'us-east-1', 'ami-0aaaaaaaaaaaaaaa1')
      ]
    ],
    [
      'ui and error lines add nothing',
      [
        `${T},,ui,say,==> amazon-ebs.web: AMI: ami-e3ac96c80ffc6c446`,
        `${T},,ui,say,--> amazon-ebs.web: AMIs were created:\\nus-east-1: ami-e3ac96c80ffc6c446\\n`,
        '1795574768,amazon-ebs.web,error,no valid credential sources for  found.'
      ],
      []
    ],
    [
      // hashicorp/packer @ v1.16.0 : builder/null/artifact_export.go (Id "Null"), builder/file/artifact.go (Id "File")
      'artifacts that are no AMI are listed with their own id, each once per build, builder id and id',
      [
        `${T},null.a,artifact,0,builder-id,fnoeding.null`,
        `${T},null.a,artifact,0,id,Null`,
        `${T},null.a,artifact,1,builder-id,fnoeding.null`,
        `${T},null.a,artifact,1,id,Null`,
        `${T},file.b,artifact,0,builder-id,packer.file`,
        `${T},file.b,artifact,0,id,File`,
        `${T},file.b,artifact,1,builder-id,packer.post-processor.compress`,
        `${T},file.b,artifact,1,id,notes.tar.gz`,
        `${T},docker.app,artifact,0,builder-id,packer.docker`,
        `${T},docker.app,artifact,0,id,sha256:4f3c2a1b`
      ],
      [
        other('docker.app', 'docker', 'packer.docker', 'sha256:4f3c2a1b'),
        other('file.b', 'file', 'packer.file', 'File'),
        other('file.b', 'compress', 'packer.post-processor.compress', 'notes.tar.gz'),
        other('null.a', 'null', 'fnoeding.null', 'Null')
      ]
    ],
    [
      'an AMI and a file in one run, an unknown builder id kept as it is',
      [
        `${T},file.notes,artifact,0,builder-id,packer.file`,
        `${T},file.notes,artifact,0,id,File`,
        `${T},amazon-ebs.web,artifact,0,builder-id,mitchellh.amazonebs`,
        `${T},amazon-ebs.web,artifact,0,id,${WEB_AMIS}`,
        `${T},custom.x,artifact,0,builder-id,acme.custom`,
        `${T},custom.x,artifact,0,id,x-1`
      ],
      [
        web('us-east-1', 'ami-e3ac96c80ffc6c446'),
        web('us-west-2', 'ami-e2b202627ac6b2b98'),
        other('custom.x', 'acme.custom', 'acme.custom', 'x-1'),
        other('file.notes', 'file', 'packer.file', 'File')
      ]
    ],
    [
      // packer-plugin-amazon @ v1.8.2 : post-processor/import/post-processor.go (BuilderId), common/artifact.go (Id)
      'an AMI a post-processor made is counted once per build, whatever builder id repeats it',
      [
        `${T},file.disk,artifact,0,builder-id,packer.post-processor.amazon-import`,
        `${T},file.disk,artifact,0,id,eu-west-1:ami-0ddddddddddddddd4`,
        `${T},file.disk,artifact,1,builder-id,packer.post-processor.manifest`,
        `${T},file.disk,artifact,1,id,eu-west-1:ami-0ddddddddddddddd4`
      ],
      [ami('file.disk', 'eu-west-1', 'ami-0ddddddddddddddd4', 'amazon-import', 'packer.post-processor.amazon-import')]
    ],
    [
      'builder ids of other Amazon builders read as source types',
      [
        `${T},amazon-chroot.c,artifact,0,builder-id,mitchellh.amazon.chroot`,
        `${T},amazon-chroot.c,artifact,0,id,us-east-2:ami-0ccccccccccccccc3`
      ],
      [ami('amazon-chroot.c', 'us-east-2', 'ami-0ccccccccccccccc3', 'amazon-chroot', 'mitchellh.amazon.chroot')]
    ],
    [
      // hashicorp/packer @ v1.16.0 : command/build.go prints `artifact,i,nil` for a nil artifact, and no id
      'a nil artifact adds nothing',
      [`${T},amazon-ebs.web,artifact-count,1`, `${T},amazon-ebs.web,artifact,0,nil`, `${T},amazon-ebs.web,artifact,0,end`],
      []
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

describe('builderType / builderIdOf', () => {
  it.each([
    ['mitchellh.amazonebs', 'amazon-ebs'],
    ['mitchellh.amazon.ebssurrogate', 'amazon-ebssurrogate'],
    ['mitchellh.amazon.instance', 'amazon-instance'],
    ['mitchellh.amazon.chroot', 'amazon-chroot'],
    ['mitchellh.amazon.ebsvolume', 'amazon-ebsvolume'],
    ['packer.file', 'file'],
    ['fnoeding.null', 'null'],
    ['packer.docker', 'docker'],
    ['packer.googlecompute', 'googlecompute']
  ])('%s ↔ %s', (id, type) => {
    expect(builderType(id)).toBe(type)
    expect(builderIdOf(type)).toBe(id)
  })

  it.each([
    ['packer.post-processor.manifest', 'manifest'],
    ['packer.post-processor.amazon-import', 'amazon-import'],
    ['mitchellh.virtualbox', 'mitchellh.virtualbox'],
    ['Azure.ResourceManagement.VMImage', 'Azure.ResourceManagement.VMImage'],
    ['', '']
  ])('%j → %j', (id, type) => {
    expect(builderType(id)).toBe(type)
  })

  it('a type it does not know stands for its own id', () => {
    expect(builderIdOf('acme-custom')).toBe('acme-custom')
  })
})

describe('entriesOf', () => {
  it.each<[string, string, string, PackerArtifact[]]>([
    ['amazon-ebs.web', 'mitchellh.amazonebs', 'us-east-1:ami-1a2b,us-west-2:ami-3c4d', [ami('amazon-ebs.web', 'us-east-1', 'ami-1a2b'), ami('amazon-ebs.web', 'us-west-2', 'ami-3c4d')]],
    // packer-plugin-amazon @ v1.8.2 : common/artifact.go Id() joins no entry when no AMI was made (skip_create_ami)
    ['amazon-ebs.web', 'mitchellh.amazonebs', '', [other('amazon-ebs.web', 'amazon-ebs', 'mitchellh.amazonebs', '')]],
    ['amazon-ebsvolume.v', 'mitchellh.amazon.ebsvolume', 'us-east-1:vol-0123', [other('amazon-ebsvolume.v', 'amazon-ebsvolume', 'mitchellh.amazon.ebsvolume', 'us-east-1:vol-0123')]],
    ['file.notes', 'packer.file', 'File', [other('file.notes', 'file', 'packer.file', 'File')]]
  ])('%s %s %j', (build, builderId, id, expected) => {
    expect(entriesOf(build, builderId, id)).toStrictEqual(expected)
  })
})

describe('amiArtifact', () => {
  it('completes an AMI known by its source type, as an earlier run\'s tags give it', () => {
    const known: Artifact = { build: 'amazon-ebs.web', builder: 'amazon-ebs', region: 'us-west-2', ami: 'ami-0f1e' }
    expect(amiArtifact(known)).toStrictEqual(ami('amazon-ebs.web', 'us-west-2', 'ami-0f1e'))
    expect(JSON.stringify(amiArtifact(known))).toBe(JSON.stringify(entriesOf('amazon-ebs.web', 'mitchellh.amazonebs', 'us-west-2:ami-0f1e')[0]))
  })
})

describe('amiArtifacts / otherArtifacts', () => {
  const file = other('file.notes', 'file', 'packer.file', 'File')
  const narrow: Artifact = { build: 'amazon-ebs.old', builder: 'amazon-ebs', region: 'eu-west-1', ami: 'ami-0e' }
  it.each<[string, ListedArtifact[], ListedArtifact[], ListedArtifact[]]>([
    ['a mixed list splits, each part in its order', [web('us-east-1', 'ami-1'), file, web('us-west-2', 'ami-2')], [web('us-east-1', 'ami-1'), web('us-west-2', 'ami-2')], [file]],
    ['no AMI', [file], [], [file]],
    ['AMIs known only by region and id count as AMIs', [narrow], [narrow], []],
    ['nothing', [], [], []]
  ])('%s', (_name, list, amis, others) => {
    expect(amiArtifacts(list)).toStrictEqual(amis)
    expect(otherArtifacts(list)).toStrictEqual(others)
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
