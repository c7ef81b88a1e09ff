import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { amiArtifacts, ArtifactCollector, type Artifact, type PackerArtifact } from './artifacts.js'
import { GroupedLog } from './grouped-log.js'
import { endsBuild, parseLine } from './machine-readable.js'
import { compareAmis, manifestArtifacts } from './manifest.js'
import { describeErrors, failureOf, RunOutcome } from './outcome.js'
import { State } from '../constants.js'
import { runPacker } from './run.js'
import { endUntrusted, printUntrusted } from '../untrusted-output.js'
import { noteFoundImage } from '../lineage/found-images.js'

export interface BuildRequest {
  binary: string
  cwd: string
  env: NodeJS.ProcessEnv
  args: string[]
  /** Manifest files the template writes, relative to `cwd`: read after the build. */
  manifests: Promise<string[]>
  /**
   * Where Packer may create resources: the template's regions and the primary one. Packer may
   * start before the template is read: the regions known at once (the primary one) are saved
   * for the post step first, all of them when they are known.
   */
  regions: Promise<string[]>
  knownRegions: string[]
  /** Packer's output goes here and is read back as it grows: see runPacker's outputFile. */
  outputFile: string
  onError: string
}

/** A failed run still has products: every artifact Packer reported is kept and reported. */
export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly artifacts: PackerArtifact[]
  ) {
    super(message)
  }
}

export interface BuildResult {
  /** Every artifact of the run, AMIs (one entry per region) and others, builds by name. */
  artifacts: PackerArtifact[]
  /** The manifest file that was read, when the template has one. */
  manifest?: string
  /** Builds HCP Packer skipped as already done for its fingerprint. */
  skipped: string[]
  /** Errors Packer printed although the run succeeded (an HCP step, a build that never started). */
  errors: string[]
  /** The base image each build started from, as Packer printed it: build → AMI id. */
  found: Record<string, string>
}

/**
 * Runs `packer build`, parsing its machine-readable stream live into a readable grouped log.
 * Packer writes into a file that outlives this process; its path, Packer's process group, the
 * start time and the regions go to the action's state, so the post step can wait for a Packer
 * that survived the step, read everything it printed, and remove what unfinished builds left.
 */
export async function build(req: BuildRequest): Promise<BuildResult> {
  const collector = new ArtifactCollector()
  const outcome = new RunOutcome()
  const found: Record<string, string> = {}
  core.saveState(State.runStart, new Date().toISOString())
  core.saveState(State.regions, JSON.stringify(req.knownRegions))
  req.regions.then((all) => core.saveState(State.regions, JSON.stringify(all))).catch(() => undefined)
  core.saveState(State.onError, req.onError)
  core.saveState(State.packerOutput, req.outputFile)
  // Packer's lines are untrusted text; the groups are the action's own commands.
  const log = new GroupedLog({
    startGroup: (name) => {
      endUntrusted()
      core.startGroup(name)
    },
    endGroup: () => {
      endUntrusted()
      core.endGroup()
    },
    line: printUntrusted
  })
  const run = await runPacker(req.binary, req.args, {
    cwd: req.cwd,
    env: req.env,
    outputFile: req.outputFile,
    onStart: (pid) => core.saveState(State.packerPid, String(pid)),
    onSignal: () => core.saveState(State.cancelled, 'true'),
    onLine: (line) => {
      const event = parseLine(line)
      if (event === undefined) return log.write(line)
      collector.add(event)
      outcome.add(event)
      noteFoundImage(found, event)
      if (event.kind !== 'ui') return
      log.write(event.text, event.build)
      if (event.build !== undefined && endsBuild(event.text)) log.finish(event.build)
    }
  })
  log.close()
  if (run.stderr.trim() !== '') printUntrusted(run.stderr)
  endUntrusted()
  const artifacts = collector.artifacts()
  const failure = failureOf(run, outcome, artifacts.length)
  // Packer ran to its end, its own cleanup included: the post step only checks its work.
  core.saveState(State.packerExited, 'true')
  if (failure !== undefined) throw new BuildFailure(failure, artifacts)
  const errors = describeErrors(outcome.errors())
  const skipped = outcome.skipped()
  for (const message of errors) core.warning(message)
  if (skipped.length > 0) core.info(`HCP Packer has these builds done for its fingerprint; skipped: ${skipped.join(', ')}`)
  const manifest = readManifest(req.cwd, await req.manifests, amiArtifacts(artifacts))
  return { artifacts, manifest, skipped, errors, found }
}

/** Cross-checks the stream with the manifest of this run; a mismatch is worth a warning. */
function readManifest(cwd: string, manifests: string[], artifacts: Artifact[]): string | undefined {
  const file = manifests.map((m) => path.resolve(cwd, m)).find((m) => fs.existsSync(m))
  if (file === undefined) return undefined
  const { onlyInStream, onlyInManifest } = compareAmis(artifacts, manifestArtifacts(fs.readFileSync(file, 'utf8')))
  if (onlyInStream.length > 0 || onlyInManifest.length > 0) {
    core.warning(
      `${file} does not match Packer's output: only in the output: ${onlyInStream.join(', ') || 'none'}; ` +
        `only in the manifest: ${onlyInManifest.join(', ') || 'none'}`
    )
  }
  return file
}
