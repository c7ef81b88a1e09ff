export const id = 70;
export const ids = [70];
export const modules = {

/***/ 6070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  removeLeftovers: () => (/* binding */ removeLeftovers)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-kms/dist-cjs/index.js
var client_kms_dist_cjs = __webpack_require__(2632);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var client_ssm_dist_cjs = __webpack_require__(4736);
;// CONCATENATED MODULE: ./src/aws/clients.ts



/**
 * One client per service and region. Retries live here, not at call sites: adaptive mode
 * backs off on throttling and 5xx. Endpoints come from the SDK's own settings
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_EC2, ...), which is how the tests reach moto.
 */
class AwsClients {
    maxAttempts;
    ec2Clients = new Map();
    ssmClients = new Map();
    kmsClients = new Map();
    constructor(maxAttempts = 10) {
        this.maxAttempts = maxAttempts;
    }
    ec2(region) {
        return cached(this.ec2Clients, region, () => new dist_cjs/* EC2Client */.gu5(this.config(region)));
    }
    ssm(region) {
        return cached(this.ssmClients, region, () => new client_ssm_dist_cjs/* SSMClient */.jBj(this.config(region)));
    }
    kms(region) {
        return cached(this.kmsClients, region, () => new client_kms_dist_cjs/* KMSClient */.pgq(this.config(region)));
    }
    config(region) {
        return { region, retryMode: 'adaptive', maxAttempts: this.maxAttempts, customUserAgent: 'packer-ami-action' };
    }
}
function cached(map, region, make) {
    let client = map.get(region);
    if (client === undefined) {
        client = make();
        map.set(region, client);
    }
    return client;
}

;// CONCATENATED MODULE: ./src/aws/leftovers.ts



const LIVE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/**
 * Removes what a run that did not finish left behind, in every region it may be in. Only the
 * ids and names Packer reported are looked up, so nothing the run did not create is touched.
 * Instances go first: a security group cannot be deleted while an instance still uses it.
 */
async function removeLeftovers(r, opts) {
    const clients = new AwsClients();
    const removed = await Promise.all(r.regions.map((region) => removeInRegion(clients.ec2(region), region, r, opts)));
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
            await ec2.send(new dist_cjs/* DeregisterImageCommand */.x2c({ ImageId: image.ImageId }));
            note('AMI', image.ImageId);
            for (const m of image.BlockDeviceMappings ?? []) {
                if (m.Ebs?.SnapshotId === undefined)
                    continue;
                await ec2.send(new dist_cjs/* DeleteSnapshotCommand */.tZN({ SnapshotId: m.Ebs.SnapshotId }));
                note('snapshot', m.Ebs.SnapshotId);
            }
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
            { Name: 'instance-state-name', Values: LIVE_STATES }
        ]
    }));
    return Reservations.flatMap((res) => res.Instances ?? []).map((i) => i.InstanceId);
}
async function waitTerminated(ec2, region, ids, opts) {
    const deadline = Date.now() + opts.timeoutMs;
    while ((await liveInstances(ec2, ids)).length > 0) {
        if (Date.now() >= deadline)
            throw new Error(`instances ${ids.join(', ')} in ${region} did not terminate in time`);
        await opts.sleep(opts.pollMs);
    }
}


/***/ })

};
