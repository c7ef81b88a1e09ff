import type { PackerEvent } from '../packer/machine-readable.js'

/**
 * The base image each build started from, as Packer says it: `Found Image ID: ami-…` after the
 * build's prefix. packer-plugin-amazon v1.8.2 prints it with ui.Say (common/step_source_ami_info.go
 * line 71: `==> amazon-ebs.web: Found Image ID: ami-…`); Packer 1.6.6's built-in builder with
 * ui.Message (builder/amazon/common/step_source_ami_info.go line 94: four spaces, then the build).
 */
const FOUND = /: Found Image ID: (ami-[0-9a-f]+)\s*$/

export function foundImage(event: PackerEvent): { build: string; ami: string } | undefined {
  if (event.kind !== 'ui' || event.build === undefined) return undefined
  const ami = FOUND.exec(event.text)?.[1]
  return ami === undefined ? undefined : { build: event.build, ami }
}
