export const id = 329;
export const ids = [329];
export const modules = {

/***/ 89646:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ TerminateInstancesCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class TerminateInstancesCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "TerminateInstances", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .TerminateInstances$ */ .CEm) {
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


/***/ }),

/***/ 76329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runTestStage: () => (/* binding */ runTestStage)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeImagesCommand.js
var DescribeImagesCommand = __webpack_require__(61048);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/TerminateInstancesCommand.js
var TerminateInstancesCommand = __webpack_require__(89646);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(34736);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(46829);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/retention.ts
var retention = __webpack_require__(77399);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
;// CONCATENATED MODULE: ./src/inventory/previous-image.ts



const RUN_URL_TAG = `${tags/* TAG_PREFIX */.C_}run-url`;
/** Undefined when the family has no other AMI here: a first build. `skip` passes over more AMIs. */
async function previousImage(ec2, family, newAmi, skip = () => false) {
    const images = await (0,retention/* listFamily */.R6)(ec2, family);
    const newest = images
        .filter((i) => i.ImageId !== undefined && i.ImageId !== newAmi && (0,aws_images/* tagOf */.cO)(i, tags/* FAMILY_TAG */.Ik) === family && !(0,tags/* untrusted */.bp)((0,aws_images/* tagOf */.cO)(i, tags/* TEST_TAG */.ax)) && !skip(i))
        .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? '') || (b.ImageId ?? '').localeCompare(a.ImageId ?? ''))[0];
    if (newest === undefined)
        return undefined;
    return { ami: newest.ImageId, created: newest.CreationDate ?? '', runUrl: (0,aws_images/* tagOf */.cO)(newest, RUN_URL_TAG) };
}

// EXTERNAL MODULE: ./src/inventory/take-inventory.ts + 6 modules
var take_inventory = __webpack_require__(39283);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/test-stage/poll.ts

/** Waits grow from 1 s to 10 s: a fast answer is seen at once, a slow boot costs few calls. */
const WAITS_MS = [1_000, 2_000, 4_000, 8_000, 10_000];
class DeadlineError extends Error {
}
/**
 * Calls `look` until it answers something other than undefined, or the deadline (ms since the
 * epoch) passes: then a DeadlineError saying what was awaited and what was last seen.
 */
async function pollUntil(look, deadline, what, lastSeen = () => '') {
    for (let n = 0;; n++) {
        const found = await look();
        if (found !== undefined)
            return found;
        const left = deadline - Date.now();
        if (left <= 0) {
            const seen = lastSeen();
            throw new DeadlineError(`${what}: not within test-timeout${seen === '' ? '' : ` (last seen: ${seen})`}`);
        }
        await (0,promises_.setTimeout)(Math.min(WAITS_MS[Math.min(n, WAITS_MS.length - 1)], left));
    }
}

;// CONCATENATED MODULE: ./src/test-stage/agent.ts


/**
 * Waits until the instance's SSM Agent has registered and pings: DescribeInstanceInformation
 * lists the managed node with PingStatus `Online` (SSM API Reference,
 * DescribeInstanceInformation and InstanceInformation). Until then SendCommand refuses the
 * instance (InvalidInstanceId).
 */
async function waitForAgent(ssm, instance, deadline) {
    let last = 'not registered';
    await pollUntil(async () => {
        const { InstanceInformationList = [] } = await ssm.send(new dist_cjs/* DescribeInstanceInformationCommand */.MXw({ Filters: [{ Key: 'InstanceIds', Values: [instance] }] }));
        const info = InstanceInformationList.find((i) => i.InstanceId === instance);
        last = info === undefined ? 'not registered' : `ping status ${info.PingStatus ?? 'unknown'}`;
        return info?.PingStatus === 'Online' ? true : undefined;
    }, deadline, 'the SSM Agent to register (is AmazonSSMManagedInstanceCore on the instance profile, and can the instance reach SSM?)', () => last);
}

// EXTERNAL MODULE: ./src/test-stage/results.ts
var results = __webpack_require__(91021);
;// CONCATENATED MODULE: ./src/test-stage/commands.ts



