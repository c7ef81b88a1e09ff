/**
 * resolveBases against moto: the image a source's source_ami, source_ami_filter or parameter
 * resolves to now, chosen as packer-plugin-amazon v1.8.2 chooses it (common/ami_filter.go:
 * none → fails, several without most_recent → fails, most_recent → newest CreationDate).
 */
import { CopyImageCommand, EC2Client, type Image } from '@aws-sdk/client-ec2'
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { choose, resolveBases } from '../../src/lineage/base-images.js'
import type { BaseSpec } from '../../src/lineage/template-reads.js'
import { startEbsRootProxy, type EbsRootProxy } from '../support/ebs-root-proxy.js'
import { startMoto, type Moto } from '../support/moto.js'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
let moto: Moto
let ec2: EC2Client
let ssm: SSMClient
const clients = () => ({ ec2: () => ec2, ssm: () => ssm })

beforeAll(async () => {
  moto = await startMoto()
  ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
  ssm = new SSMClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials })
})

afterAll(async () => {
  ec2?.destroy()
  ssm?.destroy()
  await moto?.stop()
})

/** moto's creation times have a one-second resolution: a base made after this is strictly newer. */
async function newBase(name: string): Promise<string> {
  await sleep(1100)
  const { ImageId } = await ec2.send(new CopyImageCommand({ SourceImageId: 'ami-03cf127a', SourceRegion: 'us-east-1', Name: name }))
  return ImageId as string
}

const filtered = (name: string, mostRecent = true): BaseSpec => ({
  source: 'amazon-ebs.app',
  region: 'us-east-1',
  filter: { filters: { name }, owners: ['self'], mostRecent, includeDeprecated: false }
})

describe('resolveBases', () => {
  it('follows a filter with most_recent to the newest match, and moves when a newer one appears', async () => {
    const id = randomUUID().slice(0, 8)
    const first = await newBase(`rb-${id}-1`)
    const [a] = await resolveBases([filtered(`rb-${id}-*`)], clients())
    expect(a).toMatchObject({ source: 'amazon-ebs.app', region: 'us-east-1', id: first, name: `rb-${id}-1` })
    const second = await newBase(`rb-${id}-2`)
    const [b] = await resolveBases([filtered(`rb-${id}-*`)], clients())
    expect(b).toMatchObject({ id: second, name: `rb-${id}-2` })
  })

  it('cannot know the base when several match without most_recent, or none does', async () => {
    const id = randomUUID().slice(0, 8)
    await newBase(`rb2-${id}-1`)
    await newBase(`rb2-${id}-2`)
    const [several, none] = await resolveBases([filtered(`rb2-${id}-*`, false), filtered(`nothing-${id}-*`)], clients())
    expect(several.id).toBeUndefined()
    expect(several.unknown).toBe('2 images match and most_recent is off: Packer would fail')
    expect(none.unknown).toBe('no image matches: Packer would fail to find one')
  })

  it('follows an amazon-parameterstore parameter as it moves', async () => {
    const name = `/images/base/${randomUUID().slice(0, 8)}`
    const one = await newBase(`param-one-${name.slice(-8)}`)
    await ssm.send(new PutParameterCommand({ Name: name, Value: one, Type: 'String' }))
    const spec: BaseSpec = { source: 'amazon-ebs.app', region: 'us-east-1', parameter: name }
    expect((await resolveBases([spec], clients()))[0]).toMatchObject({ id: one, name: `param-one-${name.slice(-8)}` })
    const two = await newBase(`param-two-${name.slice(-8)}`)
    await ssm.send(new PutParameterCommand({ Name: name, Value: two, Type: 'String', Overwrite: true }))
    expect((await resolveBases([spec], clients()))[0]).toMatchObject({ id: two })
  })

  it('answers a look-up AWS refuses with the reason, not an error', async () => {
    const refusing: EbsRootProxy = await startEbsRootProxy(moto.endpoint, { refuseNameLookups: true })
    const denied = new EC2Client({ region: 'us-east-1', endpoint: refusing.endpoint, credentials, maxAttempts: 1 })
    try {
      const [r] = await resolveBases([filtered('anything-*')], { ec2: () => denied, ssm: () => ssm })
      expect(r.id).toBeUndefined()
      expect(r.unknown).toMatch(/^AWS refused the look-up \(UnauthorizedOperation: /)
    } finally {
      denied.destroy()
      await refusing.close()
    }
  })
})

describe('choose', () => {
  const image = (id: string, created: string): Image => ({ ImageId: id, CreationDate: created })
  it.each<[string, Image[], boolean, string]>([
    ['the only match', [image('ami-1', '2026-01-01T00:00:00.000Z')], false, 'ami-1'],
    ['the newest with most_recent', [image('ami-1', '2026-01-02T00:00:00.000Z'), image('ami-2', '2026-01-03T00:00:00.000Z'), image('ami-3', '2026-01-01T00:00:00.000Z')], true, 'ami-2'],
    ['no tie across seconds', [image('ami-1', '2026-01-01T00:00:00.900Z'), image('ami-2', '2026-01-01T00:00:01.000Z')], true, 'ami-2']
  ])('%s', (_name, images, mostRecent, expected) => {
    expect((choose(images, mostRecent) as Image).ImageId).toBe(expected)
  })

  it('refuses to guess between two newest created in the same second', () => {
    const tied = choose([image('ami-1', '2026-01-01T00:00:00.000Z'), image('ami-2', '2026-01-01T00:00:00.000Z')], true)
    expect(tied).toBe('ami-1 and ami-2 were created in the same second: only Packer knows which it takes')
  })
})
