export const id = 644;
export const ids = [644];
export const modules = {

/***/ 1990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ channelHistory),
/* harmony export */   j: () => (/* binding */ earlierVersion)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34736);

/** Every version SSM still keeps (the newest 100), oldest first. */
async function channelHistory(ssm, name) {
    const versions = [];
    let NextToken;
    do {
        const page = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterHistoryCommand */ .JFb({ Name: name, MaxResults: 50, NextToken }));
        for (const p of page.Parameters ?? []) {
            if (p.Version === undefined || p.Value === undefined)
                continue;
            versions.push({ version: p.Version, ami: p.Value, labels: p.Labels ?? [], description: p.Description, modified: p.LastModifiedDate?.toISOString() });
        }
        NextToken = page.NextToken;
    } while (NextToken);
    return versions.sort((a, b) => a.version - b.version);
}
/**
 * The version to move back to: the newest one before the current whose AMI differs from the
 * current one and is usable (`problemsOf` finds nothing wrong with it). Those skipped, and why,
 * come back too, so the log can say what was passed over.
 */
function earlierVersion(history, problemsOf) {
    const current = history[history.length - 1];
    const skipped = [];
    if (current === undefined)
        return { skipped };
    for (let i = history.length - 2; i >= 0; i--) {
        const v = history[i];
        if (v.ami === current.ami)
            continue;
        const problems = problemsOf(v.ami);
        if (problems.length === 0)
            return { target: v, skipped };
        skipped.push({ version: v.version, ami: v.ami, why: problems.join(', ') });
    }
    return { skipped };
}


/***/ }),

/***/ 63140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ emptyChannelReport)
/* harmony export */ });
function emptyChannelReport(mode, family, dryRun) {
    return { mode, family, assignments: [], planned: [], passedOver: [], refused: [], revoked: [], stuck: [], dryRun, sharedWith: [] };
}


/***/ }),

