/**
 * The inventory of one new AMI, on its test instance: list the packages (page by page through
 * SSM), write the CycloneDX SBOM into RUNNER_TEMP, compare it with the SBOM the family's
 * previous AMI left as an artifact of its run, and keep this one as an artifact of this run.
 * The test stage calls takeInventory once per tested AMI, with the instance's `run`.
 */
import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Input } from '../constants.js'
import { imageArn } from '../aws/attestation.js'
import { artifactName, githubArtifacts, type ArtifactStore } from './artifact.js'
import { diffInventories, type InventoryDiff } from './diff.js'
import { parseListing } from './listing.js'
import { readListing, type RunScript } from './paging.js'
import { inventoryFromSbom, sbomJson } from './sbom.js'
import type { Platform } from './scripts.js'

export type { RunResult, RunScript } from './paging.js'

export interface InventoryImage {
  region: string
  account: string
  ami: string
  family: string
  build: string
  platform: Platform
  /** The `run-url` tag of the family's previous AMI in this region, when it has one. */
  previousRunUrl?: string
}

export type EarlierInventory =
  | { runUrl: string; ami?: string; diff: InventoryDiff }
  /** Why there is nothing to compare with: "no earlier inventory" and the reason. */
  | { none: string }

export interface InventoryResult {
  region: string
  ami: string
  family: string
  build: string
  /** `arn:aws:ec2:<region>:<account>:image/<ami>`, the SBOM's metadata component. */
  subject: string
  /** Absolute path of the CycloneDX JSON file in RUNNER_TEMP. */
  sbomPath: string
  kernel: string
  /** The OS as os-release (or Windows) names it. */
  os?: string
  packages: number
  /** SSM commands the listing took (one per page). */
  runs: number
  /** The workflow artifact that keeps the SBOM, when the upload worked. */
  artifact?: { name: string; id: number }
  /** Why the SBOM could not be kept as an artifact (the file in RUNNER_TEMP is still there). */
  artifactError?: string
  earlier: EarlierInventory
}

export interface InventoryContext {
  /** Where the SBOMs are written: RUNNER_TEMP. */
  runnerTemp: string
  artifacts: ArtifactStore
  now?: () => Date
  /** Names the scratch folder on the instance; random by default. */
  nonce?: () => string
}

/** The context of a real run: RUNNER_TEMP, and GitHub's artifacts read with the github-token. */
export function inventoryContext(env: NodeJS.ProcessEnv = process.env): InventoryContext {
  const token = core.getInput(Input.githubToken).trim()
  return { runnerTemp: env.RUNNER_TEMP || os.tmpdir(), artifacts: githubArtifacts(/^\$\{\{/.test(token) ? '' : token) }
}

/** Where the SBOMs of this job live: one folder per AMI, so that each artifact holds one file. */
export function sbomDir(runnerTemp: string): string {
  return path.join(runnerTemp, 'packer-ami-action-sbom')
}

/**
 * Lists, writes, compares, keeps. Throws when the listing fails (a script's exit code, an
 * unreadable payload); artifact and comparison problems are reported in the result instead,
 * because the SBOM file exists either way.
 */
export async function takeInventory(run: RunScript, image: InventoryImage, context: InventoryContext = inventoryContext()): Promise<InventoryResult> {
  const nonce = context.nonce?.() ?? randomBytes(8).toString('hex')
  const { listing, runs } = await readListing(run, image.platform, nonce)
  const inventory = parseListing(listing)
  const name = artifactName(image.family, image.region)

  const folder = path.join(sbomDir(context.runnerTemp), `${image.region}-${image.ami}`)
  fs.mkdirSync(folder, { recursive: true })
  const sbomPath = path.join(folder, `${name}.cdx.json`)
  fs.writeFileSync(sbomPath, sbomJson(image, inventory, context.now?.() ?? new Date()))

  const earlier = await compareWithEarlier(image, name, inventory, context)

  let artifact: InventoryResult['artifact']
  let artifactError: string | undefined
  try {
    artifact = { name, id: await context.artifacts.keep(name, sbomPath) }
  } catch (err) {
    artifactError = (err as Error).message.split('\n')[0]
    core.warning(`The SBOM of ${image.ami} (${image.region}) was not kept as a workflow artifact: ${artifactError}`)
  }

  return {
    region: image.region,
    ami: image.ami,
    family: image.family,
    build: image.build,
    subject: imageArn(image.region, image.account, image.ami),
    sbomPath,
    kernel: inventory.kernel,
    os: inventory.os?.prettyName ?? inventory.os?.id,
    packages: inventory.packages.length,
    runs,
    artifact,
    artifactError,
    earlier
  }
}

async function compareWithEarlier(
  image: InventoryImage,
  name: string,
  current: ReturnType<typeof parseListing>,
  context: InventoryContext
): Promise<EarlierInventory> {
  const runUrl = image.previousRunUrl?.trim()
  if (!runUrl) return { none: 'the family has no earlier AMI with a run-url tag in this region' }
  const into = path.join(sbomDir(context.runnerTemp), `earlier-${image.region}-${image.ami}`)
  const found = await context.artifacts.earlier(runUrl, name, into)
  if ('none' in found) return found
  try {
    const before = inventoryFromSbom(found.text)
    return { runUrl, ami: before.ami, diff: diffInventories(before, current) }
  } catch (err) {
    return { none: (err as Error).message }
  }
}

/** The `sbom` output: one entry per inventoried AMI, for actions/attest's `sbom-path`. */
export function sbomOutput(results: readonly InventoryResult[]): string {
  return JSON.stringify(results.map((r) => ({ region: r.region, ami: r.ami, subject: r.subject, path: r.sbomPath, artifact: r.artifact?.name ?? null })))
}
