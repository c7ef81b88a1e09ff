import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ImagesReport } from './aws/after-build.js'
import { Input, Output, TEMPLATELESS_MODES, VALIDATE_EVENTS } from './constants.js'
import { prepareFingerprint, type PreparedFingerprint } from './fingerprint.js'
import { readOptions, reportingOptions, resolveMode, type Options } from './inputs.js'
import { maskable, MIN_MASKED_LENGTH } from './variables.js'
import type { ResolvedBase } from './lineage/base-images.js'
import { buildInputs } from './lineage/build-inputs.js'
import { checkTestRegions } from './test-stage/options.js'
import { basesFromPacker, fingerprintReport, lookUpBases, type FingerprintReport } from './lineage/fingerprinting.js'
import { baseImagesOutput } from './lineage/outputs.js'
import { amiOutputs } from './outputs.js'
import { buildArgs, type CommonArgs } from './packer/args.js'
import { selectBuilds } from './packer/build-filter.js'
import { build, BuildFailure } from './packer/build.js'
import { packerEnv } from './packer/environment.js'
import { init } from './packer/init.js'
import { installPacker, packerVersion } from './packer/install.js'
import { needsInit, planNeedsTemplate, type PluginNeeds } from './packer/plugin-plan.js'
import { emptySelection, undeclaredMessage, undeclaredVariables } from './packer/template-checks.js'
import { placePluginsUnconfirmed } from './packer/plugin-placement.js'
import { needsEntry, sameNeeds } from './packer/settled-needs.js'
import { describeTemplate, templateFiles, templateShape, type TemplateInfo } from './packer/template.js'
import { checkFormat, fmtTargets, validate, type FormatCheck } from './packer/validate.js'
import { removeVarFile, writeVarFile } from './packer/varfile.js'
import { hclCause, hideVarFile, packerCauses, type PlaceContext } from './report/places.js'
import { renderReport, runLinks, type Report } from './report/render.js'
import { renderSweepReport } from './report/sweep.js'
import { runSweep } from './sweep.js'
import { runChannelMode } from './channels/run.js'
import { runIdentity } from './channels/names.js'
import { renderChannelReport } from './report/channels.js'
import { endUntrusted, printUntrusted } from './untrusted-output.js'

/**
 * inputs → install → init → validate | build → outputs. Bad input fails before anything is
 * downloaded; past that, the summary and the comment report the run whatever happens.
 */
export async function run(): Promise<void> {
  let opts: Options
  let template: Promise<TemplateInfo>
  try {
    opts = readOptions((name) => core.getInput(name))
    if (TEMPLATELESS_MODES.includes(opts.mode)) {
      // A sweep, a promotion or a revocation reads no template: the workspace may hold none.
      template = Promise.reject(new Error(`mode ${opts.mode} reads no template`))
    } else {
      templateFiles(opts.template)
      // HCL's parser takes a moment to start: it reads the template while Packer installs.
      template = describeTemplate(opts.template, { varFiles: opts.varFiles, variables: opts.variables })
    }
    template.catch(() => undefined)
  } catch (err) {
    const message = messageOf(err)
    core.setFailed(message)
    // Nothing ran, but a reader of the summary or the pull request still learns why.
    const reporting = reportingOptions((name) => core.getInput(name))
    if (reporting?.githubToken) core.setSecret(reporting.githubToken)
    await publish(reporting ?? { githubToken: '', comment: false, commentKey: '' }, { ...inputErrorReport(message), run: runLinks(process.env) })
    return
  }
  const { masked, tooShort } = maskable(opts.secrets)
  for (const secret of [...masked, opts.githubToken]) if (secret !== '') core.setSecret(secret)
  if (tooShort > 0) {
    core.warning(`${Input.sensitiveVariables}: ${tooShort} value${tooShort === 1 ? ' is' : 's are'} shorter than ${MIN_MASKED_LENGTH} characters and not masked: a mask that short would blank every such text in the log`)
  }
  const report: Report = {
    mode: resolveMode(opts.mode, eventName(), VALIDATE_EVENTS),
    ok: false,
    artifacts: [],
    template: path.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), opts.template) || '.',
    run: runLinks(process.env)
  }
  core.setOutput(Output.mode, report.mode)
  try {
    await execute(opts, template, report)
    report.ok = true
  } catch (err) {
    report.error = hideVarFile(messageOf(err))
    // A build's or init's failure names its places too: they go on the diff as annotations.
    if (report.causes === undefined) {
      report.causes = packerCauses(report.error, placeContext(opts))
      for (const c of report.causes.filter((c) => c.file !== undefined)) core.error(c.message, { title: 'packer', file: c.file, startLine: c.line })
    }
    core.setFailed(report.error)
  } finally {
    await publish(opts, report)
  }
}

