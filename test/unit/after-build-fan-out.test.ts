/**
 * The after-build steps (src/aws/after-build.ts) reach every region at once: a run over three
 * regions makes each of its rounds of calls in all three side by side, never one region after
 * another, so it costs about the round trips of one region. Counted at the loopback proxy in
 * front of moto, which holds each call until the calls sent beside it have arrived (no clock
 * decides the verdict: a call sent alone is one the others did not come to join).
 */
import { CreateImageCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { randomUUID } from 'node:crypto'
import { afterBuild } from '../../src/aws/after-build.js'
import type { ImageOptions } from '../../src/aws/options.js'
import { BASE_AMI_TAG, FAMILY_TAG } from '../../src/aws/tags.js'
import { startAwsProxy, type AwsProxy, type AwsProxyCall } from '../support/aws-proxy.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1']
const credentials = { accessKeyId: awsTestEnv.AWS_ACCESS_KEY_ID, secretAccessKey: awsTestEnv.AWS_SECRET_ACCESS_KEY }
/** How long a call waits for the calls sent beside it; far longer than a call takes to arrive. */
const PATIENCE_MS = 3_000

let moto: Moto
const saved = { ...process.env }

beforeAll(async () => {
  moto = await startMoto()
  Object.assign(process.env, awsTestEnv)
})

afterAll(async () => {
  process.env = saved
  await moto?.stop()
})

/**
 * The proxy's `before`: holds calls until `width` of them wait together, then lets them all
 * go; a call still waiting after PATIENCE_MS with fewer beside it is recorded in `alone`.
 */
function sideBySide(width: number): { before: (call: AwsProxyCall) => Promise<void>; alone: AwsProxyCall[][] } {
  const alone: AwsProxyCall[][] = []
  let waiting: Array<{ call: AwsProxyCall; go: () => void }> = []
  let timer: NodeJS.Timeout | undefined
  const release = (): void => {
    clearTimeout(timer)
    const group = waiting
    waiting = []
    for (const w of group) w.go()
  }
  const before = (call: AwsProxyCall): Promise<void> =>
    new Promise((go) => {
      waiting.push({ call, go })
      if (waiting.length === width) release()
      else if (waiting.length === 1) {
        timer = setTimeout(() => {
          alone.push(waiting.map((w) => w.call))
          release()
        }, PATIENCE_MS)
      }
    })
  return { before, alone }
}

/** An AMI in each region, made straight in moto as a build leaves it (EC2 records no source for it here). */
async function amisIn(regions: string[]): Promise<Array<{ build: string; builder: string; region: string; ami: string }>> {
  return Promise.all(
    regions.map(async (region) => {
      const ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials })
      const { Instances = [] } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1 }))
      const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: Instances[0].InstanceId, Name: `fan-out-${randomUUID()}` }))
      ec2.destroy()
      return { build: 'amazon-ebs.web', builder: 'amazon-ebs', region, ami: ImageId as string }
    })
  )
}

function options(family: string, keepLatest?: number): ImageOptions {
  return {
    tags: { team: 'images' },
    shareAccounts: ['111122223333'],
    shareOrganizations: [],
    shareOus: [],
    ssmParameter: `/fan-out/${family}`,
    family,
    ...(keepLatest === undefined ? {} : { keepLatest }),
    cleanupDryRun: true,
    launchTemplates: [],
    launchTemplateDefault: false,
    deregistrationProtection: false
  }
}

const provenance = { repository: 'acme/images', commit: 'c', runUrl: 'u', ref: 'r', template: 't', fingerprint: 'f' }

async function run(proxy: AwsProxy, family: string, keepLatest?: number): ReturnType<typeof afterBuild> {
  process.env.AWS_ENDPOINT_URL = proxy.endpoint
  return afterBuild({ artifacts: await amisIn(REGIONS), options: options(family, keepLatest), provenance, repository: 'acme/images' })
}

describe('after-build over several regions', () => {
  // Retention is left out here: its reference checks run several calls at once in each region,
  // which no fixed group of three can pair up; it runs its regions side by side as it always did.
  it('makes each call in every region side by side: tags, sharing, the parameter, lineage and the attestation', async () => {
    const family = `fan-out/${randomUUID()}`
    const listing = await startAwsProxy({ target: moto.endpoint })
    // A first run: the second then finds an older AMI of the family, and looks for families built on it.
    await run(listing, family)
    await listing.close()

    const held = sideBySide(REGIONS.length)
    const proxy = await startAwsProxy({ target: moto.endpoint, before: held.before })
    try {
      const report = await run(proxy, family)
      expect(report.images.map((i) => i.region).sort()).toEqual([...REGIONS].sort())
      const lookups = proxy.calls.filter((c) => c.action === 'DescribeImages' && c.params['Filter.1.Name'] === `tag:${BASE_AMI_TAG}`)
      expect(lookups.map((c) => c.region).sort()).toEqual([...REGIONS].sort())
      expect(proxy.calls.length).toBeGreaterThanOrEqual(9 * REGIONS.length)
      expect(held.alone.map((calls) => calls.map((c) => `${c.region} ${c.action}`))).toEqual([])
    } finally {
      await proxy.close()
    }
  })

  it('lists each family once a region, for both the look-up of families built on it and retention', async () => {
    const family = `fan-out/${randomUUID()}`
    const proxy = await startAwsProxy({ target: moto.endpoint })
    try {
      await run(proxy, family, 1)
      const listings = proxy.calls.filter((c) => c.action === 'DescribeImages' && Object.entries(c.params).some(([k, v]) => v === `tag:${FAMILY_TAG}` && k.endsWith('.Name')))
      expect(listings.map((c) => c.region).sort()).toEqual([...REGIONS].sort())
    } finally {
      await proxy.close()
    }
  })
})
