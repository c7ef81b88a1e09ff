export const id = 993;
export const ids = [993];
export const modules = {

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ ec2Clients),
/* harmony export */   y: () => (/* binding */ regionalClients)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4601);

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

/***/ 5687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wd: () => (/* binding */ LIVE_INSTANCE_STATES),
/* harmony export */   XO: () => (/* binding */ snapshotsOf),
/* harmony export */   aH: () => (/* binding */ removeImage),
/* harmony export */   bz: () => (/* binding */ isProtected)
/* harmony export */ });
/* unused harmony exports sourceOf, waitUntilAvailable, isSharing, tagImage, shareImage, deprecateImage, ownAvailableImages, tagOf, groupByRegion */
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2620);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9074);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
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
const FINAL_STATES = (/* unused pure expression or super */ null && (['failed', 'error', 'invalid', 'deregistered']));
/** Waits until every AMI is `available`; a final bad state ends the wait at once. */
async function waitUntilAvailable(ec2, artifacts, opts) {
    const byRegion = groupByRegion(artifacts);
    const done = await Promise.all([...byRegion].map(([region, list]) => waitInRegion(ec2(region), region, list, opts)));
    return done.flat();
}
async function waitInRegion(ec2, region, artifacts, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
        const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: artifacts.map((a) => a.ami) }));
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
        await sleep(opts.pollMs);
    }
}
function isSharing(s) {
    return s.accounts.length + s.organizations.length + s.ous.length > 0;
}
async function tagImage(ec2, image, tags) {
    await ec2.send(new CreateTagsCommand({
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
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: image.ami, LaunchPermission: { Add: add } }));
    if (s.accounts.length === 0)
        return;
    for (const SnapshotId of image.snapshots) {
        await ec2.send(new ModifySnapshotAttributeCommand({
            SnapshotId,
            Attribute: 'createVolumePermission',
            OperationType: 'add',
            UserIds: s.accounts
        }));
    }
}
async function deprecateImage(ec2, image, at) {
    await ec2.send(new EnableImageDeprecationCommand({ ImageId: image.ami, DeprecateAt: at }));
}
/** Instance states that still hold resources: every state but terminated. */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/** Only `available` AMIs this account owns whose tag `key` is `value`: never anyone else's. */
async function ownAvailableImages(ec2, key, value) {
    const { Images = [] } = await ec2.send(new DescribeImagesCommand({
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
            await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeleteSnapshotCommand */ .t({ SnapshotId }));
    }
    return snapshots.filter((s) => outcome.get(s) === 'skipped');
}
/** An endpoint that does not know DeleteAssociatedSnapshots refuses it (UnknownParameter) and deregisters nothing. */
async function deregister(ec2, ImageId) {
    try {
        const { DeleteSnapshotResults = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DeregisterImageCommand */ .x({ ImageId, DeleteAssociatedSnapshots: true }));
        return DeleteSnapshotResults;
    }
    catch (error) {
        if (error.name !== 'UnknownParameter')
            throw error;
        await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DeregisterImageCommand */ .x({ ImageId }));
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

/***/ 6829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ waitTerminated)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1490);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5687);



/** Waits until none of the instances is live, or the time is up: the ones still live. */
async function waitTerminated(ec2, ids, pollMs, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const { Reservations = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeInstancesCommand */ .b({
            Filters: [
                { Name: 'instance-id', Values: ids },
                { Name: 'instance-state-name', Values: _images_js__WEBPACK_IMPORTED_MODULE_1__/* .LIVE_INSTANCE_STATES */ .Wd }
            ]
        }));
        const live = Reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId);
        if (live.length === 0 || Date.now() >= deadline)
            return live;
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(pollMs);
    }
}


/***/ }),

/***/ 3993:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TestLeftoverError: () => (/* binding */ TestLeftoverError),
  removeTestInstances: () => (/* binding */ removeTestInstances)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(5658);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/TerminateInstancesCommand.js