async function execute(opts: Options, reading: Promise<TemplateInfo>, report: Report): Promise<void> {
  if (report.mode === 'sweep') return runSweep(opts, report)
  if (report.mode === 'promote' || report.mode === 'revoke') return runChannelMode(opts, report)
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  // skip-unchanged asks AWS for the base images now, beside the install; nothing else does before the build.
  const lookups = report.mode === 'build' && opts.skipUnchanged ? reading.then((t) => lookUpBases(t.reads.bases, repository)) : undefined
  lookups?.catch(() => undefined)
  const site = { spec: opts.packerVersion, mirror: opts.packerMirror, signingKey: opts.signingKey, verifySignature: opts.verifySignature }
  const version = packerVersion(site)
  version.catch(() => undefined)
  const installing = installPacker(site, version)
  installing.catch(() => undefined)
  // From Packer 1.10 the plugins come from the template: as an earlier run of the same files
  // settled them, they download beside Packer now, without waiting for HCL to read it.
  const entry = needsEntry(opts.template)
  const settled = entry.settled
  const placing = settled === undefined ? undefined : placePlugins(opts, settled, { version, installing })
  placing?.catch(() => undefined)
  // What the template decides runs beside the install: its plugins download beside Packer.
  const preparing = prepare(opts, reading, { version, installing }, report.mode, { entry, placing })
  preparing.catch(() => undefined)
  const packer = await installing
  report.packerVersion = packer.version
  core.setOutput(Output.packerVersion, packer.version)
  // fmt needs neither plugins nor the parsed template: it runs while HCL reads the template.
  const formatting = report.mode === 'validate' ? startFormatCheck(opts, packer.binary) : undefined
  formatting?.catch(() => undefined)
  // Packer starts before HCL has read the template when nothing the reading decides comes
  // first: no plugin to place (or the plugins settled), no init, no earlier build to look for.
  // test-regions is checked against the template's regions before anything is built.
  const pluginsSettled = settled !== undefined && !needsInit(settled, packer.version)
  const plannedFromTemplate = planNeedsTemplate(opts.template, packer.version)
  if (plannedFromTemplate && pluginsSettled) core.info('Plugins as an earlier run of these template files settled them (kept in the tool cache): Packer starts while HCL reads the template')
  const waits = lookups !== undefined || opts.test !== undefined || (plannedFromTemplate && !pluginsSettled)
  if (waits) {
    const { template, fingerprint, confirmation } = await preparing
    if (fingerprint !== undefined && lookups !== undefined) {
      settleFingerprint(fingerprintReport(fingerprint, template.reads.blind, await lookups), report)
      if (await reuseEarlierBuild(opts, report)) return
    }
    await confirmation
  }
  if (report.mode === 'build') core.setOutput(Output.reused, 'false')
  const env = waits ? (await preparing).env : placing !== undefined ? await confirmed(placing) : packerEnv(process.env, opts.runnerVariables)
  await withVarFile(opts, async (args) => {
    if (report.mode === 'validate') return validateTemplate(opts, { binary: packer.binary, env, args, formatting: formatting as Promise<FormatCheck> }, preparing, report)
    return buildImages(opts, { binary: packer.binary, env, args }, preparing, report)
  })
}

/**
 * What the parsed template decides before Packer uses it: the checks against the inputs, the
 * plugins (placed; Packer's confirmation of them runs beside what follows and is awaited before
 * Packer uses them), init, and in build mode the fingerprint's inputs.
 */
async function prepare(
  opts: Options,
  reading: Promise<TemplateInfo>,
  packer: { version: Promise<string>; installing: Promise<{ binary: string }> },
  mode: Report['mode'],
  plugins: { entry: ReturnType<typeof needsEntry>; placing?: Promise<Placement> }
): Promise<Prepared> {
  const [template, version] = await Promise.all([reading, packer.version])
  for (const problem of template.unreadable) printUntrusted(`HCL could not read ${problem}; Packer will say why`)
  endUntrusted()
  checkAgainstTemplate(opts, template, mode)
  const { settled } = plugins.entry
  const settledRight = settled !== undefined && sameNeeds(settled, template)
  if (!settledRight) plugins.entry.settle(template, version)
  if (settled !== undefined && !settledRight) {
    // Packer, if it started with them, checks the plugins it loads against the template itself.
    core.warning('The plugin needs kept in the tool cache for these template files differ from what HCL read now: they are replaced')
  }
  const { env, confirmation } = await ((settledRight ? plugins.placing : undefined) ?? placePlugins(opts, template, packer))
  if (needsInit(template, version)) {
    await confirmation
    await init((await packer.installing).binary, opts.template, opts.workingDirectory, env, opts.githubToken)
  }
  // Plugins are in place before the fingerprint: their versions are part of it.
  const fingerprint = mode === 'build' ? prepareFingerprint(buildInputs(opts, template, version, env)) : undefined
  return { template, env, confirmation, fingerprint }
}

