export const id = 66;
export const ids = [66];
export const modules = {

/***/ 19168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ rollOutLaunchTemplates)
/* harmony export */ });
/* unused harmony exports regionAmis, templateQuery, isNotFound, inputOrder */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96251);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15060);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7550);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(56220);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);



/** What EC2 answers for a name or an id it does not know in the region. */
const NOT_FOUND = new Set(['InvalidLaunchTemplateName.NotFoundException', 'InvalidLaunchTemplateId.NotFound']);
/**
 * One AMI per region: that of the first build by name with an AMI there, as `ami-id` picks
 * its build, so a template never depends on which build finished first.
 */
function regionAmis(images) {
    const chosen = new Map();
    for (const { region, build, ami } of images) {
        const held = chosen.get(region);
        if (held === undefined || build < held.build)
            chosen.set(region, { region, build, ami });
    }
    return [...chosen.values()].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
}
/** Names and ids are looked up under different parameters; options.ts already checked which is which. */
function templateQuery(template) {
    return template.startsWith('lt-') ? { LaunchTemplateIds: [template] } : { LaunchTemplateNames: [template] };
}
function isNotFound(err) {
    if (typeof err !== 'object' || err === null)
        return false;
    const { name, Code } = err;
    return NOT_FOUND.has(String(Code ?? name));
}
/** The order of the output and the report: by region, then as the input lists the templates. */
function inputOrder(templates) {
    return (a, b) => (a.region === b.region ? templates.indexOf(a.template) - templates.indexOf(b.template) : a.region < b.region ? -1 : 1);
}
/**
 * In every region with an AMI of this run, in parallel: for each template that exists there, a
 * new version from its current default with the region's AMI, made the default when asked. A
 * template missing in a region is a warning for that region; any other error fails the step.
 */