/***/ 84644:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRevoke: () => (/* binding */ runRevoke),
  soonestDeprecation: () => (/* binding */ soonestDeprecation)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(35193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(34736);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/references.ts
var references = __webpack_require__(7935);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
// EXTERNAL MODULE: ./src/channels/assign.ts
var channels_assign = __webpack_require__(77687);
;// CONCATENATED MODULE: ./src/channels/descendants.ts



/** Values of one EC2 filter a request carries. */
const FILTER_VALUES = 200;
const RUN_URL_TAG = 'packer-ami-action:run-url';
/** The regions an AMI's build made copies in (its regions tag), and its own. */
function regionsOf(r) {
    return [...new Set([r.region, ...((0,aws_images/* tagOf */.cO)(r.image, tags/* REGIONS_TAG */.$x) ?? '').split(' ').filter((x) => x !== '')])];
}
async function ownImages(ec2, filters) {
    const images = [];
    let NextToken;
    do {
        const page = await ec2.send(new dist_cjs/* DescribeImagesCommand */.ji5({ Owners: ['self'], Filters: filters, IncludeDisabled: true, IncludeDeprecated: true, NextToken }));
        images.push(...(page.Images ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return images;
}
/**
 * The copies of `of` in the other regions of its build: this account's own AMIs there with the
 * same family, build and run (the run URL tag), as the action tagged every copy of one build.
 */
async function copiesOf(ec2, of) {
    const runUrl = (0,aws_images/* tagOf */.cO)(of.image, RUN_URL_TAG);
    const build = (0,aws_images/* tagOf */.cO)(of.image, tags/* BUILD_TAG */.cJ);
    if (runUrl === undefined || build === undefined)
        return [];
    const found = await Promise.all(regionsOf(of)
        .filter((region) => region !== of.region)
        .map(async (region) => {
        const images = await ownImages(ec2(region), [
            { Name: `tag:${tags/* FAMILY_TAG */.Ik}`, Values: [of.family] },
            { Name: `tag:${RUN_URL_TAG}`, Values: [runUrl] },
            { Name: `tag:${tags/* BUILD_TAG */.cJ}`, Values: [build] }
        ]);
        return images
            .filter((i) => (0,aws_images/* tagOf */.cO)(i, tags/* FAMILY_TAG */.Ik) === of.family && (0,aws_images/* tagOf */.cO)(i, RUN_URL_TAG) === runUrl && (0,aws_images/* tagOf */.cO)(i, tags/* BUILD_TAG */.cJ) === build)
            .map((image) => ({ region, ami: image.ImageId, image, family: of.family, builtOn: of.builtOn }));
    }));
    return found.flat();
}
/**
 * Every AMI built on one of `revoked`, recursively, in every region the revoked AMIs and their
 * builds reach: this account's own AMIs carrying the action's family tag whose lineage tags
 * (base AMI id and its region) name a revoked AMI. A tag that merely mentions the id under
 * another key, or an AMI of another account, is never reached.
 */
async function descendantsOf(ec2, revoked) {
    const all = new Map(revoked.map((r) => [r.ami, r]));
    const found = [];
    let frontier = [...revoked];
    while (frontier.length > 0) {
        const regions = [...new Set([...all.values()].flatMap(regionsOf))];
        const parents = new Map([...all.values()].map((r) => [r.ami, r]));
        const ids = [...parents.keys()];
        const next = [];
        await Promise.all(regions.map(async (region) => {
            for (let i = 0; i < ids.length; i += FILTER_VALUES) {
                const images = await ownImages(ec2(region), [
                    { Name: `tag:${tags/* BASE_AMI_TAG */.Dj}`, Values: ids.slice(i, i + FILTER_VALUES) },
                    { Name: 'tag-key', Values: [tags/* FAMILY_TAG */.Ik] }
                ]);
                for (const image of images) {
                    const ami = image.ImageId;
                    const base = (0,aws_images/* tagOf */.cO)(image, tags/* BASE_AMI_TAG */.Dj);
                    const parent = base === undefined ? undefined : parents.get(base);
                    const family = (0,aws_images/* tagOf */.cO)(image, tags/* FAMILY_TAG */.Ik);
                    // The lineage tag names the parent's region too: the same id in another region is another image.
                    if (parent === undefined || family === undefined || all.has(ami) || (0,aws_images/* tagOf */.cO)(image, tags/* BASE_REGION_TAG */.mj) !== parent.region)
                        continue;
                    const child = { region, ami, image, family, builtOn: parent.ami };
                    all.set(ami, child);
                    next.push(child);
                }
            }
        }));
        found.push(...next);
        frontier = next;
    }
    return found;
}

// EXTERNAL MODULE: ./src/channels/history.ts
var channels_history = __webpack_require__(1990);
// EXTERNAL MODULE: ./src/channels/images.ts
var channels_images = __webpack_require__(72500);
// EXTERNAL MODULE: ./src/channels/names.ts
var names = __webpack_require__(39484);
// EXTERNAL MODULE: ./src/channels/outcome.ts
var outcome = __webpack_require__(63140);
// EXTERNAL MODULE: ./src/channels/tags.ts
var channels_tags = __webpack_require__(99619);
;// CONCATENATED MODULE: ./src/channels/revoke.ts














/** GetParameters takes at most 10 names a call; a DescribeParameters filter at most 50 values. */
const NAMES_PER_CALL = 10;
const revoke_FILTER_VALUES = 50;
/** Tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256;
/**
 * `mode: revoke`: the named AMIs and every copy of them, with `revoke-descendants` every AMI
 * built on one of those (recursively, across the regions of the builds), are tagged revoked,
 * deprecated now and, with `revoke-disable`, disabled; every channel that points at one moves
 * back to its newest earlier usable AMI, or is reported stuck (and the step fails). Only this
 * account's AMIs carrying the action's family tag are touched, the named ones only when they are
 * of `family`. Nothing is deregistered and no snapshot deleted. `cleanup-dry-run` reports the
 * plan and changes nothing.
 */
async function runRevoke(opts, runUrl) {
    const family = opts.images.family;
    const { reason, disable, descendants } = opts.channels.revoke;
    const dryRun = opts.images.cleanupDryRun;
    const ctx = { ec2: (0,clients.ec2Clients)(), ssm: (0,references.ssmClients)(), run: (0,names/* runIdentity */.yK)(process.env, runUrl), parameterTemplate: opts.channels.parameter };
    const report = (0,outcome/* emptyChannelReport */.L)('revoke', family, dryRun);
    const named = await namedImages(ctx, opts.channels.amiIds, family, report);
    const copies = (await Promise.all(named.map((n) => copiesOf(ctx.ec2, n)))).flat().filter((c) => !named.some((n) => n.ami === c.ami));
    const roots = [...named, ...copies];
    const reached = descendants ? [...roots, ...(await descendantsOf(ctx.ec2, roots))] : roots;
    const revokedIds = new Set(reached.map((r) => r.ami));
    report.revoked = reached.map((r) => ({ region: r.region, ami: r.ami, family: r.family, builtOn: r.builtOn, disabled: disable }));
    for (const r of reached)
        core/* info */.pq(`${dryRun ? 'would revoke' : 'revoking'} ${r.ami} (${r.region}, family ${r.family})${r.builtOn === undefined ? '' : `: built on ${r.builtOn}`}`);
    const moves = await channelMoves(ctx, reached, revokedIds, report);
    if (dryRun) {
        report.planned = moves;
        for (const m of moves)
            core/* info */.pq(`would move channel ${m.channel} of ${m.family} in ${m.region} to ${m.ami} (${m.reason})`);
        return report;
    }
    const reasonTag = reason.slice(0, MAX_TAG_VALUE);
    // The mark first: from here on every check (promotion, rollback) passes these AMIs over.
    await Promise.all(reached
        .filter((r) => (0,aws_images/* tagOf */.cO)(r.image, channels_tags/* REVOKED_TAG */.GV) === undefined)
        .map((r) => ctx.ec2(r.region).send(new dist_cjs/* CreateTagsCommand */.RmG({ Resources: [r.ami], Tags: [{ Key: channels_tags/* REVOKED_TAG */.GV, Value: reasonTag }, { Key: channels_tags/* REVOKED_BY_TAG */.Ux, Value: runUrl.slice(0, MAX_TAG_VALUE) }] }))));
    // Channels off the revoked AMIs before they stop launching.
    report.assignments = await (0,channels_assign/* applyMoves */.V3)(ctx, await (0,channels_assign/* planMoves */.YN)(ctx, moves));
    const deprecateAt = soonestDeprecation(new Date());
    await Promise.all(reached.map(async (r) => {
        const current = r.image.DeprecationTime === undefined ? undefined : new Date(r.image.DeprecationTime);
        if (current === undefined || current > deprecateAt)
            await ctx.ec2(r.region).send(new dist_cjs/* EnableImageDeprecationCommand */.cJk({ ImageId: r.ami, DeprecateAt: deprecateAt }));
        if (disable && r.image.State !== 'disabled')
            await ctx.ec2(r.region).send(new dist_cjs/* DisableImageCommand */.LLh({ ImageId: r.ami }));
    }));
    return report;
}
/**
 * EnableImageDeprecation takes no time in the past and rounds seconds to the nearest minute
 * (EC2 API Reference, EnableImageDeprecation, DeprecateAt): the next whole minute at least 30
 * seconds away is the soonest it takes.
 */
function soonestDeprecation(now) {
    return new Date(Math.ceil((now.getTime() + 30_000) / 60_000) * 60_000);
}
/** The AMIs the input names: each must be this account's, in its region, and of `family`. Refuses before any change. */
async function namedImages(ctx, amis, family, report) {
    const problems = [];
    const found = await Promise.all(Object.entries(amis).map(async ([region, ami]) => {
        const image = (await (0,channels_images/* ownImages */.F)(ctx.ec2(region), [ami])).get(ami);
        const imageFamily = image === undefined ? undefined : (0,aws_images/* tagOf */.cO)(image, tags/* FAMILY_TAG */.Ik);
        if (image === undefined)
            problems.push(`${ami} in ${region} does not exist in this account`);
        else if (imageFamily !== family)
            problems.push(`${ami} in ${region} is ${imageFamily === undefined ? 'not an AMI of this action (no family tag)' : `of family ${imageFamily}`}, not ${family}`);
        return image === undefined ? [] : [{ region, ami, image, family }];
    }));
    if (problems.length > 0) {
        report.refused = problems.sort();
        throw Object.assign(new Error(`not revoking anything:\n- ${report.refused.join('\n- ')}`), { report });
    }
    return found.flat();
}
/** Every channel of the reached families pointing at a revoked AMI, and where it moves back to. */
async function channelMoves(ctx, reached, revoked, report) {
    const regions = [...new Set(reached.map((r) => r.region))];
    const families = [...new Set(reached.map((r) => r.family))];
    const now = new Date();
    const moves = [];
    await Promise.all(regions.map(async (region) => {
        const pointing = await channelsPointingAt(ctx.ssm(region), region, families, revoked);
        for (const p of pointing) {
            const history = await (0,channels_history/* channelHistory */.g)(ctx.ssm(region), p.name);
            const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), history.map((v) => v.ami));
            const problemsOf = (ami) => (revoked.has(ami) ? ['is being revoked'] : (0,channels_images/* imageProblems */.y)(described.get(ami), p.family, now));
            const { target, skipped } = (0,channels_history/* earlierVersion */.j)(history, problemsOf);
            for (const k of skipped)
                report.passedOver.push({ region, parameter: p.name, ...k });
            if (target === undefined) {
                const why = 'no earlier version holds an AMI that is not revoked and still usable';
                report.stuck.push({ region, channel: p.channel, family: p.family, parameter: p.name, ami: p.ami, why });
                core/* error */.z3(`${p.name} in ${region} still names the revoked ${p.ami}: ${why}`);
                continue;
            }
            moves.push({ region, family: p.family, channel: p.channel, ami: target.ami, parameter: p.name, reason: `revoke of ${p.ami}: back to version ${target.version}` });
        }
    }));
    return moves;
}
/**
 * This action's channel parameters of `families` in a region whose value is a revoked AMI. SSM
 * finds them by the ownership tag (DescribeParameters, `tag:` filter); each one's channel tag
 * names the channel.
 */
async function channelsPointingAt(ssm, region, families, revoked) {
    const names = [];
    for (let i = 0; i < families.length; i += revoke_FILTER_VALUES) {
        let NextToken;
        do {
            const page = await ssm.send(new client_ssm_dist_cjs/* DescribeParametersCommand */.$hz({ ParameterFilters: [{ Key: `tag:${channels_tags/* CHANNEL_FAMILY_TAG */.Y4}`, Values: families.slice(i, i + revoke_FILTER_VALUES) }], MaxResults: 50, NextToken }));
            for (const p of page.Parameters ?? [])
                if (p.Name !== undefined)
                    names.push(p.Name);
            NextToken = page.NextToken;
        } while (NextToken);
    }
    const pointing = [];
    for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        const { Parameters = [] } = await ssm.send(new client_ssm_dist_cjs/* GetParametersCommand */.AFe({ Names: names.slice(i, i + NAMES_PER_CALL) }));
        for (const p of Parameters) {
            if (p.Name === undefined || p.Value === undefined || !revoked.has(p.Value))
                continue;
            const { TagList = [] } = await ssm.send(new client_ssm_dist_cjs/* ListTagsForResourceCommand */.a_e({ ResourceType: 'Parameter', ResourceId: p.Name }));
            const family = TagList.find((t) => t.Key === channels_tags/* CHANNEL_FAMILY_TAG */.Y4)?.Value;
            const channel = TagList.find((t) => t.Key === channels_tags/* CHANNEL_TAG */.j6)?.Value;
            if (family === undefined || channel === undefined || !families.includes(family))
                continue;
            pointing.push({ region, name: p.Name, family, channel, ami: p.Value });
        }
    }
    return pointing;
}


/***/ })

};
