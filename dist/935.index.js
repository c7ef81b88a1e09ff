export const id = 935;
export const ids = [935,201];
export const modules = {

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ec2Clients: () => (/* binding */ ec2Clients),
/* harmony export */   regionalClients: () => (/* binding */ regionalClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35193);

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
const ec2Clients = () => regionalClients((config) => new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5(config));


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
/* harmony export */   zh: () => (/* binding */ groupByRegion)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(35193);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);


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
        const { Images = [] } = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .ji5({ ImageIds: artifacts.map((a) => a.ami) }));
        for (const image of Images) {
            if (FINAL_STATES.includes(image.State ?? '')) {
                const reason = image.StateReason?.Message ? `: ${image.StateReason.Message}` : '';
                throw new Error(`AMI ${image.ImageId} in ${region} is ${image.State}${reason}`);
            }
        }
        const available = new Map(Images.filter((i) => i.State === 'available').map((i) => [i.ImageId, i]));
        if (artifacts.every((a) => available.has(a.ami))) {
            return artifacts.map((a) => ({ ...a, snapshots: snapshotsOf(available.get(a.ami)) }));
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
    await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .CreateTagsCommand */ .RmG({
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
    await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .ModifyImageAttributeCommand */ .FE3({ ImageId: image.ami, LaunchPermission: { Add: add } }));
    if (s.accounts.length === 0)
        return;
    for (const SnapshotId of image.snapshots) {
        await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .ModifySnapshotAttributeCommand */ .KD0({
            SnapshotId,
            Attribute: 'createVolumePermission',
            OperationType: 'add',
            UserIds: s.accounts
        }));
    }
}
async function deprecateImage(ec2, image, at) {
    await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .EnableImageDeprecationCommand */ .cJk({ ImageId: image.ami, DeprecateAt: at }));
}
/** Instance states that still hold resources: every state but terminated. */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/** Only `available` AMIs this account owns whose tag `key` is `value`: never anyone else's. */
async function ownAvailableImages(ec2, key, value) {
    const { Images = [] } = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .ji5({
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
            await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeleteSnapshotCommand */ .tZN({ SnapshotId }));
    }
    return snapshots.filter((s) => outcome.get(s) === 'skipped');
}
/** An endpoint that does not know DeleteAssociatedSnapshots refuses it (UnknownParameter) and deregisters nothing. */
async function deregister(ec2, ImageId) {
    try {
        const { DeleteSnapshotResults = [] } = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeregisterImageCommand */ .x2c({ ImageId, DeleteAssociatedSnapshots: true }));
        return DeleteSnapshotResults;
    }
    catch (error) {
        if (error.name !== 'UnknownParameter')
            throw error;
        await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeregisterImageCommand */ .x2c({ ImageId }));
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
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(35193);
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
            const page = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeImageReferencesCommand */ ._20({
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
            const page = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeInstancesCommand */ .bNs({
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
        const page = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeLaunchTemplatesCommand */ .fmI({ MaxResults: 200, NextToken }));
        for (const t of page.LaunchTemplates ?? []) {
            let versionToken;
            do {
                const versions = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeLaunchTemplateVersionsCommand */ .Ptd({ LaunchTemplateId: t.LaunchTemplateId, MaxResults: 200, NextToken: versionToken }));
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


/***/ })

};
