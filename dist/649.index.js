export const id = 649;
export const ids = [649];
export const modules = {

/***/ 7649:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPromote: () => (/* binding */ runPromote)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(5687);
// EXTERNAL MODULE: ./src/aws/launch-templates.ts
var launch_templates = __webpack_require__(9168);
// EXTERNAL MODULE: ./src/aws/references.ts
var references = __webpack_require__(7935);
// EXTERNAL MODULE: ./src/aws/shareable.ts
var shareable = __webpack_require__(2730);
// EXTERNAL MODULE: ./src/channels/assign.ts
var channels_assign = __webpack_require__(7687);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(4736);
;// CONCATENATED MODULE: ./src/channels/history.ts

/** Every version SSM still keeps (the newest 100), oldest first. */
async function channelHistory(ssm, name) {
    const versions = [];
    let NextToken;
    do {
        const page = await ssm.send(new dist_cjs/* GetParameterHistoryCommand */.JFb({ Name: name, MaxResults: 50, NextToken }));
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

// EXTERNAL MODULE: ./src/channels/images.ts
var channels_images = __webpack_require__(2500);
// EXTERNAL MODULE: ./src/channels/names.ts
var names = __webpack_require__(9484);
;// CONCATENATED MODULE: ./src/channels/outcome.ts
function emptyChannelReport(mode, family, dryRun) {
    return { mode, family, assignments: [], passedOver: [], refused: [], revoked: [], stuck: [], dryRun, sharedWith: [] };
}

// EXTERNAL MODULE: ./src/channels/parameters.ts
var parameters = __webpack_require__(3798);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
;// CONCATENATED MODULE: ./src/channels/regions.ts

/**
 * The regions enabled for the account (DescribeRegions without AllRegions): where a channel may
 * have a parameter. A channel covers the regions its parameter exists in, and nothing records
 * them elsewhere.
 */
async function enabledRegions(ec2, primary) {
    const { Regions = [] } = await ec2.send(new client_ec2_dist_cjs/* DescribeRegionsCommand */.cAn({}));
    const names = Regions.flatMap((r) => (r.RegionName === undefined ? [] : [r.RegionName]));
    return [...new Set([primary, ...names])].sort();
}

;// CONCATENATED MODULE: ./src/channels/promote.ts













/**
 * `mode: promote`: `channel` gets what `from-channel` points at, or the `ami-ids`, in every
 * region, or with `rollback` what it held before. Every check runs before the first write: the
 * AMIs exist in this account, are available, of `family`, not revoked, not test-failed, not
 * deprecated, and cover every region the target channel covers; the parameters are this
 * action's. Then, as a build distributes: sharing, the channel, launch templates.
 */
async function runPromote(opts, runUrl) {
    const c = opts.channels;
    const family = opts.images.family;
    const channel = c.channel;
    const ctx = { ec2: (0,clients.ec2Clients)(), ssm: (0,references.ssmClients)(), run: (0,names/* runIdentity */.yK)(process.env, runUrl), parameterTemplate: c.parameter };
    const report = emptyChannelReport('promote', family, false);
    report.channel = channel;
    report.source = c.rollback ? 'rollback' : c.fromChannel !== undefined ? `channel ${c.fromChannel}` : 'ami-ids';
    const regions = await enabledRegions(ctx.ec2(opts.awsRegion), opts.awsRegion);
    const target = await statesIn(ctx, regions, (0,channels_assign/* channelRef */.zR)(c.parameter, family, channel));
    const plan = c.rollback ? await planRollback(ctx, family, channel, target, report) : await planPromotion(ctx, opts, regions, target);
    report.refused = plan.refused;
    if (plan.refused.length > 0) {
        throw Object.assign(new Error(`not promoting to ${channel}; nothing was changed:\n- ${plan.refused.join('\n- ')}`), { report });
    }
    const regionImages = plan.moves.map((m) => ({ build: family, builder: 'promote', region: m.region, ami: m.ami, snapshots: (0,aws_images/* snapshotsOf */.XO)(plan.images.get(`${m.region}:${m.ami}`)) }));
    const sharing = { accounts: opts.images.shareAccounts, organizations: opts.images.shareOrganizations, ous: opts.images.shareOus };
    if ((0,aws_images/* isSharing */.Xu)(sharing)) {
        await (0,shareable/* checkShareable */.M)(ctx.ec2, regionImages);
        // Shared before the channel names it: a consumer of the channel must be able to launch it.
        await Promise.all(regionImages.map((i) => (0,aws_images/* shareImage */.pW)(ctx.ec2(i.region), i, sharing)));
        report.sharedWith = [...sharing.accounts, ...sharing.organizations, ...sharing.ous];
    }
    report.assignments = await (0,channels_assign/* applyMoves */.V3)(ctx, await (0,channels_assign/* planMoves */.YN)(ctx, plan.moves));
    report.launchTemplates = await (0,launch_templates/* rollOutLaunchTemplates */.Ex)(ctx.ec2, regionImages, opts.images.launchTemplates, opts.images.launchTemplateDefault);
    return report;
}
/** The channel in every region: absent, ours (with its AMI) or not ours. */
async function statesIn(ctx, regions, ref) {
    const states = await Promise.all(regions.map(async (region) => [region, await (0,parameters/* readChannel */.m)(ctx.ssm(region), ref)]));
    return new Map(states.filter(([, s]) => s.kind !== 'absent'));
}
function foreignProblems(states, name) {
    return [...states].flatMap(([region, s]) => (s.kind === 'foreign' ? [`${name} in ${region} is not this action's channel: ${s.why}`] : []));
}
async function planPromotion(ctx, opts, regions, target) {
    const c = opts.channels;
    const family = opts.images.family;
    const targetName = (0,channels_assign/* channelRef */.zR)(c.parameter, family, c.channel).name;
    const refused = foreignProblems(target, targetName);
    let source;
    if (c.fromChannel !== undefined) {
        const from = (0,channels_assign/* channelRef */.zR)(c.parameter, family, c.fromChannel);
        const states = await statesIn(ctx, regions, from);
        refused.push(...foreignProblems(states, from.name));
        source = Object.fromEntries([...states].flatMap(([region, s]) => (s.kind === 'ours' ? [[region, s.ami]] : [])));
        if (Object.keys(source).length === 0)
            refused.push(`channel ${c.fromChannel} of family ${family} (${from.name}) exists in no region`);
    }
    else {
        source = c.amiIds;
    }
    for (const [region, s] of target) {
        if (s.kind === 'ours' && source[region] === undefined)
            refused.push(`channel ${c.channel} covers ${region} (holding ${s.ami}), but there is no AMI to promote there`);
    }
    const images = new Map();
    const now = new Date();
    await Promise.all(Object.entries(source).map(async ([region, ami]) => {
        const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), [ami]);
        const image = described.get(ami);
        if (image !== undefined)
            images.set(`${region}:${ami}`, image);
        for (const p of (0,channels_images/* imageProblems */.y)(image, family, now))
            refused.push(`${ami} in ${region} ${p}`);
    }));
    const moves = Object.entries(source).map(([region, ami]) => ({ region, family, channel: c.channel, ami, reason: c.fromChannel !== undefined ? `promote from ${c.fromChannel}` : 'promote' }));
    return { moves, refused: refused.sort(), images };
}
/** Back one usable version in every region the channel covers, from its history. */
async function planRollback(ctx, family, channel, target, report) {
    const name = (0,channels_assign/* channelRef */.zR)(ctx.parameterTemplate, family, channel).name;
    const refused = foreignProblems(target, name);
    const moves = [];
    const images = new Map();
    const now = new Date();
    const ours = [...target].filter(([, s]) => s.kind === 'ours');
    if (ours.length === 0 && refused.length === 0)
        refused.push(`channel ${channel} of family ${family} (${name}) exists in no region: nothing to roll back`);
    await Promise.all(ours.map(async ([region, s]) => {
        const history = await channelHistory(ctx.ssm(region), name);
        const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), history.map((v) => v.ami));
        const { target: back, skipped } = earlierVersion(history, (ami) => (0,channels_images/* imageProblems */.y)(described.get(ami), family, now));
        for (const k of skipped)
            report.passedOver.push({ region, parameter: name, ...k });
        for (const k of skipped)
            core/* info */.pq(`${region}: rollback passes over version ${k.version} (${k.ami}): it ${k.why}`);
        if (back === undefined) {
            refused.push(`channel ${channel} in ${region} has no earlier usable AMI to move back to from ${s.ami}`);
            return;
        }
        const image = described.get(back.ami);
        if (image !== undefined)
            images.set(`${region}:${back.ami}`, image);
        moves.push({ region, family, channel, ami: back.ami, reason: `rollback to version ${back.version}` });
    }));
    return { moves, refused: refused.sort(), images };
}


/***/ })

};
