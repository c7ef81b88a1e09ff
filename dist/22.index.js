export const id = 22;
export const ids = [22];
export const modules = {

/***/ 94022:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  commentBody: () => (/* binding */ commentBody),
  postComments: () => (/* binding */ postComments),
  stickyCandidates: () => (/* binding */ stickyCandidates)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
;// CONCATENATED MODULE: ./src/report/pull-requests.ts
/**
 * The pull requests a run reports to: the one under review on pull-request events; on
 * release and push, those GitHub associates with the built commit; none on other events.
 */
async function pullRequestsFor(octokit, repo, eventName, payload, sha) {
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        const number = payload.pull_request?.number ?? payload.number;
        return number === undefined ? [] : [number];
    }
    if (eventName !== 'release' && eventName !== 'push')
        return [];
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
    return data.map((pull) => pull.number);
}

;// CONCATENATED MODULE: ./src/report/truncate.ts
/**
 * Cuts Markdown to at most `budget` characters on a line boundary, then closes what the cut
 * left open (code fences, `<details>` blocks) and adds `note`, so the rest still renders.
 */
function truncateMarkdown(text, budget, note) {
    if (text.length <= budget)
        return text;
    const lines = text.split('\n');
    const kept = [];
    let size = 0;
    const reserve = note.length + 200;
    for (const line of lines) {
        if (size + line.length + 1 > budget - reserve)
            break;
        kept.push(line);
        size += line.length + 1;
    }
    return [...kept, ...closers(kept), '', note].join('\n') + '\n';
}
/** Lines that close the fences and `<details>` blocks still open at the end of `lines`. */
function closers(lines) {
    let fence;
    let details = 0;
    for (const line of lines) {
        const bar = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
        if (fence === undefined && bar !== undefined)
            fence = bar;
        else if (fence !== undefined && bar !== undefined && closesFence(line, bar, fence))
            fence = undefined;
        else if (fence === undefined)
            details += count(line, '<details>') - count(line, '</details>');
    }
    const out = fence === undefined ? [] : [fence];
    for (let i = 0; i < details; i++)
        out.push('', '</details>');
    return out;
}
/** CommonMark: only the fence's own character, at least as many, and nothing else on the line. */
function closesFence(line, bar, fence) {
    return line.trim() === bar && bar[0] === fence[0] && bar.length >= fence.length;
}
function count(line, tag) {
    return line.split(tag).length - 1;
}

;// CONCATENATED MODULE: ./src/report/comment.ts






const RETRIES = 4;
const FIRST_DELAY_MS = 1000;
/**
 * Creates or updates the sticky comment on every pull request of this run. Best effort: a
 * failure is a warning naming what is missing, never a failed step. Returns the first URL.
 */
async function postComments(req) {
    const octokit = github.getOctokit(req.token);
    let pulls;
    try {
        pulls = await withRetries('finding the pull requests', () => pullRequestsFor(octokit, req.repo, req.eventName, req.payload, req.sha));
    }
    catch (err) {
        core/* warning */.$e(`No pull-request comment: could not find the pull requests of ${req.sha}: ${explain(err, 'pull-requests: read')}`);
        return undefined;
    }
    if (pulls.length === 0)
        return undefined;
    const body = commentBody(req.key, req.markdown, req.runUrl);
    const login = await withRetries('reading the token user', () => tokenLogin(octokit));
    let first;
    for (const pull of pulls) {
        try {
            const url = await upsert(octokit, req.repo, pull, req.key, body, login);
            core/* info */.pq(`Pull-request comment: ${url}`);
            first ??= url;
        }
        catch (err) {
            core/* warning */.$e(`No comment on pull request #${pull}: ${explain(err, 'pull-requests: write')}`);
        }
    }
    return first;
}
/** Marker first, so the comment is found again; a long report is cut with a pointer to the summary. */
function commentBody(key, markdown, runUrl) {
    const note = `_The report is longer than a comment can hold: the full text is in the [job summary](${runUrl})._`;
    return truncateMarkdown(`${(0,constants/* commentMarker */.Ql)(key)}\n${markdown}`, constants/* COMMENT_BUDGET */.ub, note);
}
async function upsert(octokit, repo, pull, key, body, login) {
    const comments = await withRetries('listing comments', () => octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: pull, per_page: 100 }));
    for (const candidate of stickyCandidates(comments, (0,constants/* commentMarker */.Ql)(key), login)) {
        try {
            const { data } = await withRetries('updating the comment', () => octokit.rest.issues.updateComment({ ...repo, comment_id: candidate.id, body }));
            return data.html_url;
        }
        catch (err) {
            // Another writer's comment this token may not edit: leave it and look further.
            if (comment_status(err) !== 403 && comment_status(err) !== 404)
                throw err;
            core/* info */.pq(`The comment ${candidate.id} carries the marker but this token may not edit it`);
        }
    }
    const { data } = await withRetries('creating the comment', () => octokit.rest.issues.createComment({ ...repo, issue_number: pull, body }));
    return data.html_url;
}
/**
 * The comments that may be this action's sticky comment: they start with the marker and were
 * written by the token's own user (when the token can tell who that is) or by a bot (an
 * installation token cannot: GITHUB_TOKEN writes as github-actions[bot], an App as
 * <slug>[bot]). The token's own come first, then the newest.
 */
function stickyCandidates(comments, marker, login) {
    const isBot = (c) => c.user?.type === 'Bot' || (c.user?.login ?? '').endsWith('[bot]');
    const own = (c) => login !== undefined && c.user?.login === login;
    const marked = comments.filter((c) => (c.body ?? '').startsWith(marker) && (own(c) || isBot(c)));
    return [...marked.filter(own).reverse(), ...marked.filter((c) => !own(c)).reverse()];
}
/**
 * The token's login where GitHub tells it (a PAT); undefined where `GET /user` is closed to
 * the token: 403 for GITHUB_TOKEN and App installation tokens, 404 on some GHES setups.
 */
async function tokenLogin(octokit) {
    try {
        return (await octokit.rest.users.getAuthenticated()).data.login;
    }
    catch (err) {
        const code = comment_status(err);
        if (code === 401 || code === 403 || code === 404)
            return undefined;
        throw err;
    }
}
/** Retries what may pass on a second try: 5xx, 429 and network errors, with doubling delays. */
async function withRetries(what, call) {
    for (let attempt = 1;; attempt++) {
        try {
            return await call();
        }
        catch (err) {
            const code = comment_status(err);
            const transient = code === undefined || code >= 500 || code === 429;
            if (!transient || attempt >= RETRIES)
                throw err;
            const why = code ?? `network error (${err.message})`;
            core/* info */.pq(`GitHub API ${what}: ${why}, retrying (${attempt}/${RETRIES - 1})`);
            await (0,promises_.setTimeout)(FIRST_DELAY_MS * 2 ** (attempt - 1));
        }
    }
}
/**
 * The HTTP status GitHub answered with. Octokit reports a request that never got an answer (DNS,
 * a refused connection) as status 500 without a response: that is a network error, not a 500.
 */
function comment_status(err) {
    const { status: value, response } = err;
    if (response === undefined && value === 500)
        return undefined;
    return typeof value === 'number' ? value : undefined;
}
/** 403/404 mean the token may not write here (fork pull requests get a read-only token). */
function explain(err, permission) {
    const code = comment_status(err);
    const message = err instanceof Error ? err.message : String(err);
    if (code === 403 || code === 404) {
        return `the token lacks \`${permission}\` (${code}: ${message}); pull requests from forks get a read-only token`;
    }
    return message;
}


/***/ })

};
