/**
 * A loopback stand-in for GitHub's artifact storage, as @actions/artifact v2+ talks to it
 * (actions/toolkit packages/artifact at 6.2.1, commit 21229dc09e551e6da18e72e4e454ee145709c713):
 *
 * - the results service, Twirp over JSON at ACTIONS_RESULTS_URL
 *   (`POST /twirp/github.actions.results.api.v1.ArtifactService/<Method>`, request fields in
 *   proto names, src/generated/results/api/v1/artifact.ts and artifact.twirp-client.ts),
 *   authorised by ACTIONS_RUNTIME_TOKEN, a JWT whose `scp` claim carries
 *   `Actions.Results:<run backend id>:<job backend id>` (src/internal/shared/util.ts);
 *   errors as Twirp writes them, `{"code", "msg"}` with the code's HTTP status
 *   (src/internal/shared/artifact-twirp-client.ts reads `msg`);
 * - the signed blob URL: Azure Blob Storage, path-style as for an IP host
 *   (`/<account>/<container>/<blob>`, @azure/storage-blob's isIpEndpointStyle), where the SDK's
 *   uploadStream stages blocks and commits the list
 *   (https://learn.microsoft.com/en-us/rest/api/storageservices/put-block,
 *   https://learn.microsoft.com/en-us/rest/api/storageservices/put-block-list,
 *   https://learn.microsoft.com/en-us/rest/api/storageservices/get-blob); a wrong or missing
 *   `sig` is 403 AuthenticationFailed;
 * - the REST routes other runs' artifacts are read through
 *   (https://docs.github.com/en/rest/actions/artifacts: list workflow run artifacts, download an
 *   artifact: 302 to the blob, 410 once expired), which test/support/github-api.ts serves from
 *   this state (its `artifacts` option), behind its token check.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StoredArtifact {
  /** The database id: the REST id, and Twirp's `artifact_id`. */
  id: number
  name: string
  owner: string
  repo: string
  runId: number
  runBackendId: string
  jobBackendId: string
  blob: string
  /** The committed blob, once Put Block List has run. */
  content?: Buffer
  contentType?: string
  finalized: boolean
  size: number
  digest?: string
  createdAt: Date
  expiresAt: Date
}

export interface WorkflowRun {
  runId: number
  owner: string
  repo: string
  /** What the runner gives a step: pass into the action's environment. */
  env: { ACTIONS_RUNTIME_TOKEN: string; ACTIONS_RESULTS_URL: string; GITHUB_RUN_ID: string; GITHUB_REPOSITORY: string }
}

/** A REST answer for test/support/github-api.ts to send. */
export interface RestReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface ArtifactService {
  /** The results service's base URL (ACTIONS_RESULTS_URL). */
  url: string
  /** A new workflow run of owner/repo, with its runtime token. */
  startRun(opts?: { runId?: number; owner?: string; repo?: string }): WorkflowRun
  artifacts: StoredArtifact[]
  /** Every request to the results service and the blob store, in order. */
  requests: Array<{ method: string; path: string; status: number }>
  /** Makes an artifact expired, as retention does. */
  expire(id: number): void
  /** The REST routes, for test/support/github-api.ts. */
  rest: {
    listRunArtifacts(owner: string, repo: string, runId: number, query: URLSearchParams, apiUrl: string): RestReply
    downloadArtifact(owner: string, repo: string, id: number, format: string): RestReply
  }
  close(): Promise<void>
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/'
const ACCOUNT = 'devstoreaccount1'
const CONTAINER = 'actions-results'
/** GitHub's default artifact retention (https://docs.github.com/en/actions/concepts/workflows-and-actions/workflow-artifacts). */
const DEFAULT_RETENTION_DAYS = 90

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    msg: string
  ) {
    super(msg)
  }
}

