import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startGitHubApi, type GitHubApi } from '../support/github-api.js'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { githubSha, runAction, type LiveRun, type RunResult } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

const PULL = 7
let moto: Moto
let mirror: Mirror
let api: GitHubApi
const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-cache-'))

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

beforeEach(async () => {
  api = await startGitHubApi()
})

afterEach(async () => {
  await api.close()
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

function run(cwd: string, inputs: Record<string, string>, eventName = 'pull_request', event: unknown = { pull_request: { number: PULL } }): Promise<RunResult> {
  return runAction({
    cwd,
    toolCache,
    eventName,
    event,
    env: { GITHUB_API_URL: api.url, ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
    inputs: {
      ...installFrom(mirror),
      'github-token': api.token,
      template: 'packer',
      variables: `ec2_endpoint: ${moto.endpoint}`,
      ...inputs
    }
  })
}

const log = (r: RunResult): string => r.stdout + r.stderr
const botComments = (issue: number): GitHubApi['comments'] =>
  api.comments.filter((c) => c.issue === issue && c.user.login === 'github-actions[bot]')

/** Every fence opened in the body is closed: the rest of the page still renders. */
function fencesBalanced(body: string): boolean {
  let open: string | undefined
  for (const line of body.split('\n')) {
    const bar = /^(`{3,})/.exec(line)?.[1]
    if (bar === undefined) continue
    if (open === undefined) open = bar
    else if (line.trim() === bar && bar.length >= open.length) open = undefined
  }
  return open === undefined
}

describe('the sticky pull-request comment', () => {
  it('is created once and updated in place, also behind 120 other comments', async () => {
    const cwd = workspaceWith('packer')
    const first = await run(cwd, {})
    expect(first.code).toBe(0)
    expect(botComments(PULL)).toHaveLength(1)
    const [comment] = botComments(PULL)
    expect(first.outputs['comment-url']).toBe(comment.html_url)
    expect(comment.body).toMatch(/Packer validate: ✅ passed/)
    expect(comment.body).toContain(githubSha.slice(0, 7))
    expect(comment.body).toContain('/actions/runs/4242')

    for (let i = 0; i < 120; i++) api.addComment(PULL, `review note ${i}`, 'octocat')
    const second = await run(cwd, {})
    expect(second.code).toBe(0)
    expect(botComments(PULL)).toHaveLength(1)
    expect(second.outputs['comment-url']).toBe(comment.html_url)
    expect(api.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${comment.id}`))).toBe(true)
  })

  it('keeps one comment per comment-key', async () => {
    const cwd = workspaceWith('packer')
    await run(cwd, { 'comment-key': 'matrix-a' })
    await run(cwd, { 'comment-key': 'matrix-b' })
    await run(cwd, { 'comment-key': 'matrix-a' })
    const bodies = botComments(PULL).map((c) => c.body)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toContain('packer-ami-action:matrix-a')
    expect(bodies[1]).toContain('packer-ami-action:matrix-b')
  })

  it('shows Packer\'s message when validation fails', async () => {
    const failed = await run(workspaceWith('fixtures/broken'), { variables: '' })
    expect(failed.code).not.toBe(0)
    const [comment] = botComments(PULL)
    expect(comment.body).toMatch(/Packer validate: ❌ failed/)
    expect(comment.body).toContain('Unsupported argument')
  })

  it('comments the AMI IDs of a release on the pull request of the release commit', async () => {
    api.associatePulls(githubSha, [12])
    const built = await run(workspaceWith('packer'), {}, 'release', { release: { tag_name: 'v1.0.0' } })
    expect(built.code).toBe(0)
    const [comment] = botComments(12)
    expect(comment.body).toMatch(/Packer build: ✅ passed/)
    for (const { ami } of JSON.parse(built.outputs['artifacts']) as Array<{ ami: string }>) {
      expect(comment.body).toContain(ami)
    }
    expect(built.outputs['comment-url']).toBe(comment.html_url)
  })

  it('a release commit with no pull request comments nowhere, without error', async () => {
    const built = await run(workspaceWith('fixtures/single'), { template: 'packer/single.pkr.hcl' }, 'push', {})
    expect(built.code).toBe(0)
    expect(api.comments).toHaveLength(0)
    expect(log(built)).not.toContain('::warning::')
  })

  it('a 403 on write is a warning naming the permission; the step passes', async () => {
    api.inject({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 403, times: 10, body: { message: 'Resource not accessible by integration' } })
    const result = await run(workspaceWith('packer'), {})
    expect(result.code).toBe(0)
    expect(log(result)).toMatch(/::warning::No comment on pull request #7: the token lacks `pull-requests: write`/)
    expect(api.comments).toHaveLength(0)
  })

  it('retries a 500 and writes the comment', async () => {
    api.inject({ method: 'POST', path: /\/issues\/\d+\/comments$/, status: 500, times: 1 })
    const result = await run(workspaceWith('packer'), {})
    expect(result.code).toBe(0)
    expect(botComments(PULL)).toHaveLength(1)
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
  })

  it('cuts a 200,000-character report below the limit with its fences closed', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'pam-ws-'))
    mkdirSync(path.join(cwd, 'packer'))
    const messy = Array.from({ length: 2500 }, (_, i) => `variable "v${i}" {\ntype = string\n  default      = "${'x'.repeat(20)}"\n}\n`)
    writeFileSync(path.join(cwd, 'packer', 'big.pkr.hcl'), messy.join('\n'))
    const result = await run(cwd, { variables: '' })
    expect(result.code).not.toBe(0)
    expect(result.summary.length).toBeGreaterThan(200_000)
    const [comment] = botComments(PULL)
    expect(comment.body.length).toBeLessThan(65_536)
    expect(fencesBalanced(comment.body)).toBe(true)
    expect(comment.body).toContain('job summary')
    expect(comment.body.split('\n').at(-2)).toMatch(/full text is in the \[job summary\]/)
  })
})

