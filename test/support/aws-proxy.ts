/**
 * A loopback HTTP proxy in front of moto_server. It forwards every request
 * (method, path, headers, body) to moto and streams moto's answer back,
 * except that it:
 *
 *  - answers EC2 `EnableImageDeprecation` itself (moto 5 does not implement
 *    it) in EC2's XML shape, recording what was asked for;
 *  - emulates AMI deregistration protection, which moto 5 lacks as well:
 *    `EnableImageDeregistrationProtection` / `DisableImageDeregistrationProtection`
 *    are answered here and remembered per region and image, moto's
 *    `DescribeImages` answers gain `deregistrationProtection` for those images,
 *    `DescribeImageAttribute` answers for that attribute, and `DeregisterImage`
 *    of a protected image is refused instead of forwarded;
 *  - makes SSM `DescribeParameters` take a `DataType` filter, which real SSM
 *    takes and moto 5 refuses: the filter is applied here to moto's answer;
 *  - answers an EC2 action moto does not implement (moto answers those with
 *    an HTML page and HTTP 500, which the SDK retries for seconds) as an EC2
 *    endpoint without the action does: HTTP 400 `InvalidAction`. This is what
 *    `DescribeImageReferences` gets by default;
 *  - optionally (`imageReferences`) answers `DescribeImageReferences` itself,
 *    from what moto holds: instances, launch template versions, SSM
 *    parameters of data type `aws:ec2:image` (no Image Builder recipes);
 *  - optionally (`deleteAssociatedSnapshots`) honours `DeregisterImage`'s
 *    `DeleteAssociatedSnapshots`, which moto 5 ignores, reporting each
 *    snapshot in `deleteSnapshotResultSet` as EC2 does (with `snapshotOutcome`
 *    reporting one `skipped` or `internal-error`, which moto cannot stage), or
 *    refuses the parameter as an endpoint without it does (`UnknownParameter`);
 *  - honours `CreateLaunchTemplateVersion`'s `SourceVersion`, which moto 5
 *    ignores: the new version inherits the source version's launch parameters,
 *    and those given in the request overwrite them;
 *  - optionally (`unknownLaunchTemplateIds`) answers `DescribeLaunchTemplates`
 *    for a `LaunchTemplateId` the region lacks with EC2's
 *    `InvalidLaunchTemplateId.NotFound` where moto answers an empty list;
 *  - optionally answers a seeded, reproducible share of EC2 and SSM calls
 *    with the faults AWS really sends (throttling, plain 503s), which moto
 *    cannot produce;
 *  - records, as EC2 does, the AMI each CreateImage (the instance's AMI) and
 *    CopyImage (the copied AMI) made an image from, and shows it in DescribeImages
 *    as `sourceImageId` and `sourceImageRegion`, which moto 5 leaves out ("The ID
 *    only appears if the AMI was created using CreateImage, CopyImage, or
 *    CreateRestoreImageTask": EC2 API Reference, Image data type; EC2 User Guide,
 *    "Identify the source AMI used to create a new AMI");
 *  - answers DescribeInstances with a filter that names no value as EC2 does, where
 *    moto matches nothing: EC2 reads `Filter.N.Name` without a `Filter.N.Value.M` as
 *    "has some value for it", so `key-name` with no value matches every instance that
 *    has a key pair;
 *  - answers `DisableImage` and `EnableImage`, and shows disabled and deprecated images in
 *    `DescribeImages` as EC2 does (test/support/image-lifecycle-emulation.ts);
 *  - optionally adds latency to every request;
 *  - optionally (`instances`) behaves as instances and their SSM Agent do: status checks that
 *    take time or fail, agent registration, and SSM Run Command scripts that really run
 *    (instance-emulation.ts).
 *  - refuses an EC2 Describe* request with more than 200 values in one filter as EC2 does
 *    (`FilterLimitExceeded`), where moto takes any number; and answers DescribeNetworkInterfaces
 *    by a `group-id` or `group-name` filter of several values as EC2 does, any of an interface's
 *    groups matching, where moto matches the groups as a set (filter-emulation.ts);
 *  - scopes DescribeSnapshots by `Owner.N`, which moto ignores, and optionally (`otherAccounts`)
 *    shows the public or shared snapshots of other accounts moto holds, as EC2 does
 *    (snapshot-owner-emulation.ts);
 *  - refuses SSM GetParameters with no name, more than ten, or a name with spaces, a
 *    DescribeParameters filter with no value or more than 50, LabelParameterVersion and
 *    UnlabelParameterVersion without labels or with more than ten, and PutParameter with a Type
 *    SSM does not know, as SSM does (ssm-limits-emulation.ts);
 *  - optionally (`otherAccounts`) shows in DescribeImages the public or shared AMIs of other
 *    accounts moto holds, unless `Owner.N` leaves them out, as EC2 does (image-owner-emulation.ts);
 *  - optionally (`before`) lets a test change moto's state between a caller's calls.
 *
 * Point the AWS SDK (`endpoint`) or packer (`custom_endpoint_ec2`) at
 * `proxy.endpoint` instead of moto's.
 */
import {
  CreateLaunchTemplateVersionCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type Instance,
  type RequestLaunchTemplateData,
  type ResponseLaunchTemplateData
} from '@aws-sdk/client-ec2'
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { startInstanceEmulation, type InstanceEmulation, type InstanceEmulationOptions } from './instance-emulation.js'
import type { AddressInfo } from 'node:net'
import { imageLifecycle, topLevelItems } from './image-lifecycle-emulation.js'
import { anyValue, filterLimitRefusal } from './filter-emulation.js'
import { snapshotOwners } from './snapshot-owner-emulation.js'
import { ssmLimitRefusal } from './ssm-limits-emulation.js'
import { imageOwners } from './image-owner-emulation.js'

