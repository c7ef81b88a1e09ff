export const id = 419;
export const ids = [419];
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

/***/ 6419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  removeLeftovers: () => (/* binding */ removeLeftovers)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(5658);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeRegionsCommand.js
var DescribeRegionsCommand = __webpack_require__(6157);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/TerminateInstancesCommand.js
var TerminateInstancesCommand = __webpack_require__(9646);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteLaunchTemplateCommand.js
var DeleteLaunchTemplateCommand = __webpack_require__(6919);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteKeyPairCommand.js
var DeleteKeyPairCommand = __webpack_require__(1389);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js
var DescribeInstancesCommand = __webpack_require__(1490);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeVolumesCommand.js
var DescribeVolumesCommand = __webpack_require__(4263);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteVolumeCommand.js
var DeleteVolumeCommand = __webpack_require__(3990);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeImagesCommand.js
var DescribeImagesCommand = __webpack_require__(1048);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeLaunchTemplatesCommand.js
var DescribeLaunchTemplatesCommand = __webpack_require__(5060);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSecurityGroupsCommand.js
var DescribeSecurityGroupsCommand = __webpack_require__(8988);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeKeyPairsCommand.js
var DescribeKeyPairsCommand = __webpack_require__(3414);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteSecurityGroupCommand.js
var DeleteSecurityGroupCommand = __webpack_require__(3699);
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

// EXTERNAL MODULE: ./src/aws/instances.ts
var aws_instances = __webpack_require__(6829);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/aws/iam-leftovers.ts



/** packer-plugin-amazon v1.8.2 common/step_iam_instance_profile.go names all three packer-<uuid>. */
const PACKER_IAM = /^packer-[0-9a-f-]+$/;
/**
 * The temporary instance profile and role (with its inline policy) a build created, in the
 * order IAM allows: the role out of the profile, the profile, the role's policies, the role.
 * Only names of the plugin's form, created after the run began.
 */
async function removeIam(builds, runStart, marginMs, keep) {
    const names = builds.flatMap(([build, b]) => [...new Set(b.iam)].filter((n) => PACKER_IAM.test(n)).map((name) => ({ build, name })));
    if (names.length === 0)
        return [];
    const iam = (0,clients/* regionalClients */.y)((config) => new dist_cjs/* IAMClient */.h8v(config))(process.env.AWS_REGION || 'us-east-1');
    const ours = (created) => created !== undefined && created.getTime() >= runStart.getTime() - marginMs;
    const out = [];
    const note = (build, kind, id) => {
        out.push({ build, region: 'global', kind, id, outcome: keep ? 'kept' : 'removed' });
        core/* info */.pq(`IAM: ${keep ? 'kept' : 'removed'} ${kind} ${id} of ${build}`);
    };
    for (const { build, name } of names) {
        const profile = await absentIsUndefined(iam.send(new dist_cjs/* GetInstanceProfileCommand */.Qa4({ InstanceProfileName: name })));
        if (profile?.InstanceProfile !== undefined && ours(profile.InstanceProfile.CreateDate)) {
            if (!keep) {
                for (const role of profile.InstanceProfile.Roles ?? []) {
                    await iam.send(new dist_cjs/* RemoveRoleFromInstanceProfileCommand */.ScF({ InstanceProfileName: name, RoleName: role.RoleName }));
                }
                await iam.send(new dist_cjs/* DeleteInstanceProfileCommand */.Dys({ InstanceProfileName: name }));
            }
            note(build, 'instance profile', name);
        }
        const role = await absentIsUndefined(iam.send(new dist_cjs/* GetRoleCommand */.kbp({ RoleName: name })));
        if (role?.Role !== undefined && ours(role.Role.CreateDate)) {
            if (!keep) {
                const { PolicyNames = [] } = await iam.send(new dist_cjs/* ListRolePoliciesCommand */.Y7N({ RoleName: name }));
                for (const policy of PolicyNames)
                    await iam.send(new dist_cjs/* DeleteRolePolicyCommand */.Tt({ RoleName: name, PolicyName: policy }));
                await iam.send(new dist_cjs/* DeleteRoleCommand */.$kI({ RoleName: name }));
            }
            note(build, 'role', name);
        }
    }
    return out;
}
async function absentIsUndefined(call) {
    try {
        return await call;
    }
    catch (err) {
        if (err.name === 'NoSuchEntityException' || err.name === 'NoSuchEntity')
            return undefined;
        throw err;
    }
}

// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(5687);
;// CONCATENATED MODULE: ./src/aws/leftovers.ts








