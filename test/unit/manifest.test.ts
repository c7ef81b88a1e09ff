import type { Artifact } from '../../src/packer/artifacts.js'
import { compareAmis, manifestArtifacts } from '../../src/packer/manifest.js'

/** A manifest as Packer's manifest post-processor appends it, run after run. */
function manifest(builds: Array<{ name: string; artifact_id: string; run: string }>, last?: string): string {
  return JSON.stringify({
    builds: builds.map((b) => ({
      name: b.name,
      builder_type: 'amazon-ebs',
      build_time: 1795574689,
      files: null,
      artifact_id: b.artifact_id,
      packer_run_uuid: b.run,
      custom_data: null
    })),
    ...(last === undefined ? {} : { last_run_uuid: last })
  })
}

const art = (build: string, region: string, ami: string): Artifact => ({ build, builder: 'amazon-ebs', region, ami })

describe('manifestArtifacts', () => {
  it.each<[string, string, Artifact[]]>([
    [
      'only the entries of last_run_uuid',
      manifest(
        [
          { name: 'web', artifact_id: 'us-east-1:ami-0000000000000old1', run: 'run-1' },
          { name: 'web', artifact_id: 'us-east-1:ami-e3ac96c80ffc6c446,us-west-2:ami-e2b202627ac6b2b98', run: 'run-2' },
          { name: 'a1', artifact_id: 'eu-west-1:ami-0bbbbbbbbbbbbbbb2', run: 'run-2' },
          { name: 'web', artifact_id: 'us-east-1:ami-0000000000000old3', run: 'run-3' }
        ],
        'run-2'
      ),
      [
        art('a1', 'eu-west-1', 'ami-0bbbbbbbbbbbbbbb2'),
        art('web', 'us-east-1', 'ami-e3ac96c80ffc6c446'),
        art('web', 'us-west-2', 'ami-e2b202627ac6b2b98')
      ]
    ],
    ['no last_run_uuid: nothing is known to be this run', manifest([{ name: 'web', artifact_id: 'us-east-1:ami-0a1', run: 'r' }]), []],
    ['last run without builds', manifest([{ name: 'web', artifact_id: 'us-east-1:ami-0a1', run: 'r1' }], 'r2'), []],
    ['non-AMI artifact ids are left out', manifest([{ name: 'f', artifact_id: 'out.txt', run: 'r' }], 'r'), []],
    ['empty manifest', '{}', []]
  ])('%s', (_name, text, expected) => {
    expect(manifestArtifacts(text)).toStrictEqual(expected)
  })

  it('refuses text that is not JSON', () => {
    expect(() => manifestArtifacts('{"builds": [')).toThrow()
  })
})

describe('compareAmis', () => {
  const s = [art('amazon-ebs.web', 'us-east-1', 'ami-1'), art('amazon-ebs.web', 'us-west-2', 'ami-2')]
  it.each<[string, Artifact[], Artifact[], { onlyInStream: string[]; onlyInManifest: string[] }]>([
    ['same AMIs, different build labels', s, [art('web', 'us-east-1', 'ami-1'), art('web', 'us-west-2', 'ami-2')], { onlyInStream: [], onlyInManifest: [] }],
    ['manifest misses one', s, [art('web', 'us-east-1', 'ami-1')], { onlyInStream: ['ami-2'], onlyInManifest: [] }],
    ['manifest has an extra', s, [...s, art('web', 'eu-west-1', 'ami-3')], { onlyInStream: [], onlyInManifest: ['ami-3'] }],
    ['disjoint', [s[0]], [s[1]], { onlyInStream: ['ami-1'], onlyInManifest: ['ami-2'] }],
    ['both empty', [], [], { onlyInStream: [], onlyInManifest: [] }]
  ])('%s', (_name, stream, man, expected) => {
    expect(compareAmis(stream, man)).toStrictEqual(expected)
  })
})
