/**
 * A loopback stand-in for the GitHub REST API. The tests cannot reach the
 * real one, so this serves the few routes the action calls (issue comments,
 * the pulls associated with a commit, the authenticated user), keeping every
 * comment in memory, checking the token the way GitHub does and paginating
 * with GitHub's Link headers. Integration tests point the real Octokit from
 * @actions/github at it (GITHUB_API_URL / getOctokit's baseUrl).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ArtifactService } from './artifact-service.js'

export interface StoredComment {
  id: number
  issue: number
  body: string
  user: { login: string }
  html_url: string
  created_at: string
  updated_at: string
}

export interface Fault {
  /** HTTP method, compared case-insensitively. */
  method: string
  /** Matched against the request path both without and with its query string. */
  path: RegExp
  status: number
  /** How many matching requests get the fault before the server behaves normally again. */
  times: number
  /** The JSON body to answer with; default {"message": <the status's reason phrase>}. */
  body?: unknown
}

export interface GitHubApi {
  /** http://127.0.0.1:PORT, no trailing slash: pass as GITHUB_API_URL or getOctokit's baseUrl. */
  url: string
  /** The only token accepted; any other (or none) gets 401 {"message":"Bad credentials"}. */
  token: string
  /** The token's user, default 'github-actions[bot]'. */
  login: string
  /** Every comment, in creation order; PATCH updates these objects in place. */
  comments: StoredComment[]
  /** Every request, in order, including refused ones (path with query string). */
  requests: Array<{ method: string; path: string }>
  /** Seeds a comment without going through the API; login defaults to the token's user. */
  addComment(issue: number, body: string, login?: string): StoredComment
  /** Sets what GET /repos/{o}/{r}/commits/{sha}/pulls returns for sha. */
  associatePulls(sha: string, pulls: number[]): void
  /** Answers the next `times` matching requests with `status`, then behaves normally. */
  inject(fault: Fault): void
  close(): Promise<void>
}

export interface GitHubApiOptions {
  token?: string
  login?: string
  owner?: string
  repo?: string
  /**
   * 'forbidden': GET /user answers 403, as github.com does for GITHUB_TOKEN and App installation
   * tokens; 'not-found': 404, as some GHES setups and fine-grained tokens do.
   */
  userEndpoint?: 'ok' | 'forbidden' | 'not-found'
  /** Called as each request arrives, before it is answered: to see what the caller had done by then. */
  onRequest?: (request: { method: string; path: string }) => void
  /** Serves the workflow-run artifact routes from this artifact-service double's state. */
  artifacts?: Pick<ArtifactService, 'rest'>
}

/** GitHub's limit on an issue comment's body, in characters. */
export const MAX_COMMENT_LENGTH = 65536

const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown
  ) {
    super(`HTTP ${status}`)
  }
}

