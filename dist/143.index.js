export const id = 143;
export const ids = [143];
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

/***/ 46829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ waitTerminated)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11490);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95687);



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

/***/ 40143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sweep: () => (/* binding */ sweep)
});

// UNUSED EXPORTS: COSTLY_INSTANCE_STATES, PACKER_BUILDER_NAME, PACKER_GROUP_DESCRIPTION, SWEEP_TIMINGS, instanceMarks, inventory, packerNameTime, planSweep

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/TerminateInstancesCommand.js
var TerminateInstancesCommand = __webpack_require__(89646);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteKeyPairCommand.js
var DeleteKeyPairCommand = __webpack_require__(11389);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeregisterImageCommand.js
var DeregisterImageCommand = __webpack_require__(39074);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js
var DescribeInstancesCommand = __webpack_require__(11490);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeKeyPairsCommand.js
var DescribeKeyPairsCommand = __webpack_require__(43414);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSecurityGroupsCommand.js
var DescribeSecurityGroupsCommand = __webpack_require__(38988);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeImagesCommand.js
var DescribeImagesCommand = __webpack_require__(61048);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeNetworkInterfacesCommand.js
var DescribeNetworkInterfacesCommand = __webpack_require__(62408);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSnapshotsCommand.js
var DescribeSnapshotsCommand = __webpack_require__(99861);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteSnapshotCommand.js
var DeleteSnapshotCommand = __webpack_require__(42620);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteSecurityGroupCommand.js
var DeleteSecurityGroupCommand = __webpack_require__(73699);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/aws/security-groups.ts


/**
 * Deletes a group, retrying while something still holds it: EC2 answers DependencyViolation
 * until a terminated instance's interfaces are gone. A group already gone is no error.
 */
async function deleteSecurityGroup(ec2, id, tries, retryMs) {
    for (let attempt = 1;; attempt++) {
        try {
            return void (await ec2.send(new DeleteSecurityGroupCommand/* DeleteSecurityGroupCommand */.y({ GroupId: id })));
        }
        catch (err) {
            const name = err.name;
            if (name === 'InvalidGroup.NotFound')
                return;
            if (name !== 'DependencyViolation' || attempt >= tries)
                throw err;
            await (0,promises_.setTimeout)(retryMs);
        }
    }
}

// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
// EXTERNAL MODULE: ./src/test-stage/instance-tags.ts
var instance_tags = __webpack_require__(87996);
;// CONCATENATED MODULE: ./src/aws/sweep.ts








/*
 * What packer-plugin-amazon v1.8.2 leaves when its runner is lost, and how each is recognised:
 * - the temporary key pair and security group are named `packer_` + uuid.TimeOrderedUUID()
 *   (common/run_config.go RunConfig.Prepare, common/step_security_group.go), and the group's
 *   description is "Temporary group for Packer" (step_security_group.go); Packer 1.6.6's
 *   builder/amazon/common does the same;
 * - uuid.TimeOrderedUUID() starts with the Unix seconds of its making as 8 hex digits
 *   (packer-plugin-sdk v0.6.10 uuid/uuid.go), so the name proves a group's age, which EC2 does
 *   not report;
 * - the source instance no longer gets Name=Packer Builder: the plugin stopped adding it in
 *   v1.0.9 (hashicorp/packer-plugin-amazon#191, e83d836e, which removed it from
 *   builder/common/step_run_source_instance.go); Packer 1.6.6's builder still adds it, and
 *   templates that feed tag-based reapers set it in run_tags.
 */
