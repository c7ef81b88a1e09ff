/**
 * A loopback HTTP proxy in front of moto_server. It forwards every request
 * (method, path, headers, body) to moto and streams moto's answer back,
 * except that it:
 *
 *  - answers EC2 `EnableImageDeprecation` itself (moto 5 does not implement
 *    it) in EC2's XML shape, recording what was asked for;
 *  - optionally answers a seeded, reproducible share of EC2 and SSM calls
 *    with the faults AWS really sends (throttling, plain 503s), which moto
 *    cannot produce;
 *  - optionally adds latency to every request.
 *
 * Point the AWS SDK (`endpoint`) or packer (`custom_endpoint_ec2`) at
 * `proxy.endpoint` instead of moto's.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

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
  /** Answers a call itself, for states moto cannot reach (an AWS-managed KMS key, say); undefined forwards it. */
  answer?: (action: string) => { status: number; contentType: string; body: string } | undefined
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
  /** Every request, in arrival order, including faulted ones. */
  calls: AwsProxyCall[]
  /** Stops listening and ends every open (keep-alive) connection, both sides; calling it again is a no-op. */
  close(): Promise<void>
}

const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
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

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
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
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<EnableImageDeprecationResponse xmlns="${EC2_XMLNS}">` +
      `<requestId>${randomUUID()}</requestId><return>true</return></EnableImageDeprecationResponse>`
    send(res, 200, 'text/xml;charset=UTF-8', body)
  }

  function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const headers: http.OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value
    }
    // The Host header is kept as sent: it is part of the SigV4 signature.
    headers['content-length'] = body.length
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
        if (answer.headers['content-length'] !== undefined) out['content-length'] = answer.headers['content-length']
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out)
        answer.pipe(res)
        answer.on('error', () => res.destroy())
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

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req)
    if (delayMs > 0) await delay(delayMs)
    if (closed) {
      res.destroy()
      return
    }
    const call = classify(req, body)
    const faulted = shouldFault(call)
    calls.push({ service: call.service, action: call.action, region: call.region, faulted })
    if (faulted) {
      if (faultsSent++ % 2 === 0) throttle(res, call.service)
      else unavailable(res)
    } else if (call.service === 'ec2' && call.action === 'EnableImageDeprecation') {
      enableImageDeprecation(res, call)
    } else {
      const own = opts.answer?.(call.action)
      if (own !== undefined) send(res, own.status, own.contentType, own.body)
      else forward(req, res, body)
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
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) {
          resolve()
          return
        }
        closed = true
        for (const [timer, resolveWait] of waits) {
          clearTimeout(timer)
          resolveWait()
        }
        waits.clear()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
        agent.destroy()
      })
  }
}