export interface AwsProxyOptions {
  /** moto's endpoint, e.g. http://127.0.0.1:PORT. */
  target: string
  /** Share (0..1) of eligible EC2/SSM calls answered with a fault instead of being forwarded. Default 0. */
  faultRate?: number
  /** EC2 Actions / SSM targets (without `AmazonSSM.`) that may be faulted; default: all of them. */
  faultActions?: string[]
  /** Seed for the fault PRNG (mulberry32); the same seed and call sequence give the same faults. Default 1. */
  seed?: number
  /** Latency added before each request is handled (forwarded, faulted or answered locally). Default 0. */
  delayMs?: number
  /**
   * Answers a call itself, for states moto cannot reach (an AWS-managed KMS key, say); undefined
   * forwards it. `body` is the request's, as sent (SSM's JSON; EC2's parameters are in `calls`);
   * `region` the one its signature names.
   */
  answer?: (action: string, body: string, region?: string) => { status: number; contentType: string; body: string } | undefined
  /** The clock for deregistration protection's 24-hour cooldown, in ms since the epoch. Default Date.now. */
  now?: () => number
  /**
   * Answer EC2 `DescribeImageReferences` from moto's state. Default false: the call goes to moto,
   * which does not implement it, so a caller sees an endpoint without the API.
   */
  imageReferences?: boolean
  /**
   * `DeregisterImage`'s `DeleteAssociatedSnapshots`: true honours it as EC2 does; the default,
   * false, leaves it to moto, which ignores it; `unknown-parameter` refuses it as an EC2 endpoint
   * that does not know the parameter does (HTTP 400 `UnknownParameter`, nothing deregistered).
   */
  deleteAssociatedSnapshots?: boolean | 'unknown-parameter'
  /**
   * With `deleteAssociatedSnapshots: true`, what EC2 reports for a snapshot it does not delete, for
   * states moto cannot reach: `skipped` (another AMI uses it; moto gives every AMI a snapshot of its
   * own) or `internal-error` (EC2 failed to delete it). The snapshot stays. Undefined: deleted.
   */
  snapshotOutcome?: (snapshotId: string) => 'skipped' | 'internal-error' | undefined
  /**
   * How `DescribeLaunchTemplates` answers a `LaunchTemplateId` the region does not have: `empty`
   * (the default: moto's answer, the id left out of the list) or `not-found` (EC2's, HTTP 400
   * `InvalidLaunchTemplateId.NotFound`, as floci-io/floci pull request 3245 describes it).
   */
  unknownLaunchTemplateIds?: 'empty' | 'not-found'
  /** The account in the ARNs the proxy makes up. Default moto's, 123456789012. */
  accountId?: string
  /** Emulate status checks, the SSM Agent and Run Command (instance-emulation.ts); undefined: moto's answers. */
  instances?: InstanceEmulationOptions
  /**
   * Other accounts in moto (made through its `x-moto-account-id` header) whose public or shared
   * snapshots DescribeSnapshots, and AMIs DescribeImages, show beside the caller's, as EC2 does
   * (snapshot-owner-emulation.ts, image-owner-emulation.ts).
   */
  otherAccounts?: string[]
  /**
   * Awaited before each call is answered (after it is recorded in `calls`): for a test to change
   * what moto holds between a caller's calls, as another actor in the account would.
   */
  before?: (call: AwsProxyCall) => Promise<void> | void
}

export type AwsService = 'ec2' | 'ssm' | 'other'

export interface AwsProxyCall {
  service: AwsService
  /** EC2 Action, SSM operation (X-Amz-Target after the dot), or for anything else `METHOD /path`. */
  action: string
  /** From the SigV4 credential scope, when the request is signed. */
  region?: string
  /** True when the proxy answered with an injected fault instead of forwarding. */
  faulted: boolean
  /** The Query-API parameters (EC2, IAM: query string and form body); empty for JSON protocols (SSM). */
  params: Record<string, string>
  /** When the request arrived, before `delayMs` (performance.now(), ms): for a timeline of the caller's calls. */
  receivedAt: number
  /** When the answer was sent (performance.now(), ms); undefined while pending or if the connection dropped. */
  answeredAt?: number
}

export interface AwsProxyDeprecation {
  imageId: string
  /** DeprecateAt exactly as sent; SDK v3 sends whole seconds, e.g. 2030-01-01T00:00:00Z. */
  deprecateAt: string
  region?: string
}

export interface AwsProxy {
  /** http://127.0.0.1:PORT, no trailing slash. */
  endpoint: string
  /** Every EnableImageDeprecation the proxy answered, in order. */
  deprecations: AwsProxyDeprecation[]
  /**
   * What DescribeImages now shows as the image's `DeregistrationProtection` in that region:
   * `enabled-without-cooldown`, `enabled-with-cooldown`, `disabled after <ISO time>` while a
   * cooldown runs, or undefined when it is off.
   */
  deregistrationProtection(imageId: string, region: string): string | undefined
  /** Every request, in arrival order, including faulted ones. */
  calls: AwsProxyCall[]
  /** With `instances`: the emulation, its options (changeable between runs) and the scripts it ran. */
  instances?: InstanceEmulation
  /** Stops listening and ends every open (keep-alive) connection, both sides; calling it again is a no-op. */
  close(): Promise<void>
}

/** The resource types DescribeImageReferences checks that the proxy can see in moto. */
const REFERENCE_TYPES = ['ec2:Instance', 'ec2:LaunchTemplate', 'ssm:Parameter']
const INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped']
/** EC2's default `version-depth`: the 10 newest versions of each launch template. */
const DEFAULT_VERSION_DEPTH = 10
const MAX_VERSION_DEPTH = 10_000
const MAX_REFERENCE_IMAGE_IDS = 10
const MIN_REFERENCE_RESULTS = 5

/**
 * DescribeInstances filters whose meaning without a value the proxy gives, as EC2 does: the
 * instances that have some value for it. From the AWS SDK team, on the request the AWS CLI sends
 * for `--filters "Name=vpc-id"`: "This sends a request to EC2 that specifies a constraint that the
 * instances returned must have a value for vpc-id, but we don't care what it is" (aws/aws-cli
 * issue 1735). The AWS SDK for JavaScript v3 sends a filter whose `Values` is empty the same way:
 * `Filter.1.Name` and no `Filter.1.Value.1`.
 */
const HAS_VALUE: Record<string, (i: Instance) => boolean> = {
  'instance-id': (i) => Boolean(i.InstanceId),
  'image-id': (i) => Boolean(i.ImageId),
  'key-name': (i) => Boolean(i.KeyName),
  'instance.group-name': (i) => (i.SecurityGroups ?? []).length > 0,
  'instance.group-id': (i) => (i.SecurityGroups ?? []).length > 0
}
/** An instance id no region has: a filter of it matches nothing. */
const NO_INSTANCE = 'i-00000000000000000'

const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
const EC2_API_VERSION = '2016-11-15'
/** EnableImageDeregistrationProtection's WithCooldown: protection outlives its disabling by 24 hours. */
const PROTECTION_COOLDOWN_MS = 24 * 60 * 60_000
const SSM_TARGET_PREFIX = 'AmazonSSM.'
/** Headers that describe one hop, not the message; the proxy sets its own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length'
])

/** A request the SDK serialised, carried out of the client before anything is sent. */
class Serialised extends Error {
  constructor(readonly body: string) {
    super('aws-proxy: serialised only')
  }
}

/**
 * A launch template version's parameters as a new version inherits them: the request and response
 * shapes name their members alike; a block device's snapshot is not inherited.
 */
function withoutSnapshots(data: ResponseLaunchTemplateData): RequestLaunchTemplateData {
  const BlockDeviceMappings = data.BlockDeviceMappings?.map((m) => (m.Ebs?.SnapshotId === undefined ? m : { ...m, Ebs: { ...m.Ebs, SnapshotId: undefined } }))
  return { ...data, BlockDeviceMappings } as RequestLaunchTemplateData
}