/** Twirp's error codes and their HTTP statuses (https://twitchtv.github.io/twirp/docs/spec_v7.html#error-codes). */
const twirp = {
  unauthenticated: (msg: string) => new TwirpError(401, 'unauthenticated', msg),
  invalidArgument: (msg: string) => new TwirpError(400, 'invalid_argument', msg),
  notFound: (msg: string) => new TwirpError(404, 'not_found', msg),
  alreadyExists: (msg: string) => new TwirpError(409, 'already_exists', msg),
  failedPrecondition: (msg: string) => new TwirpError(412, 'failed_precondition', msg)
}

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${randomBytes(32).toString('base64url')}`
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** GitHub's timestamp format: ISO 8601 in UTC, whole seconds. */
function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export async function startArtifactService(): Promise<ArtifactService> {
  const artifacts: StoredArtifact[] = []
  const requests: ArtifactService['requests'] = []
  /** Runtime token → the run it was minted for. */
  const tokens = new Map<string, { run: WorkflowRun; runBackendId: string; jobBackendId: string }>()
  /** Blob path → its SAS signatures, by permission. */
  const signatures = new Map<string, { write: string; read: string }>()
  const staged = new Map<string, Map<string, Buffer>>()
  let nextId = 4_000_000_001
  let nextRun = 7_000_001
  let url = ''

  function caller(req: http.IncomingMessage) {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1]
    const found = token === undefined ? undefined : tokens.get(token)
    if (found === undefined) throw twirp.unauthenticated('the runtime token is missing or not valid')
    return found
  }

  function signedUrl(a: StoredArtifact, permission: 'write' | 'read'): string {
    const sig = signatures.get(a.blob)?.[permission] ?? ''
    const params = new URLSearchParams({
      sv: '2024-08-04',
      sr: 'b',
      sp: permission === 'write' ? 'cw' : 'r',
      se: new Date(Date.now() + 6 * 3600_000).toISOString(),
      sig
    })
    return `${url}/${ACCOUNT}/${CONTAINER}/${a.blob}?${params.toString()}`
  }

  function forRun(body: Record<string, unknown>, who: ReturnType<typeof caller>): void {
    if (body.workflow_run_backend_id !== who.runBackendId || body.workflow_job_run_backend_id !== who.jobBackendId) {
      throw twirp.unauthenticated('the backend ids do not match the runtime token')
    }
  }

  function monolith(a: StoredArtifact) {
    return {
      workflow_run_backend_id: a.runBackendId,
      workflow_job_run_backend_id: a.jobBackendId,
      database_id: String(a.id),
      name: a.name,
      size: String(a.size),
      created_at: a.createdAt.toISOString(),
      ...(a.digest !== undefined ? { digest: a.digest } : {})
    }
  }

  const methods: Record<string, (body: Record<string, unknown>, who: ReturnType<typeof caller>) => unknown> = {
    CreateArtifact(body, who) {
      forRun(body, who)
      const name = typeof body.name === 'string' ? body.name : ''
      if (name === '') throw twirp.invalidArgument('name is required')
      if (artifacts.some((a) => a.runBackendId === who.runBackendId && a.name === name)) {
        throw twirp.alreadyExists('an artifact with this name already exists on the workflow run')
      }
      const expires = typeof body.expires_at === 'string' ? new Date(body.expires_at) : new Date(Date.now() + DEFAULT_RETENTION_DAYS * 86400_000)
      const a: StoredArtifact = {
        id: nextId++,
        name,
        owner: who.run.owner,
        repo: who.run.repo,
        runId: who.run.runId,
        runBackendId: who.runBackendId,
        jobBackendId: who.jobBackendId,
        blob: `${who.runBackendId}/${randomUUID()}/${encodeURIComponent(name)}.zip`,
        finalized: false,
        size: 0,
        createdAt: new Date(),
        expiresAt: expires
      }
      artifacts.push(a)
      signatures.set(a.blob, { write: randomBytes(24).toString('base64'), read: randomBytes(24).toString('base64') })
      return { ok: true, signed_upload_url: signedUrl(a, 'write') }
    },
    FinalizeArtifact(body, who) {
      forRun(body, who)
      const a = artifacts.find((x) => x.runBackendId === who.runBackendId && x.name === body.name && !x.finalized)
      if (a === undefined) throw twirp.notFound(`no artifact ${String(body.name)} is being uploaded`)
      if (a.content === undefined) throw twirp.failedPrecondition('the artifact has no committed blob')
      a.finalized = true
      a.size = Number(body.size ?? 0)
      a.digest = typeof body.hash === 'string' ? body.hash : undefined
      return { ok: true, artifact_id: String(a.id) }
    },
    ListArtifacts(body, who) {
      forRun(body, who)
      const items = artifacts.filter(
        (a) =>
          a.finalized &&
          a.runBackendId === who.runBackendId &&
          a.expiresAt > new Date() &&
          (body.name_filter === undefined || a.name === body.name_filter) &&
          (body.id_filter === undefined || String(a.id) === String(body.id_filter))
      )
      return { artifacts: items.map(monolith) }
    },
    GetSignedArtifactURL(body, who) {
      forRun(body, who)
      const a = artifacts.find((x) => x.finalized && x.runBackendId === who.runBackendId && x.name === body.name)
      if (a === undefined) throw twirp.notFound(`no artifact ${String(body.name)}`)
      return { signed_url: signedUrl(a, 'read') }
    }
  }

  function blobError(status: number, code: string, message: string): { status: number; headers: Record<string, string>; body: Buffer } {
    const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}\nRequestId:${randomUUID()}\nTime:${new Date().toISOString()}</Message></Error>`
    return { status, headers: { 'content-type': 'application/xml', 'x-ms-error-code': code }, body: Buffer.from(xml) }
  }

  function blobHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return { 'x-ms-request-id': randomUUID(), 'x-ms-version': '2024-08-04', date: new Date().toUTCString(), ...extra }
  }

  /** Put Block, Put Block List and Get Blob, behind the SAS signature of the blob. */
  function blob(method: string, target: URL, headers: http.IncomingHttpHeaders, body: Buffer) {
    const prefix = `/${ACCOUNT}/${CONTAINER}/`
    const key = target.pathname.slice(prefix.length)
    const a = artifacts.find((x) => x.blob === key || encodeURI(x.blob) === key || decodeURIComponent(key) === decodeURIComponent(x.blob))
    const sigs = a === undefined ? undefined : signatures.get(a.blob)
    const sig = target.searchParams.get('sig')
    const comp = target.searchParams.get('comp')
    if (a === undefined || sigs === undefined) return blobError(404, 'BlobNotFound', 'The specified blob does not exist.')
    if (method === 'PUT') {
      if (sig !== sigs.write) return blobError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.')
      if (a.finalized) return blobError(409, 'BlobImmutableDueToPolicy', 'This operation is not permitted as the blob is immutable.')
      if (comp === 'block') {
        const blockId = target.searchParams.get('blockid')
        if (!blockId) return blobError(400, 'InvalidQueryParameterValue', 'blockid is required.')
        const blocks = staged.get(a.blob) ?? new Map<string, Buffer>()
        blocks.set(blockId, body)
        staged.set(a.blob, blocks)
        return { status: 201, headers: blobHeaders({ 'x-ms-request-server-encrypted': 'true' }), body: Buffer.alloc(0) }
      }
      if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1])
        const blocks = staged.get(a.blob) ?? new Map<string, Buffer>()
        const missing = ids.find((id) => !blocks.has(id))
        if (missing !== undefined) return blobError(400, 'InvalidBlockList', 'The specified block list is invalid.')
        a.content = Buffer.concat(ids.map((id) => blocks.get(id) as Buffer))
        a.contentType = String(headers['x-ms-blob-content-type'] ?? 'application/octet-stream')
        staged.delete(a.blob)
        const md5 = createHash('md5').update(a.content).digest('base64')
        return {
          status: 201,
          headers: blobHeaders({ etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`, 'last-modified': new Date().toUTCString(), 'content-md5': md5 }),
          body: Buffer.alloc(0)
        }
      }
      if (headers['x-ms-blob-type'] === 'BlockBlob') {
        a.content = body
        a.contentType = String(headers['x-ms-blob-content-type'] ?? headers['content-type'] ?? 'application/octet-stream')
        return { status: 201, headers: blobHeaders({ etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"` }), body: Buffer.alloc(0) }
      }
      return blobError(400, 'InvalidQueryParameterValue', 'Value for one of the query parameters specified in the request URI is invalid.')
    }
    if (method === 'GET' || method === 'HEAD') {
      if (sig !== sigs.read) return blobError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.')
      if (a.content === undefined) return blobError(404, 'BlobNotFound', 'The specified blob does not exist.')
      return {
        status: 200,
        headers: blobHeaders({ 'content-type': a.contentType ?? 'application/zip', 'content-length': String(a.content.length), 'x-ms-blob-type': 'BlockBlob' }),
        body: method === 'HEAD' ? Buffer.alloc(0) : a.content
      }
    }
    return blobError(405, 'UnsupportedHttpVerb', 'The resource doesn\'t support specified Http Verb.')
  }

  const server = http.createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase()
    const target = new URL(req.url ?? '/', 'http://127.0.0.1')
    readBody(req).then(
      (body) => {
        if (target.pathname.startsWith(SERVICE) && method === 'POST') {
          const name = target.pathname.slice(SERVICE.length)
          let status = 200
          let reply: unknown
          try {
            const handler = methods[name]
            if (handler === undefined) throw new TwirpError(404, 'bad_route', `no handler for path "${target.pathname}"`)
            const who = caller(req)
            let parsed: Record<string, unknown>
            try {
              parsed = JSON.parse(body.toString('utf8') || '{}')
            } catch {
              throw twirp.invalidArgument('the request body is not JSON')
            }
            reply = handler(parsed, who)
          } catch (err) {
            if (!(err instanceof TwirpError)) throw err
            status = err.status
            reply = { code: err.code, msg: err.message }
          }
          requests.push({ method, path: target.pathname, status })
          const text = JSON.stringify(reply)
          res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
          res.end(text)
          return
        }
        const answer = target.pathname.startsWith(`/${ACCOUNT}/${CONTAINER}/`)
          ? blob(method, target, req.headers, body)
          : blobError(400, 'InvalidUri', 'The requested URI does not represent any resource on the server.')
        requests.push({ method, path: target.pathname, status: answer.status })
        res.writeHead(answer.status, { 'content-length': String(answer.body.length), ...answer.headers })
        res.end(answer.body)
      },
      (err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(`artifact-service double: ${err.message}`)
      }
    )
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  function restArtifact(a: StoredArtifact, apiUrl: string) {
    return {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${Buffer.from(String(a.id)).toString('base64')}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${apiUrl}/repos/${a.owner}/${a.repo}/actions/artifacts/${a.id}`,
      archive_download_url: `${apiUrl}/repos/${a.owner}/${a.repo}/actions/artifacts/${a.id}/zip`,
      expired: a.expiresAt <= new Date(),
      created_at: timestamp(a.createdAt),
      updated_at: timestamp(a.createdAt),
      expires_at: timestamp(a.expiresAt),
      digest: a.digest ?? null,
      workflow_run: { id: a.runId, repository_id: 1296269, head_repository_id: 1296269, head_branch: 'main', head_sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' }
    }
  }

  const sameRepo = (a: StoredArtifact, owner: string, repo: string) => a.owner.toLowerCase() === owner.toLowerCase() && a.repo.toLowerCase() === repo.toLowerCase()

  return {
    url,
    artifacts,
    requests,
    startRun(opts = {}) {
      const runId = opts.runId ?? nextRun++
      const runBackendId = randomUUID()
      const jobBackendId = randomUUID()
      const token = jwt({ scp: `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${runBackendId}:${jobBackendId}`, iat: Math.floor(Date.now() / 1000) })
      const run: WorkflowRun = {
        runId,
        owner: opts.owner ?? 'acme',
        repo: opts.repo ?? 'images',
        env: { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: `${url}/`, GITHUB_RUN_ID: String(runId), GITHUB_REPOSITORY: `${opts.owner ?? 'acme'}/${opts.repo ?? 'images'}` }
      }
      tokens.set(token, { run, runBackendId, jobBackendId })
      return run
    },
    expire(id) {
      const a = artifacts.find((x) => x.id === id)
      if (a) a.expiresAt = new Date(Date.now() - 1000)
    },
    rest: {
      listRunArtifacts(owner, repo, runId, query, apiUrl) {
        const perPage = Math.min(Math.max(Number(query.get('per_page')) || 30, 1), 100)
        const page = Math.max(Number(query.get('page')) || 1, 1)
        const name = query.get('name')
        const all = artifacts
          .filter((a) => a.finalized && a.runId === runId && sameRepo(a, owner, repo) && (name === null || a.name === name))
          .sort((a, b) => b.id - a.id)
        return { status: 200, body: { total_count: all.length, artifacts: all.slice((page - 1) * perPage, page * perPage).map((a) => restArtifact(a, apiUrl)) } }
      },
      downloadArtifact(owner, repo, id, format) {
        const a = artifacts.find((x) => x.id === id && x.finalized && sameRepo(x, owner, repo))
        if (a === undefined || format !== 'zip') return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact', status: '404' } }
        if (a.expiresAt <= new Date()) return { status: 410, body: { message: 'Artifact has expired', documentation_url: 'https://docs.github.com/rest/actions/artifacts#download-an-artifact', status: '410' } }
        return { status: 302, body: '', headers: { location: signedUrl(a, 'read') } }
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}
