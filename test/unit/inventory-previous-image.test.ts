import { CreateImageCommand, CreateTagsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2'
import { previousImage } from '../../src/inventory/previous-image.js'
import { startMoto, type Moto } from '../support/moto.js'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
const region = 'us-east-1'
let moto: Moto
let ec2: EC2Client
let instance: string

beforeAll(async () => {
  moto = await startMoto()
  ec2 = new EC2Client({ region, endpoint: moto.endpoint, credentials, maxAttempts: 1 })
  const { Instances = [] } = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-03cf127a', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))
  instance = Instances[0].InstanceId as string
})

afterAll(async () => {
  ec2?.destroy()
  await moto?.stop()
})

async function image(name: string, tags: Record<string, string>): Promise<string> {
  const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: instance, Name: name }))
  await ec2.send(new CreateTagsCommand({ Resources: [ImageId as string], Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }))
  return ImageId as string
}

const family = (f: string, run?: number) => ({ 'packer-ami-action:family': f, ...(run === undefined ? {} : { 'packer-ami-action:run-url': `https://github.com/acme/images/actions/runs/${run}` }) })

it('the newest other AMI of the family, with the run that built it; never another family, never the new AMI', async () => {
  await image('web-1', family('acme/images/web', 40))
  await new Promise((r) => setTimeout(r, 1100))
  const previous = await image('web-2', family('acme/images/web', 41))
  await new Promise((r) => setTimeout(r, 1100))
  await image('look-alike', family('acme/images/web-canary', 99))
  const fresh = await image('web-3', family('acme/images/web', 42))
  expect(await previousImage(ec2, 'acme/images/web', fresh)).toMatchObject({ ami: previous, runUrl: 'https://github.com/acme/images/actions/runs/41' })
})

it('a first build: nothing', async () => {
  const fresh = await image('db-1', family('acme/images/db', 50))
  expect(await previousImage(ec2, 'acme/images/db', fresh)).toBeUndefined()
})

it('an AMI whose test failed or never finished never went out: passed over; one that passed counts; no run-url tag: none', async () => {
  await image('api-1', family('acme/images/api'))
  await new Promise((r) => setTimeout(r, 1100))
  const passed = await image('api-2', { ...family('acme/images/api', 60), 'packer-ami-action:test': 'passed' })
  await new Promise((r) => setTimeout(r, 1100))
  await image('api-3', { ...family('acme/images/api', 61), 'packer-ami-action:test': 'failed' })
  await image('api-4', { ...family('acme/images/api', 62), 'packer-ami-action:test': 'pending' })
  const fresh = await image('api-5', family('acme/images/api', 63))
  expect(await previousImage(ec2, 'acme/images/api', fresh)).toMatchObject({ ami: passed, runUrl: 'https://github.com/acme/images/actions/runs/60' })

  expect(await previousImage(ec2, 'acme/images/api', fresh, (i) => i.ImageId === passed)).toMatchObject({ runUrl: undefined })

  const untagged = await image('tool-1', family('acme/images/tool'))
  const next = await image('tool-2', family('acme/images/tool', 70))
  expect(await previousImage(ec2, 'acme/images/tool', next)).toEqual({ ami: untagged, created: expect.any(String), runUrl: undefined })
})
