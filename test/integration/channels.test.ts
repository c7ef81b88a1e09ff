/**
 * Channels through the bundle, as a release workflow runs them: a build that assigns
 * `candidate` in both regions of the example template, a promotion of `candidate` to
 * `production`, and a promotion the checks refuse. The breadth (rollback, every refusal,
 * races, ownership) is in test/unit/channels.test.ts against the same moto and proxy.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { world, type World } from '../support/channel-world.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { githubSha, runAction, succeeded, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let proxy: AwsProxy
let mirror: Mirror
let w: World
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const FAMILY = 'acme/images/amazon-ebs.web'
const candidate = `/packer-ami-action/${FAMILY}/candidate`
const production = `/packer-ami-action/${FAMILY}/production`

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  proxy = await startAwsProxy({ target: moto.endpoint })
  w = world(proxy.endpoint)
})

afterAll(async () => {
  w?.destroy()
  await Promise.all([proxy?.close(), moto?.stop(), mirror?.close()])
})

interface Assignment {
  channel: string
  family: string
  region: string
  parameter: string
  previous?: string
  ami: string
  version: number
  reason: string
}

function run(inputs: Record<string, string>, runId: string): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('packer'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint, GITHUB_RUN_ID: runId },
    inputs: { 'aws-region': 'us-east-1', ...inputs }
  })
}

const build = (inputs: Record<string, string>, runId: string): Promise<RunResult> =>
  run({ ...installFrom(mirror), template: 'packer', variables: `ec2_endpoint: ${proxy.endpoint}`, only: 'amazon-ebs.web', mode: 'build', ...inputs }, runId)

describe('channels through the bundle', () => {
  it('a build assigns candidate in both regions; a promotion moves production to it; a refused promotion writes nothing', async () => {
    const built = succeeded(await build({ channel: 'candidate' }, '7001'))
    const amis = JSON.parse(built.outputs['ami-ids']) as Record<string, string>
    expect(Object.keys(amis).sort()).toEqual(['us-east-1', 'us-west-2'])
    const assigned = JSON.parse(built.outputs['channel-assignments']) as Assignment[]
    expect(assigned.map((a) => [a.region, a.channel, a.parameter, a.ami, a.version, a.reason])).toEqual([
      ['us-east-1', 'candidate', candidate, amis['us-east-1'], 1, 'build'],
      ['us-west-2', 'candidate', candidate, amis['us-west-2'], 1, 'build']
    ])
    expect(built.summary).toContain('### Channels')
    expect(built.summary).toContain(`| candidate (\`${candidate}\`) | us-west-2 | — | ${amis['us-west-2']} | 1 | build |`)
    for (const region of ['us-east-1', 'us-west-2']) {
      expect(await w.value(region, candidate)).toBe(amis[region])
      expect((await w.history(region, candidate))[0].labels).toEqual(['run-7001', `commit-${githubSha}`])
    }

    // The promoting job: no checkout, no template, no Packer.
    const downloads = mirror.requests.length
    const promoted = succeeded(await run({ ...installFrom(mirror), mode: 'promote', family: FAMILY, channel: 'production', 'from-channel': 'candidate' }, '7002'))
    expect(mirror.requests.length).toBe(downloads)
    const moved = JSON.parse(promoted.outputs['channel-assignments']) as Assignment[]
    expect(moved.map((a) => [a.region, a.parameter, a.previous, a.ami, a.version, a.reason])).toEqual([
      ['us-east-1', production, undefined, amis['us-east-1'], 1, 'promote from candidate'],
      ['us-west-2', production, undefined, amis['us-west-2'], 1, 'promote from candidate']
    ])
    expect(promoted.summary).toContain('## Packer promote: ✅ passed')
    expect(promoted.summary).toContain(`| production (\`${production}\`) | us-east-1 | — | ${amis['us-east-1']} | 1 | promote from candidate |`)
    for (const region of ['us-east-1', 'us-west-2']) {
      expect(await w.value(region, production)).toBe(amis[region])
      expect((await w.history(region, production))[0].labels).toEqual(['run-7002', `commit-${githubSha}`])
    }

    // An AMI of another family: refused before anything is written, and the summary says why.
    const other = await w.built('acme/images/other', ['us-east-1', 'us-west-2'])
    const refused = await run({ mode: 'promote', family: FAMILY, channel: 'production', 'ami-ids': JSON.stringify(other) }, '7003')
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toContain(`::error::not promoting to production; nothing was changed:`)
    expect(refused.summary).toContain('### Refused: nothing was changed')
    expect(refused.summary).toContain(`${other['us-east-1']} in us-east-1 is of family acme/images/other, not ${FAMILY}`)
    expect(JSON.parse(refused.outputs['channel-assignments'])).toEqual([])
    for (const region of ['us-east-1', 'us-west-2']) {
      expect(await w.value(region, production)).toBe(amis[region])
      expect(await w.history(region, production)).toHaveLength(1)
    }
  })

  it('a revocation through the bundle: the dry run changes nothing, the revocation moves the channel back and says so', async () => {
    const family = 'acme/images/revoked'
    const older = await w.built(family, ['us-east-1', 'us-west-2'])
    const newer = await w.built(family, ['us-east-1', 'us-west-2'])
    const name = `/packer-ami-action/${family}/production`
    for (const [amis, runId] of [[older, '7101'], [newer, '7102']] as const) {
      succeeded(await run({ mode: 'promote', family, channel: 'production', 'ami-ids': JSON.stringify(amis) }, runId))
    }
    const revoke = { mode: 'revoke', family, 'ami-id': newer['us-east-1'], 'revoke-reason': 'CVE-2026-1234', 'revoke-disable': 'true' }

    const dry = succeeded(await run({ ...revoke, 'cleanup-dry-run': 'true' }, '7103'))
    expect(dry.summary).toContain('## Packer revoke (dry run: nothing changed): ✅ passed')
    expect(dry.summary).toContain('### Would revoke')
    expect(dry.summary).toContain(`| us-west-2 | ${newer['us-west-2']} | ${family} | named by the input | yes |`)
    expect(dry.summary).toContain('### Channels that would move')
    expect(JSON.parse(dry.outputs['channel-assignments'])).toEqual([])
    expect(await w.value('us-east-1', name)).toBe(newer['us-east-1'])
    expect((await w.image('us-west-2', newer['us-west-2']))?.State).toBe('available')

    const done = succeeded(await run(revoke, '7104'))
    expect(JSON.parse(done.outputs['revoked'])).toEqual([
      { region: 'us-east-1', ami: newer['us-east-1'], family, disabled: true },
      { region: 'us-west-2', ami: newer['us-west-2'], family, disabled: true }
    ])
    const moved = JSON.parse(done.outputs['channel-assignments']) as Assignment[]
    expect(moved.map((a) => [a.region, a.previous, a.ami, a.version])).toEqual([
      ['us-east-1', newer['us-east-1'], older['us-east-1'], 3],
      ['us-west-2', newer['us-west-2'], older['us-west-2'], 3]
    ])
    expect(done.summary).toContain('### Revoked')
    expect(done.summary).toContain(`| us-east-1 | ${newer['us-east-1']} | ${family} | named by the input | yes |`)
    expect(done.summary).toContain('Nothing was deregistered and no snapshot deleted.')
    expect(done.summary).toContain(`| production (\`${name}\`) | us-west-2 | ${newer['us-west-2']} | ${older['us-west-2']} | 3 | revoke of ${newer['us-west-2']}: back to version 1 |`)
    for (const region of ['us-east-1', 'us-west-2']) {
      expect(await w.value(region, name)).toBe(older[region])
      expect((await w.image(region, newer[region]))?.State).toBe('disabled')
    }
  })
})