describe('github-token', () => {
  const token = 'ghs_masked0123456789abcdefghijklmnopqrstu'

  /** A pull request run with its own API, and the log as it stood when the API heard the first request. */
  async function runWithToken(githubToken: string): Promise<{ result: RunResult; logAtFirstRequest?: string }> {
    let live: LiveRun | undefined
    let logAtFirstRequest: string | undefined
    await api.close()
    api = await startGitHubApi({ token, onRequest: () => (logAtFirstRequest ??= live?.stdout() ?? '') })
    const result = await runAction({
      cwd: workspaceWith('packer'),
      toolCache,
      eventName: 'pull_request',
      event: { pull_request: { number: PULL } },
      env: { GITHUB_API_URL: api.url },
      onSpawn: (l) => (live = l),
      inputs: { ...installFrom(mirror), 'github-token': githubToken, template: 'packer' }
    })
    return { result, logAtFirstRequest }
  }

  it('is masked before any use: the ::add-mask:: line is where it first shows in the log, there before the first API request', async () => {
    const { result, logAtFirstRequest } = await runWithToken(token)
    expect(result.code).toBe(0)
    const mask = `::add-mask::${token}`
    expect(result.stdout.split(/\r?\n/)).toContain(mask)
    expect(result.stdout.indexOf(token)).toBe(result.stdout.indexOf(mask) + '::add-mask::'.length)
    expect(result.stderr).not.toContain(token)
    // The token was used: the API took it and the comment is there.
    expect(botComments(PULL)).toHaveLength(1)
    expect(logAtFirstRequest).toContain(mask)
  })

  it('an empty one masks nothing and calls no API', async () => {
    const { result, logAtFirstRequest } = await runWithToken('')
    expect(result.code).toBe(0)
    expect(result.stdout).not.toMatch(/^::add-mask::\s*$/m)
    expect(logAtFirstRequest).toBeUndefined()
    expect(api.requests).toEqual([])
  })
})

describe('the sticky comment is found again whatever the token', () => {
  const tokens = [
    { kind: 'GITHUB_TOKEN', login: 'github-actions[bot]', userEndpoint: 'forbidden' },
    { kind: 'an App installation token', login: 'acme-image-builder[bot]', userEndpoint: 'forbidden' },
    { kind: 'a personal access token', login: 'release-engineer', userEndpoint: 'ok' },
    { kind: 'a GHES token whose /user answers 404', login: 'ghes-builder[bot]', userEndpoint: 'not-found' }
  ] as const

  it.each(tokens)('$kind updates one comment in place', async ({ login, userEndpoint }) => {
    await api.close()
    api = await startGitHubApi({ login, userEndpoint })
    const cwd = workspaceWith('packer')
    // Look-alikes that must stay as they are: a person quoting the marker, another key's comment.
    const quoted = api.addComment(PULL, '<!-- packer-ami-action:x -->\nquoted by hand', 'octocat')
    const first = await run(cwd, { 'comment-key': 'x' })
    const second = await run(cwd, { 'comment-key': 'x' })
    expect([first.code, second.code]).toEqual([0, 0])
    const mine = api.comments.filter((c) => c.user.login === login)
    expect(mine).toHaveLength(1)
    expect(mine[0].body).toMatch(/^<!-- packer-ami-action:x -->\n/)
    expect(second.outputs['comment-url']).toBe(mine[0].html_url)
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/repos/acme/images/issues/comments/${mine[0].id}`])
    expect(quoted.body).toBe('<!-- packer-ami-action:x -->\nquoted by hand')
    expect(log(second)).not.toContain('::warning::')
  })

  it('a token that may not edit another bot\'s marked comment writes its own, once', async () => {
    await api.close()
    api = await startGitHubApi({ login: 'acme-image-builder[bot]', userEndpoint: 'forbidden' })
    const foreign = api.addComment(PULL, '<!-- packer-ami-action:x -->\nfrom another app', 'other-app[bot]')
    const cwd = workspaceWith('packer')
    await run(cwd, { 'comment-key': 'x' })
    await run(cwd, { 'comment-key': 'x' })
    expect(foreign.body).toBe('<!-- packer-ami-action:x -->\nfrom another app')
    expect(api.comments.filter((c) => c.user.login === 'acme-image-builder[bot]')).toHaveLength(1)
  })
})
