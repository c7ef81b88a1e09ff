/**
 * A real moto_server (a local fake of the AWS APIs) for packer's amazon-ebs
 * builder to talk to, plus a direct EC2 client so tests can check what was
 * actually created without trusting the action's own report.
 */
import type { EC2Client } from '@aws-sdk/client-ec2'
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import { findOnPath } from './packer.js'

export interface Moto {
  /** http://127.0.0.1:PORT, for packer's custom_endpoint_ec2. */
  endpoint: string
  port: number
  pid: number
  stop(): Promise<void>
}

export interface MotoImage {
  ImageId: string
  Tags: Record<string, string>
  State: string
  Name: string
}

/** moto accepts any credentials; these keep the AWS SDK inside packer from looking elsewhere. */
export const awsTestEnv = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' }

const READY_TIMEOUT_MS = 30_000
const TERM_GRACE_MS = 3_000
/** Enough of moto's log to explain a failed start, without holding every request line. */
const LOG_TAIL_CHARS = 4_000

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

function motoCommand(port: number): { command: string; args: string[] } {
  const args = ['-H', '127.0.0.1', '-p', String(port)]
  const server = findOnPath('moto_server')
  return server !== undefined ? { command: server, args } : { command: 'python3', args: ['-m', 'moto.server', ...args] }
}

function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${endpoint}/moto-api/`, { timeout: 1_000 }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
  })
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

async function waitUntilReady(child: ChildProcess, endpoint: string, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`)
    }
    if (await answers(endpoint)) return
    await delay(100)
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${READY_TIMEOUT_MS} ms:\n${log()}`)
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const done = exited(child)
  if (child.exitCode !== null || child.signalCode !== null) return done
  child.kill('SIGTERM')
  const escalate = setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS)
  await done
  clearTimeout(escalate)
}

/**
 * A moto_server someone else started and stops (`npm run mutate` starts one per Stryker run,
 * stryker.config.mjs): each startMoto() then resets its state instead of starting a server,
 * which costs Python's start and moto's EC2 import for every mutant. Safe only for test files
 * run one after another, as Stryker runs them.
 */
const SHARED_ENDPOINT = process.env.PACKER_AMI_ACTION_SHARED_MOTO ?? ''

async function resetShared(endpoint: string): Promise<Moto> {
  const reset = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' })
  if (!reset.ok) throw new Error(`the shared moto_server at ${endpoint} refused a reset: HTTP ${reset.status}`)
  return { endpoint, port: Number(new URL(endpoint).port), pid: 0, stop: async () => {} }
}

export async function startMoto(): Promise<Moto> {
  if (SHARED_ENDPOINT !== '') return resetShared(SHARED_ENDPOINT)
  const port = await freeLoopbackPort()
  const endpoint = `http://127.0.0.1:${port}`
  const { command, args } = motoCommand(port)
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-LOG_TAIL_CHARS)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve)
    child.once('error', reject)
  })
  await spawned
  try {
    await waitUntilReady(child, endpoint, () => log)
  } catch (error) {
    await stopProcess(child)
    throw error
  }
  const pid = child.pid
  if (pid === undefined) throw new Error('moto_server has no pid')
  return { endpoint, port, pid, stop: () => stopProcess(child) }
}

// --- EC2 Query API, signed with AWS Signature Version 4 ---------------------

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex')
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/**
 * Authorization header for a POST to `/`. moto_server picks the service to
 * dispatch to from the credential scope in this header: an unsigned POST is
 * taken for S3 and answers with a bucket list.
 */
function signV4(
  host: string,
  body: string,
  region: string,
  now: Date
): { amzDate: string; authorization: string; contentType: string } {
  const service = 'ec2'
  const contentType = 'application/x-www-form-urlencoded; charset=utf-8'
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  const date = amzDate.slice(0, 8)
  const signedHeaders = 'content-type;host;x-amz-date'
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${host}\nx-amz-date:${amzDate}\n`,
    signedHeaders,
    sha256Hex(body)
  ].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${awsTestEnv.AWS_SECRET_ACCESS_KEY}`, date), region), service),
    'aws4_request'
  )
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
  const authorization =
    `AWS4-HMAC-SHA256 Credential=${awsTestEnv.AWS_ACCESS_KEY_ID}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`
  return { amzDate, authorization, contentType }
}

function postEc2(endpoint: string, region: string, params: URLSearchParams): Promise<string> {
  const url = new URL(endpoint)
  const body = params.toString()
  const { amzDate, authorization, contentType } = signV4(url.host, body, region, new Date())
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': contentType,
          'Content-Length': Buffer.byteLength(body),
          Host: url.host,
          'X-Amz-Date': amzDate,
          Authorization: authorization
        }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode === 200) resolve(text)
          else reject(new Error(`EC2 ${params.get('Action')} answered ${res.statusCode}: ${text}`))
        })
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

// --- Just enough XML for EC2 responses ---------------------------------------

interface XmlElement {
  name: string
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10))
    return ENTITIES[ref] ?? whole
  })
}

/** Parses elements and text only: EC2 responses carry no data in attributes, comments or CDATA. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' }
  const stack: XmlElement[] = [root]
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([^\s/>]+)[^>]*?(\/?)>|([^<]+)/g
  for (const [, closing, name, selfClosing, text] of xml.matchAll(token)) {
    const top = stack[stack.length - 1]
    if (text !== undefined) {
      top.text += decodeEntities(text)
    } else if (name === undefined) {
      continue
    } else if (closing === '/') {
      if (top.name !== name) throw new Error(`malformed XML: </${name}> closes <${top.name}>`)
      stack.pop()
    } else {
      const element: XmlElement = { name, children: [], text: '' }
      top.children.push(element)
      if (selfClosing !== '/') stack.push(element)
    }
  }
  return root
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name)
}

function items(element: XmlElement | undefined): XmlElement[] {
  return element?.children.filter((c) => c.name === 'item') ?? []
}

function textOf(element: XmlElement | undefined, name: string): string {
  return child(element, name)?.text ?? ''
}

/** Images owned by the caller in `region`, optionally only the given IDs. */
export async function describeImages(endpoint: string, region: string, imageIds?: string[]): Promise<MotoImage[]> {
  const params = new URLSearchParams({ Action: 'DescribeImages', Version: '2016-11-15', 'Owner.1': 'self' })
  imageIds?.forEach((id, i) => params.append(`ImageId.${i + 1}`, id))
  const document = parseXml(await postEc2(endpoint, region, params))
  const response = document.children[0]
  return items(child(response, 'imagesSet')).map((image) => ({
    ImageId: textOf(image, 'imageId'),
    Name: textOf(image, 'name'),
    State: textOf(image, 'imageState'),
    Tags: Object.fromEntries(items(child(image, 'tagSet')).map((tag) => [textOf(tag, 'key'), textOf(tag, 'value')]))
  }))
}

/**
 * The client, its calls made from now on as another account of moto: moto 5 serves any number of
 * accounts, and its `x-moto-account-id` header picks the one a request is for (moto/core/responses.py
 * `get_current_account`, ahead of the access key's account). For what another account owns.
 */
export function asAccount(client: EC2Client, accountId: string): EC2Client {
  client.middlewareStack.add(
    (next) => (args) => {
      ;(args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = accountId
      return next(args)
    },
    { step: 'build', name: 'motoAccountId' }
  )
  return client
}