/** mulberry32: a tiny, good-enough seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Deregistration protection of one image: on, or off but still cooling down until `until`. */
type Protection = { state: 'enabled'; withCooldown: boolean } | { state: 'cooling-down'; until: number }

/** The value EC2 shows for a protection (Image.DeregistrationProtection). */
function shownAs(p: Protection): string {
  if (p.state === 'enabled') return p.withCooldown ? 'enabled-with-cooldown' : 'enabled-without-cooldown'
  // The form EC2 reports during the cooldown, as tools that read it parse it
  // (ekristen/aws-nuke resources/ec2-image.go: prefix `disabled after `, then the time).
  return `disabled after ${new Date(p.until).toISOString().replace(/\.\d{3}Z$/, 'Z')}`
}

/**
 * Adds `<deregistrationProtection>` to each image item of a DescribeImages answer whose image
 * `protectionOf` knows. Only image items carry `<imageId>`, so the element goes right after it.
 */
function markProtected(xml: string, protectionOf: (imageId: string) => string | undefined): string {
  return xml.replace(/<imageId>([^<]+)<\/imageId>/g, (whole, id: string) => {
    const shown = protectionOf(id)
    return shown === undefined ? whole : `${whole}<deregistrationProtection>${xmlEscape(shown)}</deregistrationProtection>`
  })
}

interface Classified {
  service: AwsService
  action: string
  region?: string
  /** The parsed Query-API parameters (form body merged over the query string), for EC2. */
  params: URLSearchParams
}

/** `Credential=AKID/DATE/REGION/SERVICE/aws4_request` from a SigV4 Authorization header. */
function credentialScope(authorization: string | undefined): { region: string; service: string } | undefined {
  const match = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/.exec(authorization ?? '')
  return match ? { region: match[1], service: match[2] } : undefined
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function classify(req: http.IncomingMessage, body: Buffer): Classified {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const scope = credentialScope(headerValue(req.headers.authorization))
  const target = headerValue(req.headers['x-amz-target'])
  const contentType = headerValue(req.headers['content-type']) ?? ''
  const params = new URLSearchParams(url.search)
  if (contentType.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value)
  }
  const region = scope?.region
  if (target?.startsWith(SSM_TARGET_PREFIX)) {
    return { service: 'ssm', action: target.slice(SSM_TARGET_PREFIX.length), region, params }
  }
  const action = params.get('Action')
  if (action !== null && (scope === undefined || scope.service === 'ec2')) {
    return { service: 'ec2', action, region, params }
  }
  return { service: 'other', action: target ?? action ?? `${req.method ?? 'GET'} ${url.pathname}`, region, params }
}

/** `Name.1`, `Name.2`, ... of a Query-API list, in order. */
function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = []
  for (let i = 1; params.has(`${name}.${i}`); i++) values.push(params.get(`${name}.${i}`) as string)
  return values
}

/** DescribeImageReferences' `ResourceType.N` with its options: type → option name → values. */
function resourceTypeRequests(params: URLSearchParams): Map<string, Map<string, string[]>> {
  const types = new Map<string, Map<string, string[]>>()
  for (let i = 1; params.has(`ResourceType.${i}.ResourceType`); i++) {
    const options = new Map<string, string[]>()
    for (let j = 1; params.has(`ResourceType.${i}.ResourceTypeOption.${j}.OptionName`); j++) {
      const option = `ResourceType.${i}.ResourceTypeOption.${j}`
      options.set(params.get(`${option}.OptionName`) as string, listParam(params, `${option}.OptionValue`))
    }
    types.set(params.get(`ResourceType.${i}.ResourceType`) as string, options)
  }
  return types
}

interface Reference {
  imageId: string
  resourceType: string
  arn: string
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The caller's headers for a request to moto with `body`; Host stays as sent: it is part of the SigV4 signature. */
function upstreamHeaders(req: http.IncomingMessage, body: Buffer): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
  }
  headers['content-length'] = body.length
  return headers
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID()
  })
  res.end(body)
}

function ec2Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`
  send(res, status, 'text/xml;charset=UTF-8', body)
}

/** EC2's success envelope, `<{Action}Response>`, around `inner`. */
function ec2Response(res: http.ServerResponse, action: string, inner: string): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}">` +
    `<requestId>${randomUUID()}</requestId>${inner}</${action}Response>`
  send(res, 200, 'text/xml;charset=UTF-8', body)
}

/** Real EC2's shape for a throttled call; the SDKs retry it with throttling backoff. */
function throttle(res: http.ServerResponse, service: AwsService): void {
  if (service === 'ssm') {
    send(
      res,
      400,
      'application/x-amz-json-1.1',
      JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' })
    )
  } else {
    ec2Error(res, 503, 'RequestLimitExceeded', 'Request limit exceeded.')
  }
}

/** What a load balancer in front of AWS sends when the service is briefly unavailable. */
function unavailable(res: http.ServerResponse): void {
  send(res, 503, 'text/plain; charset=utf-8', 'Service Unavailable')
}