/** The agent's mark at the end of cut output (iohandler.go, DefaultOutputConfig; see OUTPUT_LIMITS). */
const TRUNCATED_SUFFIX = '--output truncated--';
/** Statuses after which the invocation changes no more (SSM API Reference, GetCommandInvocation, Status). */
const FINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled'];
/** AWS-RunShellScript's executionTimeout takes 1 to 172800 seconds; SendCommand's TimeoutSeconds at least 30. */
const MAX_EXECUTION_SECONDS = 172_800;
const MIN_DELIVERY_SECONDS = 30;
/** The documents AWS provides for a script on each platform (SSM User Guide, "AWS managed documents"). */
function documentFor(platform) {
    return platform === 'windows' ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript';
}
/**
 * Sends the script with Run Command and waits for its result, until the deadline: past it, the
 * command is cancelled. The agent writes the lines to a script file and runs it with `sh -c`
 * (aws/amazon-ssm-agent agent/plugins/runscript/runshellscript.go, runscript.go), so the script
 * is sent line by line, as the console sends it.
 */
async function runScript(ssm, instance, platform, script, deadline, comment) {
    const seconds = Math.max(1, Math.min(MAX_EXECUTION_SECONDS, Math.ceil((deadline - Date.now()) / 1000)));
    const { Command } = await ssm.send(new dist_cjs/* SendCommandCommand */.VWR({
        InstanceIds: [instance],
        DocumentName: documentFor(platform),
        Comment: comment.slice(0, 100),
        TimeoutSeconds: Math.max(MIN_DELIVERY_SECONDS, seconds),
        Parameters: { commands: script.replace(/\r\n/g, '\n').split('\n'), executionTimeout: [String(seconds)] }
    }));
    const CommandId = Command?.CommandId;
    let last;
    try {
        last = await pollUntil(async () => {
            const answer = await invocation(ssm, CommandId, instance);
            if (answer !== undefined)
                last = answer;
            return answer !== undefined && FINAL.includes(answer.Status ?? '') ? answer : undefined;
        }, deadline, 'test-commands to finish', () => last?.Status ?? 'no invocation yet');
    }
    catch (err) {
        if (!(err instanceof DeadlineError))
            throw err;
        await ssm.send(new dist_cjs/* CancelCommandCommand */.tal({ CommandId, InstanceIds: [instance] })).catch(() => undefined);
        return { ...outcomeOf(last), status: 'not finished', exitCode: -1 };
    }
    return outcomeOf(last);
}
function outcomeOf(answer) {
    const stdout = answer?.StandardOutputContent ?? '';
    const stderr = answer?.StandardErrorContent ?? '';
    const cut = (text, limit) => text.length >= limit || text.endsWith(TRUNCATED_SUFFIX);
    return {
        status: answer?.Status ?? 'not started',
        exitCode: answer?.ResponseCode ?? -1,
        stdout,
        stderr,
        truncated: cut(stdout, results/* OUTPUT_LIMITS */.rV.stdout) || cut(stderr, results/* OUTPUT_LIMITS */.rV.stderr)
    };
}
/** Right after SendCommand the invocation may not exist yet: "InvocationDoesNotExist" (SSM API Reference, GetCommandInvocation, Errors). */
async function invocation(ssm, CommandId, InstanceId) {
    try {
        return await ssm.send(new dist_cjs/* GetCommandInvocationCommand */.ryN({ CommandId, InstanceId }));
    }
    catch (err) {
        if (err.name === 'InvocationDoesNotExist')
            return undefined;
        throw err;
    }
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(58509);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js + 1 modules
var schemas_0 = __webpack_require__(80230);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/RunInstancesCommand.js


class RunInstancesCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "RunInstances", schemas_0/* RunInstances$ */.elD) {
}

// EXTERNAL MODULE: ./src/test-stage/instance-tags.ts
var instance_tags = __webpack_require__(87996);
;// CONCATENATED MODULE: ./src/test-stage/launch.ts



/** The smallest current burstable type of each architecture EC2 reports for an AMI. */
const TYPE_BY_ARCHITECTURE = {
    x86_64: 't3.micro',
    arm64: 't4g.micro',
    // T3 runs 64-bit only; T2 still runs 32-bit AMIs.
    i386: 't2.micro'
};
/** `test-instance-type`, or the default for the AMI's architecture; undefined where there is none (Mac AMIs need a dedicated host). */
function instanceTypeFor(image, given) {
    return given ?? TYPE_BY_ARCHITECTURE[image.Architecture ?? 'x86_64'];
}
/** EC2's Image.Platform is `windows` for Windows AMIs and absent for all others (EC2 API Reference, Image). */
function platformOf(image) {
    return (image.Platform ?? '').toLowerCase() === 'windows' ? 'windows' : 'linux';
}
/**
 * The AMI's own EBS mappings with DeleteOnTermination forced on: an AMI that keeps its volumes
 * would otherwise leave one behind for every test. The snapshot is named again because a mapping
 * that changes an AMI's volume may not leave it out (EC2 API Reference, EbsBlockDevice).
 */