var TerminateInstancesCommand = __webpack_require__(9646);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js
var DescribeInstancesCommand = __webpack_require__(1490);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(5687);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
;// CONCATENATED MODULE: ./src/aws/tags.ts
/** EC2 tag rules and the action's own provenance tags, pure. */
const tags_TAG_PREFIX = 'packer-ami-action:';
const FAMILY_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}family`));
const FINGERPRINT_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}fingerprint`));
const BUILD_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}build`));
const BUILDER_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}builder`));
/** Every region of the build, so a reused AMI is only reused when all its copies still exist. */
const REGIONS_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}regions`));
/** The image an AMI was built from (src/lineage): its id, its region and its name. */
const BASE_AMI_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}base-ami`));
const BASE_REGION_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}base-ami-region`));
const BASE_NAME_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}base-ami-name`));
/**
 * The test stage's verdict on an AMI (src/test-stage): `pending` from tagging until the test
 * ends, then `passed` or `failed`. Only an AMI without it (no test stage ran) or with `passed`
 * is ever reused, shared, published or counted as newest.
 */
const TEST_TAG = (/* unused pure expression or super */ null && (`${tags_TAG_PREFIX}test`));
/** True for an AMI the test stage did not pass: failed, or never finished. */
function untrusted(verdict) {
    return verdict !== undefined && verdict !== 'passed';
}
/** EC2 allows 50 tags a resource; the action's own take the rest of the room. */
const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
/** Provenance values come from the runner, not the user: cut to fit rather than refused. */
function provenanceTags(p, family, origin) {
    const tags = {
        [FINGERPRINT_TAG]: p.fingerprint,
        [BUILD_TAG]: origin.build,
        [BUILDER_TAG]: origin.builder,
        [REGIONS_TAG]: origin.regions.join(' '),
        [`${tags_TAG_PREFIX}repository`]: p.repository,
        [`${tags_TAG_PREFIX}commit`]: p.commit,
        [`${tags_TAG_PREFIX}run-url`]: p.runUrl,
        [`${tags_TAG_PREFIX}ref`]: p.ref,
        [`${tags_TAG_PREFIX}template`]: p.template,
        [FAMILY_TAG]: family
    };
    return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, v.slice(0, MAX_VALUE)]));
}
/** Number of tags `provenanceTags`, the lineage and the test stage add, so user tags can be checked before the build. */
const PROVENANCE_TAG_COUNT = 14;
/** Throws, naming the input, for a tag EC2 would refuse; checked before any AWS call. */
function checkTags(input, tags) {
    const keys = Object.keys(tags);
    if (keys.length + PROVENANCE_TAG_COUNT > MAX_TAGS) {
        throw new Error(`${input}: ${keys.length} tags, but EC2 allows ${MAX_TAGS - PROVENANCE_TAG_COUNT} next to the action's own`);
    }
    for (const key of keys) {
        if (key.length < 1 || key.length > MAX_KEY)
            throw new Error(`${input}: tag key "${key}" must be 1 to ${MAX_KEY} characters`);
        if (key.toLowerCase().startsWith('aws:'))
            throw new Error(`${input}: tag key "${key}" starts with "aws:", which AWS reserves`);
        if (key.startsWith(tags_TAG_PREFIX))
            throw new Error(`${input}: tag key "${key}" starts with "${tags_TAG_PREFIX}", which the action sets itself`);
        if (tags[key].length > MAX_VALUE)
            throw new Error(`${input}: the value of tag "${key}" is longer than ${MAX_VALUE} characters`);
    }
}

;// CONCATENATED MODULE: ./src/test-stage/instance-tags.ts

/*
 * A test instance carries what proves it one: the AMI it tests (`test-of`, which must be the
 * instance's own ImageId), the random token of the job that launched it (`test-run`), and the
 * time its test ends at the latest (`test-deadline`). No AMI carries these tags, so tooling that
 * copies an AMI's tags onto the instances launched from it never makes one look like ours.
 */