type Placement = Awaited<ReturnType<typeof placePluginsUnconfirmed>>

/** The plugins `needs` asks for, placed; Packer's confirmation of them still running. */
async function placePlugins(opts: Options, needs: PluginNeeds, packer: { version: Promise<string>; installing: Promise<{ binary: string }> }): Promise<Placement> {
  const binary = packer.installing.then((p) => p.binary)
  binary.catch(() => undefined)
  return placePluginsUnconfirmed(opts, needs, await packer.version, packerEnv(process.env, opts.runnerVariables), binary)
}

/** Packer's environment once the plugins are placed and Packer confirmed it loads them. */
async function confirmed(placing: Promise<Placement>): Promise<NodeJS.ProcessEnv> {
  const { env, confirmation } = await placing
  await confirmation
  return env
}

interface Prepared {
  template: TemplateInfo
  env: NodeJS.ProcessEnv
  confirmation: Promise<void>
  fingerprint?: PreparedFingerprint
}

interface PackerCall {
  binary: string
  env: NodeJS.ProcessEnv
  args: CommonArgs
}

/** `packer validate` beside `packer fmt -check`; every problem of either is reported at once. */
async function validateTemplate(opts: Options, call: PackerCall & { formatting: Promise<FormatCheck> }, preparing: Promise<Prepared>, report: Report): Promise<void> {
  const result = await validate({ ...call, cwd: opts.workingDirectory })
  const { template } = await preparing
  report.fmtDiff = result.fmtDiff
  report.validateErrors = result.validateErrors
  // HCL's parser names the exact place of a syntax error, where Packer names the end of the file.
  const parsing = template.unreadable.map((u) => hclCause(u.slice(0, u.indexOf(': ')), u.slice(u.indexOf(': ') + 2), placeContext(opts)))
  for (const c of result.ok ? [] : parsing) core.error(c.message, { title: 'HCL', file: c.file, startLine: c.line, startColumn: c.column })
  report.causes = result.ok ? [] : [...parsing, ...result.causes]
  report.checks = [...result.formatTargets.map((t) => `packer fmt -check ${relativeToWorkspace(t)}`), 'packer validate']
  if (!result.ok) throw new Error('the template did not pass validation (see the errors above)')
  report.builds = setBuildsOutput(template, opts)
}

/** `packer build`, then the AMIs' lineage and everything the action does with them. */
async function buildImages(opts: Options, call: PackerCall, preparing: Promise<Prepared>, report: Report): Promise<void> {
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  const primary = opts.awsRegion === undefined ? [] : [opts.awsRegion]
  const building = build({
    ...call,
    cwd: opts.workingDirectory,
    args: buildArgs(call.args, { onError: opts.onError, parallelBuilds: opts.parallelBuilds }),
    // Where the template builds and copies, as parsed, and the primary region.
    regions: preparing.then(({ template }) => [...new Set([...primary, ...template.regions])]),
    knownRegions: primary,
    manifests: preparing.then(({ template }) => template.manifests),
    outputFile: path.join(process.env.RUNNER_TEMP || os.tmpdir(), `packer-build-${randomUUID()}.out`),
    onError: opts.onError
  })
  // Packer is running now: load the AWS SDK while it builds rather than after.
  const afterBuildModule = import('./aws/after-build.js')
  afterBuildModule.catch(() => undefined)
  const result = await building.catch(async (err: unknown) => {
    // The builds that finished made products even though the run failed: report them.
    if (err instanceof BuildFailure && err.artifacts.length > 0) {
      report.artifacts = err.artifacts
      setBuildOutputs(err.artifacts, undefined, opts.awsRegion)
    }
    // Packer may have started before the template was read: what the reading found wrong (an
    // `only` that leaves no build) is the cause to report.
    await preparing
    throw err
  })
  report.artifacts = result.artifacts
  report.skipped = result.skipped
  report.packerErrors = result.errors
  setBuildOutputs(result.artifacts, result.manifest, opts.awsRegion)
  const { template, fingerprint } = await preparing
  const lineage = report.lineage ?? settleFingerprint(fingerprintReport(fingerprint as PreparedFingerprint, template.reads.blind, await basesFromPacker(template.reads.bases, result.found, repository)), report)
  report.images = await lookAfterImages(await afterBuildModule, opts, report, { found: result.found, bases: lineage.bases })
  setLineageOutputs(report)
  core.setOutput(Output.images, JSON.stringify(report.images))
  if (report.images.attestation !== undefined) core.setOutput(Output.attestationChecksums, report.images.attestation.checksums)
  core.setOutput(Output.launchTemplateVersions, JSON.stringify(report.images.launchTemplates?.versions ?? []))
  core.setOutput(Output.channelAssignments, JSON.stringify(report.images.channels ?? []))
  if (report.images.inventory !== undefined) core.setOutput(Output.sbom, (await import('./inventory/take-inventory.js')).sbomOutput(report.images.inventory))
  if (report.images.tests !== undefined) {
    core.setOutput(Output.testResults, JSON.stringify(report.images.tests))
    const failed = report.images.tests.filter((t) => !t.passed)
    if (failed.length > 0) throw new Error(`the test stage failed: ${failed.map((t) => `${t.ami} in ${t.region}: ${t.failure ?? 'failed'}`).join('; ')}`)
  }
}

