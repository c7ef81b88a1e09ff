export const id = 236;
export const ids = [236];
export const modules = {

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ec2Clients: () => (/* binding */ ec2Clients),
/* harmony export */   regionalClients: () => (/* binding */ regionalClients)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64601);

/**
 * One client per region of one service, each made once. Retries live here, not at call sites:
 * adaptive mode backs off on throttling and 5xx. Endpoints come from the SDK's own settings
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2, ...), which is how the tests reach moto. Each
 * service's factory sits beside the code that calls it, so the post step's bundle carries EC2
 * alone.
 */
function regionalClients(make, maxAttempts = 10) {
    const clients = new Map();
    return (region) => {
        let client = clients.get(region);
        if (client === undefined) {
            client = make({ region, retryMode: 'adaptive', maxAttempts, customUserAgent: 'packer-ami-action' });
            clients.set(region, client);
        }
        return client;
    };
}
const ec2Clients = () => regionalClients((config) => new _client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .g(config));


/***/ }),

/***/ 95687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E$: () => (/* binding */ tagImage),
/* harmony export */   Wd: () => (/* binding */ LIVE_INSTANCE_STATES),
/* harmony export */   XO: () => (/* binding */ snapshotsOf),
/* harmony export */   Xu: () => (/* binding */ isSharing),
/* harmony export */   aH: () => (/* binding */ removeImage),
/* harmony export */   bz: () => (/* binding */ isProtected),
/* harmony export */   cO: () => (/* binding */ tagOf),
/* harmony export */   dA: () => (/* binding */ deprecateImage),
/* harmony export */   dj: () => (/* binding */ waitUntilAvailable),
/* harmony export */   pW: () => (/* binding */ shareImage),
/* harmony export */   sf: () => (/* binding */ ownAvailableImages),
/* harmony export */   vz: () => (/* binding */ sourceOf),
/* harmony export */   zh: () => (/* binding */ groupByRegion)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61048);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17122);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83290);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76425);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(99547);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(42620);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39074);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);


/**
 * EC2's record of the AMI an image was made from: `SourceImageId` and `SourceImageRegion`,
 * which "only appear if the AMI was created using CreateImage, CopyImage, or
 * CreateRestoreImageTask" (EC2 API Reference, Image); without a region, the image's own.
 */
