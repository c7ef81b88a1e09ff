import { stickyCandidates, type ListedComment } from '../../src/report/comment.js'

const marker = '<!-- packer-ami-action:images/build/packer -->'
const comment = (id: number, login: string, body: string, type = login.endsWith('[bot]') ? 'Bot' : 'User'): ListedComment => ({
  id,
  body,
  user: { login, type }
})

describe('stickyCandidates', () => {
  const comments = [
    comment(1, 'github-actions[bot]', `${marker}\nold report`),
    comment(2, 'octocat', `${marker}\nquoted by a person`),
    comment(3, 'acme-builder[bot]', `${marker}\nreport`),
    comment(4, 'release-engineer', `${marker}\nreport written with a PAT`),
    comment(5, 'acme-builder[bot]', '<!-- packer-ami-action:other-key -->\nanother job'),
    comment(6, 'renovate[bot]', `note\n${marker}`),
    comment(7, 'ci-app', `${marker}\nan App whose type says Bot`, 'Bot')
  ]

  it.each([
    ['an installation token (login unknown): bots only, newest first', undefined, [7, 3, 1]],
    ['a PAT: its own first, then bots', 'release-engineer', [4, 7, 3, 1]],
    ['a token whose login has no comment yet: bots', 'someone-else', [7, 3, 1]]
  ])('%s', (_, login, ids) => {
    expect(stickyCandidates(comments, marker, login).map((c) => c.id)).toEqual(ids)
  })

  it('never picks a comment that merely contains the marker or has another key', () => {
    const ids = stickyCandidates(comments, marker, undefined).map((c) => c.id)
    expect(ids).not.toContain(5)
    expect(ids).not.toContain(6)
    expect(ids).not.toContain(2)
  })
})