function volumesDeletedOnTermination(image) {
    return (image.BlockDeviceMappings ?? [])
        .filter((m) => m.DeviceName !== undefined && m.Ebs?.SnapshotId !== undefined)
        .map((m) => ({ DeviceName: m.DeviceName, Ebs: { SnapshotId: m.Ebs?.SnapshotId, DeleteOnTermination: true } }));
}
/**
 * Launches one instance from the AMI, tagged at launch (instance and volumes in the same call,
 * so no moment exists where it runs untagged), with a client token so a retried call never
 * launches twice. Returns its id.
 */
async function launchTestInstance(ec2, image, instanceType, options, label) {
    const Tags = Object.entries((0,instance_tags/* testInstanceTags */.v6)(label)).map(([Key, Value]) => ({ Key, Value }));
    const profile = options.instanceProfile;
    const { Instances = [] } = await ec2.send(new RunInstancesCommand({
        ImageId: image.ImageId,
        InstanceType: instanceType,
        MinCount: 1,
        MaxCount: 1,
        ClientToken: (0,external_node_crypto_.randomUUID)(),
        SubnetId: options.subnet,
        SecurityGroupIds: options.securityGroups.length > 0 ? options.securityGroups : undefined,
        IamInstanceProfile: profile === undefined ? undefined : profile.startsWith('arn:') ? { Arn: profile } : { Name: profile },
        BlockDeviceMappings: volumesDeletedOnTermination(image),
        InstanceInitiatedShutdownBehavior: 'terminate',
        TagSpecifications: [
            { ResourceType: 'instance', Tags },
            { ResourceType: 'volume', Tags }
        ]
    }));
    const id = Instances[0]?.InstanceId;
    if (id === undefined)
        throw new Error('RunInstances answered without an instance');
    return id;
}

;// CONCATENATED MODULE: ./src/test-stage/plan.ts
/** Which copy of each build the stage tests, pure. */
/**
 * Every build is tested: in each of `regions` where it has a copy, or, with none there, in the
 * first region it was built in (a template whose regions could not be read before the build
 * may leave test-regions without a copy).
 */
function planTests(copies, regions) {
    const plan = { tested: [], outside: [] };
    const builds = [...new Set(copies.map((c) => c.build))];
    for (const build of builds) {
        const of = copies.filter((c) => c.build === build);
        const inRegions = of.filter((c) => regions.includes(c.region));
        if (inRegions.length > 0) {
            plan.tested.push(...inRegions);
        }
        else {
            plan.tested.push(of[0]);
            plan.outside.push({ build, region: of[0].region });
        }
    }
    return plan;
}
/**
 * A build passes when every tested copy passed; a copy is the same image as the one tested,
 * so every copy of a build gets its verdict.
 */
function verdicts(results) {
    const out = new Map();
    for (const r of results)
        if (out.get(r.build) !== 'failed')
            out.set(r.build, r.passed ? 'passed' : 'failed');
    return out;
}

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstanceStatusCommand.js


class DescribeInstanceStatusCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "DescribeInstanceStatus", schemas_0/* DescribeInstanceStatus$ */.ZzI) {
}

;// CONCATENATED MODULE: ./src/test-stage/status-checks.ts


/** States an instance does not come back from on its own during a test. */
const GONE = ['shutting-down', 'terminated', 'stopping', 'stopped'];
/**
 * Waits until EC2 reports both status checks `ok` (DescribeInstanceStatus: the system check is
 * AWS's side of the host, the instance check the reachability of the OS; EC2 User Guide, "Status
 * checks for Amazon EC2 instances"). An `impaired` check or an instance that stops ends the
 * wait at once; so does the deadline.
 */
