import * as core from '@actions/core'
import { Output, VALIDATE_EVENTS } from './constants.js'
import { readOptions, resolveMode, type Options } from './inputs.js'
import { amiOutputs } from './outputs.js'
import type { CommonArgs } from './packer/args.js'
import { buildArgs } from './packer/args.js'
import { build } from './packer/build.js'
import { init, needsInit } from './packer/init.js'
import { installPacker } from './packer/install.js'
import { describeTemplate, type TemplateInfo } from './packer/template.js'
import { validate } from './packer/validate.js'
import { removeVarFile, writeVarFile } from './packer/varfile.js'
import { renderReport, type Report } from './report/render.js'

/** inputs → install → init → validate | build → outputs; the summary is written whatever happens. */
export async function run(): Promise<void> {
  let report: Report | undefined
  try {
    const opts = readOptions((name) => core.getInput(name))
    for (const secret of [...opts.secrets, opts.githubToken]) if (secret !== '') core.setSecret(secret)
    const mode = resolveMode(opts.mode, process.env.GITHUB_EVENT_NAME ?? '', VALIDATE_EVENTS)
    const template = describeTemplate(opts.template)
    report = { mode, ok: false, artifacts: [] }
    core.setOutput(Output.mode, mode)

    const packer = await installPacker({
      spec: opts.packerVersion,
      mirror: opts.packerMirror,
      signingKey: opts.signingKey,
      verifySignature: opts.verifySignature
    })
    report.packerVersion = packer.version
    core.setOutput(Output.packerVersion, packer.version)
    await withVarFile(opts, template, async (args) => {
      const env = packerEnv(process.env)
      if (needsInit(packer.version, template.hcl2)) {
        await init(packer.binary, opts.template, opts.workingDirectory, env, opts.githubToken)
      }
      if (mode === 'validate') {
        const result = await validate({
          binary: packer.binary,
          cwd: opts.workingDirectory,
          env,
          args,
          fmtCheck: opts.fmtCheck && template.hcl2
        })
        Object.assign(report as Report, { fmtDiff: result.fmtDiff, validateErrors: result.validateErrors })
        if (!result.ok) throw new Error('the template did not pass validation (see the errors above)')
        return
      }
      const result = await build({
        binary: packer.binary,
        cwd: opts.workingDirectory,
        env,
        args: buildArgs(args, { onError: opts.onError, parallelBuilds: opts.parallelBuilds }),
        manifests: template.manifests
      })
      ;(report as Report).artifacts = result.artifacts
      setBuildOutputs(result.artifacts, result.manifest, opts.awsRegion)
    })
    report.ok = true
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    if (report !== undefined) report.error = message
    core.setFailed(message)
  } finally {
    if (report !== undefined) await writeSummary(report)
  }
}

async function withVarFile(opts: Options, template: TemplateInfo, body: (args: CommonArgs) => Promise<void>): Promise<void> {
  const varFile = writeVarFile(opts.variables, template.hcl2)
  try {
    await body({ template: opts.template, varFiles: [...opts.varFiles, varFile], only: opts.only, except: opts.except })
  } finally {
    removeVarFile(varFile)
  }
}

/**
 * Packer's environment: the runner's, less the action's own inputs (they hold the token and
 * sensitive values, which Packer and its provisioners must not see), with telemetry off.
 */
export function packerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.entries(env).filter(([name]) => !name.startsWith('INPUT_'))
  return { ...Object.fromEntries(kept), CHECKPOINT_DISABLE: '1' }
}

function setBuildOutputs(artifacts: Report['artifacts'], manifest: string | undefined, region?: string): void {
  const { amiId, amiIds } = amiOutputs(artifacts, region)
  core.setOutput(Output.amiId, amiId)
  core.setOutput(Output.amiIds, JSON.stringify(amiIds))
  core.setOutput(Output.artifacts, JSON.stringify(artifacts))
  core.setOutput(Output.manifest, manifest ?? '')
}

/** Best effort: a summary that cannot be written must not turn a good build into a failure. */
async function writeSummary(report: Report): Promise<void> {
  try {
    await core.summary.addRaw(renderReport(report)).write()
  } catch (err) {
    core.warning(`could not write the job summary: ${(err as Error).message}`)
  }
}