/**
 * With `skip-unchanged`, AMIs of an earlier run with the same fingerprint answer every output
 * instead of a new build: only when every input could be seen. True when they did.
 */
async function reuseEarlierBuild(opts: Options, report: Report): Promise<boolean> {
  const lineage = report.lineage as FingerprintReport
  for (const c of lineage.changes) core.info(`${c.source}: the base moved on from ${c.from} (${c.fromName ?? '?'}) to ${c.to} (${c.toName ?? '?'})`)
  if (lineage.blind.length > 0) {
    core.warning(`skip-unchanged: building, because the action cannot see what these read before Packer runs: ${lineage.blind.join('; ')}`)
    return false
  }
  const { findReusable } = await import('./aws/reuse.js')
  const reused = await findReusable(opts.awsRegion as string, lineage.digest)
  if (reused === undefined) return false
  core.info(`skip-unchanged: AMIs with fingerprint ${lineage.digest} exist in every region, on current base images; nothing to build`)
  core.setOutput(Output.reused, 'true')
  report.artifacts = reused
  report.reused = true
  setBuildOutputs(reused, undefined, opts.awsRegion)
  setLineageOutputs(report)
  return true
}

/**
 * Inputs that name what the template does not have: a variable it does not declare (Packer
 * ignores it and bakes the default: a warning, an error in validate mode) and `only`/`except`
 * that leave no build (an error naming the builds that exist).
 */
function checkAgainstTemplate(opts: Options, template: TemplateInfo, mode: Report['mode']): void {
  const undeclared = undeclaredVariables(Object.keys(opts.variables), template)
  for (const v of undeclared) (mode === 'validate' ? core.error : core.warning)(undeclaredMessage(v), { title: Input.variables })
  const empty = emptySelection(template, opts)
  if (empty !== undefined) throw new Error(empty)
  if (mode === 'build') checkTestRegions(opts.test, template.regions.length === 0 ? [] : [...new Set([...template.regions, ...(opts.awsRegion === undefined ? [] : [opts.awsRegion])])])
  if (mode === 'validate' && undeclared.length > 0) throw new Error(undeclared.map(undeclaredMessage).join('\n'))
}

/** The fingerprint's output and its part of the report. */
function settleFingerprint(lineage: FingerprintReport, report: Report): FingerprintReport {
  report.fingerprint = lineage.digest
  report.lineage = lineage
  core.setOutput(Output.fingerprint, lineage.digest)
  return lineage
}

function setLineageOutputs(report: Report): void {
  core.setOutput(Output.baseImages, JSON.stringify(baseImagesOutput(report)))
  core.setOutput(Output.outdated, JSON.stringify(report.images?.outdated ?? []))
}

type AfterBuildModule = typeof import('./aws/after-build.js')

/** The AWS SDK loads only in build mode, once Packer runs: validate mode never pays for it. */
async function lookAfterImages(
  { afterBuild }: AfterBuildModule,
  opts: Options,
  report: Report,
  lineage: { found: Record<string, string>; bases: ResolvedBase[] }
): Promise<ImagesReport> {
  const env = process.env
  return afterBuild({
    lineage,
    artifacts: report.artifacts,
    options: opts.images,
    test: opts.test,
    inventory: opts.inventory,
    redact: redactor([...opts.secrets, opts.githubToken]),
    repository: env.GITHUB_REPOSITORY ?? '',
    channel: opts.channels.channel === undefined ? undefined : { name: opts.channels.channel, parameterTemplate: opts.channels.parameter, run: runIdentity(env, report.run.runUrl) },
    provenance: {
      repository: env.GITHUB_REPOSITORY ?? '',
      commit: env.GITHUB_SHA ?? '',
      runUrl: report.run.runUrl,
      ref: env.GITHUB_REF ?? '',
      template: report.template,
      fingerprint: report.fingerprint ?? ''
    }
  })
}