async function waitForStatusChecks(ec2, instance, deadline) {
    let last = { system: 'not seen', instance: 'not seen' };
    return pollUntil(async () => {
        const status = await describe(ec2, instance);
        if (status === undefined)
            return undefined;
        last = { system: status.SystemStatus?.Status ?? 'not seen', instance: status.InstanceStatus?.Status ?? 'not seen' };
        const state = status.InstanceState?.Name ?? '';
        if (GONE.includes(state))
            throw new StatusCheckFailure(`the instance went ${state} before both status checks passed`, last);
        if (last.system === 'impaired' || last.instance === 'impaired') {
            throw new StatusCheckFailure(`EC2 reports the ${last.system === 'impaired' ? 'system' : 'instance'} status check impaired`, last);
        }
        return last.system === 'ok' && last.instance === 'ok' ? last : undefined;
    }, deadline, 'both status checks ok', () => `system ${last.system}, instance ${last.instance}`).catch((err) => {
        if (err instanceof StatusCheckFailure)
            throw err;
        throw new StatusCheckFailure(err.message, last);
    });
}
class StatusCheckFailure extends Error {
    checks;
    constructor(message, checks) {
        super(message);
        this.checks = checks;
    }
}
/** A new instance may be unknown to DescribeInstanceStatus for a moment (eventual consistency). */
async function describe(ec2, instance) {
    try {
        const { InstanceStatuses = [] } = await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [instance], IncludeAllInstances: true }));
        return InstanceStatuses.find((s) => s.InstanceId === instance);
    }
    catch (err) {
        if (err.name === 'InvalidInstanceID.NotFound')
            return undefined;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/test-stage/stage.ts















/** How long termination may take before the post step is left to finish it. */
const TERMINATION = { pollMs: 2_000, timeoutMs: 10 * 60_000 };
/**
 * Tests each build's copies in test-regions, all in parallel: an instance from the AMI, both
 * status checks, then (with an instance profile) the SSM Agent and test-commands; the instance
 * is terminated whatever happened. Before anything is launched, the job's random token and the
 * regions go to the saved state, so the post step finds the instances if the job dies.
 */
async function runTestStage(req) {
    const plan = planTests(req.images, req.options.regions);
    for (const o of plan.outside)
        core/* warning */.$e(`test-regions: ${o.build} has no AMI in ${req.options.regions.join(', ')}: tested in ${o.region}, where it was built`);
    const run = (0,external_node_crypto_.randomUUID)();
    core/* saveState */.LZ(constants/* State */.Uw.testRun, run);
    core/* saveState */.LZ(constants/* State */.Uw.testRegions, JSON.stringify([...new Set(plan.tested.map((c) => c.region))]));
    const ec2 = (0,clients.ec2Clients)();
    const ssm = (0,clients.regionalClients)((config) => new dist_cjs/* SSMClient */.jBj(config));
    const inventories = [];
    const results = await Promise.all(plan.tested.map((copy) => testCopy(copy, req, run, ec2(copy.region), ssm(copy.region), inventories)));
    // Nothing is left to remove once every instance is confirmed gone: the post step need not look.
    if (results.every((r) => r.terminated))
        core/* saveState */.LZ(constants/* State */.Uw.testRun, '');
    return { results, inventories, verdicts: verdicts(results) };
}
async function testCopy(copy, req, run, ec2, ssm, inventories) {
    const o = req.options;
    const where = `${copy.region} ${copy.ami}`;
    const result = { build: copy.build, region: copy.region, ami: copy.ami, passed: false, checks: [], terminated: true };
    const check = (name, passed, detail) => void result.checks.push({ name, passed, detail });
    const started = Date.now();
    const deadline = started + o.timeoutMs;
    try {
        const image = await describeImage(ec2, copy.ami);
        result.platform = platformOf(image);
        result.instanceType = instanceTypeFor(image, o.instanceType);
        if (result.instanceType === undefined)
            throw new Error(`no default instance type for architecture ${image.Architecture}: set test-instance-type`);
        const label = { ami: copy.ami, run, deadline: new Date(deadline), runUrl: req.runUrl, build: copy.build };
        result.instance = await launchTestInstance(ec2, image, result.instanceType, o, label);
        result.terminated = false;
        core/* info */.pq(`${where}: test instance ${result.instance} (${result.instanceType}, ${result.platform}) launched`);
        try {
            const checks = await waitForStatusChecks(ec2, result.instance, deadline);
            result.bootSeconds = Math.round((Date.now() - started) / 1000);
            check('system status', true, checks.system);
            check('instance status', true, checks.instance);
            core/* info */.pq(`${where}: booted in ${result.bootSeconds} s, both status checks ok`);
        }
        catch (err) {
            if (!(err instanceof StatusCheckFailure))
                throw err;
            check('system status', err.checks.system === 'ok', err.checks.system);
            check('instance status', err.checks.instance === 'ok', err.checks.instance);
            throw err;
        }
        if (o.instanceProfile !== undefined) {
            await waitForAgent(ssm, result.instance, deadline).catch((err) => {
                check('SSM agent', false, err.message);
                throw err;
            });
            check('SSM agent', true, 'online');
            core/* info */.pq(`${where}: SSM Agent online`);
        }
        if (o.commands !== undefined) {
            const outcome = await runScript(ssm, result.instance, result.platform, o.commands, deadline, `packer-ami-action test of ${copy.ami}`);
            result.exitCode = outcome.exitCode;
            result.outputTail = { stdout: (0,results/* tail */.RT)(req.redact(outcome.stdout)), stderr: (0,results/* tail */.RT)(req.redact(outcome.stderr)) };
            result.outputTruncated = outcome.truncated;
            const ok = outcome.status === 'Success' && outcome.exitCode === 0;
            const detail = outcome.status === 'not finished' ? 'not finished within test-timeout' : `${outcome.status}, exit code ${outcome.exitCode}`;
            check('test-commands', ok, detail);
            core/* info */.pq(`${where}: test-commands ${detail}${outcome.truncated ? ' (Run Command cut the output)' : ''}`);
            if (!ok)
                throw new Error(`test-commands: ${detail}`);
        }
        result.passed = true;
        if (req.inventory !== undefined && o.instanceProfile !== undefined) {
            const listed = await inventoryOf(ec2, ssm, copy, image, result, req.inventory.familyOf(copy.build), deadline);
            if (listed !== undefined)
                inventories.push(listed);
        }
    }
    catch (err) {
        result.failure = req.redact(err.message);
        core/* error */.z3(`${where}: test failed: ${result.failure}`);
    }
    finally {
        if (result.instance !== undefined)
            await terminate(ec2, where, result);
    }
    return result;
}
/**
 * The packages on the test instance (src/inventory), after test-commands passed, through the same
 * Run Command. A listing that fails is a warning on the AMI's record, not a failed test: the image
 * works, only its inventory is missing.
 */
async function inventoryOf(ec2, ssm, copy, image, result, family, deadline) {
    const instance = result.instance;
    const platform = result.platform;
    const runOnInstance = async (script) => {
        const o = await runScript(ssm, instance, platform, script, deadline, `packer-ami-action inventory of ${copy.ami}`);
        // A script that did not finish has no exit code of its own: it counts as a failure.
        return { exitCode: o.status === 'Success' || o.exitCode > 0 ? o.exitCode : 1, stdout: o.stdout, stderr: o.stderr, truncated: o.truncated };
    };
    try {
        // The image it replaces: the newest other AMI of the family that passed its test (or had none).
        const previous = await previousImage(ec2, family, copy.ami);
        const listed = await (0,take_inventory.takeInventory)(runOnInstance, {
            region: copy.region,
            account: image.OwnerId ?? '',
            ami: copy.ami,
            family,
            build: copy.build,
            platform,
            previousRunUrl: previous?.runUrl
        });
        core/* info */.pq(`${copy.region} ${copy.ami}: inventory of ${listed.packages} packages, SBOM ${listed.sbomPath}`);
        return listed;
    }
    catch (err) {
        result.inventoryError = err.message;
        core/* warning */.$e(`${copy.region} ${copy.ami}: no inventory: ${result.inventoryError}`);
        return undefined;
    }
}
async function describeImage(ec2, ami) {
    const { Images = [] } = await ec2.send(new DescribeImagesCommand/* DescribeImagesCommand */.j({ ImageIds: [ami] }));
    const image = Images.find((i) => i.ImageId === ami);
    if (image === undefined)
        throw new Error(`${ami} is not visible to DescribeImages`);
    return image;
}
/** Terminates and waits for the instance to go; a failure here is reported, never thrown: the post step tries again. */
async function terminate(ec2, where, result) {
    const id = result.instance;
    try {
        await ec2.send(new TerminateInstancesCommand/* TerminateInstancesCommand */.N({ InstanceIds: [id] }));
        const live = await (0,instances/* waitTerminated */.B)(ec2, [id], TERMINATION.pollMs, TERMINATION.timeoutMs);
        result.terminated = live.length === 0;
    }
    catch (err) {
        core/* warning */.$e(`${where}: could not terminate test instance ${id}: ${err.message}; the post step will try again`);
        return;
    }
    if (result.terminated)
        core/* info */.pq(`${where}: test instance ${id} terminated`);
    else
        core/* warning */.$e(`${where}: test instance ${id} still not terminated after ${TERMINATION.timeoutMs / 60_000} minutes; the post step will try again`);
}


/***/ })

};
