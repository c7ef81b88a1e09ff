import * as core from '@actions/core'
import type { EC2Client } from '#client-ec2'
import { amiArtifacts, type ListedArtifact } from '../packer/artifacts.js'
import { attestationDir, writeAttestation, type AttestationFiles } from './attestation.js'
import { ec2Clients } from './clients.js'
import {
  deprecateImage,
  groupByRegion,
  isSharing,
  removeImage,
  shareImage,
  tagImage,
  waitUntilAvailable,
  type RegionImage,
  type WaitOptions
} from './images.js'
import { rollOutLaunchTemplates, type LaunchTemplateRollout } from './launch-templates.js'
import type { ImageOptions } from './options.js'
import { parameterPublisher } from './parameter.js'
import { protectImage } from './protection.js'
import { ssmClients } from './references.js'
import { familyImages, planRetention, referencesOfOlder, type Candidate, type RetentionPlan } from './retention.js'
import { checkShareable } from './shareable.js'
import { provenanceTags, TEST_TAG, type Provenance, type Tags, type TestVerdict } from './tags.js'
import type { TestOptions } from '../test-stage/options.js'
import type { TestResult } from '../test-stage/results.js'
import type { InventoryResult } from '../inventory/take-inventory.js'
import type { ResolvedBase } from '../lineage/base-images.js'
import type { ChannelAssignment } from '../channels/assign.js'
import { assignBuiltImages } from '../channels/build.js'
import type { RunIdentity } from '../channels/names.js'
import { lineageTags, outdatedFamilies, parentsOf, type OutdatedFamily, type ParentImage } from '../lineage/lineage.js'

/** What the after-build steps did, for the outputs, the log and the report. */
export interface ImagesReport {
  images: Array<{
    build: string
    region: string
    ami: string
    snapshots: string[]
    family: string
    sharedWith: string[]
    deprecateAt?: string
    /** Deregistration protection was enabled (`deregistration-protection`). */
    protected?: boolean
    /** The test stage's verdict on the AMI's build; absent without a test stage. */
    test?: TestVerdict
  }>
  /** What the test stage saw, one entry per tested AMI; absent without a test stage. */
  tests?: TestResult[]
  /** The package inventory of each tested AMI (`inventory: true`); absent without one. */
  inventory?: InventoryResult[]
  /** The `attestation-checksums` file and the AMI descriptions it hashes; absent without AMIs. */
  attestation?: AttestationFiles
  parameters: Array<{ region: string; name: string; ami: string }>
  retention: Array<{
    region: string
    family: string
    kept: string[]
    removed: string[]
    spared: string[]
    /** Why each spared AMI was left: `referenced by instance:i-0abc, ssm:/team/base-ami`, `deregistration protection is enabled-without-cooldown`, ... */
    sparedReasons: Record<string, string>
    dryRun: boolean
  }>
  /** New launch template versions with this run's AMIs, and templates missing in a region; absent without AMIs. */
  launchTemplates?: LaunchTemplateRollout
  /** The image each build was built on (src/lineage), by build. */
  parents?: Record<string, ParentImage>
  /** Families whose newest AMI was built on an older AMI of a family this run rebuilt. */
  outdated?: OutdatedFamily[]
  /** Build mode's `channel`: where each new AMI joined it. */
  channels?: ChannelAssignment[]
}

export interface AfterBuildRequest {
  /** Every artifact of the run; only its AMIs are looked after. */
  artifacts: readonly ListedArtifact[]
  options: ImageOptions
  provenance: Provenance
  /** `owner/repo`, the default family's prefix. */
  repository: string
  /** Build mode's `channel`: the new AMIs join it, after tagging, sharing and the test stage. */
  channel?: { name: string; parameterTemplate: string; run: RunIdentity }
  /** What each build started from: Packer's `Found Image ID` lines, and the bases the action resolved. */
  lineage?: { found: Record<string, string>; bases: ResolvedBase[] }
  /** The test stage between tagging and distribution; undefined: none. */
  test?: TestOptions
  /** Blanks secrets in text from the test instance. */
  redact?: (text: string) => string
  /** `inventory: true`: list each tested AMI's packages into an SBOM (src/inventory). */
  inventory?: boolean
}