/** GitHub's timestamp format: ISO 8601 in UTC, whole seconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Characters as GitHub counts them: code points, not UTF-16 units. */
function characters(s: string): number {
  return Array.from(s).length
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined
  const n = Number(value)
  return n >= 1 ? n : undefined
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function bearer(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

export async function startGitHubApi(opts: GitHubApiOptions = {}): Promise<GitHubApi> {
  const token = opts.token ?? 'ghs_testtoken0123456789abcdefghijklmnopq'
  const login = opts.login ?? 'github-actions[bot]'
  const owner = opts.owner ?? 'acme'
  const repo = opts.repo ?? 'images'
  const userEndpoint = opts.userEndpoint ?? 'ok'

  const comments: StoredComment[] = []
  const requests: Array<{ method: string; path: string }> = []
  const faults: Fault[] = []
  const pulls = new Map<string, number[]>()
  let nextId = 1_000_001
  let url = ''

  const userOf = (name: string) => ({
    login: name,
    id: stableId(name),
    type: name.endsWith('[bot]') ? 'Bot' : 'User'
  })

  function store(issue: number, body: string, author: string): StoredComment {
    const id = nextId++
    const now = timestamp()
    const comment: StoredComment = {
      id,
      issue,
      body,
      user: { login: author },
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      created_at: now,
      updated_at: now
    }
    comments.push(comment)
    return comment
  }

  /** The comment as the REST API returns it. */
  function render(c: StoredComment) {
    return {
      id: c.id,
      node_id: `IC_${Buffer.from(String(c.id)).toString('base64url')}`,
      url: `${url}/repos/${owner}/${repo}/issues/comments/${c.id}`,
      html_url: c.html_url,
      issue_url: `${url}/repos/${owner}/${repo}/issues/${c.issue}`,
      body: c.body,
      user: userOf(c.user.login),
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.user.login === login ? 'NONE' : 'MEMBER'
    }
  }

  /** The `body` field of a comment write, validated as GitHub does. */
  function commentBody(raw: string): string {
    let parsed: unknown
    try {
      parsed = raw === '' ? {} : JSON.parse(raw)
    } catch {
      throw new HttpError(400, { message: 'Problems parsing JSON' })
    }
    const body = (parsed as { body?: unknown } | null)?.body
    if (typeof body !== 'string') {
      throw new HttpError(422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.' })
    }
    if (characters(body) > MAX_COMMENT_LENGTH) {
      throw new HttpError(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`
          }
        ]
      })
    }
    return body
  }

  function findComment(id: string): StoredComment {
    const comment = comments.find((c) => String(c.id) === id)
    if (!comment) throw new HttpError(404, { message: 'Not Found' })
    return comment
  }

  interface Reply {
    status: number
    body: unknown
    headers?: Record<string, string>
  }

  function listComments(issue: number, query: URLSearchParams, pathname: string): Reply {
    const perPage = Math.min(positiveInt(query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE)
    const page = positiveInt(query.get('page')) ?? 1
    const all = comments.filter((c) => c.issue === issue)
    const lastPage = Math.max(1, Math.ceil(all.length / perPage))
    const items = all.slice((page - 1) * perPage, page * perPage)

    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(query)
      q.set('page', String(p))
      return `<${url}${pathname}?${q.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'))
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    return {
      status: 200,
      body: items.map(render),
      headers: links.length > 0 ? { link: links.join(', ') } : undefined
    }
  }

  function route(method: string, pathname: string, query: URLSearchParams, raw: string): Reply {
    if (pathname === '/user' && method === 'GET') {
      if (userEndpoint === 'forbidden') {
        throw new HttpError(403, { message: 'Resource not accessible by integration' })
      }
      if (userEndpoint === 'not-found') throw new HttpError(404, { message: 'Not Found' })
      return { status: 200, body: userOf(login) }
    }

    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(pathname)
    if (!m) throw new HttpError(404, { message: 'Not Found' })
    const [, o, r, rest] = m
    if (decodeURIComponent(o).toLowerCase() !== owner.toLowerCase() || decodeURIComponent(r).toLowerCase() !== repo.toLowerCase()) {
      throw new HttpError(404, { message: 'Not Found' })
    }

    let p: RegExpExecArray | null
    if ((p = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = Number(p[1])
      if (method === 'GET') return listComments(issue, query, pathname)
      if (method === 'POST') {
        const body = commentBody(raw)
        return { status: 201, body: render(store(issue, body, login)) }
      }
    } else if ((p = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      if (method === 'GET') return { status: 200, body: render(findComment(p[1])) }
      if (method === 'PATCH') {
        const comment = findComment(p[1])
        if (comment.user.login !== login) {
          throw new HttpError(403, { message: 'Resource not accessible by integration' })
        }
        comment.body = commentBody(raw)
        comment.updated_at = timestamp()
        return { status: 200, body: render(comment) }
      }
    } else if (opts.artifacts !== undefined && (p = /^\/actions\/(?:runs\/(\d+)\/artifacts|artifacts\/(\d+)\/([^/]+))$/.exec(rest)) && method === 'GET') {
      // Workflow-run artifacts (https://docs.github.com/en/rest/actions/artifacts): the list of
      // a run, and the download, which redirects to the blob. State lives in artifact-service.ts.
      return p[1] !== undefined
        ? opts.artifacts.rest.listRunArtifacts(decodeURIComponent(o), decodeURIComponent(r), Number(p[1]), query, url)
        : opts.artifacts.rest.downloadArtifact(decodeURIComponent(o), decodeURIComponent(r), Number(p[2]), p[3])
    } else if ((p = /^\/commits\/([^/]+)\/pulls$/.exec(rest)) && method === 'GET') {
      const numbers = pulls.get(decodeURIComponent(p[1]).toLowerCase()) ?? []
      return {
        status: 200,
        body: numbers.map((n) => ({ number: n, state: 'closed', html_url: `https://github.com/${owner}/${repo}/pull/${n}` }))
      }
    }
    throw new HttpError(404, { message: 'Not Found' })
  }

  async function handle(req: http.IncomingMessage): Promise<Reply> {
    const method = (req.method ?? 'GET').toUpperCase()
    const target = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = `${target.pathname}${target.search}`
    requests.push({ method, path })
    opts.onRequest?.({ method, path })
    const raw = await readBody(req)

    if (bearer(req.headers.authorization) !== token) {
      throw new HttpError(401, { message: 'Bad credentials' })
    }

    const fault = faults.find(
      (f) => f.method.toUpperCase() === method && f.times > 0 && (test(f.path, target.pathname) || test(f.path, path))
    )
    if (fault) {
      fault.times--
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1)
      throw new HttpError(fault.status, fault.body ?? { message: http.STATUS_CODES[fault.status] ?? 'Error' })
    }

    return route(method, target.pathname.replace(/\/+$/, '') || '/', target.searchParams, raw)
  }

  const server = http.createServer((req, res) => {
    const send = ({ status, body, headers }: Reply) => {
      // A redirect (the artifact download) has no body.
      const text = status >= 300 && status < 400 ? '' : JSON.stringify(body)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        ...headers
      })
      res.end(text)
    }
    handle(req).then(send, (err: unknown) => {
      if (err instanceof HttpError) send({ status: err.status, body: err.body })
      else send({ status: 500, body: { message: `github-api double: ${(err as Error).message}` } })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    token,
    login,
    comments,
    requests,
    addComment: (issue, body, author = login) => store(issue, body, author),
    associatePulls: (sha, numbers) => {
      pulls.set(sha.toLowerCase(), [...numbers])
    },
    inject: (fault) => {
      if (fault.times > 0) faults.push({ ...fault })
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}

/** A stable, GitHub-looking numeric id for a login. */
function stableId(name: string): number {
  let h = 0
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 9_000_000
  return 1_000_000 + h
}

/** RegExp.test without the lastIndex state a /g or /y flag would carry between calls. */
function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0
  return re.test(s)
}
