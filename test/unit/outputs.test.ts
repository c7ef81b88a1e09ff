import type { ListedArtifact, PackerArtifact } from '../../src/packer/artifacts.js'
import { amiOutputs } from '../../src/outputs.js'

const a = (build: string, region: string, ami: string): PackerArtifact => ({
  build,
  builder: 'amazon-ebs',
  builderId: 'mitchellh.amazonebs',
  id: `${region}:${ami}`,
  region,
  ami
})
const file = (build: string): PackerArtifact => ({ build, builder: 'file', builderId: 'packer.file', id: 'File' })
// Already in the order ArtifactCollector gives: builds by name; regions as Packer's artifact id lists them.
const artifacts = [
  a('amazon-ebs.web', 'eu-west-1', 'ami-0000000000000e001'),
  a('amazon-ebs.web', 'us-east-1', 'ami-0000000000000e002'),
  a('amazon-ebs.web', 'us-west-2', 'ami-0000000000000e003'),
  a('amazon-ebs.worker', 'us-east-1', 'ami-0000000000000f001'),
  a('amazon-ebs.worker', 'ap-south-1', 'ami-0000000000000f002')
]
const webIds = { 'eu-west-1': 'ami-0000000000000e001', 'us-east-1': 'ami-0000000000000e002', 'us-west-2': 'ami-0000000000000e003' }

describe('amiOutputs', () => {
  it.each<[string, ListedArtifact[], string | undefined, { amiId: string; amiIds: Record<string, string> }]>([
    ['primary region of the first build', artifacts, 'us-west-2', { amiId: 'ami-0000000000000e003', amiIds: webIds }],
    ['another primary region', artifacts, 'us-east-1', { amiId: 'ami-0000000000000e002', amiIds: webIds }],
    ['no primary region: the first entry', artifacts, undefined, { amiId: 'ami-0000000000000e001', amiIds: webIds }],
    ['first build has no AMI in the primary region: the first entry', artifacts, 'ap-south-1', { amiId: 'ami-0000000000000e001', amiIds: webIds }],
    ['one build, one region', [artifacts[3]], 'eu-central-1', { amiId: 'ami-0000000000000f001', amiIds: { 'us-east-1': 'ami-0000000000000f001' } }],
    ['a build with no AMI sorted first takes no part', [file('amazon-ebs.a-notes'), ...artifacts], 'us-east-1', { amiId: 'ami-0000000000000e002', amiIds: webIds }],
    ['other artifacts only: empty', [file('file.notes'), file('file.readme')], 'us-east-1', { amiId: '', amiIds: {} }],
    ['nothing (every build skipped): empty', [], undefined, { amiId: '', amiIds: {} }],
    [
      'an AMI known only by region and id, as an earlier run gives it',
      [{ build: 'amazon-ebs.old', builder: 'amazon-ebs', region: 'us-east-1', ami: 'ami-0000000000000a001' }],
      'us-east-1',
      { amiId: 'ami-0000000000000a001', amiIds: { 'us-east-1': 'ami-0000000000000a001' } }
    ]
  ])('%s', (_name, list, region, expected) => {
    expect(amiOutputs(list, region)).toStrictEqual(expected)
  })
})