/** Clocks of the runner and of AWS may differ this much: NTP keeps both well within it. */
const CLOCK_MARGIN_MS = 5_000;
/** packer-plugin-amazon v1.8.2 common/step_security_group.go: five tries, five seconds apart. */
const GROUP_TRIES = 5;
/**
 * The plugin names its groups and key pairs packer_<uuid> (common/step_security_group.go,
 * common/run_config.go); a group has no creation time to prove it, so no other name is taken.
 */
const PACKER_GROUP = /^packer_[0-9a-f-]+$/;
/**
 * Removes what the builds that did not finish left behind, in every region they touched, in
 * the order AWS allows: instances (and the volumes that outlive them), AMIs with their
 * snapshots, launch templates, security groups, key pairs, then the IAM profile and role. Each
 * candidate is proven to be this run's first: created after the run began, and for AMIs named
 * as the build announced; products and protected AMIs are spared.
 */
async function removeLeftovers(req, opts) {
    if (req.builds.length === 0)
        return [];
    const ec2 = (0,clients/* ec2Clients */.p)();
    const copyRegions = req.builds.flatMap(([, b]) => b.copyRegions);
    let regions = [...new Set([...req.regions, ...copyRegions])];
    if (regions.length === 0)
        regions = await enabledRegions(ec2(process.env.AWS_REGION || 'us-east-1'));
    const found = await Promise.all(regions.map((region) => inRegion(ec2(region), region, req, opts)));
    // A call Packer sent and then gave up on may land after it: look once more for those builds.
    const unconfirmed = req.builds.filter(([, b]) => b.unconfirmed);
    if (unconfirmed.length > 0 && !req.keep) {
        core/* info */.pq(`A CreateImage or CopyImage may still be landing for ${unconfirmed.map(([n]) => n).join(', ')}: looking again in ${opts.lateLookMs / 1000} s`);
        await (0,promises_.setTimeout)(opts.lateLookMs);
        const again = { ...req, builds: unconfirmed };
        found.push(...(await Promise.all(regions.map((region) => inRegion(ec2(region), region, again, opts)))));
    }
    const iam = await removeIam(req.builds, req.runStart, CLOCK_MARGIN_MS, req.keep);
    return [...found.flat(), ...iam];
}
async function enabledRegions(ec2) {
    const { Regions = [] } = await ec2.send(new DescribeRegionsCommand/* DescribeRegionsCommand */.c({}));
    return Regions.map((r) => r.RegionName).filter(Boolean);
}
function after(date, runStart) {
    if (date === undefined)
        return false;
    return new Date(date).getTime() >= runStart.getTime() - CLOCK_MARGIN_MS;
}
async function inRegion(ec2, region, req, opts) {
    const out = [];
    for (const [build, b] of req.builds) {
        const note = (kind, id, outcome = req.keep ? 'kept' : 'removed', why) => {
            out.push({ build, region, kind, id, outcome, note: why });
            core/* info */.pq(`${region}: ${outcome === 'removed' ? 'removed' : outcome} ${kind} ${id} of ${build}${why ? ` (${why})` : ''}`);
        };
        const live = await ownInstances(ec2, b, req.runStart);
        const instances = live.map((i) => i.InstanceId);
        const volumes = survivingVolumes(live);
        if (instances.length > 0 && !req.keep) {
            await ec2.send(new TerminateInstancesCommand/* TerminateInstancesCommand */.N({ InstanceIds: instances }));
            const live = await (0,aws_instances/* waitTerminated */.B)(ec2, instances, opts.pollMs, opts.timeoutMs);
            if (live.length > 0)
                throw new Error(`instances ${live.join(', ')} in ${region} did not terminate in time`);
        }
        instances.forEach((id) => note('instance', id));
        for (const id of volumes) {
            if (!req.keep)
                await deleteWhenDetached(ec2, id, opts);
            note('volume', id);
        }
        for (const image of await ownImages(ec2, b.amiNames, req.runStart)) {
            const id = image.ImageId;
            if (req.productAmis.includes(id))
                continue;
            if ((0,aws_images/* isProtected */.bz)(image)) {
                note('AMI', id, 'spared', 'deregistration protection is on');
                continue;
            }
            if (!req.keep)
                await (0,aws_images/* removeImage */.aH)(ec2, id, (0,aws_images/* snapshotsOf */.XO)(image));
            note('AMI', id);
            (0,aws_images/* snapshotsOf */.XO)(image).forEach((s) => note('snapshot', s));
        }
        for (const id of await ownLaunchTemplates(ec2, b.launchTemplates, req.runStart)) {
            if (!req.keep)
                await ec2.send(new DeleteLaunchTemplateCommand/* DeleteLaunchTemplateCommand */.s({ LaunchTemplateId: id }));
            note('launch template', id);
        }
        for (const group of await groupsNamed(ec2, b.securityGroups.filter((n) => PACKER_GROUP.test(n)))) {
            if (!req.keep)
                await deleteSecurityGroup(ec2, group.id, GROUP_TRIES, opts.groupRetryMs);
            note('security group', `${group.name} (${group.id})`);
        }
        for (const name of await ownKeyPairs(ec2, b.keyPairs, req.runStart)) {
            if (!req.keep)
                await ec2.send(new DeleteKeyPairCommand/* DeleteKeyPairCommand */.E({ KeyName: name }));
            note('key pair', name);
        }
    }
    return out;
}
/**
 * The build's live instances launched after the run began: those Packer printed, and those
 * holding its packer_<uuid> key pair or group, which a RunInstances cancelled before Packer
 * printed the id still made.
 */
