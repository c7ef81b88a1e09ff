/**
 * Builder resources Packer reports creating, read from its ui lines, pure. Packer 1.6.6 names
 * no region beside them, so the regions its output does name are gathered too.
 */
export interface BuilderResources {
  instances: string[]
  keyPairs: string[]
  securityGroups: string[]
  images: string[]
  regions: string[]
}

export function emptyResources(): BuilderResources {
  return { instances: [], keyPairs: [], securityGroups: [], images: [], regions: [] }
}

const PATTERNS: Array<[keyof BuilderResources, RegExp]> = [
  ['keyPairs', /Creating temporary keypair: (packer_[\w-]+)/],
  ['securityGroups', /Creating temporary security group for this instance: (packer_[\w-]+)/],
  ['instances', /Instance ID: (i-[0-9a-f]+)/],
  ['images', /(?:^|\s)AMI: (ami-[0-9a-f]+)/],
  ['images', /Adding tags to AMI \((ami-[0-9a-f]+)\)/],
  ['regions', /Copying to: ([a-z]{2,4}(?:-[a-z]+)+-\d+)/]
]

/** Adds what one ui line reports; true when something new was seen, so it is saved at once. */
export function noteResources(into: BuilderResources, text: string): boolean {
  let changed = false
  for (const [kind, pattern] of PATTERNS) {
    const id = pattern.exec(text)?.[1]
    if (id !== undefined && !into[kind].includes(id)) {
      into[kind].push(id)
      changed = true
    }
  }
  return changed
}

export function hasResources(r: BuilderResources): boolean {
  return r.instances.length + r.keyPairs.length + r.securityGroups.length + r.images.length > 0
}
