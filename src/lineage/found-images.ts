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

/**
 * Keeps the base of `event`'s build in `found` when it is the build's first `Found Image ID` line:
 * that one is Packer's. Every amazon builder finds its source AMI before any provisioner runs
 * (packer-plugin-amazon v1.8.2: StepSourceAMIInfo before StepProvision in builder/ebs/builder.go,
 * lines 313 and 395, and likewise in ebssurrogate, ebsvolume, instance and chroot; Packer 1.6.6's
 * builder/amazon/ebs/builder.go, lines 234 and 301). A later line of the same form is a
 * provisioner's output, which may say anything. Not so for an amazon-chroot build with
 * `from_scratch`, which looks up no source AMI (v1.8.2 builder/chroot/builder.go line 452): there a
 * provisioner's line would be taken; such builds start from no image and are not told apart here.
 */
export function noteFoundImage(found: Record<string, string>, event: PackerEvent): void {
  const base = foundImage(event)
  if (base !== undefined) found[base.build] ??= base.ami
}
