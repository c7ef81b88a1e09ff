/**
 * What changed between the inventory of the image a new AMI replaces and the new one (pure):
 * the kernel first, then packages added, removed and changed. A package is its type, name and
 * architecture; RPM images keep several versions of `kernel` side by side, so each side holds
 * a set of versions, and a package whose set differs has changed.
 */
import type { InstalledPackage, Inventory, PackageType } from './listing.js'

export interface PackageChange {
  type: PackageType
  name: string
  arch?: string
  /** The earlier versions, joined with ", " when there were several. */
  from: string
  to: string
}

export interface InventoryDiff {
  /** Undefined when the kernel release is the same. */
  kernel?: { from: string; to: string }
  added: InstalledPackage[]
  removed: InstalledPackage[]
  changed: PackageChange[]
  /** Packages present in both at the same versions. */
  unchanged: number
}

function key(p: InstalledPackage): string {
  return `${p.type}\u0000${p.name}\u0000${p.arch ?? ''}`
}

function group(packages: InstalledPackage[]): Map<string, InstalledPackage[]> {
  const out = new Map<string, InstalledPackage[]>()
  for (const p of packages) {
    const list = out.get(key(p)) ?? []
    list.push(p)
    out.set(key(p), list)
  }
  return out
}

function versions(list: InstalledPackage[]): string {
  return [...new Set(list.map((p) => p.version))].sort(compare).join(', ')
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function diffInventories(earlier: Inventory, current: Inventory): InventoryDiff {
  const before = group(earlier.packages)
  const after = group(current.packages)
  const diff: InventoryDiff = { added: [], removed: [], changed: [], unchanged: 0 }
  if (earlier.kernel !== current.kernel) diff.kernel = { from: earlier.kernel, to: current.kernel }
  for (const [k, now] of after) {
    const was = before.get(k)
    if (was === undefined) diff.added.push(...now)
    else if (versions(was) !== versions(now)) diff.changed.push({ type: now[0].type, name: now[0].name, arch: now[0].arch, from: versions(was), to: versions(now) })
    else diff.unchanged += now.length
  }
  for (const [k, was] of before) if (!after.has(k)) diff.removed.push(...was)
  const byName = (a: { type: string; name: string; arch?: string }, b: { type: string; name: string; arch?: string }) =>
    compare(a.type, b.type) || compare(a.name, b.name) || compare(a.arch ?? '', b.arch ?? '')
  diff.added.sort(byName)
  diff.removed.sort(byName)
  diff.changed.sort(byName)
  return diff
}