const TEST_OF_TAG = `${tags_TAG_PREFIX}test-of`;
const TEST_RUN_TAG = `${tags_TAG_PREFIX}test-run`;
const TEST_DEADLINE_TAG = `${tags_TAG_PREFIX}test-deadline`;
/** The tags a test instance and its volumes are launched with. */
function testInstanceTags(l) {
    return {
        Name: `packer-ami-action test of ${l.ami}`,
        [TEST_OF_TAG]: l.ami,
        [TEST_RUN_TAG]: l.run,
        [TEST_DEADLINE_TAG]: l.deadline.toISOString(),
        [`${TAG_PREFIX}run-url`]: l.runUrl.slice(0, 256),
        [`${TAG_PREFIX}build`]: l.build.slice(0, 256)
    };
}
function tag(i, key) {
    return i.Tags?.find((t) => t.Key === key)?.Value;
}
/**
 * Why the instance is a test instance the action launched, or undefined when that is not
 * proven: it tests the AMI it was launched from and carries a job's token and a deadline.
 * `run`: only this job's token counts.
 */
function testInstanceProof(i, run) {
    const ami = tag(i, TEST_OF_TAG);
    const token = tag(i, TEST_RUN_TAG);
    const deadline = Date.parse(tag(i, TEST_DEADLINE_TAG) ?? '');
    if (ami === undefined || ami !== i.ImageId || token === undefined || token === '' || Number.isNaN(deadline))
        return undefined;
    if (run !== undefined && token !== run)
        return undefined;
    return { ami, run: token, deadline };
}

;// CONCATENATED MODULE: ./src/test-stage/leftovers.ts






/**
 * The post step's part for the test stage: in each region the stage launched in, the live
 * instances carrying this job's random token (saved state, which no other job knows) and proven
 * test instances (launched from the AMI they name) are terminated, and awaited. An instance
 * that merely looks like one (a copied Name, another job's token) is never touched.
 */
async function removeTestInstances(run, regions, timings) {
    const ec2 = (0,clients/* ec2Clients */.p)();
    const settled = await Promise.allSettled(regions.map((region) => inRegion(ec2(region), region, run, timings)));
    const found = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${regions[i]}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`] : []));
    if (failed.length > 0)
        throw new TestLeftoverError(failed, found);
    return found;
}
/** Regions whose test instances could not be looked at or removed, and what the others found. */
class TestLeftoverError extends Error {
    found;
    constructor(failed, found) {
        super(failed.join('; '));
        this.found = found;
    }
}
async function inRegion(ec2, region, run, timings) {
    const ours = (await live(ec2, run)).filter((i) => testInstanceProof(i, run) !== undefined);
    if (ours.length === 0)
        return [];
    const ids = ours.map((i) => i.InstanceId);
    await ec2.send(new TerminateInstancesCommand/* TerminateInstancesCommand */.N({ InstanceIds: ids }));
    const still = await (0,instances/* waitTerminated */.B)(ec2, ids, timings.pollMs, timings.timeoutMs);
    return ours.map((i) => {
        const instance = i.InstanceId;
        const outcome = still.includes(instance) ? 'still running' : 'terminated';
        const ami = testInstanceProof(i, run)?.ami;
        (outcome === 'terminated' ? core/* info */.pq : core/* warning */.$e)(`${region}: test instance ${instance} of ${ami}: ${outcome}`);
        return { region, instance, ami, outcome };
    });
}
async function live(ec2, run) {
    const found = [];
    let NextToken;
    do {
        const page = await ec2.send(new DescribeInstancesCommand/* DescribeInstancesCommand */.b({
            Filters: [
                { Name: `tag:${TEST_RUN_TAG}`, Values: [run] },
                { Name: 'instance-state-name', Values: aws_images/* LIVE_INSTANCE_STATES */.Wd }
            ],
            NextToken
        }));
        for (const r of page.Reservations ?? [])
            found.push(...(r.Instances ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return found;
}


/***/ })

};
