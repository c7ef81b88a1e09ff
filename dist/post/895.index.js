export const id = 895;
export const ids = [895];
export const modules = {

/***/ 4895:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  removeLeftovers: () => (/* binding */ removeLeftovers)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/aws/clients.ts

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
const ec2Clients = () => regionalClients((config) => new dist_cjs/* EC2Client */.gu5(config));

;// CONCATENATED MODULE: ./src/aws/images.ts


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
            return artifacts.map((a) => ({ ...a, snapshots: snapshotsOf(available.get(a.ami)) }));
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
function snapshotsOf(image) {
    return (image?.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
}
/** Deregisters first, so nothing can launch from an AMI whose snapshots are going away. */
async function removeImage(ec2, ami, snapshots) {
    await ec2.send(new dist_cjs/* DeregisterImageCommand */.x2c({ ImageId: ami }));
    for (const SnapshotId of snapshots)
        await ec2.send(new dist_cjs/* DeleteSnapshotCommand */.tZN({ SnapshotId }));
}
function groupByRegion(items) {
    const map = new Map();
    for (const item of items)
        map.set(item.region, [...(map.get(item.region) ?? []), item]);
    return map;
}

;// CONCATENATED MODULE: ./src/aws/leftovers.ts





/**
 * Removes what a run that did not finish left behind, in every region it may be in. Only the
 * ids and names Packer reported are looked up, so nothing the run did not create is touched.
 * Instances go first: a security group cannot be deleted while an instance still uses it.
 */
async function removeLeftovers(r, opts) {
    const ec2 = ec2Clients();
    const removed = await Promise.all(r.regions.map((region) => removeInRegion(ec2(region), region, r, opts)));
    return removed.flat();
}
async function removeInRegion(ec2, region, r, opts) {
    const removed = [];
    const note = (kind, id) => {
        removed.push({ region, kind, id });
        core/* info */.pq(`${region}: removed ${kind} ${id}`);
    };
    const instances = await liveInstances(ec2, r.instances);
    if (instances.length > 0) {
        await ec2.send(new dist_cjs/* TerminateInstancesCommand */.NaF({ InstanceIds: instances }));
        await waitTerminated(ec2, region, instances, opts);
        instances.forEach((id) => note('instance', id));
    }
    if (r.images.length > 0) {
        const { Images = [] } = await ec2.send(new dist_cjs/* DescribeImagesCommand */.ji5({ Owners: ['self'], Filters: [{ Name: 'image-id', Values: r.images }] }));
        for (const image of Images) {
            await removeImage(ec2, image.ImageId, snapshotsOf(image));
            note('AMI', image.ImageId);
            snapshotsOf(image).forEach((id) => note('snapshot', id));
        }
    }
    if (r.securityGroups.length > 0) {
        const { SecurityGroups = [] } = await ec2.send(new dist_cjs/* DescribeSecurityGroupsCommand */.jsQ({ Filters: [{ Name: 'group-name', Values: r.securityGroups }] }));
        for (const group of SecurityGroups) {
            await ec2.send(new dist_cjs/* DeleteSecurityGroupCommand */.yEh({ GroupId: group.GroupId }));
            note('security group', `${group.GroupName} (${group.GroupId})`);
        }
    }
    if (r.keyPairs.length > 0) {
        const { KeyPairs = [] } = await ec2.send(new dist_cjs/* DescribeKeyPairsCommand */.DRu({ Filters: [{ Name: 'key-name', Values: r.keyPairs }] }));
        for (const pair of KeyPairs) {
            await ec2.send(new dist_cjs/* DeleteKeyPairCommand */.EWB({ KeyName: pair.KeyName }));
            note('key pair', pair.KeyName);
        }
    }
    return removed;
}
async function liveInstances(ec2, ids) {
    if (ids.length === 0)
        return [];
    const { Reservations = [] } = await ec2.send(new dist_cjs/* DescribeInstancesCommand */.bNs({
        Filters: [
            { Name: 'instance-id', Values: ids },
            { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
        ]
    }));
    return Reservations.flatMap((res) => res.Instances ?? []).map((i) => i.InstanceId);
}
async function waitTerminated(ec2, region, ids, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    while ((await liveInstances(ec2, ids)).length > 0) {
        if (Date.now() >= deadline)
            throw new Error(`instances ${ids.join(', ')} in ${region} did not terminate in time`);
        await (0,promises_.setTimeout)(opts.pollMs);
    }
}


/***/ })

};