/** Packer already waited in its own region; copies elsewhere can take a while longer. */
const WAIT: WaitOptions = {
  pollMs: 15_000,
  timeoutMs: 60 * 60_000
}

/**
 * Waits for every AMI, then in every region at once: tags on AMIs and snapshots; then the test
 * stage, when asked for; then, for the AMIs that passed it (or all, without one), sharing,
 * deprecation, protection, the SSM parameter, launch templates and the attestation, while an AMI
 * that failed is only deprecated at once; then retention. Sharing is checked before any change.
 */
export async function afterBuild(req: AfterBuildRequest): Promise<ImagesReport> {
  const amis = amiArtifacts(req.artifacts)
  if (amis.length === 0) return { images: [], parameters: [], retention: [] }
  const ec2 = ec2Clients()
  const publishParameter = parameterPublisher()
  const o = req.options
  const sharing = { accounts: o.shareAccounts, organizations: o.shareOrganizations, ous: o.shareOus }
  const images = await waitUntilAvailable(ec2, amis, WAIT)
  core.info(`Available: ${images.map((i) => `${i.ami} (${i.region})`).join(', ')}`)
  if (isSharing(sharing)) await checkShareable(ec2, images)

  const builds = [...new Set(images.map((i) => i.build))]
  const regionsOf = (build: string): string[] => images.filter((i) => i.build === build).map((i) => i.region)
  const familyOf = (build: string): string => familyName(o.family, req.repository, build, builds.length)
  const deprecateAt = o.deprecateAfterMs === undefined ? undefined : new Date(Date.now() + o.deprecateAfterMs)
  const report: ImagesReport = { images: [], parameters: [], retention: [] }
  report.parents = await parentsOf(ec2, req.lineage?.found ?? {}, req.lineage?.bases ?? [], regionsOf, images)
  for (const [build, parent] of Object.entries(report.parents)) {
    core.info(`${build}: built on ${parent.id} (${parent.name ?? 'name unknown'}, ${parent.region})`)
  }

  // Tags first, on every AMI: with a test stage an AMI says `test: pending` until its verdict, so
  // one whose test never ends (the job died) is never reused, shared or counted as newest.
  const testing = req.test !== undefined
  const tagsOf = (image: RegionImage): Tags => ({
    ...o.tags,
    ...provenanceTags(req.provenance, familyOf(image.build), { build: image.build, builder: image.builder, regions: regionsOf(image.build) }),
    ...lineageTags(report.parents?.[image.build]),
    ...(testing ? { [TEST_TAG]: 'pending' } : {})
  })
  await Promise.all([...groupByRegion(images)].map(([region, list]) => tagAll(ec2(region), list, tagsOf)))

  const verdictOf = req.test === undefined ? (): undefined => undefined : await testImages(ec2, images, req.test, req, report, familyOf)
  const passed = images.filter((i) => verdictOf(i.build) !== 'failed')

  await Promise.all(
    [...groupByRegion(images)].map(async ([region, list]) => {
      const client = ec2(region)
      for (const image of list) {
        const family = familyOf(image.build)
        const verdict = verdictOf(image.build)
        if (verdict === 'failed') {
          // Deprecated at once, and nothing else: no one is handed an AMI that failed its test.
          // The next whole minute: EC2 takes no time in the past and rounds to minutes (API Reference, EnableImageDeprecation).
          const at = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000)
          await deprecateImage(client, image, at)
          core.warning(`${region} ${image.ami}: failed its test: tagged ${TEST_TAG}=failed and deprecated; not shared, published or rolled out`)
          report.images.push({ build: image.build, region, ami: image.ami, snapshots: image.snapshots, family, sharedWith: [], deprecateAt: at.toISOString(), protected: false, test: verdict })
          continue
        }
        if (isSharing(sharing)) await shareImage(client, image, sharing)
        if (deprecateAt !== undefined) await deprecateImage(client, image, deprecateAt)
        if (o.deregistrationProtection) {
          await protectImage(client, image.ami)
          core.info(`${region} ${image.ami}: deregistration protection enabled`)
        }
        report.images.push({
          build: image.build,
          region,
          ami: image.ami,
          snapshots: image.snapshots,
          family,
          sharedWith: [...sharing.accounts, ...sharing.organizations, ...sharing.ous],
          deprecateAt: deprecateAt?.toISOString(),
          protected: o.deregistrationProtection,
          ...(verdict === undefined ? {} : { test: verdict })
        })
        core.info(`${region} ${image.ami}: tagged with family ${family}${image.snapshots.length ? ` (and ${image.snapshots.join(', ')})` : ''}`)
      }
      // The region's parameter names its first AMI, as before; never one that failed its test.
      if (o.ssmParameter !== undefined && verdictOf(list[0].build) !== 'failed') {
        await publishParameter(region, o.ssmParameter, list[0].ami)
        report.parameters.push({ region, name: o.ssmParameter, ami: list[0].ami })
        core.info(`${region}: SSM parameter ${o.ssmParameter} = ${list[0].ami}`)
      }
    })
  )
  // Tagged and shared first: a launch template must not hand out an AMI that is not ready for use.
  report.launchTemplates = await rollOutLaunchTemplates(ec2, passed, o.launchTemplates, o.launchTemplateDefault)
  if (req.channel !== undefined) {
    const ctx = { ec2, ssm: ssmClients(), run: req.channel.run, parameterTemplate: req.channel.parameterTemplate }
    // Never an AMI that failed its test: only those that passed join the channel.
    report.channels = await assignBuiltImages(ctx, passed, familyOf, req.channel.name)
  }
  // An attestation vouches for an AMI as this run's product for use: never for one that failed its test.
  report.attestation = await writeAttestation(ec2, passed, attestationDir())
  core.info(`Attestation subjects: ${report.attestation.checksums}`)
  // The look-up of families built on an older AMI and retention read one listing of each family
  // in each region, taken here, side by side: it names the older AMIs before any is removed.
  const listed = familyListings(ec2)
  const [found] = await Promise.all([
    outdated(ec2, report.images, listed),
    o.keepLatest === undefined ? undefined : retain(ec2, images, o.keepLatest, o.cleanupDryRun, familyOf, report, listed)
  ])
  report.outdated = found
  report.images.sort((a, b) => (a.build + a.region < b.build + b.region ? -1 : 1))
  return report
}

