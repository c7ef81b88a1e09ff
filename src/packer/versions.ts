import semver from 'semver'

/** The part of a release site's `packer/index.json` that version resolution reads. */
export interface ReleaseIndex {
  versions: Record<string, unknown>
}

/** True when the spec names one exact version, which the tool cache can answer alone. */
export function isExactVersion(spec: string): boolean {
  return semver.valid(spec) === spec
}

/** Highest stable version in the index that satisfies the spec (`latest` or a semver range). */
export function resolveVersion(index: ReleaseIndex, spec: string, input: string): string {
  const stable = Object.keys(index.versions).filter((v) => semver.valid(v) !== null && semver.prerelease(v) === null)
  const found = spec === 'latest' ? semver.maxSatisfying(stable, '*') : semver.maxSatisfying(stable, spec)
  if (found === null) throw new Error(`${input}: no stable release matches "${spec}" in the mirror's index.json`)
  return found
}

/** Release-site names for this runner's platform and CPU. */
export function platform(nodePlatform: NodeJS.Platform, nodeArch: string): { os: string; arch: string } {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[nodePlatform as string]
  const arch = { x64: 'amd64', arm64: 'arm64' }[nodeArch]
  if (os === undefined || arch === undefined) throw new Error(`Packer has no release for ${nodePlatform}/${nodeArch}`)
  return { os, arch }
}
