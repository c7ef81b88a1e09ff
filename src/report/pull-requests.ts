import type * as github from '@actions/github'

type Octokit = ReturnType<typeof github.getOctokit>

export interface Repo {
  owner: string
  repo: string
}

/**
 * The pull requests a run reports to: the one under review on pull-request events; on
 * release and push, those GitHub associates with the built commit; none on other events.
 */
export async function pullRequestsFor(
  octokit: Octokit,
  repo: Repo,
  eventName: string,
  payload: { pull_request?: { number?: number }; number?: number },
  sha: string
): Promise<number[]> {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = payload.pull_request?.number ?? payload.number
    return number === undefined ? [] : [number]
  }
  if (eventName !== 'release' && eventName !== 'push') return []
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha })
  return data.map((pull) => pull.number)
}