async function tagAll(client: EC2Client, list: RegionImage[], tagsOf: (image: RegionImage) => Tags): Promise<void> {
  for (const image of list) await tagImage(client, image, tagsOf(image))
}

/**
 * The test stage (src/test-stage), between tagging and everything else; each AMI's tag then
 * carries its build's verdict. Returns the verdict by build.
 */
async function testImages(
  ec2: (region: string) => EC2Client,
  images: RegionImage[],
  test: TestOptions,
  req: AfterBuildRequest,
  report: ImagesReport,
  familyOf: (build: string) => string
): Promise<(build: string) => TestVerdict | undefined> {
  const { runTestStage } = await import('../test-stage/stage.js')
  const stage = await runTestStage({
    images,
    options: test,
    runUrl: req.provenance.runUrl,
    redact: req.redact ?? ((t) => t),
    ...(req.inventory ? { inventory: { familyOf } } : {})
  })
  report.tests = stage.results
  if (req.inventory) report.inventory = stage.inventories
  await Promise.all(
    images.map(async (image) => {
      const verdict = stage.verdicts.get(image.build) ?? 'failed'
      await tagImage(ec2(image.region), image, { [TEST_TAG]: verdict })
    })
  )
  return (build) => stage.verdicts.get(build) ?? 'failed'
}

/** Each family's AMIs in a region (`familyImages`), listed once however many ask. */
type FamilyListings = (region: string, family: string) => Promise<Candidate[]>