async function rollOutLaunchTemplates(ec2, images, templates, makeDefault) {
    const rollout = { versions: [], missing: [] };
    if (templates.length === 0)
        return rollout;
    await Promise.all(regionAmis(images).map(async (target) => {
        // A name and an id given for one template must not make two versions of it.
        const done = new Set();
        for (const template of templates) {
            const made = await newVersion(ec2(target.region), target, template, makeDefault, done);
            if (made === 'missing') {
                rollout.missing.push({ region: target.region, template });
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`launch template ${template} does not exist in ${target.region}: no new version there`);
            }
            else if (made !== undefined) {
                rollout.versions.push(made);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${target.region}: launch template ${template} version ${made.version} → ${made.ami}${made.default ? ' (default)' : ''}`);
            }
        }
    }));
    rollout.versions.sort(inputOrder(templates));
    rollout.missing.sort(inputOrder(templates));
    return rollout;
}
async function newVersion(ec2, target, template, makeDefault, done) {
    try {
        // EC2 answers an unknown name with an error but may answer an unknown id with an empty list.
        const { LaunchTemplates = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeLaunchTemplatesCommand */ .f(templateQuery(template)));
        const found = LaunchTemplates[0];
        if (found?.LaunchTemplateId === undefined)
            return 'missing';
        const id = found.LaunchTemplateId;
        if (found.DefaultVersionNumber === undefined)
            throw new Error(`EC2 answered without the default version of ${id}`);
        if (done.has(id))
            return undefined;
        done.add(id);
        const { LaunchTemplateVersion: made } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .CreateLaunchTemplateVersionCommand */ .B({
            LaunchTemplateId: id,
            SourceVersion: String(found.DefaultVersionNumber),
            VersionDescription: `packer-ami-action: ${target.ami} of ${target.build}`.slice(0, 255),
            LaunchTemplateData: { ImageId: target.ami },
            // The SDK's retries resend this token: a timed-out attempt cannot make a second version.
            ClientToken: (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)()
        }));
        const version = made?.VersionNumber;
        if (version === undefined)
            throw new Error('EC2 answered without a version number');
        if (makeDefault)
            await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .ModifyLaunchTemplateCommand */ .d({ LaunchTemplateId: id, DefaultVersion: String(version) }));
        return { region: target.region, template, id, version, default: makeDefault, ami: target.ami };
    }
    catch (err) {
        // Deleted between the look-up and the new version: as missing as one never there.
        if (isNotFound(err))
            return 'missing';
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`launch template ${template} in ${target.region}: ${message}`, { cause: err });
    }
}


/***/ }),

/***/ 52730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ checkShareable)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99861);
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92632);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40201);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95687);




/**
 * A snapshot encrypted with the AWS-managed EBS key cannot be shared with any other account;
 * refuse before the first change rather than fail halfway through the regions.
 */
async function checkShareable(ec2, images) {
    const kms = (0,_clients_js__WEBPACK_IMPORTED_MODULE_1__.regionalClients)((config) => new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__/* .KMSClient */ .pgq(config));
    await Promise.all([...(0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .groupByRegion */ .zh)(images)].map(([region, list]) => checkRegion(ec2(region), kms(region), region, list)));
}
async function checkRegion(ec2, kms, region, images) {
    const SnapshotIds = images.flatMap((i) => i.snapshots);
    if (SnapshotIds.length === 0)
        return;
    const { Snapshots = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeSnapshotsCommand */ .M({ SnapshotIds }));
    for (const snap of Snapshots.filter((s) => s.Encrypted && s.KmsKeyId)) {
        const { KeyMetadata } = await kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__/* .DescribeKeyCommand */ .spV({ KeyId: snap.KmsKeyId }));
        if (KeyMetadata?.KeyManager === 'AWS') {
            throw new Error(`snapshot ${snap.SnapshotId} in ${region} is encrypted with the AWS-managed EBS key, which cannot be shared: ` +
                'build with a customer-managed KMS key (kms_key_id / region_kms_key_ids) to share this AMI');
        }
    }
}


/***/ }),

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

/***/ 64066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPromote: () => (/* binding */ runPromote)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/launch-templates.ts
var launch_templates = __webpack_require__(19168);
// EXTERNAL MODULE: ./src/aws/references.ts
var references = __webpack_require__(7935);
// EXTERNAL MODULE: ./src/aws/shareable.ts
var shareable = __webpack_require__(52730);
// EXTERNAL MODULE: ./src/channels/assign.ts
var channels_assign = __webpack_require__(77687);
// EXTERNAL MODULE: ./src/channels/history.ts
var channels_history = __webpack_require__(1990);
// EXTERNAL MODULE: ./src/channels/images.ts
var channels_images = __webpack_require__(72500);
// EXTERNAL MODULE: ./src/channels/names.ts
var names = __webpack_require__(39484);
// EXTERNAL MODULE: ./src/channels/outcome.ts
var outcome = __webpack_require__(63140);
// EXTERNAL MODULE: ./src/channels/parameters.ts
var parameters = __webpack_require__(73798);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(58509);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js + 1 modules
var schemas_0 = __webpack_require__(80230);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeRegionsCommand.js


class DescribeRegionsCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "DescribeRegions", schemas_0/* DescribeRegions$ */.LIO) {
}

;// CONCATENATED MODULE: ./src/channels/regions.ts

/**
 * The regions enabled for the account (DescribeRegions without AllRegions): where a channel may
 * have a parameter. A channel covers the regions its parameter exists in, and nothing records
 * them elsewhere.
 */
async function enabledRegions(ec2, primary) {
    const { Regions = [] } = await ec2.send(new DescribeRegionsCommand({}));
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
    const report = (0,outcome/* emptyChannelReport */.L)('promote', family, false);
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
/**
 * The channel in every region: absent, ours (with its AMI) or not ours. A region where SSM
 * refuses the caller (an organization's policy that denies the region) cannot hold a channel
 * this role wrote: it is passed over, with a warning.
 */
async function statesIn(ctx, regions, ref) {
    const states = await Promise.all(regions.map(async (region) => {
        try {
            return [[region, await (0,parameters/* readChannel */.m)(ctx.ssm(region), ref)]];
        }
        catch (err) {
            const name = err.name ?? '';
            if (!DENIED.has(name))
                throw err;
            core/* warning */.$e(`${region}: SSM refused to read ${ref.name} (${name}); the channel is taken not to cover ${region}`);
            return [];
        }
    }));
    return new Map(states.flat().filter(([, s]) => s.kind !== 'absent'));
}
/** SSM's answers to a caller a policy denies, or in a region the account cannot use. */
const DENIED = new Set(['AccessDeniedException', 'UnrecognizedClientException']);
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
        const history = await (0,channels_history/* channelHistory */.g)(ctx.ssm(region), name);
        const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), history.map((v) => v.ami));
        const { target: back, skipped } = (0,channels_history/* earlierVersion */.j)(history, (ami) => (0,channels_images/* imageProblems */.y)(described.get(ami), family, now));
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