function sourceOf(image, region) {
    const id = image?.SourceImageId;
    return id === undefined ? null : { id, region: image?.SourceImageRegion ?? region };
}
const FINAL_STATES = ['failed', 'error', 'invalid', 'deregistered'];
/** Waits until every AMI is `available`; a final bad state ends the wait at once. */
async function waitUntilAvailable(ec2, artifacts, opts) {
    const byRegion = groupByRegion(artifacts);
    const done = await Promise.all([...byRegion].map(([region, list]) => waitInRegion(ec2(region), region, list, opts)));
    return done.flat();
}
async function waitInRegion(ec2, region, artifacts, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
        const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({ ImageIds: artifacts.map((a) => a.ami) }));
        for (const image of Images) {
            if (FINAL_STATES.includes(image.State ?? '')) {
                const reason = image.StateReason?.Message ? `: ${image.StateReason.Message}` : '';
                throw new Error(`AMI ${image.ImageId} in ${region} is ${image.State}${reason}`);
            }
        }
        const available = new Map(Images.filter((i) => i.State === 'available').map((i) => [i.ImageId, i]));
        if (artifacts.every((a) => available.has(a.ami))) {
            return artifacts.map((a) => ({ ...a, snapshots: snapshotsOf(available.get(a.ami)), source: sourceOf(available.get(a.ami), region) }));
        }
        if (Date.now() >= deadline) {
            const waiting = artifacts.filter((a) => !available.has(a.ami)).map((a) => a.ami);
            throw new Error(`AMIs in ${region} still not available after ${opts.timeoutMs / 60000} minutes: ${waiting.join(', ')}`);
        }
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(opts.pollMs);
    }
}
function isSharing(s) {
    return s.accounts.length + s.organizations.length + s.ous.length > 0;
}
async function tagImage(ec2, image, tags) {
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .CreateTagsCommand */ .R({
        Resources: [image.ami, ...image.snapshots],
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
    }));
}
async function shareImage(ec2, image, s) {
    const add = [
        ...s.accounts.map((UserId) => ({ UserId })),
        ...s.organizations.map((OrganizationArn) => ({ OrganizationArn })),
        ...s.ous.map((OrganizationalUnitArn) => ({ OrganizationalUnitArn }))
    ];
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .ModifyImageAttributeCommand */ .F({ ImageId: image.ami, LaunchPermission: { Add: add } }));
    if (s.accounts.length === 0)
        return;
    for (const SnapshotId of image.snapshots) {
        await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .ModifySnapshotAttributeCommand */ .K({
            SnapshotId,
            Attribute: 'createVolumePermission',
            OperationType: 'add',
            UserIds: s.accounts
        }));
    }
}
async function deprecateImage(ec2, image, at) {
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .EnableImageDeprecationCommand */ .c({ ImageId: image.ami, DeprecateAt: at }));
}
/** Instance states that still hold resources: every state but terminated. */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/** Only `available` AMIs this account owns whose tag `key` is `value`: never anyone else's. */
async function ownAvailableImages(ec2, key, value) {
    const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({
        Owners: ['self'],
        Filters: [
            { Name: `tag:${key}`, Values: [value] },
            { Name: 'state', Values: ['available'] }
        ]
    }));
    return Images.filter((i) => i.ImageId !== undefined && tagOf(i, key) === value);
}
function tagOf(image, key) {
    return image.Tags?.find((t) => t.Key === key)?.Value;
}
/** Deregistration protection on (`enabled-with-cooldown`, `enabled-without-cooldown`): never deregistered here. */
function isProtected(image) {
    return (image.DeregistrationProtection ?? '').startsWith('enabled');
}
function snapshotsOf(image) {
    return (image?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
}
/**
 * Deregisters first, so nothing can launch from an AMI whose snapshots are going away. EC2
 * deletes the snapshots in the same call (DeleteAssociatedSnapshots) and reports each; any it
 * does not report deleted (an endpoint that ignores the flag, as moto does, or one that failed)
 * is deleted here, except one EC2 skipped because another AMI still uses it. Returns those.
 */
async function removeImage(ec2, ami, snapshots) {
    const outcome = new Map((await deregister(ec2, ami)).map((r) => [r.SnapshotId, r.ReturnCode]));
    for (const SnapshotId of snapshots) {
        const code = outcome.get(SnapshotId);
        if (code !== 'success' && code !== 'skipped')
            await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_6__/* .DeleteSnapshotCommand */ .t({ SnapshotId }));
    }
    return snapshots.filter((s) => outcome.get(s) === 'skipped');
}
/** An endpoint that does not know DeleteAssociatedSnapshots refuses it (UnknownParameter) and deregisters nothing. */
async function deregister(ec2, ImageId) {
    try {
        const { DeleteSnapshotResults = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DeregisterImageCommand */ .x({ ImageId, DeleteAssociatedSnapshots: true }));
        return DeleteSnapshotResults;
    }
    catch (error) {
        if (error.name !== 'UnknownParameter')
            throw error;
        await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DeregisterImageCommand */ .x({ ImageId }));
        return [];
    }
}
function groupByRegion(items) {
    const map = new Map();
    for (const item of items)
        map.set(item.region, [...(map.get(item.region) ?? []), item]);
    return map;
}


/***/ }),

/***/ 7935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findReferences: () => (/* binding */ findReferences),
/* harmony export */   referenceLabel: () => (/* binding */ referenceLabel),
/* harmony export */   ssmClients: () => (/* binding */ ssmClients)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96251);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98191);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(11490);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(15060);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(79106);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34736);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40201);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95687);





