import * as core from '@actions/core'
import * as github from '@actions/github'
import { setTimeout as sleep } from 'node:timers/promises'
import { COMMENT_BUDGET, commentMarker } from '../constants.js'
import { pullRequestsFor, type Repo } from './pull-requests.js'
import { truncateMarkdown } from './truncate.js'

type Octokit = ReturnType<typeof github.getOctokit>

export interface CommentRequest {
  token: string
  key: string
  /** The rendered report; the marker and, when too long, the cut are added here. */
  markdown: string
  eventName: string
  payload: Record<string, unknown>
  repo: Repo
  sha: string
  runUrl: string
}

const RETRIES = 4
const FIRST_DELAY_MS = 1000

/**
 * Creates or updates the sticky comment on every pull request of this run. Best effort: a
 * failure is a warning naming what is missing, never a failed step. Returns the first URL.
 */
export async function postComments(req: CommentRequest): Promise<string | undefined> {
  const octokit = github.getOctokit(req.token)
  let pulls: number[]
  try {
    pulls = await withRetries('finding the pull requests', () =>
      pullRequestsFor(octokit, req.repo, req.eventName, req.payload, req.sha)
    )
  } catch (err) {
    core.warning(`No pull-request comment: could not find the pull requests of ${req.sha}: ${explain(err, 'pull-requests: read')}`)
    return undefined
  }
  if (pulls.length === 0) return undefined
  const body = commentBody(req.key, req.markdown, req.runUrl)
  const login = await withRetries('reading the token user', () => tokenLogin(octokit))
  let first: string | undefined
  for (const pull of pulls) {
    try {
      const url = await upsert(octokit, req.repo, pull, req.key, body, login)
      core.info(`Pull-request comment: ${url}`)
      first ??= url
    } catch (err) {
      core.warning(`No comment on pull request #${pull}: ${explain(err, 'pull-requests: write')}`)
    }
  }
  return first
}

/** Marker first, so the comment is found again; a long report is cut with a pointer to the summary. */
export function commentBody(key: string, markdown: string, runUrl: string): string {
  const note = `_The report is longer than a comment can hold: the full text is in the [job summary](${runUrl})._`
  return truncateMarkdown(`${commentMarker(key)}\n${markdown}`, COMMENT_BUDGET, note)
}

async function upsert(
  octokit: Octokit,
  repo: Repo,
  pull: number,
  key: string,
  body: string,
  login: string | undefined
): Promise<string> {
  const comments = await withRetries('listing comments', () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: pull, per_page: 100 })
  )
  for (const candidate of stickyCandidates(comments, commentMarker(key), login)) {
    try {
      const { data } = await withRetries('updating the comment', () =>
        octokit.rest.issues.updateComment({ ...repo, comment_id: candidate.id, body })
      )
      return data.html_url
    } catch (err) {
      // Another writer's comment this token may not edit: leave it and look further.
      if (status(err) !== 403 && status(err) !== 404) throw err
      core.info(`The comment ${candidate.id} carries the marker but this token may not edit it`)
    }
  }
  const { data } = await withRetries('creating the comment', () =>
    octokit.rest.issues.createComment({ ...repo, issue_number: pull, body })
  )
  return data.html_url
}

export interface ListedComment {
  id: number
  body?: string | null
  user?: { login: string; type?: string } | null
}

/**
 * The comments that may be this action's sticky comment: they start with the marker and were
 * written by the token's own user (when the token can tell who that is) or by a bot (an
 * installation token cannot: GITHUB_TOKEN writes as github-actions[bot], an App as
 * <slug>[bot]). The token's own come first, then the newest.
 */
export function stickyCandidates<C extends ListedComment>(comments: C[], marker: string, login: string | undefined): C[] {
  const isBot = (c: C): boolean => c.user?.type === 'Bot' || (c.user?.login ?? '').endsWith('[bot]')
  const own = (c: C): boolean => login !== undefined && c.user?.login === login
  const marked = comments.filter((c) => (c.body ?? '').startsWith(marker) && (own(c) || isBot(c)))
  return [...marked.filter(own).reverse(), ...marked.filter((c) => !own(c)).reverse()]
}

/**
 * The token's login where GitHub tells it (a PAT); undefined where `GET /user` is closed to
 * the token: 403 for GITHUB_TOKEN and App installation tokens, 404 on some GHES setups.
 */
async function tokenLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login
  } catch (err) {
    const code = status(err)
    if (code === 401 || code === 403 || code === 404) return undefined
    throw err
  }
}

/** Retries what may pass on a second try: 5xx, 429 and network errors, with doubling delays. */
async function withRetries<T>(what: string, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (err) {
      const code = status(err)
      const transient = code === undefined || code >= 500 || code === 429
      if (!transient || attempt >= RETRIES) throw err
      const why = code ?? `network error (${(err as Error).message})`
      core.info(`GitHub API ${what}: ${why}, retrying (${attempt}/${RETRIES - 1})`)
      await sleep(FIRST_DELAY_MS * 2 ** (attempt - 1))
    }
  }
}

/**
 * The HTTP status GitHub answered with. Octokit reports a request that never got an answer (DNS,
 * a refused connection) as status 500 without a response: that is a network error, not a 500.
 */
function status(err: unknown): number | undefined {
  const { status: value, response } = err as { status?: unknown; response?: unknown }
  if (response === undefined && value === 500) return undefined
  return typeof value === 'number' ? value : undefined
}

/** 403/404 mean the token may not write here (fork pull requests get a read-only token). */
function explain(err: unknown, permission: string): string {
  const code = status(err)
  const message = err instanceof Error ? err.message : String(err)
  if (code === 403 || code === 404) {
    return `the token lacks \`${permission}\` (${code}: ${message}); pull requests from forks get a read-only token`
  }
  return message
}

