import * as core from '@actions/core'
import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplatesCommand,
  ModifyLaunchTemplateCommand,
  type EC2Client
} from '#client-ec2'
import { randomUUID } from 'node:crypto'
import type { Artifact } from '../packer/artifacts.js'

/** One launch template version this run made: an entry of the `launch-template-versions` output. */
export interface LaunchTemplateVersion {
  region: string
  /** As the user gave it: a name or an `lt-` id. */
  template: string
  /** The template's `lt-` id in that region. */
  id: string
  version: number
  /** The new version is the template's default now (`launch-template-default`). */
  default: boolean
  ami: string
}

export interface LaunchTemplateRollout {
  versions: LaunchTemplateVersion[]
  /** Templates that do not exist in a region where the build made an AMI: a warning each. */
  missing: Array<{ region: string; template: string }>
}

/** The AMI each region's launch templates get, and the build that made it. */
export interface RegionAmi {
  region: string
  build: string
  ami: string
}

/** What EC2 answers for a name or an id it does not know in the region. */
const NOT_FOUND = new Set(['InvalidLaunchTemplateName.NotFoundException', 'InvalidLaunchTemplateId.NotFound'])

/**
 * One AMI per region: that of the first build by name with an AMI there, as `ami-id` picks
 * its build, so a template never depends on which build finished first.
 */
export function regionAmis(images: readonly Artifact[]): RegionAmi[] {
  const chosen = new Map<string, RegionAmi>()
  for (const { region, build, ami } of images) {
    const held = chosen.get(region)
    if (held === undefined || build < held.build) chosen.set(region, { region, build, ami })
  }
  return [...chosen.values()].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0))
}

/** Names and ids are looked up under different parameters; options.ts already checked which is which. */
export function templateQuery(template: string): { LaunchTemplateIds: string[] } | { LaunchTemplateNames: string[] } {
  return template.startsWith('lt-') ? { LaunchTemplateIds: [template] } : { LaunchTemplateNames: [template] }
}

export function isNotFound(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const { name, Code } = err as { name?: unknown; Code?: unknown }
  return NOT_FOUND.has(String(Code ?? name))
}

/** The order of the output and the report: by region, then as the input lists the templates. */
export function inputOrder(templates: readonly string[]): (a: { region: string; template: string }, b: { region: string; template: string }) => number {
  return (a, b) => (a.region === b.region ? templates.indexOf(a.template) - templates.indexOf(b.template) : a.region < b.region ? -1 : 1)
}

/**
 * In every region with an AMI of this run, in parallel: for each template that exists there, a
 * new version from its current default with the region's AMI, made the default when asked. A
 * template missing in a region is a warning for that region; any other error fails the step.
 */
export async function rollOutLaunchTemplates(
  ec2: (region: string) => EC2Client,
  images: readonly Artifact[],
  templates: readonly string[],
  makeDefault: boolean
): Promise<LaunchTemplateRollout> {
  const rollout: LaunchTemplateRollout = { versions: [], missing: [] }
  if (templates.length === 0) return rollout
  await Promise.all(
    regionAmis(images).map(async (target) => {
      // A name and an id given for one template must not make two versions of it.
      const done = new Set<string>()
      for (const template of templates) {
        const made = await newVersion(ec2(target.region), target, template, makeDefault, done)
        if (made === 'missing') {
          rollout.missing.push({ region: target.region, template })
          core.warning(`launch template ${template} does not exist in ${target.region}: no new version there`)
        } else if (made !== undefined) {
          rollout.versions.push(made)
          core.info(`${target.region}: launch template ${template} version ${made.version} → ${made.ami}${made.default ? ' (default)' : ''}`)
        }
      }
    })
  )
  rollout.versions.sort(inputOrder(templates))
  rollout.missing.sort(inputOrder(templates))
  return rollout
}

async function newVersion(
  ec2: EC2Client,
  target: RegionAmi,
  template: string,
  makeDefault: boolean,
  done: Set<string>
): Promise<LaunchTemplateVersion | 'missing' | undefined> {
  try {
    // EC2 answers an unknown name with an error but may answer an unknown id with an empty list.
    const { LaunchTemplates = [] } = await ec2.send(new DescribeLaunchTemplatesCommand(templateQuery(template)))
    const found = LaunchTemplates[0]
    if (found?.LaunchTemplateId === undefined) return 'missing'
    const id = found.LaunchTemplateId
    if (found.DefaultVersionNumber === undefined) throw new Error(`EC2 answered without the default version of ${id}`)
    if (done.has(id)) return undefined
    done.add(id)
    const { LaunchTemplateVersion: made } = await ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: id,
        SourceVersion: String(found.DefaultVersionNumber),
        VersionDescription: `packer-ami-action: ${target.ami} of ${target.build}`.slice(0, 255),
        LaunchTemplateData: { ImageId: target.ami },
        // The SDK's retries resend this token: a timed-out attempt cannot make a second version.
        ClientToken: randomUUID()
      })
    )
    const version = made?.VersionNumber
    if (version === undefined) throw new Error('EC2 answered without a version number')
    if (makeDefault) await ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: id, DefaultVersion: String(version) }))
    return { region: target.region, template, id, version, default: makeDefault, ami: target.ami }
  } catch (err) {
    // Deleted between the look-up and the new version: as missing as one never there.
    if (isNotFound(err)) return 'missing'
    const message = err instanceof Error ? err.message : String(err)
    throw new Error(`launch template ${template} in ${target.region}: ${message}`, { cause: err })
  }
}