export async function startAwsProxy(opts: AwsProxyOptions): Promise<AwsProxy> {
  const target = new URL(opts.target)
  if (target.protocol !== 'http:') throw new Error(`aws-proxy: target must be http://, got ${opts.target}`)
  const faultRate = opts.faultRate ?? 0
  if (!(faultRate >= 0 && faultRate <= 1)) throw new Error(`aws-proxy: faultRate must be within 0..1, got ${faultRate}`)
  const faultActions = opts.faultActions === undefined ? undefined : new Set(opts.faultActions)
  const random = mulberry32(opts.seed ?? 1)
  const delayMs = opts.delayMs ?? 0
  /** One keep-alive pool towards moto, destroyed on close. */
  const agent = new http.Agent({ keepAlive: true })

  const calls: AwsProxyCall[] = []
  const instances = opts.instances === undefined ? undefined : startInstanceEmulation(opts.target, opts.instances)
  const deprecations: AwsProxyDeprecation[] = []
  let faultsSent = 0
  let closed = false
  /** Pending delayMs waits, cut short by close() so no timer outlives the proxy. */
  const waits = new Map<ReturnType<typeof setTimeout>, () => void>()

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer)
        resolve()
      }, ms)
      waits.set(timer, resolve)
    })
  }

  function shouldFault(call: Classified): boolean {
    if (faultRate <= 0 || call.service === 'other') return false
    if (faultActions !== undefined && !faultActions.has(call.action)) return false
    return random() < faultRate
  }

  function enableImageDeprecation(res: http.ServerResponse, call: Classified): void {
    const imageId = call.params.get('ImageId')
    const deprecateAt = call.params.get('DeprecateAt')
    if (!imageId || !deprecateAt) {
      const missing = imageId ? 'DeprecateAt' : 'ImageId'
      ec2Error(res, 400, 'MissingParameter', `The request must contain the parameter ${missing}`)
      return
    }
    deprecations.push({ imageId, deprecateAt, region: call.region })
    ec2Response(res, 'EnableImageDeprecation', '<return>true</return>')
  }

  /** Protections by region and image id; a cooldown that has run out is dropped on the next look. */
  const protections = new Map<string, Protection>()
  const now = opts.now ?? Date.now
  // moto, like EC2's global endpoint, takes an unsigned request for us-east-1.
  const regionOf = (call: Classified): string => call.region ?? 'us-east-1'
  const protectionKey = (region: string, imageId: string): string => `${region}\u0000${imageId}`

  function protectionOf(region: string, imageId: string): Protection | undefined {
    const key = protectionKey(region, imageId)
    const p = protections.get(key)
    if (p?.state === 'cooling-down' && p.until <= now()) {
      protections.delete(key)
      return undefined
    }
    return p
  }

  function protectsAnyIn(region: string): boolean {
    for (const key of protections.keys()) {
      const [r, imageId] = key.split('\u0000')
      if (r === region && protectionOf(r, imageId) !== undefined) return true
    }
    return false
  }

  /** The image id of an image call, or a MissingParameter answer when there is none. */
  function requiredImageId(res: http.ServerResponse, call: Classified): string | undefined {
    const imageId = call.params.get('ImageId')
    if (!imageId) ec2Error(res, 400, 'MissingParameter', 'The request must contain the parameter ImageId')
    return imageId || undefined
  }

  /**
   * Asks moto whether the image exists, with the caller's headers (moto reads the region from
   * the credential scope and checks no signature). Answers the caller with moto's error and
   * returns false when it does not.
   */
  async function imageExists(req: http.IncomingMessage, res: http.ServerResponse, imageId: string): Promise<boolean> {
    const body = Buffer.from(new URLSearchParams({ Action: 'DescribeImages', Version: EC2_API_VERSION, 'ImageId.1': imageId }).toString())
    const headers = upstreamHeaders(req, body)
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8'
    const answer = await new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
      const ask = http.request(
        { protocol: target.protocol, hostname: target.hostname, port: target.port, method: 'POST', path: '/', headers, agent },
        (reply) => {
          const chunks: Buffer[] = []
          reply.on('data', (chunk: Buffer) => chunks.push(chunk))
          reply.on('end', () =>
            resolve({
              status: reply.statusCode ?? 502,
              contentType: headerValue(reply.headers['content-type']) ?? 'text/xml',
              text: Buffer.concat(chunks).toString('utf8')
            })
          )
          reply.on('error', reject)
        }
      )
      ask.on('error', reject)
      ask.end(body)
    })
    if (answer.status === 200) return true
    send(res, answer.status, answer.contentType, answer.text)
    return false
  }

  async function enableDeregistrationProtection(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<void> {
    const imageId = requiredImageId(res, call)
    if (imageId === undefined || !(await imageExists(req, res, imageId))) return
    const p: Protection = { state: 'enabled', withCooldown: call.params.get('WithCooldown') === 'true' }
    protections.set(protectionKey(regionOf(call), imageId), p)
    // The answer's `return` is the new state, as `aws ec2 enable-image-deregistration-protection`
    // prints it ("Return": "enabled-without-cooldown"), not a boolean.
    ec2Response(res, 'EnableImageDeregistrationProtection', `<return>${shownAs(p)}</return>`)
  }

  async function disableDeregistrationProtection(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<void> {
    const imageId = requiredImageId(res, call)
    if (imageId === undefined || !(await imageExists(req, res, imageId))) return
    const region = regionOf(call)
    const was = protectionOf(region, imageId)
    const key = protectionKey(region, imageId)
    if (was?.state === 'enabled' && was.withCooldown) {
      const cooling: Protection = { state: 'cooling-down', until: now() + PROTECTION_COOLDOWN_MS }
      protections.set(key, cooling)
      ec2Response(res, 'DisableImageDeregistrationProtection', `<return>${shownAs(cooling)}</return>`)
      return
    }
    // A running cooldown is not cut short by disabling again.
    if (was?.state !== 'cooling-down') protections.delete(key)
    const shown = was?.state === 'cooling-down' ? shownAs(was) : 'disabled'
    ec2Response(res, 'DisableImageDeregistrationProtection', `<return>${shown}</return>`)
  }

  /** moto does not know the attribute; the other attributes are moto's to answer. */
  async function describeProtectionAttribute(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<void> {
    const imageId = requiredImageId(res, call)
    if (imageId === undefined || !(await imageExists(req, res, imageId))) return
    const p = protectionOf(regionOf(call), imageId)
    ec2Response(
      res,
      'DescribeImageAttribute',
      `<imageId>${xmlEscape(imageId)}</imageId><deregistrationProtection><value>${p ? shownAs(p) : 'disabled'}</value></deregistrationProtection>`
    )
  }

  /**
   * Refuses to deregister a protected image, as EC2 does: HTTP 400, nothing deregistered.
   * Returns true when it refused.
   *
   * The error code is an assumption. AWS documents none for this refusal: the DeregisterImage
   * API reference (docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeregisterImage.html)
   * lists only the common client errors, and neither API_EnableImageDeregistrationProtection
   * nor the user guide's "Protect an Amazon EC2 AMI from deregistration" names one.
   * OperationNotPermitted is EC2's code for a call a resource's own protection forbids
   * (TerminateInstances with termination protection on). The action does not depend on it:
   * retention spares protected AMIs before it would call DeregisterImage.
   */
  function refuseProtectedDeregistration(res: http.ServerResponse, call: Classified): boolean {
    const imageId = call.params.get('ImageId')
    const p = imageId ? protectionOf(regionOf(call), imageId) : undefined
    if (imageId === null || p === undefined) return false
    const why =
      p.state === 'enabled'
        ? `The image ${imageId} has deregistration protection enabled. Disable deregistration protection first.`
        : `The image ${imageId} is protected from deregistration until ${new Date(p.until).toISOString()}: its deregistration protection was enabled with a cooldown.`
    ec2Error(res, 400, 'OperationNotPermitted', why)
    return true
  }

  /** SDK clients straight to moto, per region, for what the proxy has to look up itself. */
  const motoClients = new Map<string, { ec2: EC2Client; ssm: SSMClient }>()
  const accountId = opts.accountId ?? '123456789012'
  /** DisableImage, EnableImage, and what DescribeImages then shows: test/support/image-lifecycle-emulation.ts. */
  const lifecycle = imageLifecycle({ moto: (region) => moto(region).ec2, deprecations, accountId })
  const lifecycleCall = (call: Classified): { action: string; region: string; params: URLSearchParams } => ({ action: call.action, region: regionOf(call), params: call.params })
  /** Whose snapshots DescribeSnapshots shows: test/support/snapshot-owner-emulation.ts. */
  const owners = snapshotOwners({ accountId, otherAccounts: opts.otherAccounts ?? [], askMoto })
  /** Whose AMIs DescribeImages shows: test/support/image-owner-emulation.ts. */
  const imagesOf = imageOwners({ accountId, otherAccounts: opts.otherAccounts ?? [], askMoto })

  /** A Query-API request to moto as `account` (moto's `x-moto-account-id` header) in `region`; moto checks no signature. */
  function askMoto(account: string, region: string, params: URLSearchParams): Promise<{ status: number; contentType: string; text: string }> {
    return postToMoto(params, {
      authorization: `AWS4-HMAC-SHA256 Credential=testing/20200101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
      'x-moto-account-id': account
    })
  }

  /** A Query-API request to moto with `params` for the caller's, with the caller's headers (its account and region). */
  function askMotoAsCaller(req: http.IncomingMessage, params: URLSearchParams): Promise<{ status: number; contentType: string; text: string }> {
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
    return postToMoto(params, headers)
  }

  function postToMoto(params: URLSearchParams, given: http.OutgoingHttpHeaders): Promise<{ status: number; contentType: string; text: string }> {
    const body = Buffer.from(params.toString(), 'utf8')
    const headers: http.OutgoingHttpHeaders = { ...given, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'content-length': body.length }
    return new Promise((resolve, reject) => {
      const ask = http.request({ protocol: target.protocol, hostname: target.hostname, port: target.port, method: 'POST', path: '/', headers, agent }, (reply) => {
        const chunks: Buffer[] = []
        reply.on('data', (chunk: Buffer) => chunks.push(chunk))
        reply.on('end', () =>
          resolve({ status: reply.statusCode ?? 502, contentType: headerValue(reply.headers['content-type']) ?? 'text/xml', text: Buffer.concat(chunks).toString('utf8') })
        )
        reply.on('error', reject)
      })
      ask.on('error', reject)
      ask.end(body)
    })
  }

  /**
   * DescribeNetworkInterfaces by several groups (filter-emulation.ts): moto is asked without that
   * filter, and only the interfaces that hold any of the groups are answered. Returns false,
   * leaving the call to moto, when its answer is EC2's already.
   */
  async function describeInterfacesByAnyGroup(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<boolean> {
    const any = anyValue(call.action, call.params)
    if (any === undefined) return false
    const answer = await askMotoAsCaller(req, any.params)
    const open = answer.text.indexOf('<networkInterfaceSet>')
    const close = answer.text.lastIndexOf('</networkInterfaceSet>')
    if (answer.status !== 200 || open < 0 || close < 0) {
      send(res, answer.status, answer.contentType, answer.text)
      return true
    }
    const set = answer.text.slice(open + '<networkInterfaceSet>'.length, close)
    const kept = topLevelItems(set).map(({ start, end }) => set.slice(start, end)).filter(any.matches)
    ec2Response(res, 'DescribeNetworkInterfaces', `<networkInterfaceSet>${kept.join('')}</networkInterfaceSet>`)
    return true
  }


  function moto(region: string): { ec2: EC2Client; ssm: SSMClient } {
    let clients = motoClients.get(region)
    if (clients === undefined) {
      const config = { region, endpoint: opts.target, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 }
      clients = { ec2: new EC2Client(config), ssm: new SSMClient(config) }
      motoClients.set(region, clients)
    }
    return clients
  }

  /** An error from moto, sent on as EC2 would send it. */
  function motoError(res: http.ServerResponse, error: unknown): void {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
    ec2Error(res, e.$metadata?.httpStatusCode ?? 500, e.name ?? 'InternalError', e.message ?? String(error))
  }

  /**
   * DescribeImageReferences over what moto holds, with EC2's defaults: every instance state,
   * the 10 newest versions of each launch template, SSM parameters of data type aws:ec2:image.
   * `ResourceType.N` options override the defaults of their type; with IncludeAllResourceTypes
   * every type the proxy can see is checked. Pages by MaxResults (at least 5) and NextToken.
   */
  async function describeImageReferences(res: http.ServerResponse, call: Classified): Promise<void> {
    const ids = listParam(call.params, 'ImageId')
    if (ids.length === 0) return ec2Error(res, 400, 'MissingParameter', 'The request must contain the parameter ImageId')
    if (ids.length > MAX_REFERENCE_IMAGE_IDS) {
      return ec2Error(res, 400, 'InvalidParameterValue', `ImageIds can have at most ${MAX_REFERENCE_IMAGE_IDS} items, got ${ids.length}.`)
    }
    const requested = resourceTypeRequests(call.params)
    const includeAll = call.params.get('IncludeAllResourceTypes') === 'true'
    if (!includeAll && requested.size === 0) {
      return ec2Error(res, 400, 'MissingParameter', 'The request must contain either IncludeAllResourceTypes or ResourceType.')
    }
    const depthText = requested.get('ec2:LaunchTemplate')?.get('version-depth')?.[0] ?? String(DEFAULT_VERSION_DEPTH)
    const depth = Number(depthText)
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_VERSION_DEPTH) {
      return ec2Error(res, 400, 'InvalidParameterValue', `version-depth must be an integer from 1 to ${MAX_VERSION_DEPTH}, got ${depthText}.`)
    }
    const maxResults = call.params.has('MaxResults') ? Number(call.params.get('MaxResults')) : undefined
    if (maxResults !== undefined && !(maxResults >= MIN_REFERENCE_RESULTS)) {
      return ec2Error(res, 400, 'InvalidParameterValue', `MaxResults must be at least ${MIN_REFERENCE_RESULTS}.`)
    }
    const types = includeAll ? new Set([...REFERENCE_TYPES, ...requested.keys()]) : new Set(requested.keys())
    const states = requested.get('ec2:Instance')?.get('state-name') ?? INSTANCE_STATES
    const region = regionOf(call)
    let found: Reference[]
    try {
      found = (
        await Promise.all([
          types.has('ec2:Instance') ? instanceReferences(region, ids, states) : [],
          types.has('ec2:LaunchTemplate') ? launchTemplateReferences(region, ids, depth) : [],
          types.has('ssm:Parameter') ? parameterReferences(region, ids) : []
        ])
      ).flat()
    } catch (error) {
      return motoError(res, error)
    }
    found.sort((a, b) => ids.indexOf(a.imageId) - ids.indexOf(b.imageId) || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
    const from = Number(call.params.get('NextToken') ?? '0')
    const to = maxResults === undefined ? found.length : from + maxResults
    const items = found
      .slice(from, to)
      .map((r) => `<item><imageId>${xmlEscape(r.imageId)}</imageId><resourceType>${xmlEscape(r.resourceType)}</resourceType><arn>${xmlEscape(r.arn)}</arn></item>`)
    const next = to < found.length ? `<nextToken>${to}</nextToken>` : ''
    ec2Response(res, 'DescribeImageReferences', `<imageReferenceSet>${items.join('')}</imageReferenceSet>${next}`)
  }

  async function instanceReferences(region: string, ids: string[], states: string[]): Promise<Reference[]> {
    const found: Reference[] = []
    let NextToken: string | undefined
    do {
      const page = await moto(region).ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'image-id', Values: ids },
            { Name: 'instance-state-name', Values: states }
          ],
          NextToken
        })
      )
      for (const r of page.Reservations ?? []) {
        for (const i of r.Instances ?? []) {
          if (i.ImageId === undefined || i.InstanceId === undefined) continue
          found.push({ imageId: i.ImageId, resourceType: 'ec2:Instance', arn: `arn:aws:ec2:${region}:${r.OwnerId ?? accountId}:instance/${i.InstanceId}` })
        }
      }
      NextToken = page.NextToken
    } while (NextToken)
    return found
  }

  /** One reference per launch template and image, from its `depth` newest versions. moto neither pages these nor takes more than MaxResults. */
  async function launchTemplateReferences(region: string, ids: string[], depth: number): Promise<Reference[]> {
    const found: Reference[] = []
    const { LaunchTemplates = [] } = await moto(region).ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: MAX_VERSION_DEPTH }))
    for (const t of LaunchTemplates) {
      const { LaunchTemplateVersions = [] } = await moto(region).ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: t.LaunchTemplateId, MaxResults: MAX_VERSION_DEPTH })
      )
      const newest = [...LaunchTemplateVersions].sort((a, b) => (b.VersionNumber ?? 0) - (a.VersionNumber ?? 0)).slice(0, depth)
      const images = new Set(newest.map((v) => v.LaunchTemplateData?.ImageId))
      for (const imageId of ids) {
        if (images.has(imageId)) found.push({ imageId, resourceType: 'ec2:LaunchTemplate', arn: `arn:aws:ec2:${region}:${accountId}:launch-template/${t.LaunchTemplateId}` })
      }
    }
    return found
  }

  async function parameterReferences(region: string, ids: string[]): Promise<Reference[]> {
    const names: string[] = []
    let NextToken: string | undefined
    do {
      const page = await moto(region).ssm.send(new DescribeParametersCommand({ NextToken }))
      for (const p of page.Parameters ?? []) if (p.Name && p.DataType === 'aws:ec2:image') names.push(p.Name)
      NextToken = page.NextToken
    } while (NextToken)
    const found: Reference[] = []
    for (let i = 0; i < names.length; i += 10) {
      const { Parameters = [] } = await moto(region).ssm.send(new GetParametersCommand({ Names: names.slice(i, i + 10) }))
      for (const p of Parameters) {
        if (p.Value === undefined || !ids.includes(p.Value)) continue
        const arn = p.ARN ?? `arn:aws:ssm:${region}:${accountId}:parameter${p.Name?.startsWith('/') ? '' : '/'}${p.Name}`
        found.push({ imageId: p.Value, resourceType: 'ssm:Parameter', arn })
      }
    }
    return found
  }

  /**
   * DeregisterImage with DeleteAssociatedSnapshots, as EC2 does it: deregisters, then deletes
   * each snapshot of the image that no other image uses (`success`), leaves one that another
   * image uses (`skipped`), and reports each.
   */
  async function deregisterWithSnapshots(res: http.ServerResponse, call: Classified, imageId: string): Promise<void> {
    const region = regionOf(call)
    const { ec2 } = moto(region)
    const results: Array<{ snapshotId: string; returnCode: string }> = []
    try {
      const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }))
      const snapshots = (Images[0]?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []))
      await ec2.send(new DeregisterImageCommand({ ImageId: imageId }))
      // moto has no block-device-mapping.snapshot-id filter: look through the account's images.
      const { Images: others = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))
      const inUse = new Set(others.flatMap((i) => (i.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId)))
      for (const snapshotId of snapshots) {
        if (inUse.has(snapshotId)) {
          results.push({ snapshotId, returnCode: 'skipped' })
          continue
        }
        const injected = opts.snapshotOutcome?.(snapshotId)
        if (injected !== undefined) {
          results.push({ snapshotId, returnCode: injected })
          continue
        }
        const deleted = await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId })).then(
          () => 'success',
          () => 'client-error'
        )
        results.push({ snapshotId, returnCode: deleted })
      }
    } catch (error) {
      return motoError(res, error)
    }
    const items = results.map((r) => `<item><snapshotId>${xmlEscape(r.snapshotId)}</snapshotId><returnCode>${r.returnCode}</returnCode></item>`)
    ec2Response(res, 'DeregisterImage', `<return>true</return><deleteSnapshotResultSet>${items.join('')}</deleteSnapshotResultSet>`)
  }

  let serialiser: EC2Client | undefined

  /** The EC2 Query parameters of a CreateLaunchTemplateVersion with `data`, exactly as the SDK writes them. */
  async function launchTemplateDataParams(data: RequestLaunchTemplateData): Promise<URLSearchParams> {
    if (serialiser === undefined) {
      serialiser = new EC2Client({ region: 'us-east-1', endpoint: opts.target, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 })
      serialiser.middlewareStack.add(
        () => async (args) => {
          throw new Serialised(String((args.request as { body?: unknown }).body ?? ''))
        },
        { step: 'build', priority: 'low' }
      )
    }
    try {
      await serialiser.send(new CreateLaunchTemplateVersionCommand({ LaunchTemplateId: 'lt-0', LaunchTemplateData: data }))
    } catch (error) {
      if (error instanceof Serialised) return new URLSearchParams(error.body)
      throw error
    }
    throw new Error('aws-proxy: the SDK sent a request it was only to serialise')
  }

  /**
   * CreateLaunchTemplateVersion with SourceVersion, which moto ignores (its new version holds only
   * the parameters sent). The API reference
   * (docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplateVersion.html,
   * SourceVersion): the new version inherits the source version's launch parameters, each one the
   * request gives overwrites the inherited one of its name, and the source's block-device snapshots
   * are left out unless given again. The source is looked up as DescribeLaunchTemplateVersions
   * looks up a version (docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplateVersions.html:
   * a version number, `$Latest` or `$Default`), so an unknown template or version gets that call's
   * error. moto then makes the version from the merged parameters and answers as it always does.
   */
  async function createVersionFromSource(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<void> {
    const source = call.params.get('SourceVersion') as string
    if (!/^(\$Latest|\$Default|[1-9]\d*)$/.test(source)) {
      return ec2Error(res, 400, 'InvalidLaunchTemplateId.VersionNotFound', `The launch template version ${source} is not found for the specified launch template.`)
    }
    let inherited: URLSearchParams
    try {
      const { LaunchTemplateVersions = [] } = await moto(regionOf(call)).ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: call.params.get('LaunchTemplateId') ?? undefined,
          LaunchTemplateName: call.params.get('LaunchTemplateName') ?? undefined,
          Versions: [source]
        })
      )
      inherited = await launchTemplateDataParams(withoutSnapshots(LaunchTemplateVersions[0]?.LaunchTemplateData ?? {}))
    } catch (error) {
      return motoError(res, error)
    }
    const prefix = 'LaunchTemplateData.'
    const parameterOf = (key: string): string => key.slice(prefix.length).split('.')[0]
    const given = new Set([...call.params.keys()].filter((key) => key.startsWith(prefix)).map(parameterOf))
    const merged = new URLSearchParams()
    for (const [key, value] of call.params) if (key !== 'SourceVersion') merged.append(key, value)
    for (const [key, value] of inherited) if (key.startsWith(prefix) && !given.has(parameterOf(key))) merged.append(key, value)
    forward(req, res, Buffer.from(merged.toString(), 'utf8'), undefined, call.action)
  }

  /** EC2's answer for an id the region does not have, where moto leaves it out of the list. Returns true when it refused. */
  async function refuseUnknownLaunchTemplateIds(res: http.ServerResponse, call: Classified): Promise<boolean> {
    const ids = listParam(call.params, 'LaunchTemplateId')
    if (ids.length === 0) return false
    const { LaunchTemplates = [] } = await moto(regionOf(call)).ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ids }))
    const missing = ids.find((id) => !LaunchTemplates.some((t) => t.LaunchTemplateId === id))
    if (missing === undefined) return false
    ec2Error(res, 400, 'InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${missing}, does not exist.`)
    return true
  }

  /**
   * DescribeParameters with a DataType filter, which moto refuses: moto gets the request without
   * it, and its answer keeps only parameters of those data types. Pages stay moto's, so one can
   * come back empty with a NextToken, as SSM's may.
   */
  function describeParametersByDataType(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): boolean {
    let input: { ParameterFilters?: Array<{ Key?: string; Values?: string[] }> }
    try {
      input = JSON.parse(body.toString('utf8')) as typeof input
    } catch {
      return false
    }
    const filters = input.ParameterFilters ?? []
    const byDataType = filters.filter((f) => f.Key === 'DataType')
    if (byDataType.length === 0) return false
    const dataTypes = new Set(byDataType.flatMap((f) => f.Values ?? []))
    const rest = filters.filter((f) => f.Key !== 'DataType')
    const sent = Buffer.from(JSON.stringify({ ...input, ParameterFilters: rest.length > 0 ? rest : undefined }), 'utf8')
    forward(req, res, sent, (text) => {
      const out = JSON.parse(text) as { Parameters?: Array<{ DataType?: string }> }
      out.Parameters = (out.Parameters ?? []).filter((p) => dataTypes.has(p.DataType ?? 'text'))
      return JSON.stringify(out)
    })
    return true
  }

  /**
   * DescribeInstances with a filter of no value (see HAS_VALUE): each such filter becomes an
   * `instance-id` filter of the region's instances that have a value for it, and moto answers
   * the rewritten request. Returns false, leaving the call to moto, when no filter lacks a value.
   */
  async function describeInstancesAnyValue(req: http.IncomingMessage, res: http.ServerResponse, call: Classified): Promise<boolean> {
    const valueless: number[] = []
    for (let n = 1; call.params.has(`Filter.${n}.Name`); n++) {
      if (!call.params.has(`Filter.${n}.Value.1`) && HAS_VALUE[call.params.get(`Filter.${n}.Name`) as string] !== undefined) valueless.push(n)
    }
    if (valueless.length === 0) return false
    const all: Instance[] = []
    try {
      let NextToken: string | undefined
      do {
        const page = await moto(regionOf(call)).ec2.send(new DescribeInstancesCommand({ NextToken }))
        for (const r of page.Reservations ?? []) all.push(...(r.Instances ?? []))
        NextToken = page.NextToken
      } while (NextToken)
    } catch (error) {
      motoError(res, error)
      return true
    }
    const params = new URLSearchParams(call.params)
    for (const n of valueless) {
      const has = HAS_VALUE[call.params.get(`Filter.${n}.Name`) as string]
      const ids = all.filter(has).map((i) => i.InstanceId as string)
      params.set(`Filter.${n}.Name`, 'instance-id')
      ;(ids.length > 0 ? ids : [NO_INSTANCE]).forEach((id, k) => params.set(`Filter.${n}.Value.${k + 1}`, id))
    }
    forward(req, res, Buffer.from(params.toString(), 'utf8'), undefined, call.action)
    return true
  }

  /** Answers a call locally when the proxy emulates it; false leaves it to `answer` or moto. */
  async function emulated(req: http.IncomingMessage, res: http.ServerResponse, call: Classified, body: Buffer): Promise<boolean> {
    // EC2 checks a request's filters before anything else looks at it.
    const refusal = call.service === 'ec2' ? filterLimitRefusal(call.action, call.params) : undefined
    if (refusal !== undefined) {
      ec2Error(res, refusal.status, refusal.code, refusal.message)
      return true
    }
    if (instances !== undefined && (await instances.answer(call, body, res))) return true
    if (call.service === 'ssm') {
      const ssmRefusal = ssmLimitRefusal(call.action, body)
      if (ssmRefusal !== undefined) {
        send(res, ssmRefusal.status, 'application/x-amz-json-1.1', JSON.stringify({ __type: ssmRefusal.code, message: ssmRefusal.message }))
        return true
      }
      return call.action === 'DescribeParameters' && describeParametersByDataType(req, res, body)
    }
    if (call.service !== 'ec2') return false
    const reply = { ok: (action: string, inner: string) => ec2Response(res, action, inner), error: (status: number, code: string, message: string) => ec2Error(res, status, code, message) }
    if (await lifecycle.answer(lifecycleCall(call), reply)) return true
    switch (call.action) {
      case 'EnableImageDeprecation':
        enableImageDeprecation(res, call)
        return true
      case 'EnableImageDeregistrationProtection':
        await enableDeregistrationProtection(req, res, call)
        return true
      case 'DisableImageDeregistrationProtection':
        await disableDeregistrationProtection(req, res, call)
        return true
      case 'DescribeImageAttribute':
        if (call.params.get('Attribute') !== 'deregistrationProtection') return false
        await describeProtectionAttribute(req, res, call)
        return true
      case 'DeregisterImage': {
        // An endpoint checks the parameters it knows before it looks at the image.
        if (opts.deleteAssociatedSnapshots === 'unknown-parameter' && call.params.has('DeleteAssociatedSnapshots')) {
          ec2Error(res, 400, 'UnknownParameter', 'The parameter DeleteAssociatedSnapshots is not recognized')
          return true
        }
        if (refuseProtectedDeregistration(res, call)) return true
        const imageId = call.params.get('ImageId')
        if (opts.deleteAssociatedSnapshots !== true || call.params.get('DeleteAssociatedSnapshots') !== 'true' || !imageId) return false
        await deregisterWithSnapshots(res, call, imageId)
        return true
      }
      case 'CreateLaunchTemplateVersion':
        if (!call.params.has('SourceVersion')) return false
        await createVersionFromSource(req, res, call)
        return true
      case 'DescribeLaunchTemplates':
        return opts.unknownLaunchTemplateIds === 'not-found' && (await refuseUnknownLaunchTemplateIds(res, call))
      case 'DescribeInstances':
        return describeInstancesAnyValue(req, res, call)
      case 'DescribeNetworkInterfaces':
        return describeInterfacesByAnyGroup(req, res, call)
      case 'DescribeImageReferences':
        if (!opts.imageReferences) return false
        await describeImageReferences(res, call)
        return true
      default:
        return false
    }
  }

  /**
   * Forwards to moto. With `rewrite`, a 200 answer is read whole and rewritten before it is
   * sent on; everything else streams through as it arrives.
   */
  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    rewrite?: (text: string) => string,
    ec2Action?: string
  ): void {
    const headers = upstreamHeaders(req, body)
    const upstream = http.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent
      },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {}
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value
        }
        answer.on('error', () => res.destroy())
        if (ec2Action !== undefined && answer.statusCode === 500 && (headerValue(answer.headers['content-type']) ?? '').startsWith('text/html')) {
          // moto's page for an action it does not implement; EC2 has no HTML answers.
          answer.resume()
          answer.on('end', () =>
            ec2Error(res, 400, 'InvalidAction', `The action ${ec2Action} is not valid for this web service. (aws-proxy: moto answered HTTP 500 with an HTML page.)`)
          )
          return
        }
        if (rewrite !== undefined && answer.statusCode === 200 && answer.headers['content-encoding'] === undefined) {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () => {
            const text = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')), 'utf8')
            out['content-length'] = text.length
            res.writeHead(200, answer.statusMessage, out)
            res.end(text)
          })
          return
        }
        if (answer.headers['content-length'] !== undefined) out['content-length'] = answer.headers['content-length']
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out)
        answer.pipe(res)
      }
    )
    // The caller went away (or close() ended its socket): stop waiting on moto.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy()
    })
    upstream.on('error', (error) => {
      if (res.destroyed) return
      if (res.headersSent) res.destroy()
      else send(res, 502, 'text/plain; charset=utf-8', `aws-proxy: ${opts.target} failed: ${error.message}`)
    })
    upstream.end(body)
  }

  /** Source AMIs by `region:ami`, as EC2 records them for CreateImage and CopyImage. */
  const sourceImages = new Map<string, { id: string; region: string }>()

  /** The source a CreateImage or CopyImage request names, looked up before it is forwarded. */
  async function sourceOf(call: Classified): Promise<{ id: string; region: string } | undefined> {
    if (call.service !== 'ec2') return undefined
    const region = regionOf(call)
    if (call.action === 'CopyImage') {
      const id = call.params.get('SourceImageId')
      return id === null ? undefined : { id, region: call.params.get('SourceRegion') ?? region }
    }
    if (call.action !== 'CreateImage') return undefined
    const instance = call.params.get('InstanceId')
    if (instance === null) return undefined
    const { Reservations = [] } = await moto(region).ec2.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))
    const id = Reservations[0]?.Instances?.[0]?.ImageId
    return id === undefined ? undefined : { id, region }
  }

  /**
   * DescribeImages answers gain protections (while the region has any) and source images; a
   * CreateImage or CopyImage answer records the new image's source.
   */
  function rewriteFor(call: Classified, source?: { id: string; region: string }): ((text: string) => string) | undefined {
    if (call.service !== 'ec2') return undefined
    const region = regionOf(call)
    if (source !== undefined) {
      return (xml) => {
        const made = /<imageId>([^<]+)<\/imageId>/.exec(xml)?.[1]
        if (made !== undefined) sourceImages.set(`${region}:${made}`, source)
        return xml
      }
    }
    if (call.action !== 'DescribeImages') return undefined
    const protecting = protectsAnyIn(region)
    if (!protecting && sourceImages.size === 0) return undefined
    return (xml) => {
      const marked = !protecting
        ? xml
        : markProtected(xml, (imageId) => {
            const p = protectionOf(region, imageId)
            return p === undefined ? undefined : shownAs(p)
          })
      return marked.replace(/<imageId>([^<]+)<\/imageId>/g, (whole, id: string) => {
        const from = sourceImages.get(`${region}:${id}`)
        return from === undefined ? whole : `${whole}<sourceImageId>${xmlEscape(from.id)}</sourceImageId><sourceImageRegion>${xmlEscape(from.region)}</sourceImageRegion>`
      })
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = performance.now()
    const body = await readBody(req)
    if (delayMs > 0) await delay(delayMs)
    if (closed) {
      res.destroy()
      return
    }
    const call = classify(req, body)
    const faulted = shouldFault(call)
    const recorded: AwsProxyCall = { service: call.service, action: call.action, region: call.region, faulted, params: Object.fromEntries(call.params), receivedAt }
    res.once('finish', () => (recorded.answeredAt = performance.now()))
    calls.push(recorded)
    if (opts.before !== undefined) await opts.before(recorded)
    if (faulted) {
      if (faultsSent++ % 2 === 0) throttle(res, call.service)
      else unavailable(res)
    } else {
      // A test's own answer wins over the emulation: it stages what neither moto nor AWS's usual answer shows.
      const own = opts.answer?.(call.action, body.toString('utf8'), call.region)
      if (own !== undefined) send(res, own.status, own.contentType, own.body)
      else if (!(await emulated(req, res, call, body))) {
        const snapshots = call.service === 'ec2' ? await owners.rewrite(lifecycleCall(call)) : undefined
        const foreignImages = call.service === 'ec2' ? await imagesOf.rewrite(lifecycleCall(call)) : undefined
        const proxied = snapshots ?? rewriteFor(call, await sourceOf(call).catch(() => undefined))
        // Other accounts' AMIs join the answer first, so that the proxy's own rewrite sees them too.
        const rewrite = foreignImages === undefined ? proxied : proxied === undefined ? foreignImages : (xml: string) => proxied(foreignImages(xml))
        forward(req, res, body, call.service === 'ec2' ? lifecycle.around(lifecycleCall(call), rewrite) : rewrite, call.service === 'ec2' ? call.action : undefined)
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else send(res, 500, 'text/plain; charset=utf-8', `aws-proxy: ${String(error)}`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  return {
    endpoint: `http://127.0.0.1:${port}`,
    deprecations,
    deregistrationProtection: (imageId, region) => {
      const p = protectionOf(region, imageId)
      return p === undefined ? undefined : shownAs(p)
    },
    calls,
    instances,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) {
          resolve()
          return
        }
        closed = true
        instances?.close()
        for (const [timer, resolveWait] of waits) {
          clearTimeout(timer)
          resolveWait()
        }
        waits.clear()
        for (const clients of motoClients.values()) {
          clients.ec2.destroy()
          clients.ssm.destroy()
        }
        serialiser?.destroy()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
        agent.destroy()
      })
  }
}