function familyListings(ec2: (region: string) => EC2Client): FamilyListings {
  const listings = new Map<string, Promise<Candidate[]>>()
  return (region, family) => {
    const key = `${region}\u0000${family}`
    let listing = listings.get(key)
    if (listing === undefined) {
      listing = familyImages(ec2(region), family)
      listings.set(key, listing)
    }
    return listing
  }
}

/** Families built on an older AMI of a family this run rebuilt, in every region of the run; best effort. */
async function outdated(ec2: (region: string) => EC2Client, images: ImagesReport['images'], listed: FamilyListings): Promise<OutdatedFamily[]> {
  try {
    const found = await Promise.all(images.map((i) => outdatedFamilies(ec2(i.region), i.region, i.family, i.ami, (f) => listed(i.region, f))))
    const list = found.flat()
    for (const f of list) core.info(`${f.region}: family ${f.family} (${f.ami}) is built on ${f.builtOn}, an older AMI of ${f.baseFamily}: outdated`)
    return list
  } catch (err) {
    core.warning(`could not look for families built on older AMIs: ${(err as Error).message}`)
    return []
  }
}

/** A family given once for a template with several builds would mix them: each gets its own. */
export function familyName(given: string, repository: string, build: string, buildCount: number): string {
  if (given === '') return `${repository}/${build}`
  return buildCount > 1 ? `${given}/${build}` : given
}

async function retain(
  ec2Of: (region: string) => EC2Client,
  images: RegionImage[],
  keep: number,
  dryRun: boolean,
  familyOf: (build: string) => string,
  report: ImagesReport,
  listed: FamilyListings
): Promise<void> {
  const thisRun = new Set(images.map((i) => i.ami))
  const ssmOf = ssmClients()
  const groups = new Map<string, { region: string; family: string }>()
  for (const i of images) groups.set(`${i.region}\u0000${familyOf(i.build)}`, { region: i.region, family: familyOf(i.build) })
  await Promise.all(
    [...groups.values()].map(async ({ region, family }) => {
      const ec2 = ec2Of(region)
      const candidates = await listed(region, family)
      let plan: RetentionPlan
      try {
        const checked = await referencesOfOlder({ ec2, ssm: ssmOf(region) }, candidates, keep, thisRun)
        core.info(`Retention ${region} ${family}: references from ${checked.via}`)
        plan = planRetention(candidates, keep, thisRun, checked.references)
      } catch (err) {
        // What cannot be proven unused is kept: a refused check costs storage, never a good build.
        const why = (err as { name?: string }).name ?? 'error'
        core.warning(`Retention ${region} ${family}: AWS refused the check of what still uses the older AMIs (${why}: ${(err as Error).message}); removing nothing`)
        const unchecked = planRetention(candidates, keep, thisRun, new Map())
        plan = { kept: unchecked.kept, remove: [], spared: [...unchecked.remove, ...unchecked.spared].map((c) => ({ ...c, reason: `not removed: references could not be checked (${why})` })) }
      }
      const verb = dryRun ? 'would remove' : 'removing'
      // Sparing is the plan working, never a failure: one line says what was left and why.
      core.info(
        `Retention ${region} ${family}: keep ${plan.kept.map((c) => c.ami).join(', ') || 'none'}; ` +
          `${verb} ${plan.remove.map((c) => c.ami).join(', ') || 'none'}; ` +
          `spared: ${plan.spared.map((c) => `${c.ami} (${c.reason})`).join(', ') || 'none'}`
      )
      for (const c of dryRun ? [] : plan.remove) {
        const shared = await removeImage(ec2, c.ami, c.snapshots)
        if (shared.length > 0) core.info(`${region} ${c.ami}: kept ${shared.join(', ')}: another AMI still uses them`)
      }
      report.retention.push({
        region,
        family,
        kept: plan.kept.map((c) => c.ami),
        removed: plan.remove.map((c) => c.ami),
        spared: plan.spared.map((c) => c.ami),
        sparedReasons: Object.fromEntries(plan.spared.map((c) => [c.ami, c.reason])),
        dryRun
      })
    })
  )
}