/** `packer_<TimeOrderedUUID>`: the first group of 8 hex digits is the creation time in Unix seconds. */
const PACKER_NAME = /^packer_([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PACKER_GROUP_DESCRIPTION = 'Temporary group for Packer';
const PACKER_BUILDER_NAME = 'Packer Builder';
/** Packer's first release: a name that dates from before it is no TimeOrderedUUID. */
const PACKER_EPOCH_MS = Date.UTC(2013, 5, 1);
/** A name dated this far after now was not made by Packer's clock (or ours is wrong): not taken. */
const FUTURE_MARGIN_MS = 5 * 60_000;
/** The instance states that cost money; shutting-down ones are already on their way out. */
const COSTLY_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped'];
const STUCK_IMAGE_STATES = ['pending', 'failed'];
/** EC2 takes up to 200 values in one filter. */
const FILTER_VALUES = 200;
/** The creation time a `packer_<TimeOrderedUUID>` name carries, or undefined for any other name. */
function packerNameTime(name, now) {
    const m = PACKER_NAME.exec(name ?? '');
    if (m === null)
        return undefined;
    const ms = parseInt(m[1], 16) * 1000;
    return ms >= PACKER_EPOCH_MS && ms <= now + FUTURE_MARGIN_MS ? ms : undefined;
}
/**
 * Packer's marks on an instance. One mark alone proves nothing (anyone may name an instance
 * "Packer Builder", and tooling may copy an AMI's tags, the action's among them, onto the
 * instances launched from it); two do.
 */
function instanceMarks(i, now) {
    const marks = [];
    if (packerNameTime(i.KeyName, now) !== undefined)
        marks.push(`temporary key pair ${i.KeyName}`);
    const group = (i.SecurityGroups ?? []).find((g) => packerNameTime(g.GroupName, now) !== undefined);
    if (group !== undefined)
        marks.push(`temporary security group ${group.GroupName}`);
    if (i.Tags?.find((t) => t.Key === 'Name')?.Value === PACKER_BUILDER_NAME)
        marks.push(`Name tag "${PACKER_BUILDER_NAME}"`);
    const own = (i.Tags ?? []).find((t) => t.Key?.startsWith(tags/* TAG_PREFIX */.C_));
    if (own !== undefined)
        marks.push(`the action's tag ${own.Key}`);
    return marks;
}
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
function timeOf(date) {
    if (date === undefined)
        return undefined;
    const ms = new Date(date).getTime();
    return Number.isNaN(ms) ? undefined : ms;
}
/**
 * Decides, without any call, what is a leftover: instances with two of Packer's marks launched
 * before the cutoff and still costing money; test instances of the test stage (proven by their
 * tags and AMI, src/test-stage/instance-tags.ts) launched before the cutoff whose test deadline
 * has passed; Packer's key pairs and groups made before the
 * cutoff that nothing else uses once those instances are gone; stuck AMIs of the action's
 * families made before the cutoff, with their snapshots.
 */
function planSweep(inv, rule) {
    const plan = { instances: [], securityGroups: [], keyPairs: [], images: [], spared: [] };
    const spare = (kind, id, reason) => void plan.spared.push({ kind, id, reason });
    const going = new Set();
    for (const i of inv.instances) {
        const id = i.InstanceId;
        const state = i.State?.Name ?? '';
        const test = (0,instance_tags/* testInstanceProof */.Wo)(i);
        if (test !== undefined) {
            if (!COSTLY_INSTANCE_STATES.includes(state))
                continue;
            const launched = timeOf(i.LaunchTime);
            if (launched === undefined || launched > rule.cutoff) {
                spare('instance', id, launched === undefined ? 'no launch time' : `test instance launched ${iso(launched)}, after the cutoff`);
            }
            else if (test.deadline > rule.now) {
                spare('instance', id, `test instance of ${test.ami} whose test may run until ${iso(test.deadline)}`);
            }
            else {
                going.add(id);
                plan.instances.push({ kind: 'instance', id, reason: `test instance of ${test.ami} (its AMI, a job's token, its test-timeout over since ${iso(test.deadline)}); ${state} since ${iso(launched)}` });
            }
            continue;
        }
        const marks = instanceMarks(i, rule.now);
        if (marks.length === 0 || !COSTLY_INSTANCE_STATES.includes(state))
            continue;
        if (marks.length < 2) {
            spare('instance', id, `only one of Packer's marks (${marks[0]})`);
            continue;
        }
        const launched = timeOf(i.LaunchTime);
        if (launched === undefined || launched > rule.cutoff) {
            spare('instance', id, launched === undefined ? 'no launch time' : `launched ${iso(launched)}, after the cutoff`);
            continue;
        }
        going.add(id);
        plan.instances.push({ kind: 'instance', id, reason: `${marks.join(', ')}; ${state} since ${iso(launched)}`, ...(i.KeyName ? { keyName: i.KeyName } : {}) });
    }
    const staying = inv.instances.filter((i) => !going.has(i.InstanceId));
    for (const g of inv.securityGroups) {
        const id = g.GroupId;
        const made = packerNameTime(g.GroupName, rule.now);
        if (made === undefined)
            continue;
        const label = `${g.GroupName} (${id})`;
        if (g.Description !== PACKER_GROUP_DESCRIPTION) {
            spare('security group', label, `description "${g.Description ?? ''}" is not Packer's`);
            continue;
        }
        if (made > rule.cutoff) {
            spare('security group', label, `made ${iso(made)} (per its name), after the cutoff`);
            continue;
        }
        const users = [
            ...inv.networkInterfaces
                .filter((n) => (n.Groups ?? []).some((r) => r.GroupId === id) && !going.has(n.Attachment?.InstanceId ?? ''))
                .map((n) => `${n.NetworkInterfaceId}${n.Attachment?.InstanceId ? ` (${n.Attachment.InstanceId})` : ''}`),
            ...staying.filter((i) => (i.SecurityGroups ?? []).some((r) => r.GroupId === id)).map((i) => i.InstanceId)
        ];
        if (users.length > 0) {
            spare('security group', label, `in use by ${[...new Set(users)].join(', ')}`);
            continue;
        }
        plan.securityGroups.push({ kind: 'security group', id, reason: `Packer's temporary group ${g.GroupName}, made ${iso(made)} (per its name); no network interface uses it` });
    }
    for (const k of inv.keyPairs) {
        const name = k.KeyName;
        const named = packerNameTime(name, rule.now);
        if (named === undefined)
            continue;
        // The later of the two times: a key whose name or EC2 says it is young stays.
        const made = Math.max(named, timeOf(k.CreateTime) ?? named);
        if (made > rule.cutoff) {
            spare('key pair', name, `made ${iso(made)}, after the cutoff`);
            continue;
        }
        const users = staying.filter((i) => i.KeyName === name).map((i) => i.InstanceId);
        if (users.length > 0) {
            spare('key pair', name, `used by ${users.join(', ')}`);
            continue;
        }
        plan.keyPairs.push({ kind: 'key pair', id: name, reason: `Packer's temporary key pair, made ${iso(made)}; no instance left uses it` });
    }
    for (const image of inv.images) {
        const id = image.ImageId;
        const family = (0,aws_images/* tagOf */.cO)(image, tags/* FAMILY_TAG */.Ik);
        const state = image.State ?? '';
        if (family === undefined || (rule.family !== undefined && family !== rule.family) || !STUCK_IMAGE_STATES.includes(state))
            continue;
        const made = timeOf(image.CreationDate);
        if (made === undefined || made > rule.cutoff) {
            spare('AMI', id, made === undefined ? 'no creation date' : `made ${iso(made)}, after the cutoff`);
            continue;
        }
        if ((0,aws_images/* isProtected */.bz)(image)) {
            spare('AMI', id, `deregistration protection is ${image.DeregistrationProtection}`);
            continue;
        }
        const why = image.StateReason?.Message ? ` (${image.StateReason.Message})` : '';
        plan.images.push({
            kind: 'AMI',
            id,
            reason: `family ${family}, ${state}${why} since ${iso(made)}`,
            snapshots: [...new Set([...(0,aws_images/* snapshotsOf */.XO)(image), ...(inv.imageSnapshots[id] ?? [])])]
        });
    }
    return plan;
}
const SWEEP_TIMINGS = { pollMs: 5_000, timeoutMs: 15 * 60_000, groupRetryMs: 5_000, groupTries: 24 };
/** Sweeps every region in parallel; a region that fails is reported and the others go on. */
async function sweep(req, timings = SWEEP_TIMINGS) {
    const now = Date.now();
    const rule = { cutoff: now - req.olderThanMs, now, family: req.family };
    const ec2 = (0,clients.ec2Clients)();
    const report = { dryRun: req.dryRun, regions: req.regions, olderThanMs: req.olderThanMs, cutoff: iso(rule.cutoff), swept: [], spared: [], errors: [] };
    const done = await Promise.allSettled(req.regions.map((region) => sweepRegion(ec2(region), region, rule, req.dryRun, timings)));
    done.forEach((d, n) => {
        if (d.status === 'fulfilled') {
            report.swept.push(...d.value.swept);
            report.spared.push(...d.value.spared);
        }
        else {
            const message = `${req.regions[n]}: ${d.reason instanceof Error ? d.reason.message : String(d.reason)}`;
            core/* warning */.$e(`sweep: ${message}`);
            report.errors.push(message);
        }
    });
    return report;
}
async function sweepRegion(ec2, region, rule, dryRun, timings) {
    const plan = planSweep(await inventory(ec2), rule);
    const spared = plan.spared.map((s) => ({ region, ...s }));
    for (const s of spared)
        core/* info */.pq(`${region}: spared ${s.kind} ${s.id}: ${s.reason}`);
    const swept = [];
    const note = (p, removed, error) => {
        swept.push({ region, kind: p.kind, id: p.id, reason: p.reason, removed, ...(error === undefined ? {} : { error }) });
        const verb = removed ? 'removed' : error !== undefined ? 'could not remove' : 'would remove';
        const line = `${region}: ${verb} ${p.kind} ${p.id}: ${p.reason}${error === undefined ? '' : ` (${error})`}`;
        if (error === undefined)
            core/* info */.pq(line);
        else
            core/* warning */.$e(line);
    };
    const attempt = async (p, remove) => {
        if (dryRun) {
            note(p, false);
            return true;
        }
        try {
            await remove();
            note(p, true);
            return true;
        }
        catch (err) {
            note(p, false, messageOf(err));
            return false;
        }
    };
    // One call each: termination protection on one instance must not keep the others running.
    const gone = new Set();
    const asked = [];
    for (const p of plan.instances) {
        if (dryRun) {
            note(p, false);
            continue;
        }
        try {
            await ec2.send(new TerminateInstancesCommand/* TerminateInstancesCommand */.N({ InstanceIds: [p.id] }));
            asked.push(p);
        }
        catch (err) {
            note(p, false, messageOf(err));
        }
    }
    if (asked.length > 0) {
        let still;
        let why = `still not terminated after ${timings.timeoutMs / 60_000} minutes`;
        try {
            still = await (0,instances/* waitTerminated */.B)(ec2, asked.map((p) => p.id), timings.pollMs, timings.timeoutMs);
        }
        catch (err) {
            still = asked.map((p) => p.id);
            why = `asked to terminate, but could not see it go: ${messageOf(err)}`;
        }
        for (const p of asked) {
            if (still.includes(p.id)) {
                note(p, false, why);
            }
            else {
                gone.add(p.id);
                note(p, true);
            }
        }
    }
    for (const p of plan.securityGroups) {
        // Looked at again now the instances are gone: whatever took the group up since stays.
        let users;
        try {
            users = dryRun ? [] : await groupUsers(ec2, p.id, gone);
        }
        catch (err) {
            note(p, false, messageOf(err));
            continue;
        }
        if (users.length > 0) {
            spared.push({ region, kind: p.kind, id: p.id, reason: `in use by ${users.join(', ')}` });
            core/* info */.pq(`${region}: spared ${p.kind} ${p.id}: in use by ${users.join(', ')}`);
            continue;
        }
        await attempt(p, () => deleteSecurityGroup(ec2, p.id, timings.groupTries, timings.groupRetryMs));
    }
    for (const p of plan.keyPairs) {
        const holders = dryRun ? [] : plan.instances.filter((i) => i.keyName === p.id && !gone.has(i.id)).map((i) => i.id);
        if (holders.length > 0) {
            spared.push({ region, kind: p.kind, id: p.id, reason: `used by ${holders.join(', ')}, which could not be terminated` });
            continue;
        }
        await attempt(p, () => ec2.send(new DeleteKeyPairCommand/* DeleteKeyPairCommand */.E({ KeyName: p.id })));
    }
    for (const p of plan.images) {
        // Deregistered first, so nothing can launch from an AMI whose snapshots are going away.
        const deregistered = await attempt(p, () => ec2.send(new DeregisterImageCommand/* DeregisterImageCommand */.x({ ImageId: p.id })));
        for (const snapshot of p.snapshots ?? []) {
            const s = { kind: 'snapshot', id: snapshot, reason: `of AMI ${p.id}` };
            if (!deregistered)
                note(s, false, `AMI ${p.id} is still registered`);
            else
                await attempt(s, () => deleteSnapshot(ec2, snapshot));
        }
    }
    return { swept, spared };
}
/** Looks up what the planner needs in one region, every page of it. */
async function inventory(ec2) {
    const now = Date.now();
    const instances = [];
    let token;
    do {
        const page = await ec2.send(new DescribeInstancesCommand/* DescribeInstancesCommand */.b({ Filters: [{ Name: 'instance-state-name', Values: aws_images/* LIVE_INSTANCE_STATES */.Wd }], MaxResults: 1000, NextToken: token }));
        for (const r of page.Reservations ?? [])
            instances.push(...(r.Instances ?? []));
        token = page.NextToken;
    } while (token);
    const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand/* DescribeKeyPairsCommand */.D({}));
    const keyPairs = KeyPairs.filter((k) => packerNameTime(k.KeyName, now) !== undefined);
    const securityGroups = [];
    let groupToken;
    do {
        const page = await ec2.send(new DescribeSecurityGroupsCommand/* DescribeSecurityGroupsCommand */.j({ MaxResults: 1000, NextToken: groupToken }));
        securityGroups.push(...(page.SecurityGroups ?? []).filter((g) => packerNameTime(g.GroupName, now) !== undefined));
        groupToken = page.NextToken;
    } while (groupToken);
    const networkInterfaces = [];
    const groupIds = securityGroups.map((g) => g.GroupId);
    for (let n = 0; n < groupIds.length; n += FILTER_VALUES) {
        networkInterfaces.push(...(await interfacesUsing(ec2, groupIds.slice(n, n + FILTER_VALUES))));
    }
    const { Images = [] } = await ec2.send(new DescribeImagesCommand/* DescribeImagesCommand */.j({
        Owners: ['self'],
        Filters: [
            { Name: 'tag-key', Values: [tags/* FAMILY_TAG */.Ik] },
            { Name: 'state', Values: STUCK_IMAGE_STATES }
        ]
    }));
    const images = Images.filter((i) => STUCK_IMAGE_STATES.includes(i.State ?? '') && (0,aws_images/* tagOf */.cO)(i, tags/* FAMILY_TAG */.Ik) !== undefined);
    const imageSnapshots = {};
    for (const image of images)
        imageSnapshots[image.ImageId] = await snapshotsMadeFor(ec2, image.ImageId);
    return { instances, keyPairs, securityGroups, networkInterfaces, images, imageSnapshots };
}
async function interfacesUsing(ec2, groupIds) {
    const found = [];
    let token;
    do {
        const page = await ec2.send(new DescribeNetworkInterfacesCommand/* DescribeNetworkInterfacesCommand */.B({ Filters: [{ Name: 'group-id', Values: groupIds }], NextToken: token }));
        found.push(...(page.NetworkInterfaces ?? []));
        token = page.NextToken;
    } while (token);
    return found;
}
/** Network interfaces (and their instances) that hold the group, less those of instances just terminated. */
async function groupUsers(ec2, groupId, gone) {
    const found = await interfacesUsing(ec2, [groupId]);
    return found
        .filter((n) => (n.Groups ?? []).some((g) => g.GroupId === groupId) && !gone.has(n.Attachment?.InstanceId ?? ''))
        .map((n) => `${n.NetworkInterfaceId}${n.Attachment?.InstanceId ? ` (${n.Attachment.InstanceId})` : ''}`);
}
/**
 * A failed CreateImage or CopyImage may leave snapshots its AMI's mappings do not list; EC2
 * describes them "Created by CreateImage(i-…) for ami-…" and "Copied for DestinationAmi ami-… …".
 */
async function snapshotsMadeFor(ec2, ami) {
    const { Snapshots = [] } = await ec2.send(new DescribeSnapshotsCommand/* DescribeSnapshotsCommand */.M({
        OwnerIds: ['self'],
        Filters: [{ Name: 'description', Values: [`Created by CreateImage(*) for ${ami}`, `Created by CreateImage(*) for ${ami} *`, `Copied for DestinationAmi ${ami} *`] }]
    }));
    const ours = (d) => (d.startsWith('Created by CreateImage(') && (d.endsWith(` for ${ami}`) || d.includes(` for ${ami} `))) || d.startsWith(`Copied for DestinationAmi ${ami} `);
    return Snapshots.filter((s) => ours(s.Description ?? '')).map((s) => s.SnapshotId);
}
async function deleteSnapshot(ec2, id) {
    try {
        await ec2.send(new DeleteSnapshotCommand/* DeleteSnapshotCommand */.t({ SnapshotId: id }));
    }
    catch (err) {
        if (err.name !== 'InvalidSnapshot.NotFound')
            throw err;
    }
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 87996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wo: () => (/* binding */ testInstanceProof),
/* harmony export */   v6: () => (/* binding */ testInstanceTags)
/* harmony export */ });
/* unused harmony exports TEST_OF_TAG, TEST_RUN_TAG, TEST_DEADLINE_TAG */
/* harmony import */ var _aws_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(99580);

/*
 * A test instance carries what proves it one: the AMI it tests (`test-of`, which must be the
 * instance's own ImageId), the random token of the job that launched it (`test-run`), and the
 * time its test ends at the latest (`test-deadline`). No AMI carries these tags, so tooling that
 * copies an AMI's tags onto the instances launched from it never makes one look like ours.
 */
const TEST_OF_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}test-of`;
const TEST_RUN_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}test-run`;
const TEST_DEADLINE_TAG = `${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}test-deadline`;
/** The tags a test instance and its volumes are launched with. */
function testInstanceTags(l) {
    return {
        Name: `packer-ami-action test of ${l.ami}`,
        [TEST_OF_TAG]: l.ami,
        [TEST_RUN_TAG]: l.run,
        [TEST_DEADLINE_TAG]: l.deadline.toISOString(),
        [`${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}run-url`]: l.runUrl.slice(0, 256),
        [`${_aws_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .TAG_PREFIX */ .C_}build`]: l.build.slice(0, 256)
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


/***/ })

};
