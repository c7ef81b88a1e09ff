import * as github from '@actions/github'
import { startGitHubApi, type GitHubApi } from '../support/github-api.js'

const repo = { owner: 'acme', repo: 'images' }

/** The status of the RequestError a call rejects with. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call
  } catch (err) {
    return (err as { status: number }).status
  }
  throw new Error('the call succeeded')
}

describe('GitHub API double', () => {
  let api: GitHubApi
  let octokit: ReturnType<typeof github.getOctokit>

  beforeEach(async () => {
    api = await startGitHubApi()
    octokit = github.getOctokit(api.token, { baseUrl: api.url })
  })
  afterEach(() => api.close())

  it('paginates like GitHub, so octokit.paginate returns every comment in order', async () => {
    for (let i = 0; i < 250; i++) api.addComment(7, `comment ${i}`, i % 2 ? 'octocat' : undefined)
    api.addComment(8, 'another pull')

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 7, per_page: 100 })
    expect(all.map((c) => c.body)).toStrictEqual(Array.from({ length: 250 }, (_, i) => `comment ${i}`))
    expect(all[1].user?.login).toBe('octocat')
    expect(api.requests.filter((r) => r.path.startsWith('/repos/acme/images/issues/7/comments')).map((r) => r.path)).toStrictEqual([
      '/repos/acme/images/issues/7/comments?per_page=100',
      '/repos/acme/images/issues/7/comments?per_page=100&page=2',
      '/repos/acme/images/issues/7/comments?per_page=100&page=3'
    ])

    const first = await octokit.rest.issues.listComments({ ...repo, issue_number: 7 })
    expect(first.data).toHaveLength(30)
    expect(first.headers.link).toBe(
      `<${api.url}/repos/acme/images/issues/7/comments?page=2>; rel="next", <${api.url}/repos/acme/images/issues/7/comments?page=9>; rel="last"`
    )
  })

  it('refuses any other token with 401 Bad credentials', async () => {
    const stranger = github.getOctokit('ghp_wrong', { baseUrl: api.url })
    expect(await statusOf(stranger.rest.issues.listComments({ ...repo, issue_number: 1 }))).toBe(401)
    expect(await statusOf(stranger.rest.users.getAuthenticated())).toBe(401)
  })

  it('creates then updates a comment as the token user, but not one written by others', async () => {
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 12, body: 'first' })
    expect(created.status).toBe(201)
    expect(created.data.user?.login).toBe('github-actions[bot]')
    expect(created.data.html_url).toBe(`https://github.com/acme/images/pull/12#issuecomment-${created.data.id}`)

    const updated = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'second' })
    expect(updated.status).toBe(200)
    expect(api.comments).toMatchObject([{ id: created.data.id, issue: 12, body: 'second' }])
    expect((await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id })).data.body).toBe('second')

    const theirs = api.addComment(12, 'by a human', 'octocat')
    expect(await statusOf(octokit.rest.issues.updateComment({ ...repo, comment_id: theirs.id, body: 'x' }))).toBe(403)
    expect(await statusOf(octokit.rest.issues.updateComment({ ...repo, comment_id: 999, body: 'x' }))).toBe(404)
    expect(await statusOf(octokit.rest.issues.listComments({ owner: 'acme', repo: 'other', issue_number: 12 }))).toBe(404)
  })

  it('answers an injected fault the given number of times, then behaves normally', async () => {
    api.inject({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 500, times: 1 })
    expect(await statusOf(octokit.rest.issues.createComment({ ...repo, issue_number: 3, body: 'hi' }))).toBe(500)
    expect(api.comments).toHaveLength(0)
    expect((await octokit.rest.issues.createComment({ ...repo, issue_number: 3, body: 'hi' })).status).toBe(201)
    expect(api.comments).toHaveLength(1)
  })

  it('rejects a body over 65536 characters with 422, as GitHub does', async () => {
    const err = await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: 'x'.repeat(65537) }).catch((e: unknown) => e)
    expect(err).toMatchObject({
      status: 422,
      response: { data: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body' }] } }
    })
    expect((await octokit.rest.issues.createComment({ ...repo, issue_number: 4, body: 'x'.repeat(65536) })).status).toBe(201)
  })

  it('serves /user and the pulls associated with a commit', async () => {
    expect((await octokit.rest.users.getAuthenticated()).data).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
    api.associatePulls('abc123', [5, 9])
    const pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: 'abc123' })
    expect(pulls.data.map((p) => [p.number, p.state, p.html_url])).toStrictEqual([
      [5, 'closed', 'https://github.com/acme/images/pull/5'],
      [9, 'closed', 'https://github.com/acme/images/pull/9']
    ])

    const forbidden = await startGitHubApi({ userEndpoint: 'forbidden' })
    try {
      const ok = github.getOctokit(forbidden.token, { baseUrl: forbidden.url })
      expect(await statusOf(ok.rest.users.getAuthenticated())).toBe(403)
    } finally {
      await forbidden.close()
    }
  })
})