async function ownInstances(ec2, b, runStart) {
    const lookups = [
        { Name: 'instance-id', Values: b.instances },
        { Name: 'key-name', Values: b.keyPairs.filter((n) => PACKER_GROUP.test(n)) },
        { Name: 'instance.group-name', Values: b.securityGroups.filter((n) => PACKER_GROUP.test(n)) }
    ].filter((f) => f.Values.length > 0);
    const found = new Map();
    for (const filter of lookups) {
        const { Reservations = [] } = await ec2.send(new DescribeInstancesCommand/* DescribeInstancesCommand */.b({ Filters: [filter, { Name: 'instance-state-name', Values: aws_images/* LIVE_INSTANCE_STATES */.Wd }] }));
        for (const i of Reservations.flatMap((r) => r.Instances ?? []))
            if (after(i.LaunchTime, runStart))
                found.set(i.InstanceId, i);
    }
    return [...found.values()];
}
/** Volumes of the instances that would outlive them: mapped with DeleteOnTermination false. */
function survivingVolumes(instances) {
    return instances.flatMap((i) => i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.DeleteOnTermination === false && m.Ebs.VolumeId ? [m.Ebs.VolumeId] : []));
}
async function deleteWhenDetached(ec2, id, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    for (;;) {
        const { Volumes = [] } = await ec2.send(new DescribeVolumesCommand/* DescribeVolumesCommand */.U({ VolumeIds: [id] }));
        const state = Volumes[0]?.State;
        if (state === undefined || state === 'deleted' || state === 'deleting')
            return;
        if (state === 'available')
            return void (await ec2.send(new DeleteVolumeCommand/* DeleteVolumeCommand */.P({ VolumeId: id })));
        if (Date.now() >= deadline)
            throw new Error(`volume ${id} is still ${state}`);
        await (0,promises_.setTimeout)(opts.pollMs);
    }
}
/** AMIs of this account with a name the build announced, created after the run began: pending copies too. */
async function ownImages(ec2, names, runStart) {
    if (names.length === 0)
        return [];
    const { Images = [] } = await ec2.send(new DescribeImagesCommand/* DescribeImagesCommand */.j({ Owners: ['self'], Filters: [{ Name: 'name', Values: names }] }));
    return Images.filter((i) => names.includes(i.Name ?? '') && after(i.CreationDate, runStart) && i.State !== 'deregistered');
}
async function ownLaunchTemplates(ec2, ids, runStart) {
    if (ids.length === 0)
        return [];
    const { LaunchTemplates = [] } = await ec2.send(new DescribeLaunchTemplatesCommand/* DescribeLaunchTemplatesCommand */.f({ LaunchTemplateIds: ids })).catch(() => ({ LaunchTemplates: [] }));
    return LaunchTemplates.filter((t) => after(t.CreateTime, runStart)).map((t) => t.LaunchTemplateId);
}
async function groupsNamed(ec2, names) {
    if (names.length === 0)
        return [];
    const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand/* DescribeSecurityGroupsCommand */.j({ Filters: [{ Name: 'group-name', Values: names }] }));
    return SecurityGroups.filter((g) => names.includes(g.GroupName ?? '')).map((g) => ({ id: g.GroupId, name: g.GroupName }));
}
async function ownKeyPairs(ec2, names, runStart) {
    if (names.length === 0)
        return [];
    const { KeyPairs = [] } = await ec2.send(new DescribeKeyPairsCommand/* DescribeKeyPairsCommand */.D({ Filters: [{ Name: 'key-name', Values: names }] }));
    // Where EC2 gives no creation time, only the plugin's own packer_<uuid> names are taken.
    const ours = (k) => k.CreateTime === undefined ? PACKER_GROUP.test(k.KeyName ?? '') : after(k.CreateTime, runStart);
    return KeyPairs.filter((k) => names.includes(k.KeyName ?? '') && ours(k)).map((k) => k.KeyName);
}


/***/ })

};