/** SSM clients for the fallback, beside the only code that needs them (see clients.ts). */
const ssmClients = () => (0,_clients_js__WEBPACK_IMPORTED_MODULE_2__.regionalClients)((config) => new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .SSMClient */ .jBj(config));
/** DescribeImageReferences takes at most 10 ImageIds a call. */
const IDS_PER_REFERENCE_CALL = 10;
/** Batches of DescribeImageReferences in flight at once: a thousand AMIs are a hundred calls. */
const PARALLEL_REFERENCE_CALLS = 5;
/**
 * EC2 checks only the 10 newest versions of each launch template unless told otherwise; 10,000 is
 * the largest depth it takes and as many versions as a launch template can have: every version.
 */
const EVERY_LAUNCH_TEMPLATE_VERSION = '10000';
/** Values of one EC2 filter a request carries, so a long list of AMIs never makes one huge request. */
const FILTER_VALUES = 200;
/** GetParameters takes at most 10 names a call. */
const NAMES_PER_GET_PARAMETERS = 10;
const IMAGE_DATA_TYPE = 'aws:ec2:image';
/**
 * Everything that refers to any of `amis` in one region. EC2's DescribeImageReferences sees
 * instances, every launch template version, SSM parameters and Image Builder recipes at once.
 * Where it does not answer (a partition without it, an emulator), the fallback checks the
 * resource kinds it can list itself: live instances, every version of every launch template,
 * and SSM parameters of data type `aws:ec2:image`. The fallback sees no Image Builder recipe.
 */
async function findReferences(clients, amis) {
    if (amis.length === 0)
        return { references: new Map(), via: 'nothing to check' };
    try {
        return { references: await describeImageReferences(clients.ec2, amis), via: 'DescribeImageReferences' };
    }
    catch (error) {
        // Any failure: the fallback proves as much on its own, and fails loudly if it cannot.
        const why = errorName(error);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`DescribeImageReferences did not answer (${why}): checking instances, launch template versions and SSM parameters instead`);
        return {
            references: await referencesByListing(clients, amis),
            via: `instances, launch template versions and SSM parameters (DescribeImageReferences: ${why})`
        };
    }
}
function errorName(error) {
    const e = error;
    const name = e.Code ?? e.name ?? 'error';
    const status = e.$metadata?.httpStatusCode;
    return status === undefined ? name : `${name}, HTTP ${status}`;
}
async function describeImageReferences(ec2, amis) {
    const references = new Map();
    const batches = chunks(amis, IDS_PER_REFERENCE_CALL);
    const one = async (ImageIds) => {
        let NextToken;
        do {
            const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeImageReferencesCommand */ ._({
                ImageIds,
                IncludeAllResourceTypes: true,
                // These override the defaults for their types: EC2 would count terminated instances
                // and look at only the 10 newest launch template versions.
                ResourceTypes: [
                    { ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: _images_js__WEBPACK_IMPORTED_MODULE_1__/* .LIVE_INSTANCE_STATES */ .Wd }] },
                    { ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: [EVERY_LAUNCH_TEMPLATE_VERSION] }] }
                ],
                NextToken
            }));
            for (const r of page.ImageReferences ?? [])
                if (r.ImageId)
                    add(references, r.ImageId, referenceLabel(r));
            NextToken = page.NextToken;
        } while (NextToken);
    };
    // The first batch alone: where the API does not answer, one call says so, not five.
    await one(batches[0]);
    await inParallel(batches.slice(1), PARALLEL_REFERENCE_CALLS, one);
    return references;
}
/**
 * A reference as a short label from its ARN: `arn:aws:ec2:r:a:instance/i-1` is `instance:i-1`,
 * `arn:aws:ssm:r:a:parameter/team/base-ami` is `ssm:/team/base-ami` (a name with slashes
 * always begins with one; a one-level name shows without it, as its ARN does), an Image Builder
 * recipe is `image-recipe:name/1.0.0`. An ARN of another shape shows whole.
 */
