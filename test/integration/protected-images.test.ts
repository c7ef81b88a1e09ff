/**
 * Retention meets AMI deregistration protection: the bundled action against moto, with the
 * proxy in front emulating the protection moto 5 lacks (EC2 refuses DeregisterImage of a
 * protected AMI, so removing one would fail the step).
 */
import { DescribeSnapshotsCommand, EC2Client, EnableImageDeregistrationProtectionCommand } from '@aws-sdk/client-ec2'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy.js'
import { familyAmis, snapshotsOfAmi } from '../support/family.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { runAction, type RunResult, succeeded } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror
let proxy: AwsProxy
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const REGION = 'us-east-1'
/** Through the proxy, so the protection it keeps is what this client sees and sets. */
const ec2 = (): EC2Client => new EC2Client({ region: REGION, endpoint: proxy.endpoint, credentials })

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
  proxy = await startAwsProxy({ target: moto.endpoint })
})

afterAll(async () => {
  await Promise.all([proxy?.close(), moto?.stop(), mirror?.close()])
})

/** Packer talks to moto directly; the action's SDK goes through the proxy. */
function build(inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    cwd: workspaceWith('fixtures/single'),
    toolCache,
    eventName: 'release',
    env: { ...awsTestEnv, AWS_ENDPOINT_URL: proxy.endpoint },
    inputs: {
      ...installFrom(mirror),
      template: 'packer/single.pkr.hcl',
      variables: `ec2_endpoint: ${moto.endpoint}`,
      ...inputs
    }
  })
}

interface RetentionEntry {
  region: string
  family: string
  kept: string[]
  removed: string[]
  spared: string[]
  sparedReasons: Record<string, string>
  dryRun: boolean
}

describe('retention and deregistration protection', () => {
  it('with keep-latest 1, spares an older protected AMI and says why, and removes the older unprotected one', async () => {
    const family = 'acme/protected-retention'
    // Two earlier builds of the family, without retention: the first gets protected.
    const guarded = succeeded(await build({ family })).outputs['ami-id']
    const plain = succeeded(await build({ family })).outputs['ami-id']
    const plainSnapshots = await snapshotsOfAmi(ec2(), plain)
    expect(plainSnapshots.length).toBeGreaterThan(0)
    const enabled = await ec2().send(new EnableImageDeregistrationProtectionCommand({ ImageId: guarded }))
    expect(enabled.Return).toBe('enabled-without-cooldown')
    expect(await familyAmis(ec2(), family)).toEqual([guarded, plain].sort())

    // No pause: moto may give this build the same creation second as the one before; this
    // run's AMI must still count as the newest.
    const run = succeeded(await build({ family, 'keep-latest': '1' }))
    const newest = run.outputs['ami-id']

    expect(await familyAmis(ec2(), family)).toEqual([guarded, newest].sort())
    const { Snapshots = [] } = await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))
    const left = new Set(Snapshots.map((s) => s.SnapshotId))
    expect(plainSnapshots.filter((s) => left.has(s))).toEqual([])
    expect(proxy.deregistrationProtection(guarded, REGION)).toBe('enabled-without-cooldown')

    const retention = (JSON.parse(run.outputs['images']) as { retention: RetentionEntry[] }).retention
    expect(retention).toEqual([
      {
        region: REGION,
        family,
        kept: [newest],
        removed: [plain],
        spared: [guarded],
        sparedReasons: { [guarded]: 'deregistration protection is enabled-without-cooldown' },
        dryRun: false
      }
    ])
    expect(run.stdout).toContain(`removing ${plain}; spared: ${guarded} (deregistration protection is enabled-without-cooldown)`)
    // A line, not a complaint: nothing about it is a warning or an error.
    const complaints = run.stdout.split('\n').filter((line) => /^::(warning|error)/.test(line) && line.includes(guarded))
    expect(complaints).toEqual([])
    // Retention never asked EC2 to deregister the protected AMI: one DeregisterImage, for the plain one.
    expect(proxy.calls.filter((c) => c.action === 'DeregisterImage')).toHaveLength(1)
  })
})
