/**
 * The inventory diff through the bundle (issue 17): one build of a family with `inventory: true`
 * keeps its SBOM as a workflow artifact of its run; the next build of the family, in another
 * run, on an "instance" where exactly one package differs, reads that artifact back through
 * the REST API (the run named by the previous AMI's run-url tag) and shows exactly that change
 * in its job summary. The instance is this machine (instance-emulation.ts runs the SSM scripts
 * here), so both runs list its real dpkg packages; in the second run a dpkg-query wrapper ahead
 * on the script's PATH reports bash at another version, and passes everything else through.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startArtifactService, type ArtifactService, type WorkflowRun } from '../support/artifact-service.js'
import { startGitHubApi, type GitHubApi } from '../support/github-api.js'
import { succeeded, type RunResult } from '../support/runner.js'
import { PROFILE, startStageWorld, type StageWorld } from '../support/stage-world.js'

let w: StageWorld
let service: ArtifactService
let api: GitHubApi

/** The family of the fixture's one build in acme/images, and its artifact in us-east-1. */
const ARTIFACT = 'sbom-acme-images-amazon-ebs.app-us-east-1'

const dpkgQuery = execFileSync('sh', ['-c', 'command -v dpkg-query'], { encoding: 'utf8' }).trim()
const [bashVersion, bashArch] = execFileSync(dpkgQuery, ['-W', '-f=${Version}\t${Architecture}', 'bash'], { encoding: 'utf8' }).split('\t')
/** bash as the second image has it: a security update of this machine's. */
const upgraded = `${bashVersion}+deb99u1`
const packages = execFileSync(dpkgQuery, ['-W', '-f=${Package}\n'], { encoding: 'utf8' }).trim().split('\n').length

/** A PATH whose dpkg-query is this machine's, with bash's version rewritten. */
function pathWithBashAt(version: string): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'pam-image-2-bin-'))
  writeFileSync(path.join(bin, 'dpkg-query'), `#!/bin/sh\n"${dpkgQuery}" "$@" | sed 's/^bash\\t[^\\t]*\\t/bash\\t${version}\\t/'\n`, { mode: 0o755 })
  return `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`
}

/** A build of the family in `run`, with the artifact environment the runner gives its steps. */
function buildIn(run: WorkflowRun): Promise<RunResult> {
  return w.build(
    'inventory-diff',
    { 'test-instance-profile': PROFILE, inventory: 'true', 'github-token': api.token },
    { ...run.env, GITHUB_API_URL: api.url, GITHUB_SERVER_URL: 'https://github.com' }
  )
}

beforeAll(async () => {
  service = await startArtifactService()
  ;[w, api] = await Promise.all([startStageWorld(), startGitHubApi({ artifacts: service })])
})

afterAll(async () => {
  await Promise.all([w?.stop(), api?.close(), service?.close()])
})

describe('a second build with one package changed', () => {
  let runA: WorkflowRun
  let runB: WorkflowRun
  let first: RunResult
  let second: RunResult

  beforeAll(async () => {
    runA = service.startRun({ runId: 7001 })
    first = succeeded(await buildIn(runA))
    runB = service.startRun({ runId: 7002 })
    w.instances.options.scriptEnv = { PATH: pathWithBashAt(upgraded) }
    try {
      second = succeeded(await buildIn(runB))
    } finally {
      delete w.instances.options.scriptEnv
    }
  })

  it('the first run keeps its SBOM as an artifact named for the family and region, and has nothing to compare with', () => {
    expect(service.artifacts.filter((a) => a.runId === runA.runId)).toEqual([expect.objectContaining({ name: ARTIFACT, finalized: true })])
    expect(JSON.parse(first.outputs['sbom'])).toEqual([expect.objectContaining({ ami: first.outputs['ami-id'], artifact: ARTIFACT })])
    expect(first.summary).toContain(`| \`${ARTIFACT}\` |`)
    expect(first.summary).toMatch(new RegExp(`\\*\\*us-east-1 ${first.outputs['ami-id']}\\*\\*: no earlier inventory \\(`))
  })

  it("the second run's summary shows bash old → new against the first AMI and its run, and nothing else changed", () => {
    const ami = second.outputs['ami-id']
    expect(ami).not.toBe(first.outputs['ami-id'])
    expect(second.summary).toContain(`**us-east-1 ${ami}** against ${first.outputs['ami-id']} ([its run](https://github.com/acme/images/actions/runs/${runA.runId})):`)
    expect(second.summary).toMatch(/- Kernel: unchanged \(`[^`]+`\)/)
    expect(second.summary).toContain(`- Packages: 0 added, 0 removed, 1 changed, ${packages - 1} unchanged`)
    expect(second.summary).toContain(`| 🔄 changed | bash (${bashArch}) | \`${bashVersion}\` | \`${upgraded}\` |`)
    expect(second.summary.match(/^\| (?:🔄 changed|➕ added|➖ removed) \|.*$/gm)).toEqual([`| 🔄 changed | bash (${bashArch}) | \`${bashVersion}\` | \`${upgraded}\` |`])
    // The earlier SBOM was found and read through the REST API with the github-token.
    const artifactA = service.artifacts.find((a) => a.runId === runA.runId)
    expect(api.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual(
      expect.arrayContaining([`GET /repos/acme/images/actions/runs/${runA.runId}/artifacts`, `GET /repos/acme/images/actions/artifacts/${artifactA?.id}/zip`])
    )
  })

  it('the second run keeps its own SBOM under the same name', () => {
    expect(service.artifacts.filter((a) => a.runId === runB.runId)).toEqual([expect.objectContaining({ name: ARTIFACT, finalized: true })])
    expect(JSON.parse(second.outputs['sbom'])).toEqual([expect.objectContaining({ ami: second.outputs['ami-id'], artifact: ARTIFACT })])
  })
})