function startFormatCheck(opts: Options, binary: string): Promise<FormatCheck> {
  const { directory, hcl2 } = templateShape(opts.template)
  const targets = opts.fmtCheck && hcl2 ? fmtTargets(opts.template, directory, opts.varFiles) : []
  return checkFormat({ binary, cwd: opts.workingDirectory, env: packerEnv(process.env, opts.runnerVariables), targets })
}

async function withVarFile(opts: Options, body: (args: CommonArgs) => Promise<void>): Promise<void> {
  const varFile = writeVarFile(opts.variables, templateShape(opts.template).hcl2)
  try {
    await body({ template: opts.template, varFiles: [...opts.varFiles, varFile], only: opts.only, except: opts.except, actionVarFile: varFile })
  } finally {
    removeVarFile(varFile)
  }
}

/** The builds `only`/`except` leave, as Packer names them: a matrix can split the template by them. */
function setBuildsOutput(template: TemplateInfo, opts: Options): string[] {
  for (const name of template.unresolvedBuildNames) {
    core.warning(`builds: a build block is named by ${name}, which only Packer evaluates; its builds are not in the builds output`)
  }
  const builds = selectBuilds(template.builds, opts, template.hcl2)
  core.setOutput(Output.builds, JSON.stringify(builds))
  return builds
}

function placeContext(opts: Options): PlaceContext {
  return { cwd: opts.workingDirectory, workspace: process.env.GITHUB_WORKSPACE || process.cwd() }
}

function relativeToWorkspace(file: string): string {
  return path.relative(process.env.GITHUB_WORKSPACE || process.cwd(), file) || '.'
}

function setBuildOutputs(artifacts: Report['artifacts'], manifest: string | undefined, region?: string): void {
  const { amiId, amiIds } = amiOutputs(artifacts, region)
  core.setOutput(Output.amiId, amiId)
  core.setOutput(Output.amiIds, JSON.stringify(amiIds))
  core.setOutput(Output.artifacts, JSON.stringify(artifacts))
  core.setOutput(Output.manifest, manifest ?? '')
}

function inputErrorReport(message: string): Omit<Report, 'run'> {
  const given = core.getInput(Input.mode)
  const mode = resolveMode((['validate', 'build', 'sweep', 'promote', 'revoke'].includes(given) ? given : 'auto') as Options['mode'], eventName(), VALIDATE_EVENTS)
  return { mode, ok: false, artifacts: [], template: core.getInput(Input.template) || '.', error: message, causes: [{ message, fix: 'correct the input in the workflow file' }] }
}

/** One rendering for the job summary and the comment; both are best effort. */
async function publish(opts: Pick<Options, 'githubToken' | 'comment' | 'commentKey'>, report: Report): Promise<void> {
  const markdown = report.mode === 'sweep' ? renderSweepReport(report) : report.mode === 'promote' || report.mode === 'revoke' ? renderChannelReport(report) : renderReport(report)
  try {
    await core.summary.addRaw(markdown).write()
  } catch (err) {
    core.warning(`could not write the job summary: ${messageOf(err)}`)
  }
  if (!opts.comment || opts.githubToken === '') return
  try {
    // Octokit loads only to comment: a run without a comment never pays for it.
    const [{ postComments }, github] = await Promise.all([import('./report/comment.js'), import('@actions/github')])
    const url = await postComments({
      token: opts.githubToken,
      key: opts.commentKey,
      markdown,
      eventName: github.context.eventName,
      payload: github.context.payload,
      repo: github.context.repo,
      sha: github.context.sha,
      runUrl: report.run.runUrl
    })
    if (url !== undefined) core.setOutput(Output.commentUrl, url)
  } catch (err) {
    core.warning(`could not write the pull-request comment: ${messageOf(err)}`)
  }
}

/** The event that started the run, as @actions/github's context reads it, without loading Octokit. */
function eventName(): string {
  return process.env.GITHUB_EVENT_NAME ?? ''
}

/** Blanks each secret, as the runner's mask does in the log, for text that goes elsewhere too. */
function redactor(secrets: string[]): (text: string) => string {
  const shown = secrets.filter((s) => s.length >= MIN_MASKED_LENGTH)
  return (text) => shown.reduce((t, s) => t.split(s).join('***'), text)
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
