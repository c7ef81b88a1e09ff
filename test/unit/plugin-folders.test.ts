import { lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { carryOver, checkPluginPath, packerPluginFolder } from '../../src/packer/plugin-folders.js'

describe('packerPluginFolder (packer/plugin_folders.go:19-37 at v1.16.0; packer-plugin-sdk v0.6.10 pathing)', () => {
  const none = (): boolean => false
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, (d: string) => boolean, string | undefined]>([
    ['PACKER_PLUGIN_PATH first', { PACKER_PLUGIN_PATH: '/p', PACKER_CONFIG_DIR: '/c', HOME: '/h' }, 'linux', none, '/p'],
    ['PACKER_CONFIG_DIR/.packer.d', { PACKER_CONFIG_DIR: '/c', HOME: '/h' }, 'linux', none, '/c/.packer.d/plugins'],
    ['~/.packer.d once it exists, over XDG', { HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux', (d) => d === '/h/.packer.d', '/h/.packer.d/plugins'],
    ['XDG_CONFIG_HOME/packer', { HOME: '/h', XDG_CONFIG_HOME: '/x' }, 'linux', none, '/x/packer/plugins'],
    ['~/.config/packer', { HOME: '/h' }, 'darwin', none, '/h/.config/packer/plugins'],
    ['no home', {}, 'linux', none, undefined],
    ['Windows: PACKER_CONFIG_DIR/packer.d', { PACKER_CONFIG_DIR: 'C:\\c', APPDATA: 'C:\\a' }, 'win32', none, 'C:\\c\\packer.d\\plugins'],
    ['Windows: APPDATA/packer.d', { APPDATA: 'C:\\a', HOME: 'C:\\h' }, 'win32', none, 'C:\\a\\packer.d\\plugins']
  ])('%s', (_name, env, platform, exists, expected) => {
    expect(packerPluginFolder(env, platform, exists)).toBe(expected)
  })
})

describe('checkPluginPath', () => {
  it('refuses a list of folders, which Packer >= 1.11 refuses', () => {
    expect(() => checkPluginPath(['/a', '/b'].join(path.delimiter))).toThrow(/PACKER_PLUGIN_PATH is a list of folders .*Packer 1\.11 and later take one folder/)
    expect(() => checkPluginPath('/a')).not.toThrow()
  })
})

describe('carryOver', () => {
  it('links every file below the folder at the same path, leaves out what it is told to, and changes nothing there', () => {
    const from = mkdtempSync(path.join(tmpdir(), 'pam-from-'))
    const to = mkdtempSync(path.join(tmpdir(), 'pam-to-'))
    const put = (rel: string, text: string): string => {
      const file = path.join(from, rel)
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, text, { mode: 0o755 })
      return file
    }
    put('github.com/acme/x/packer-plugin-x_v1.0.0_x5.0_linux_amd64', 'x')
    put('github.com/acme/x/packer-plugin-x_v1.0.0_x5.0_linux_amd64_SHA256SUM', 'sum')
    put('github.com/hashicorp/amazon/packer-plugin-amazon_v9.9.9_x5.0_linux_amd64', 'higher')
    const target = put('elsewhere/real-file', 'behind a link')
    symlinkSync(target, path.join(from, 'github.com', 'acme', 'x', 'linked'))
    mkdirSync(path.join(from, 'real-dir'))
    symlinkSync(path.join(from, 'real-dir'), path.join(from, 'github.com', 'dir-link'))
    const { carried, leftOut } = carryOver(from, to, (rel) => rel.includes('packer-plugin-amazon_'))
    expect(leftOut).toStrictEqual(['github.com/hashicorp/amazon/packer-plugin-amazon_v9.9.9_x5.0_linux_amd64'])
    expect(carried.sort()).toStrictEqual(
      ['elsewhere/real-file', 'github.com/acme/x/linked', 'github.com/acme/x/packer-plugin-x_v1.0.0_x5.0_linux_amd64', 'github.com/acme/x/packer-plugin-x_v1.0.0_x5.0_linux_amd64_SHA256SUM'].sort()
    )
    const plugin = path.join(to, 'github.com', 'acme', 'x', 'packer-plugin-x_v1.0.0_x5.0_linux_amd64')
    // A hard link: the same file, so its mode and checksum are the original's.
    expect(statSync(plugin).ino).toBe(statSync(path.join(from, 'github.com', 'acme', 'x', 'packer-plugin-x_v1.0.0_x5.0_linux_amd64')).ino)
    expect(readFileSync(path.join(to, 'github.com', 'acme', 'x', 'linked'), 'utf8')).toBe('behind a link')
    expect(() => lstatSync(path.join(to, 'github.com', 'dir-link'))).toThrow()
    expect(readFileSync(path.join(from, 'github.com', 'hashicorp', 'amazon', 'packer-plugin-amazon_v9.9.9_x5.0_linux_amd64'), 'utf8')).toBe('higher')
  })

  it('carries nothing from a folder that is not there', () => {
    expect(carryOver(path.join(tmpdir(), 'pam-no-such-folder'), mkdtempSync(path.join(tmpdir(), 'pam-to-')), () => false)).toStrictEqual({ carried: [], leftOut: [] })
  })
})

