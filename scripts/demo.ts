/**
 * `npm run demo`: the bundled action end to end on this machine, with the same parts as the
 * tests: Debian's Packer behind a loopback release mirror and moto_server standing in for EC2.
 * First a pull request (validate), then a release (build) of packer/'s example; the comment
 * goes to the loopback GitHub API double the tests use.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startGitHubApi, type GitHubApi } from '../test/support/github-api.js'
import { installFrom, startMirror } from '../test/support/mirror.js'
import { awsTestEnv, startMoto } from '../test/support/moto.js'
import { githubSha, runAction, type RunResult } from '../test/support/runner.js'
import { workspaceWith } from '../test/support/workspace.js'

const PULL = 7

function show(title: string, run: RunResult, api: GitHubApi): void {
  console.log(`\n=== ${title}: exit code ${run.code}`)
  console.log('--- step outputs')
  for (const [name, value] of Object.entries(run.outputs)) console.log(`${name}: ${value}`)
  console.log('--- job summary')
  console.log(run.summary)
  const comment = api.comments.find((c) => c.html_url === run.outputs['comment-url'])
  console.log(`--- pull-request comment ${comment === undefined ? '(none)' : `on #${comment.issue}: ${comment.html_url}`}`)
  if (comment !== undefined) console.log(comment.body)
  if (run.code !== 0) console.log(`--- log\n${run.stdout}\n${run.stderr}`)
}

async function main(): Promise<number> {
  const started = Date.now()
  // Everything the demo writes (workspaces, runner temp, tool cache: about 100 MB) goes under one
  // root that it removes at the end; os.tmpdir() reads TMPDIR at each call.
  const root = mkdtempSync(path.join(tmpdir(), 'pam-demo-'))
  process.env.TMPDIR = root
  console.log('Starting a loopback Packer release mirror, moto_server and a GitHub API double...')
  const [mirror, moto, api] = await Promise.all([startMirror({ versions: ['1.6.6'] }), startMoto(), startGitHubApi()])
  api.associatePulls(githubSha, [PULL])
  try {
    const toolCache = mkdtempSync(path.join(tmpdir(), 'pam-demo-cache-'))
    const inputs = {
      ...installFrom(mirror),
      template: 'packer',
      'github-token': api.token,
      variables: `ec2_endpoint: ${moto.endpoint}\napp_version: demo`
    }
    const env = { GITHUB_API_URL: api.url }
    const validate = await runAction({
      cwd: workspaceWith('packer'),
      toolCache,
      eventName: 'pull_request',
      event: { pull_request: { number: PULL } },
      env,
      inputs
    })
    show('pull_request: validate', validate, api)
    const build = await runAction({
      cwd: workspaceWith('packer'),
      toolCache,
      eventName: 'release',
      env: { ...env, ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
      inputs
    })
    show('release: build', build, api)
    console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return validate.code === 0 && build.code === 0 ? 0 : 1
  } finally {
    await Promise.all([mirror.close(), moto.stop(), api.close()])
    rmSync(root, { recursive: true, force: true })
  }
}

process.exitCode = await main()