function referenceLabel(r) {
    const arn = r.Arn ?? '';
    const resource = arn.split(':').slice(5).join(':');
    const slash = resource.indexOf('/');
    if (!arn.startsWith('arn:') || slash <= 0)
        return `${r.ResourceType ?? 'resource'}:${arn}`;
    const [kind, id] = [resource.slice(0, slash), resource.slice(slash + 1)];
    if (r.ResourceType === 'ssm:Parameter' || kind === 'parameter')
        return `ssm:${id.includes('/') ? `/${id}` : id}`;
    return `${kind}:${id}`;
}
async function referencesByListing(clients, amis) {
    const references = new Map();
    const wanted = new Set(amis);
    const found = await Promise.all([instances(clients.ec2, amis), launchTemplateVersions(clients.ec2, wanted), imageParameters(clients.ssm, wanted)]);
    for (const list of found)
        for (const [ami, label] of list)
            add(references, ami, label);
    return references;
}
async function instances(ec2, amis) {
    const found = [];
    for (const values of chunks(amis, FILTER_VALUES)) {
        let NextToken;
        do {
            const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeInstancesCommand */ .b({
                Filters: [
                    { Name: 'image-id', Values: values },
                    { Name: 'instance-state-name', Values: _images_js__WEBPACK_IMPORTED_MODULE_1__/* .LIVE_INSTANCE_STATES */ .Wd }
                ],
                MaxResults: 1000,
                NextToken
            }));
            for (const r of page.Reservations ?? []) {
                for (const i of r.Instances ?? [])
                    if (i.ImageId && i.InstanceId)
                        found.push([i.ImageId, `instance:${i.InstanceId}`]);
            }
            NextToken = page.NextToken;
        } while (NextToken);
    }
    return found;
}
/** Every version of every launch template, not only the default and the latest: any can be launched. */
async function launchTemplateVersions(ec2, wanted) {
    const found = [];
    let NextToken;
    do {
        const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_6__/* .DescribeLaunchTemplatesCommand */ .f({ MaxResults: 200, NextToken }));
        for (const t of page.LaunchTemplates ?? []) {
            let versionToken;
            do {
                const versions = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DescribeLaunchTemplateVersionsCommand */ .P({ LaunchTemplateId: t.LaunchTemplateId, MaxResults: 200, NextToken: versionToken }));
                for (const v of versions.LaunchTemplateVersions ?? []) {
                    const ami = v.LaunchTemplateData?.ImageId;
                    if (ami && wanted.has(ami))
                        found.push([ami, `launch-template:${t.LaunchTemplateId}:v${v.VersionNumber}`]);
                }
                versionToken = versions.NextToken;
            } while (versionToken);
        }
        NextToken = page.NextToken;
    } while (NextToken);
    return found;
}
/** Parameters of data type `aws:ec2:image` in the region, any team's, whose value is one of the AMIs. */
async function imageParameters(ssm, wanted) {
    const names = [];
    let NextToken;
    do {
        const page = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .DescribeParametersCommand */ .$hz({ ParameterFilters: [{ Key: 'DataType', Values: [IMAGE_DATA_TYPE] }], MaxResults: 50, NextToken }));
        for (const p of page.Parameters ?? [])
            if (p.Name)
                names.push(p.Name);
        NextToken = page.NextToken;
    } while (NextToken);
    const found = [];
    for (const Names of chunks(names, NAMES_PER_GET_PARAMETERS)) {
        const { Parameters = [] } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .GetParametersCommand */ .AFe({ Names }));
        for (const p of Parameters)
            if (p.Name && p.Value && wanted.has(p.Value))
                found.push([p.Value, `ssm:${p.Name}`]);
    }
    return found;
}
function add(references, ami, label) {
    const list = references.get(ami) ?? [];
    if (!list.includes(label))
        list.push(label);
    references.set(ami, list);
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** Runs `each` over `items`, at most `limit` at a time; the first failure fails the lot. */
async function inParallel(items, limit, each) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await each(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}


/***/ }),

