import { listedBinaries, pinProblems } from '../../src/packer/plugin-confirm.js'

const linux = { os: 'linux', arch: 'amd64', ext: '' }
const bin = (dir: string, version: string, parent = 'github.com/hashicorp/amazon'): string => `${dir}/${parent}/packer-plugin-amazon_v${version}_x5.0_linux_amd64`

describe('listedBinaries (command/plugins_installed.go:75-77 at v1.16.0: one path a line)', () => {
  it('takes each non-empty line', () => {
    expect(listedBinaries('/p/a\r\n\n  /p/b  \n')).toStrictEqual(['/p/a', '/p/b'])
  })
})

describe('pinProblems', () => {
  const placed = { source: 'github.com/hashicorp/amazon', version: '1.8.2', binary: bin('/p', '1.8.2') }
  it('says nothing when Packer lists the placed version alone, or lower ones', () => {
    expect(pinProblems([placed], '/p', [bin('/p', '1.8.2'), bin('/p', '1.7.0')], true, linux)).toStrictEqual([])
  })

  it('names both versions and the path in your PACKER_PLUGIN_PATH', () => {
    expect(pinProblems([placed], '/p', [bin('/p', '1.8.2'), bin('/p', '1.9.0')], true, linux)).toStrictEqual([
      'plugin github.com/hashicorp/amazon: Packer would load version 1.9.0 instead of 1.8.2, the version the action placed: your PACKER_PLUGIN_PATH (/p) holds ' +
        `${bin('/p', '1.9.0')}. The action does not remove your files: remove that binary, narrow the version, or point PACKER_PLUGIN_PATH elsewhere`
    ])
  })

  it('names the required_plugins constraint, and the folder when it is the action\'s', () => {
    const required = { ...placed, constraint: '>= 1.8.0' }
    expect(pinProblems([required], '/p', [bin('/p', '1.9.0')], false, linux)).toStrictEqual([
      `plugin github.com/hashicorp/amazon: Packer would load version 1.9.0 instead of 1.8.2, which the action placed for required_plugins ">= 1.8.0": the action's plugin folder /p holds ${bin('/p', '1.9.0')}`
    ])
  })

  it('reads only lines below the folder', () => {
    expect(pinProblems([placed], '/p', [bin('/elsewhere', '1.9.0'), 'Packer said something'], true, linux)).toStrictEqual([])
  })
})
