import type { ImagesReport } from '../../src/aws/after-build.js'
import { renderReport, type Report } from '../../src/report/render.js'

const base: Report = {
  mode: 'build',
  ok: true,
  artifacts: [],
  template: 'packer',
  run: { sha: 'abc1234', commitUrl: 'https://github.com/acme/images/commit/abc1234', runUrl: 'https://github.com/acme/images/actions/runs/1' }
}

function image(region: string, ami: string, isProtected?: boolean): ImagesReport['images'][number] {
  return { build: 'amazon-ebs.web', region, ami, snapshots: [], family: 'acme/images/amazon-ebs.web', sharedWith: [], protected: isProtected }
}

describe('deregistration protection in the summary', () => {
  it.each<[string, ImagesReport['images'], string | undefined]>([
    ['on for every AMI', [image('us-east-1', 'ami-1', true), image('us-west-2', 'ami-2', true)], 'Deregistration protection: enabled on every AMI above.'],
    ['on for some', [image('us-east-1', 'ami-1', true), image('us-west-2', 'ami-2', false)], 'Deregistration protection: enabled on ami-1 (us-east-1).'],
    ['off', [image('us-east-1', 'ami-1', false)], undefined],
    ['not recorded (an older report)', [image('us-east-1', 'ami-1')], undefined]
  ])('%s', (_name, images, line) => {
    const md = renderReport({ ...base, images: { images, parameters: [], retention: [] } })
    if (line === undefined) expect(md).not.toContain('Deregistration protection')
    else expect(md.split('\n')).toContain(line)
  })
})
