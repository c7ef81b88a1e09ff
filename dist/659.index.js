export const id = 659;
export const ids = [659];
export const modules = {

/***/ 58509:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G5: () => (/* binding */ command),
/* harmony export */   lq: () => (/* binding */ _ep0),
/* harmony export */   yt: () => (/* binding */ _mw0)
/* harmony export */ });
/* unused harmony export _mw1 */
/* harmony import */ var _smithy_core_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(92658);
/* harmony import */ var _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(62085);
/* harmony import */ var _endpoint_EndpointParameters__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73358);




const command = (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.makeBuilder)(_endpoint_EndpointParameters__WEBPACK_IMPORTED_MODULE_1__/* .commonParams */ .S, "AmazonEC2", "EC2Client", _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.getEndpointPlugin);
const _ep0 = {};
const _mw0 = (Command, cs, config, o) => [];
const _mw1 = (Command, cs, config, o) => [
    getCopySnapshotPresignedUrlPlugin(config),
];


/***/ }),

/***/ 17122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ CreateTagsCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class CreateTagsCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "CreateTags", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .CreateTags$ */ .GIH) {
}


/***/ }),

/***/ 42620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ DeleteSnapshotCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DeleteSnapshotCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DeleteSnapshot", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DeleteSnapshot$ */ .ql1) {
}


/***/ }),

/***/ 39074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ DeregisterImageCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DeregisterImageCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DeregisterImage", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DeregisterImage$ */ .ei_) {
}


/***/ }),

/***/ 61048:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ DescribeImagesCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DescribeImagesCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DescribeImages", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImages$ */ .gyn) {
}


/***/ }),

/***/ 99547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ EnableImageDeprecationCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class EnableImageDeprecationCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "EnableImageDeprecation", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .EnableImageDeprecation$ */ .NQs) {
}


/***/ }),

/***/ 83290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ ModifyImageAttributeCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class ModifyImageAttributeCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "ModifyImageAttribute", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .ModifyImageAttribute$ */ .QJI) {
}


/***/ }),

/***/ 76425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ ModifySnapshotAttributeCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class ModifySnapshotAttributeCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "ModifySnapshotAttribute", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .ModifySnapshotAttribute$ */ .VrG) {
}


/***/ }),

/***/ 54659:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ writeAttestation),
/* harmony export */   m6: () => (/* binding */ attestationDir),
/* harmony export */   pq: () => (/* binding */ imageArn)
/* harmony export */ });
/* unused harmony exports describeAmi, canonicalJson, partitionOf, attestAmi, CHECKSUMS_FILE */
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(61048);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95687);






function describeAmi(region, image) {
    if (!image.ImageId || !image.OwnerId)
        throw new Error(`DescribeImages in ${region} returned an image without ImageId or OwnerId`);
    return {
        Architecture: image.Architecture ?? null,
        CreationDate: image.CreationDate ?? null,
        ImageId: image.ImageId,
        Name: image.Name ?? null,
        OwnerId: image.OwnerId,
        Region: region,
        RootDeviceName: image.RootDeviceName ?? null,
        RootDeviceType: image.RootDeviceType ?? null,
        SnapshotIds: [...(0,_images_js__WEBPACK_IMPORTED_MODULE_4__/* .snapshotsOf */ .XO)(image)].sort()
    };
}
/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * as JSON.stringify writes them. That is RFC 8785 (JCS) for the values a description holds,
 * and what `jq -cS` prints for them.
 */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
        return JSON.stringify(value);
    }
    throw new Error(`canonical JSON has no form for ${typeof value === 'number' ? String(value) : typeof value}`);
}
/**
 * The ARN partition of a region, as the SDK's partition table matches them
 * (@aws-sdk/core util-endpoints partitions.js, `regionRegex`); every other region is `aws`.
 */
const PARTITIONS = [
    [/^cn-/, 'aws-cn'],
    [/^us-gov-/, 'aws-us-gov'],
    [/^us-iso-/, 'aws-iso'],
    [/^us-isob-/, 'aws-iso-b'],
    [/^eu-isoe-/, 'aws-iso-e'],
    [/^us-isof-/, 'aws-iso-f'],
    [/^eusc-/, 'aws-eusc']
];
function partitionOf(region) {
    return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? 'aws';
}
function imageArn(region, ownerId, imageId) {
    return `arn:${partitionOf(region)}:ec2:${region}:${ownerId}:image/${imageId}`;
}
/** Pure: an AMI as DescribeImages reports it → its canonical bytes and checksum line. */
function attestAmi(region, image) {
    const description = describeAmi(region, image);
    const canonical = canonicalJson(description);
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonical, 'utf8').digest('hex');
    const subject = imageArn(region, description.OwnerId, description.ImageId);
    return { subject, canonical, digest, line: `${digest}  ${subject}` };
}
const CHECKSUMS_FILE = 'ami-checksums.sha256';
/** A fresh directory in RUNNER_TEMP: one per run, so a second step of the job cannot mix in. */
function attestationDir(env = process.env) {
    return node_path__WEBPACK_IMPORTED_MODULE_3__.join(env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir(), `packer-ami-attestation-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`);
}
/**
 * Describes every AMI in its region (one DescribeImages call per region) and writes the
 * checksums file and the descriptions into `dir`. An AMI EC2 does not return fails the step:
 * a subject without its digest would attest nothing.
 */
async function writeAttestation(ec2, amis, dir) {
    const attested = await Promise.all([...(0,_images_js__WEBPACK_IMPORTED_MODULE_4__/* .groupByRegion */ .zh)([...amis])].map(async ([region, list]) => {
        const ids = [...new Set(list.map((a) => a.ami))];
        const { Images = [] } = await ec2(region).send(new _client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeImagesCommand */ .j({ ImageIds: ids }));
        return ids.map((id) => {
            const image = Images.find((i) => i.ImageId === id);
            if (image === undefined)
                throw new Error(`attestation: DescribeImages in ${region} did not return ${id}`);
            return { region, ami: id, ...attestAmi(region, image) };
        });
    }));
    const all = attested.flat().sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdirSync)(dir, { recursive: true });
    const descriptions = all.map((a) => {
        const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, `${a.region}_${a.ami}.json`);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(file, a.canonical);
        return file;
    });
    const checksums = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, CHECKSUMS_FILE);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(checksums, all.map((a) => `${a.line}\n`).join(''));
    return { checksums, descriptions };
}


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


/***/ })

};
