import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { imageNameFromTasklist, isPacker, processTable, stopSurvivingPacker } from '../../src/packer/surviving-process.js'

describe('isPacker', () => {
  it.each([
    ['/opt/hostedtoolcache/packer/1.16.0/x64/packer build -machine-readable .', true],
    ['C:\\hostedtoolcache\\packer\\1.16.0\\x64\\packer.exe', true],
    ['packer.exe', true],
    ['packer', true],
    ['/usr/bin/python3 /tmp/packer-helper.py', false],
    ['/usr/bin/vim packer', false],
    ['', false],
    [undefined, false]
  ])('%j → %s', (commandLine, expected) => {
    expect(isPacker(commandLine)).toBe(expected)
  })
})

describe('imageNameFromTasklist', () => {
  it('reads the image name of the PID from tasklist /FO CSV /NH', () => {
    const out = '"packer.exe","4120","Console","1","52,344 K"\r\n"packer.exe","4188","Console","1","90,100 K"\r\n'
    expect(imageNameFromTasklist(out, 4188)).toBe('packer.exe')
    expect(imageNameFromTasklist(out, 41)).toBeUndefined()
  })

  it('finds nothing in the INFO line tasklist prints when no process matches', () => {
    expect(imageNameFromTasklist('INFO: No tasks are running which match the specified criteria.\r\n', 4120)).toBeUndefined()
  })
})

/**
 * A stand-in whose command line is a `packer` binary's (argv[0] set by exec -a), optionally
 * ignoring SIGTERM as a stuck Packer would, in a process group of its own.
 */
function startFakePacker(ignoreTerm: boolean): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'pam-fake-packer-'))
  const script = `${ignoreTerm ? "trap '' TERM; " : ''}exec -a ${path.join(dir, 'packer')} sleep 30`
  const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' })
  child.unref()
  return child.pid as number
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe.each(['linux', 'darwin'] as const)('stopping a surviving Packer, as on %s', (platform) => {
  const table = processTable(platform)

  it('stops a Packer that honours SIGTERM', async () => {
    const pid = startFakePacker(false)
    await until(() => isPacker(table.commandLine(pid)))
    expect(isPacker(table.commandLine(pid))).toBe(true)
    expect(await stopSurvivingPacker(pid, table, 2000)).toBe(true)
    expect(isPacker(table.commandLine(pid))).toBe(false)
  })

  it('kills one that ignores SIGTERM once the grace time is over', async () => {
    const pid = startFakePacker(true)
    await until(() => isPacker(table.commandLine(pid)))
    expect(await stopSurvivingPacker(pid, table, 300)).toBe(true)
    expect(isPacker(table.commandLine(pid))).toBe(false)
  })

  it('leaves alone a process that is not Packer under a reused PID', async () => {
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' })
    const pid = other.pid as number
    try {
      expect(await stopSurvivingPacker(pid, table, 300)).toBe(false)
      expect(table.commandLine(pid)).toMatch(/sleep/)
    } finally {
      process.kill(pid, 'SIGKILL')
    }
  })
})