/***/ 77687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V3: () => (/* binding */ applyMoves),
/* harmony export */   YN: () => (/* binding */ planMoves),
/* harmony export */   zR: () => (/* binding */ channelRef)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96251);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34736);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39484);
/* harmony import */ var _parameters_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73798);




/** The channel's parameter in a region, as a reference for reading and writing; a name SSM would refuse throws. */
function channelRef(template, family, channel) {
    const named = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .channelParameter */ .PK)(template, family, channel);
    if ('error' in named)
        throw new Error(`channel ${channel} of family ${family}: ${named.error}`);
    return { name: named.name, family, channel };
}
/**
 * Reads every channel the moves touch and refuses, before any write, a parameter of that name
 * that is not this action's channel. Returns the moves with what each channel holds now.
 */
async function planMoves(ctx, moves) {
    const planned = await Promise.all(moves.map(async (m) => {
        const ref = m.parameter === undefined ? channelRef(ctx.parameterTemplate, m.family, m.channel) : { name: m.parameter, family: m.family, channel: m.channel };
        return { ...m, ref, state: await (0,_parameters_js__WEBPACK_IMPORTED_MODULE_2__/* .readChannel */ .m)(ctx.ssm(m.region), ref) };
    }));
    const foreign = planned.filter((p) => p.state.kind === 'foreign');
    if (foreign.length > 0) {
        const list = foreign.map((p) => `${p.ref.name} in ${p.region} (${p.state.why})`);
        throw new Error(`refusing to write parameters that are not this action's channels: ${list.join('; ')}. Choose another channel or channel-parameter, or remove them`);
    }
    return planned;
}
/** Writes the planned moves, every region at once; a channel that holds the AMI already gets no new version. */
async function applyMoves(ctx, planned) {
    const labels = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .versionLabels */ .ig)(ctx.run);
    const done = await Promise.all(planned.map(async (p) => {
        const base = { channel: p.channel, family: p.family, region: p.region, parameter: p.ref.name, ami: p.ami, reason: p.reason };
        if (p.state.kind === 'ours' && p.state.ami === p.ami) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${p.region}: channel ${p.channel} (${p.ref.name}) holds ${p.ami} already (version ${p.state.version})`);
            return { ...base, previous: p.state.ami, version: p.state.version, unchanged: true };
        }
        const ssm = ctx.ssm(p.region);
        const description = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .versionDescription */ .RP)(`${p.family} ${p.channel} → ${p.ami} (${p.reason})`, ctx.run);
        const written = await (0,_parameters_js__WEBPACK_IMPORTED_MODULE_2__/* .writeChannel */ .N)(ssm, p.ref, p.ami, labels, description);
        for (const label of written.invalidLabels)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${p.region}: SSM refused the label ${label} on ${p.ref.name} version ${written.version}`);
        // The version before this one, as SSM numbered it: right even when another run wrote in between.
        const previous = written.version > 1 ? await valueOf(ssm, `${p.ref.name}:${written.version - 1}`) : undefined;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${p.region}: channel ${p.channel} (${p.ref.name}) ${previous ?? 'new'} → ${p.ami}, version ${written.version} [${labels.join(', ')}]`);
        return { ...base, previous, version: written.version };
    }));
    return done.sort((a, b) => (a.family + a.channel + a.region < b.family + b.channel + b.region ? -1 : 1));
}
async function valueOf(ssm, selector) {
    try {
        return (await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .GetParameterCommand */ .lhy({ Name: selector }))).Parameter?.Value;
    }
    catch {
        // Past the 100 versions SSM keeps, or deleted since: the output just has no previous AMI.
        return undefined;
    }
}


/***/ }),

/***/ 72500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ ownImages),
/* harmony export */   y: () => (/* binding */ imageProblems)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61048);
/* harmony import */ var _aws_images_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95687);
/* harmony import */ var _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99580);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99619);




/** Values of one EC2 filter a request carries. */
const IDS_PER_CALL = 200;
/**
 * This account's own AMIs among `amis` in one region, by id, disabled and deprecated ones
 * included: a disabled AMI "does not appear in DescribeImages API calls by default" (EC2 API
 * Reference, DisableImage; DescribeImages, IncludeDisabled). The ids go in an `image-id` filter
 * beside `Owners: self`, so an id that does not exist is simply absent rather than failing the
 * call, and one another account owns is absent too, whatever its tags say.
 */
async function ownImages(ec2, amis) {
    const found = new Map();
    const unique = [...new Set(amis)];
    for (let i = 0; i < unique.length; i += IDS_PER_CALL) {
        const Filters = [{ Name: 'image-id', Values: unique.slice(i, i + IDS_PER_CALL) }];
        const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({ Owners: ['self'], Filters, IncludeDisabled: true, IncludeDeprecated: true }));
        for (const image of Images)
            if (image.ImageId !== undefined && unique.includes(image.ImageId))
                found.set(image.ImageId, image);
    }
    return found;
}
/**
 * What keeps an AMI from a channel, in words; none when it may be assigned. `image` is
 * undefined when this account owns no AMI of that id in the region.
 */
function imageProblems(image, family, now) {
    if (image === undefined)
        return ['does not exist in this account'];
    const problems = [];
    if (image.State !== 'available')
        problems.push(`is ${image.State ?? 'in no known state'}, not available`);
    const imageFamily = (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(image, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FAMILY_TAG */ .Ik);
    if (imageFamily !== family)
        problems.push(imageFamily === undefined ? `has no family tag (${_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FAMILY_TAG */ .Ik}); it is not of family ${family}` : `is of family ${imageFamily}, not ${family}`);
    const revoked = (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(image, _tags_js__WEBPACK_IMPORTED_MODULE_3__/* .REVOKED_TAG */ .GV);
    if (revoked !== undefined)
        problems.push(`is revoked (${revoked})`);
    // The test stage tags `pending` until its verdict: only `passed` (or no test stage) may be handed out.
    const verdict = (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(image, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TEST_TAG */ .ax);
    if ((0,_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .untrusted */ .bp)(verdict))
        problems.push(verdict === 'failed' ? 'failed its test' : `has not passed its test (${verdict})`);
    if (image.DeprecationTime !== undefined && new Date(image.DeprecationTime) <= now)
        problems.push(`is deprecated since ${image.DeprecationTime}`);
    return problems;
}


/***/ }),

/***/ 73798:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ writeChannel),
/* harmony export */   m: () => (/* binding */ readChannel)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34736);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99619);


const IMAGE_DATA_TYPE = 'aws:ec2:image';
function errorName(err) {
    return err.name ?? '';
}
/** The parameter's value and whether it is ours, by its tags (ListTagsForResource). */
async function readChannel(ssm, ref) {
    let value;
    let version;
    try {
        const { Parameter } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterCommand */ .lhy({ Name: ref.name }));
        value = Parameter?.Value ?? '';
        version = Parameter?.Version ?? 0;
    }
    catch (err) {
        if (errorName(err) === 'ParameterNotFound')
            return { kind: 'absent' };
        throw err;
    }
    const why = await notOurs(ssm, ref);
    return why === undefined ? { kind: 'ours', ami: value, version } : { kind: 'foreign', why };
}
/** Undefined when the parameter carries this action's family and channel tags; else what it carries instead. */
async function notOurs(ssm, ref) {
    const { TagList = [] } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .ListTagsForResourceCommand */ .a_e({ ResourceType: 'Parameter', ResourceId: ref.name }));
    const tag = (key) => TagList.find((t) => t.Key === key)?.Value;
    const family = tag(_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_FAMILY_TAG */ .Y4);
    const channel = tag(_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_TAG */ .j6);
    if (family === ref.family && channel === ref.channel)
        return undefined;
    if (family === undefined || channel === undefined)
        return `it does not carry the tags ${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_FAMILY_TAG */ .Y4} and ${_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_TAG */ .j6}: the action did not create it`;
    return `it is the channel ${channel} of family ${family}`;
}
/**
 * A new version of the channel with `ami`, labelled. A parameter that does not exist is created
 * with the ownership tags (PutParameter takes tags only when it creates); one that exists is
 * written only when its tags prove it is this channel. When Parameter Store holds 100 versions it
 * deletes the oldest on the next write, unless that one has a label, when it refuses
 * (ParameterMaxVersionLimitExceeded, SSM API Reference, PutParameter): the oldest version's labels
 * are taken off (UnlabelParameterVersion) and the write tried once more.
 */
async function writeChannel(ssm, ref, ami, labels, description) {
    let version;
    try {
        const created = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .PutParameterCommand */ .ihh({
            Name: ref.name,
            Value: ami,
            Type: 'String',
            DataType: IMAGE_DATA_TYPE,
            Description: description,
            Overwrite: false,
            Tags: [
                { Key: _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_FAMILY_TAG */ .Y4, Value: ref.family },
                { Key: _tags_js__WEBPACK_IMPORTED_MODULE_1__/* .CHANNEL_TAG */ .j6, Value: ref.channel }
            ]
        }));
        version = created.Version;
    }
    catch (err) {
        // Another run may have created it since it was read: then it is checked like any other.
        if (errorName(err) !== 'ParameterAlreadyExists')
            throw err;
    }
    if (version === undefined) {
        const why = await notOurs(ssm, ref);
        if (why !== undefined)
            throw new Error(`${ref.name} exists and is not this action's channel ${ref.channel} of ${ref.family}: ${why}`);
        version = await overwrite(ssm, ref.name, ami, description);
    }
    if (version === undefined)
        throw new Error(`SSM answered PutParameter for ${ref.name} without a version`);
    if (labels.length === 0)
        return { version, invalidLabels: [] };
    const { InvalidLabels = [] } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .LabelParameterVersionCommand */ .Xjy({ Name: ref.name, ParameterVersion: version, Labels: labels }));
    return { version, invalidLabels: InvalidLabels };
}
async function overwrite(ssm, Name, ami, Description) {
    const put = () => ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .PutParameterCommand */ .ihh({ Name, Value: ami, Type: 'String', DataType: IMAGE_DATA_TYPE, Description, Overwrite: true }));
    try {
        return (await put()).Version;
    }
    catch (err) {
        if (errorName(err) !== 'ParameterMaxVersionLimitExceeded')
            throw err;
        // GetParameterHistory lists the oldest version first.
        const { Parameters = [] } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterHistoryCommand */ .JFb({ Name, MaxResults: 1 }));
        const oldest = Parameters[0];
        if (oldest?.Version === undefined || (oldest.Labels ?? []).length === 0)
            throw err;
        await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .UnlabelParameterVersionCommand */ .eP$({ Name, ParameterVersion: oldest.Version, Labels: oldest.Labels }));
        return (await put()).Version;
    }
}


/***/ }),

/***/ 99619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GV: () => (/* binding */ REVOKED_TAG),
/* harmony export */   Ux: () => (/* binding */ REVOKED_BY_TAG),
/* harmony export */   Y4: () => (/* binding */ CHANNEL_FAMILY_TAG),
/* harmony export */   j6: () => (/* binding */ CHANNEL_TAG)
/* harmony export */ });
/* harmony import */ var _aws_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99580);
/**
 * The tags channels, promotion and revocation read and write, beside the provenance tags of
 * src/aws/tags.ts (whose TEST_TAG, the test stage's verdict, decides what may join a channel).
 */

/** On an AMI: why it was revoked (`revoke-reason`). Its presence is what "revoked" means. */
const REVOKED_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}revoked`;
/** On an AMI: the run that revoked it. */
const REVOKED_BY_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}revoked-by`;
/**
 * On a channel parameter: the family and the channel it holds. Together they prove the parameter
 * is this action's channel of that family: one without them, or with others, is never written.
 */
const CHANNEL_FAMILY_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}family`;
const CHANNEL_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}channel`;


/***/ })

};
