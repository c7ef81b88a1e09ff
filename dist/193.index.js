export const id = 193;
export const ids = [193];
export const modules = {

/***/ 7955:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  afterBuild: () => (/* binding */ afterBuild),
  familyName: () => (/* binding */ familyName)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/packer/artifacts.ts
var artifacts = __webpack_require__(8145);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(5687);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(4736);
;// CONCATENATED MODULE: ./src/aws/parameter.ts


/** Sets the SSM parameter (data type `aws:ec2:image`, so SSM checks the id) in each region. */
function parameterPublisher() {
    const ssm = (0,clients/* regionalClients */.y)((config) => new dist_cjs/* SSMClient */.jBj(config));
    return async (region, name, ami) => {
        await ssm(region).send(new dist_cjs/* PutParameterCommand */.ihh({ Name: name, Value: ami, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true }));
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(9580);
;// CONCATENATED MODULE: ./src/aws/retention.ts



/**
 * Newest first: the newest `keep` stay, and so do this run's own AMIs whatever their place;
 * of the rest, those in use or protected are spared and the others removed. Creation times
 * have whole seconds (moto's and EC2's alike), so this run's AMIs come first among equally
 * new ones: otherwise an older AMI could take this run's place and outlive it by one run.
 */
function planRetention(candidates, keep, thisRun, inUse, now = Date.now()) {
    const plan = { kept: [], remove: [], spared: [] };
    const newestFirst = [...candidates].sort((a, b) => createdAt(b) - createdAt(a) ||
        Number(thisRun.has(b.ami)) - Number(thisRun.has(a.ami)) ||
        (a.ami < b.ami ? -1 : a.ami > b.ami ? 1 : 0));
    for (const c of newestFirst) {
        if (plan.kept.length < keep || thisRun.has(c.ami)) {
            plan.kept.push(c);
            continue;
        }
        const reasons = [
            ...(inUse.has(c.ami) ? ['in use'] : []),
            ...(deregistrationProtected(c.protection, now) ? [`deregistration protection is ${c.protection}`] : [])
        ];
        if (reasons.length > 0)
            plan.spared.push({ ...c, reason: reasons.join('; ') });
        else
            plan.remove.push(c);
    }
    return plan;
}
/** An unreadable creation time sorts as the oldest: it never pushes a dated AMI out. */
function createdAt(c) {
    const t = Date.parse(c.created);
    return Number.isNaN(t) ? -Infinity : t;
}
/**
 * EC2 refuses to deregister an AMI while its protection is on, and for 24 hours after
 * protection enabled with a cooldown is turned off, which EC2 shows as `disabled after <time>`.
 * A cooldown whose end cannot be read counts as running.
 */
function deregistrationProtected(protection, now) {
    if (protection === undefined)
        return false;
    if ((0,aws_images/* isProtected */.bz)({ DeregistrationProtection: protection }))
        return true;
    const cooldown = /^disabled after (.+)$/.exec(protection);
    if (cooldown === null)
        return false;
    const until = Date.parse(cooldown[1]);
    return Number.isNaN(until) || until > now;
}
/** Only `available` AMIs this account owns that carry the family tag: never anyone else's. */
async function familyImages(ec2, family) {
    const images = await (0,aws_images/* ownAvailableImages */.sf)(ec2, tags/* FAMILY_TAG */.Ik, family);
    return images.map((i) => ({
        ami: i.ImageId,
        created: i.CreationDate ?? '',
        snapshots: (0,aws_images/* snapshotsOf */.XO)(i),
        ...(i.DeregistrationProtection === undefined ? {} : { protection: i.DeregistrationProtection })
    }));
}
/** AMIs a non-terminated instance or any launch template version refers to. */
async function imagesInUse(ec2, amis) {
    const used = new Set();
    if (amis.length === 0)
        return used;
    let NextToken;
    do {
        const page = await ec2.send(new client_ec2_dist_cjs/* DescribeInstancesCommand */.bNs({
            Filters: [
                { Name: 'image-id', Values: amis },
                { Name: 'instance-state-name', Values: aws_images/* LIVE_INSTANCE_STATES */.Wd }
            ],
            NextToken
        }));
        for (const r of page.Reservations ?? [])
            for (const i of r.Instances ?? [])
                if (i.ImageId)
                    used.add(i.ImageId);
        NextToken = page.NextToken;
    } while (NextToken);
    for (const ami of await launchTemplateImages(ec2))
        if (amis.includes(ami))
            used.add(ami);
    return used;
}
async function launchTemplateImages(ec2) {
    const images = new Set();
    let NextToken;
    do {
        const page = await ec2.send(new client_ec2_dist_cjs/* DescribeLaunchTemplatesCommand */.fmI({ NextToken }));
        for (const t of page.LaunchTemplates ?? []) {
            let versionToken;
            do {
                const versions = await ec2.send(new client_ec2_dist_cjs/* DescribeLaunchTemplateVersionsCommand */.Ptd({ LaunchTemplateId: t.LaunchTemplateId, NextToken: versionToken }));
                for (const v of versions.LaunchTemplateVersions ?? []) {
                    const id = v.LaunchTemplateData?.ImageId;
                    if (id)
                        images.add(id);
                }
                versionToken = versions.NextToken;
            } while (versionToken);
        }
        NextToken = page.NextToken;
    } while (NextToken);
    return images;
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-kms/dist-cjs/index.js
var client_kms_dist_cjs = __webpack_require__(2632);
;// CONCATENATED MODULE: ./src/aws/shareable.ts




/**
 * A snapshot encrypted with the AWS-managed EBS key cannot be shared with any other account;
 * refuse before the first change rather than fail halfway through the regions.
 */
async function checkShareable(ec2, images) {
    const kms = (0,clients/* regionalClients */.y)((config) => new client_kms_dist_cjs/* KMSClient */.pgq(config));
    await Promise.all([...(0,aws_images/* groupByRegion */.zh)(images)].map(([region, list]) => checkRegion(ec2(region), kms(region), region, list)));
}
async function checkRegion(ec2, kms, region, images) {
    const SnapshotIds = images.flatMap((i) => i.snapshots);
    if (SnapshotIds.length === 0)
        return;
    const { Snapshots = [] } = await ec2.send(new client_ec2_dist_cjs/* DescribeSnapshotsCommand */.MmI({ SnapshotIds }));
    for (const snap of Snapshots.filter((s) => s.Encrypted && s.KmsKeyId)) {
        const { KeyMetadata } = await kms.send(new client_kms_dist_cjs/* DescribeKeyCommand */.spV({ KeyId: snap.KmsKeyId }));
        if (KeyMetadata?.KeyManager === 'AWS') {
            throw new Error(`snapshot ${snap.SnapshotId} in ${region} is encrypted with the AWS-managed EBS key, which cannot be shared: ` +
                'build with a customer-managed KMS key (kms_key_id / region_kms_key_ids) to share this AMI');
        }
    }
}

;// CONCATENATED MODULE: ./src/aws/after-build.ts








/** Packer already waited in its own region; copies elsewhere can take a while longer. */
const WAIT = {
    pollMs: 15_000,
    timeoutMs: 60 * 60_000
};
/**
 * Waits for every AMI, then in every region at once: tags on AMIs and snapshots, sharing,
 * deprecation, the SSM parameter; then retention. Sharing is checked before any change.
 */
async function afterBuild(req) {
    const amis = (0,artifacts/* amiArtifacts */.pe)(req.artifacts);
    if (amis.length === 0)
        return { images: [], parameters: [], retention: [] };
    const ec2 = (0,clients/* ec2Clients */.p)();
    const publishParameter = parameterPublisher();
    const o = req.options;
    const sharing = { accounts: o.shareAccounts, organizations: o.shareOrganizations, ous: o.shareOus };
    const images = await (0,aws_images/* waitUntilAvailable */.dj)(ec2, amis, WAIT);
    core/* info */.pq(`Available: ${images.map((i) => `${i.ami} (${i.region})`).join(', ')}`);
    if ((0,aws_images/* isSharing */.Xu)(sharing))
        await checkShareable(ec2, images);
    const builds = [...new Set(images.map((i) => i.build))];
    const regionsOf = (build) => images.filter((i) => i.build === build).map((i) => i.region);
    const familyOf = (build) => familyName(o.family, req.repository, build, builds.length);
    const deprecateAt = o.deprecateAfterMs === undefined ? undefined : new Date(Date.now() + o.deprecateAfterMs);
    const report = { images: [], parameters: [], retention: [] };
    await Promise.all([...(0,aws_images/* groupByRegion */.zh)(images)].map(async ([region, list]) => {
        const client = ec2(region);
        for (const image of list) {
            const family = familyOf(image.build);
            const origin = { build: image.build, builder: image.builder, regions: regionsOf(image.build) };
            await (0,aws_images/* tagImage */.E$)(client, image, { ...o.tags, ...(0,tags/* provenanceTags */.Xy)(req.provenance, family, origin) });
            if ((0,aws_images/* isSharing */.Xu)(sharing))
                await (0,aws_images/* shareImage */.pW)(client, image, sharing);
            if (deprecateAt !== undefined)
                await (0,aws_images/* deprecateImage */.dA)(client, image, deprecateAt);
            report.images.push({
                build: image.build,
                region,
                ami: image.ami,
                snapshots: image.snapshots,
                family,
                sharedWith: [...sharing.accounts, ...sharing.organizations, ...sharing.ous],
                deprecateAt: deprecateAt?.toISOString()
            });
            core/* info */.pq(`${region} ${image.ami}: tagged with family ${family}${image.snapshots.length ? ` (and ${image.snapshots.join(', ')})` : ''}`);
        }
        if (o.ssmParameter !== undefined) {
            await publishParameter(region, o.ssmParameter, list[0].ami);
            report.parameters.push({ region, name: o.ssmParameter, ami: list[0].ami });
            core/* info */.pq(`${region}: SSM parameter ${o.ssmParameter} = ${list[0].ami}`);
        }
    }));
    if (o.keepLatest !== undefined)
        await retain(ec2, images, o.keepLatest, o.cleanupDryRun, familyOf, report);
    report.images.sort((a, b) => (a.build + a.region < b.build + b.region ? -1 : 1));
    return report;
}
/** A family given once for a template with several builds would mix them: each gets its own. */
function familyName(given, repository, build, buildCount) {
    if (given === '')
        return `${repository}/${build}`;
    return buildCount > 1 ? `${given}/${build}` : given;
}
async function retain(ec2Of, images, keep, dryRun, familyOf, report) {
    const thisRun = new Set(images.map((i) => i.ami));
    const groups = new Map();
    for (const i of images)
        groups.set(`${i.region}\u0000${familyOf(i.build)}`, { region: i.region, family: familyOf(i.build) });
    await Promise.all([...groups.values()].map(async ({ region, family }) => {
        const ec2 = ec2Of(region);
        const candidates = await familyImages(ec2, family);
        const inUse = await imagesInUse(ec2, candidates.filter((c) => !thisRun.has(c.ami)).map((c) => c.ami));
        const plan = planRetention(candidates, keep, thisRun, inUse);
        const verb = dryRun ? 'would remove' : 'removing';
        // Sparing is the plan working, never a failure: one line says what was left and why.
        core/* info */.pq(`Retention ${region} ${family}: keep ${plan.kept.map((c) => c.ami).join(', ') || 'none'}; ` +
            `${verb} ${plan.remove.map((c) => c.ami).join(', ') || 'none'}; ` +
            `spared: ${plan.spared.map((c) => `${c.ami} (${c.reason})`).join(', ') || 'none'}`);
        if (!dryRun)
            for (const c of plan.remove)
                await (0,aws_images/* removeImage */.aH)(ec2, c.ami, c.snapshots);
        report.retention.push({
            region,
            family,
            kept: plan.kept.map((c) => c.ami),
            removed: plan.remove.map((c) => c.ami),
            spared: plan.spared.map((c) => c.ami),
            sparedReasons: Object.fromEntries(plan.spared.map((c) => [c.ami, c.reason])),
            dryRun
        });
    }));
}


/***/ }),

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ ec2Clients),
/* harmony export */   y: () => (/* binding */ regionalClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5193);

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

/***/ 5687:
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
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5193);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
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
/** Deregisters first, so nothing can launch from an AMI whose snapshots are going away. */
async function removeImage(ec2, ami, snapshots) {
    await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeregisterImageCommand */ .x2c({ ImageId: ami }));
    for (const SnapshotId of snapshots)
        await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DeleteSnapshotCommand */ .tZN({ SnapshotId }));
}
function groupByRegion(items) {
    const map = new Map();
    for (const item of items)
        map.set(item.region, [...(map.get(item.region) ?? []), item]);
    return map;
}


/***/ })

};
