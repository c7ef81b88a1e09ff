import { buildArgs, fmtArgs, initArgs, validateArgs, type CommonArgs } from '../../src/packer/args.js'
import { fmtTargets } from '../../src/packer/validate.js'

const base: CommonArgs = { template: '/ws/packer', varFiles: [], only: [], except: [] }
const full: CommonArgs = {
  template: '/ws/packer dir/web.pkr.hcl',
  varFiles: ['/ws/common.pkrvars.hcl', '/tmp/runner temp/packer-ami-action-1.pkrvars.json'],
  only: ['amazon-ebs.web', 'alpha.amazon-ebs.a1'],
  except: []
}

describe('packer command lines', () => {
  it.each<[string, string[], string[]]>([
    ['init', initArgs('/ws/packer'), ['init', '/ws/packer']],
    ['fmt', fmtArgs('/ws/packer'), ['fmt', '-check', '-diff', '/ws/packer']],
    ['validate, nothing extra', validateArgs(base), ['validate', '/ws/packer']],
    [
      'validate, var-files in order and -only, template last',
      validateArgs(full),
      [
        'validate',
        '-var-file=/ws/common.pkrvars.hcl',
        '-var-file=/tmp/runner temp/packer-ami-action-1.pkrvars.json',
        '-only=amazon-ebs.web,alpha.amazon-ebs.a1',
        '/ws/packer dir/web.pkr.hcl'
      ]
    ],
    ['validate, -except', validateArgs({ ...base, except: ['a', 'b'] }), ['validate', '-except=a,b', '/ws/packer']],
    [
      'build, defaults',
      buildArgs(base, { onError: 'cleanup' }),
      ['build', '-color=false', '-machine-readable', '-on-error=cleanup', '/ws/packer']
    ],
    [
      'build, every flag',
      buildArgs(full, { onError: 'abort', parallelBuilds: 2 }),
      [
        'build',
        '-color=false',
        '-machine-readable',
        '-on-error=abort',
        '-parallel-builds=2',
        '-var-file=/ws/common.pkrvars.hcl',
        '-var-file=/tmp/runner temp/packer-ami-action-1.pkrvars.json',
        '-only=amazon-ebs.web,alpha.amazon-ebs.a1',
        '/ws/packer dir/web.pkr.hcl'
      ]
    ],
    [
      'build, -parallel-builds=0 is kept (0 means no limit)',
      buildArgs({ ...base, except: ['x'] }, { onError: 'run-cleanup-provisioner', parallelBuilds: 0 }),
      ['build', '-color=false', '-machine-readable', '-on-error=run-cleanup-provisioner', '-parallel-builds=0', '-except=x', '/ws/packer']
    ]
  ])('%s', (_name, actual, expected) => {
    expect(actual).toStrictEqual(expected)
  })
})

describe('fmtTargets', () => {
  it.each<[string, string, boolean, string[], string[]]>([
    ['a directory, var-files outside it', '/w/packer', true, ['/w/a.pkrvars.hcl', '/w/b.json'], ['/w/packer', '/w/a.pkrvars.hcl']],
    ['a directory reads its own var-files', '/w/packer', true, ['/w/packer/a.pkrvars.hcl'], ['/w/packer']],
    ['one .pkr.hcl file', '/w/web.pkr.hcl', false, [], ['/w/web.pkr.hcl']],
    ['one .pkr.json file: nothing fmt can read', '/w/web.pkr.json', false, [], []],
    ['a .pkr.json file with an HCL var-file', '/w/web.pkr.json', false, ['/w/v.pkrvars.hcl'], ['/w/v.pkrvars.hcl']]
  ])('%s', (_name, template, isDirectory, varFiles, expected) => {
    expect(fmtTargets(template, isDirectory, varFiles)).toStrictEqual(expected)
  })
})
