/**
 * The `builds` output of validate mode against what Packer itself calls the builds: a build of
 * the same template with the same filter reports each build's name as its artifacts' target.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

const TEMPLATE = 'packer/names.pkr.hcl'

/** A pull request run, no AWS credentials: the `builds` output, parsed. */
async function validatedBuilds(filter: Record<string, string>): Promise<string[]> {
  const run = succeeded(
    await runAction({
      cwd: workspaceWith('fixtures/build-names'),
      toolCache,
      eventName: 'pull_request',
      event: { pull_request: { number: 7 } },
      inputs: { ...installFrom(mirror), template: TEMPLATE, variables: `ec2_endpoint: ${moto.endpoint}`, comment: 'false', ...filter }
    })
  )
  expect(run.outputs['mode']).toBe('validate')
  return JSON.parse(run.outputs['builds']) as string[]
}

/** A release run against moto: the build names Packer gave its artifacts. */
async function packerBuildNames(filter: Record<string, string>): Promise<string[]> {
  const run = succeeded(
    await runAction({
      cwd: workspaceWith('fixtures/build-names'),
      toolCache,
      eventName: 'release',
      env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
      inputs: { ...installFrom(mirror), template: TEMPLATE, variables: `ec2_endpoint: ${moto.endpoint}`, comment: 'false', ...filter }
    })
  )
  expect(run.outputs['builds']).toBeUndefined()
  const artifacts = JSON.parse(run.outputs['artifacts']) as Array<{ build: string }>
  return [...new Set(artifacts.map((a) => a.build))]
}

const sorted = (names: string[]): string[] => [...names].sort()

describe('the builds output in validate mode', () => {
  it('lists every build as Packer names it, in template order', async () => {
    const builds = await validatedBuilds({})
    expect(builds).toStrictEqual(['amazon-ebs.web', 'file.notes', 'blue.amazon-ebs.web', 'amazon-ebs.canary'])
    expect(sorted(await packerBuildNames({}))).toStrictEqual(sorted(builds))
  })

  it('applies only with Packer\'s glob patterns, as Packer does', async () => {
    const only = { only: 'blue.*\namazon-ebs.c?nary' }
    const builds = await validatedBuilds(only)
    expect(builds).toStrictEqual(['blue.amazon-ebs.web', 'amazon-ebs.canary'])
    expect(sorted(await packerBuildNames(only))).toStrictEqual(sorted(builds))
  })

  it('applies except', async () => {
    expect(await validatedBuilds({ except: 'amazon-ebs.*' })).toStrictEqual(['file.notes', 'blue.amazon-ebs.web'])
  })
})
