export const id = 117;
export const ids = [117];
export const modules = {

/***/ 17117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  afterBuild: () => (/* binding */ afterBuild),
  familyName: () => (/* binding */ familyName)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./src/packer/artifacts.ts
var artifacts = __webpack_require__(68145);
// EXTERNAL MODULE: ./src/aws/attestation.ts
var attestation = __webpack_require__(54659);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/launch-templates.ts
var launch_templates = __webpack_require__(19168);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(34736);
;// CONCATENATED MODULE: ./src/aws/parameter.ts


/** Sets the SSM parameter (data type `aws:ec2:image`, so SSM checks the id) in each region. */
function parameterPublisher() {
    const ssm = (0,clients.regionalClients)((config) => new dist_cjs/* SSMClient */.jBj(config));
    return async (region, name, ami) => {
        await ssm(region).send(new dist_cjs/* PutParameterCommand */.ihh({ Name: name, Value: ami, Type: 'String', DataType: 'aws:ec2:image', Overwrite: true }));
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(58509);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js + 1 modules
var schemas_0 = __webpack_require__(80230);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/EnableImageDeregistrationProtectionCommand.js


class EnableImageDeregistrationProtectionCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "EnableImageDeregistrationProtection", schemas_0/* EnableImageDeregistrationProtection$ */.sin) {
}

;// CONCATENATED MODULE: ./src/aws/protection.ts

/**
 * `deregistration-protection`: EC2 then refuses DeregisterImage until the protection is
 * disabled. Without the 24-hour cooldown, so whoever may disable it can still retire the AMI
 * the same day; retention and the post step spare protected AMIs either way.
 */
async function protectImage(ec2, ami) {
    await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami, WithCooldown: false }));
}

// EXTERNAL MODULE: ./src/aws/references.ts
var references = __webpack_require__(7935);
// EXTERNAL MODULE: ./src/aws/retention.ts
var retention = __webpack_require__(77399);
// EXTERNAL MODULE: ./src/aws/shareable.ts
var shareable = __webpack_require__(52730);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
// EXTERNAL MODULE: ./src/channels/assign.ts
var channels_assign = __webpack_require__(77687);
// EXTERNAL MODULE: ./src/channels/images.ts
var channels_images = __webpack_require__(72500);
;// CONCATENATED MODULE: ./src/channels/build.ts



/**
 * Build mode's `channel`: each build's new AMIs join the channel of its family in every region
 * they exist in. Runs after the test stage and after tagging; checks every AMI as a promotion
 * would (an AMI whose test failed, above all, never joins a channel) and every parameter's
 * ownership before the first write.
 */
async function assignBuiltImages(ctx, images, familyOf, channel) {
    const now = new Date();
    const problems = [];
    await Promise.all([...(0,aws_images/* groupByRegion */.zh)([...images])].map(async ([region, list]) => {
        const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), list.map((i) => i.ami));
        for (const i of list) {
            for (const p of (0,channels_images/* imageProblems */.y)(described.get(i.ami), familyOf(i.build), now))
                problems.push(`${i.ami} (${region}) ${p}`);
        }
    }));
    if (problems.length > 0)
        throw new Error(`channel ${channel}: not assigning, because ${problems.join('; ')}`);
    const moves = images.map((i) => ({ region: i.region, family: familyOf(i.build), channel, ami: i.ami, reason: 'build' }));
    return (0,channels_assign/* applyMoves */.V3)(ctx, await (0,channels_assign/* planMoves */.YN)(ctx, moves));
}

// EXTERNAL MODULE: ./src/lineage/lineage.ts
var lineage = __webpack_require__(58776);
;// CONCATENATED MODULE: ./src/aws/after-build.ts














/** Packer already waited in its own region; copies elsewhere can take a while longer. */
const WAIT = {
    pollMs: 15_000,
    timeoutMs: 60 * 60_000
};
/**
 * Waits for every AMI, then in every region at once: tags on AMIs and snapshots; then the test
 * stage, when asked for; then, for the AMIs that passed it (or all, without one), sharing,
 * deprecation, protection, the SSM parameter, launch templates and the attestation, while an AMI
 * that failed is only deprecated at once; then retention. Sharing is checked before any change.
 */
async function afterBuild(req) {
    const amis = (0,artifacts/* amiArtifacts */.pe)(req.artifacts);
    if (amis.length === 0)
        return { images: [], parameters: [], retention: [] };
    const ec2 = (0,clients.ec2Clients)();
    const publishParameter = parameterPublisher();
    const o = req.options;
    const sharing = { accounts: o.shareAccounts, organizations: o.shareOrganizations, ous: o.shareOus };
    const images = await (0,aws_images/* waitUntilAvailable */.dj)(ec2, amis, WAIT);
    core/* info */.pq(`Available: ${images.map((i) => `${i.ami} (${i.region})`).join(', ')}`);
    if ((0,aws_images/* isSharing */.Xu)(sharing))
        await (0,shareable/* checkShareable */.M)(ec2, images);
    const builds = [...new Set(images.map((i) => i.build))];
    const regionsOf = (build) => images.filter((i) => i.build === build).map((i) => i.region);
    const familyOf = (build) => familyName(o.family, req.repository, build, builds.length);
    const deprecateAt = o.deprecateAfterMs === undefined ? undefined : new Date(Date.now() + o.deprecateAfterMs);
    const report = { images: [], parameters: [], retention: [] };
    report.parents = await (0,lineage.parentsOf)(ec2, req.lineage?.found ?? {}, req.lineage?.bases ?? [], regionsOf, images);
    for (const [build, parent] of Object.entries(report.parents)) {
        core/* info */.pq(`${build}: built on ${parent.id} (${parent.name ?? 'name unknown'}, ${parent.region})`);
    }
    // Tags first, on every AMI: with a test stage an AMI says `test: pending` until its verdict, so
    // one whose test never ends (the job died) is never reused, shared or counted as newest.
    const testing = req.test !== undefined;
    const tagsOf = (image) => ({
        ...o.tags,
        ...(0,tags/* provenanceTags */.Xy)(req.provenance, familyOf(image.build), { build: image.build, builder: image.builder, regions: regionsOf(image.build) }),
        ...(0,lineage.lineageTags)(report.parents?.[image.build]),
        ...(testing ? { [tags/* TEST_TAG */.ax]: 'pending' } : {})
    });
    await Promise.all([...(0,aws_images/* groupByRegion */.zh)(images)].map(([region, list]) => tagAll(ec2(region), list, tagsOf)));
    const verdictOf = req.test === undefined ? () => undefined : await testImages(ec2, images, req.test, req, report, familyOf);
    const passed = images.filter((i) => verdictOf(i.build) !== 'failed');
    await Promise.all([...(0,aws_images/* groupByRegion */.zh)(images)].map(async ([region, list]) => {
        const client = ec2(region);
        for (const image of list) {
            const family = familyOf(image.build);
            const verdict = verdictOf(image.build);
            if (verdict === 'failed') {
                // Deprecated at once, and nothing else: no one is handed an AMI that failed its test.
                // The next whole minute: EC2 takes no time in the past and rounds to minutes (API Reference, EnableImageDeprecation).
                const at = new Date(Math.ceil((Date.now() + 1) / 60_000) * 60_000);
                await (0,aws_images/* deprecateImage */.dA)(client, image, at);
                core/* warning */.$e(`${region} ${image.ami}: failed its test: tagged ${tags/* TEST_TAG */.ax}=failed and deprecated; not shared, published or rolled out`);
                report.images.push({ build: image.build, region, ami: image.ami, snapshots: image.snapshots, family, sharedWith: [], deprecateAt: at.toISOString(), protected: false, test: verdict });
                continue;
            }
            if ((0,aws_images/* isSharing */.Xu)(sharing))
                await (0,aws_images/* shareImage */.pW)(client, image, sharing);
            if (deprecateAt !== undefined)
                await (0,aws_images/* deprecateImage */.dA)(client, image, deprecateAt);
            if (o.deregistrationProtection) {
                await protectImage(client, image.ami);
                core/* info */.pq(`${region} ${image.ami}: deregistration protection enabled`);
            }
            report.images.push({
                build: image.build,
                region,
                ami: image.ami,
                snapshots: image.snapshots,
                family,
                sharedWith: [...sharing.accounts, ...sharing.organizations, ...sharing.ous],
                deprecateAt: deprecateAt?.toISOString(),
                protected: o.deregistrationProtection,
                ...(verdict === undefined ? {} : { test: verdict })
            });
            core/* info */.pq(`${region} ${image.ami}: tagged with family ${family}${image.snapshots.length ? ` (and ${image.snapshots.join(', ')})` : ''}`);
        }
        // The region's parameter names its first AMI, as before; never one that failed its test.
        if (o.ssmParameter !== undefined && verdictOf(list[0].build) !== 'failed') {
            await publishParameter(region, o.ssmParameter, list[0].ami);
            report.parameters.push({ region, name: o.ssmParameter, ami: list[0].ami });
            core/* info */.pq(`${region}: SSM parameter ${o.ssmParameter} = ${list[0].ami}`);
        }
    }));
    // Tagged and shared first: a launch template must not hand out an AMI that is not ready for use.
    report.launchTemplates = await (0,launch_templates/* rollOutLaunchTemplates */.Ex)(ec2, passed, o.launchTemplates, o.launchTemplateDefault);
    if (req.channel !== undefined) {
        const ctx = { ec2, ssm: (0,references.ssmClients)(), run: req.channel.run, parameterTemplate: req.channel.parameterTemplate };
        // Never an AMI that failed its test: only those that passed join the channel.
        report.channels = await assignBuiltImages(ctx, passed, familyOf, req.channel.name);
    }
    // An attestation vouches for an AMI as this run's product for use: never for one that failed its test.
    report.attestation = await (0,attestation/* writeAttestation */.U)(ec2, passed, (0,attestation/* attestationDir */.m6)());
    core/* info */.pq(`Attestation subjects: ${report.attestation.checksums}`);
    // The look-up of families built on an older AMI and retention read one listing of each family
    // in each region, taken here, side by side: it names the older AMIs before any is removed.
    const listed = familyListings(ec2);
    const [found] = await Promise.all([
        outdated(ec2, report.images, listed),
        o.keepLatest === undefined ? undefined : retain(ec2, images, o.keepLatest, o.cleanupDryRun, familyOf, report, listed)
    ]);
    report.outdated = found;
    report.images.sort((a, b) => (a.build + a.region < b.build + b.region ? -1 : 1));
    return report;
}
async function tagAll(client, list, tagsOf) {
    for (const image of list)
        await (0,aws_images/* tagImage */.E$)(client, image, tagsOf(image));
}
/**
 * The test stage (src/test-stage), between tagging and everything else; each AMI's tag then
 * carries its build's verdict. Returns the verdict by build.
 */
async function testImages(ec2, images, test, req, report, familyOf) {
    const { runTestStage } = await Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(351), __webpack_require__.e(942), __webpack_require__.e(443), __webpack_require__.e(283), __webpack_require__.e(329)]).then(__webpack_require__.bind(__webpack_require__, 76329));
    const stage = await runTestStage({
        images,
        options: test,
        runUrl: req.provenance.runUrl,
        redact: req.redact ?? ((t) => t),
        ...(req.inventory ? { inventory: { familyOf } } : {})
    });
    report.tests = stage.results;
    if (req.inventory)
        report.inventory = stage.inventories;
    await Promise.all(images.map(async (image) => {
        const verdict = stage.verdicts.get(image.build) ?? 'failed';
        await (0,aws_images/* tagImage */.E$)(ec2(image.region), image, { [tags/* TEST_TAG */.ax]: verdict });
    }));
    return (build) => stage.verdicts.get(build) ?? 'failed';
}
function familyListings(ec2) {
    const listings = new Map();
    return (region, family) => {
        const key = `${region}\u0000${family}`;
        let listing = listings.get(key);
        if (listing === undefined) {
            listing = (0,retention/* familyImages */.b_)(ec2(region), family);
            listings.set(key, listing);
        }
        return listing;
    };
}
/** Families built on an older AMI of a family this run rebuilt, in every region of the run; best effort. */
async function outdated(ec2, images, listed) {
    try {
        const found = await Promise.all(images.map((i) => (0,lineage.outdatedFamilies)(ec2(i.region), i.region, i.family, i.ami, (f) => listed(i.region, f))));
        const list = found.flat();
        for (const f of list)
            core/* info */.pq(`${f.region}: family ${f.family} (${f.ami}) is built on ${f.builtOn}, an older AMI of ${f.baseFamily}: outdated`);
        return list;
    }
    catch (err) {
        core/* warning */.$e(`could not look for families built on older AMIs: ${err.message}`);
        return [];
    }
}
/** A family given once for a template with several builds would mix them: each gets its own. */
function familyName(given, repository, build, buildCount) {
    if (given === '')
        return `${repository}/${build}`;
    return buildCount > 1 ? `${given}/${build}` : given;
}
async function retain(ec2Of, images, keep, dryRun, familyOf, report, listed) {
    const thisRun = new Set(images.map((i) => i.ami));
    const ssmOf = (0,references.ssmClients)();
    const groups = new Map();
    for (const i of images)
        groups.set(`${i.region}\u0000${familyOf(i.build)}`, { region: i.region, family: familyOf(i.build) });
    await Promise.all([...groups.values()].map(async ({ region, family }) => {
        const ec2 = ec2Of(region);
        const candidates = await listed(region, family);
        let plan;
        try {
            const checked = await (0,retention/* referencesOfOlder */.qS)({ ec2, ssm: ssmOf(region) }, candidates, keep, thisRun);
            core/* info */.pq(`Retention ${region} ${family}: references from ${checked.via}`);
            plan = (0,retention/* planRetention */.SA)(candidates, keep, thisRun, checked.references);
        }
        catch (err) {
            // What cannot be proven unused is kept: a refused check costs storage, never a good build.
            const why = err.name ?? 'error';
            core/* warning */.$e(`Retention ${region} ${family}: AWS refused the check of what still uses the older AMIs (${why}: ${err.message}); removing nothing`);
            const unchecked = (0,retention/* planRetention */.SA)(candidates, keep, thisRun, new Map());
            plan = { kept: unchecked.kept, remove: [], spared: [...unchecked.remove, ...unchecked.spared].map((c) => ({ ...c, reason: `not removed: references could not be checked (${why})` })) };
        }
        const verb = dryRun ? 'would remove' : 'removing';
        // Sparing is the plan working, never a failure: one line says what was left and why.
        core/* info */.pq(`Retention ${region} ${family}: keep ${plan.kept.map((c) => c.ami).join(', ') || 'none'}; ` +
            `${verb} ${plan.remove.map((c) => c.ami).join(', ') || 'none'}; ` +
            `spared: ${plan.spared.map((c) => `${c.ami} (${c.reason})`).join(', ') || 'none'}`);
        for (const c of dryRun ? [] : plan.remove) {
            const shared = await (0,aws_images/* removeImage */.aH)(ec2, c.ami, c.snapshots);
            if (shared.length > 0)
                core/* info */.pq(`${region} ${c.ami}: kept ${shared.join(', ')}: another AMI still uses them`);
        }
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

/***/ 19168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ex: () => (/* binding */ rollOutLaunchTemplates)
/* harmony export */ });
/* unused harmony exports regionAmis, templateQuery, isNotFound, inputOrder */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96251);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15060);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7550);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(56220);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);



/** What EC2 answers for a name or an id it does not know in the region. */
const NOT_FOUND = new Set(['InvalidLaunchTemplateName.NotFoundException', 'InvalidLaunchTemplateId.NotFound']);
/**
 * One AMI per region: that of the first build by name with an AMI there, as `ami-id` picks
 * its build, so a template never depends on which build finished first.
 */
function regionAmis(images) {
    const chosen = new Map();
    for (const { region, build, ami } of images) {
        const held = chosen.get(region);
        if (held === undefined || build < held.build)
            chosen.set(region, { region, build, ami });
    }
    return [...chosen.values()].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
}
/** Names and ids are looked up under different parameters; options.ts already checked which is which. */
function templateQuery(template) {
    return template.startsWith('lt-') ? { LaunchTemplateIds: [template] } : { LaunchTemplateNames: [template] };
}
function isNotFound(err) {
    if (typeof err !== 'object' || err === null)
        return false;
    const { name, Code } = err;
    return NOT_FOUND.has(String(Code ?? name));
}
/** The order of the output and the report: by region, then as the input lists the templates. */
function inputOrder(templates) {
    return (a, b) => (a.region === b.region ? templates.indexOf(a.template) - templates.indexOf(b.template) : a.region < b.region ? -1 : 1);
}
/**
 * In every region with an AMI of this run, in parallel: for each template that exists there, a
 * new version from its current default with the region's AMI, made the default when asked. A
 * template missing in a region is a warning for that region; any other error fails the step.
 */
async function rollOutLaunchTemplates(ec2, images, templates, makeDefault) {
    const rollout = { versions: [], missing: [] };
    if (templates.length === 0)
        return rollout;
    await Promise.all(regionAmis(images).map(async (target) => {
        // A name and an id given for one template must not make two versions of it.
        const done = new Set();
        for (const template of templates) {
            const made = await newVersion(ec2(target.region), target, template, makeDefault, done);
            if (made === 'missing') {
                rollout.missing.push({ region: target.region, template });
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`launch template ${template} does not exist in ${target.region}: no new version there`);
            }
            else if (made !== undefined) {
                rollout.versions.push(made);
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`${target.region}: launch template ${template} version ${made.version} → ${made.ami}${made.default ? ' (default)' : ''}`);
            }
        }
    }));
    rollout.versions.sort(inputOrder(templates));
    rollout.missing.sort(inputOrder(templates));
    return rollout;
}
async function newVersion(ec2, target, template, makeDefault, done) {
    try {
        // EC2 answers an unknown name with an error but may answer an unknown id with an empty list.
        const { LaunchTemplates = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .DescribeLaunchTemplatesCommand */ .f(templateQuery(template)));
        const found = LaunchTemplates[0];
        if (found?.LaunchTemplateId === undefined)
            return 'missing';
        const id = found.LaunchTemplateId;
        if (found.DefaultVersionNumber === undefined)
            throw new Error(`EC2 answered without the default version of ${id}`);
        if (done.has(id))
            return undefined;
        done.add(id);
        const { LaunchTemplateVersion: made } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .CreateLaunchTemplateVersionCommand */ .B({
            LaunchTemplateId: id,
            SourceVersion: String(found.DefaultVersionNumber),
            VersionDescription: `packer-ami-action: ${target.ami} of ${target.build}`.slice(0, 255),
            LaunchTemplateData: { ImageId: target.ami },
            // The SDK's retries resend this token: a timed-out attempt cannot make a second version.
            ClientToken: (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomUUID)()
        }));
        const version = made?.VersionNumber;
        if (version === undefined)
            throw new Error('EC2 answered without a version number');
        if (makeDefault)
            await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .ModifyLaunchTemplateCommand */ .d({ LaunchTemplateId: id, DefaultVersion: String(version) }));
        return { region: target.region, template, id, version, default: makeDefault, ami: target.ami };
    }
    catch (err) {
        // Deleted between the look-up and the new version: as missing as one never there.
        if (isNotFound(err))
            return 'missing';
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`launch template ${template} in ${target.region}: ${message}`, { cause: err });
    }
}


/***/ }),

/***/ 77399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R6: () => (/* binding */ listFamily),
/* harmony export */   SA: () => (/* binding */ planRetention),
/* harmony export */   b_: () => (/* binding */ familyImages),
/* harmony export */   qS: () => (/* binding */ referencesOfOlder)
/* harmony export */ });
/* unused harmony exports olderThanKept, referencedBy, deregistrationProtected */
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61048);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95687);
/* harmony import */ var _references_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7935);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99580);




/**
 * Newest first: the newest `keep` stay, and so do this run's own AMIs whatever their place;
 * of the rest, those something refers to (`references`: AMI → labels such as
 * `ssm:/team/base-ami`) or that are protected are spared, and the others removed. Creation times
 * have whole seconds (moto's and EC2's alike), so this run's AMIs come first among equally
 * new ones: otherwise an older AMI could take this run's place and outlive it by one run.
 * An AMI that did not pass its test never takes one of the `keep` places: it stays when it is
 * this run's, is spared while its test is pending (another job may be testing it), and is
 * removed like any older AMI once it has failed.
 */
function planRetention(candidates, keep, thisRun, references, now = Date.now()) {
    const plan = { kept: [], remove: [], spared: [] };
    const newestFirst = [...candidates].sort((a, b) => createdAt(b) - createdAt(a) ||
        Number(thisRun.has(b.ami)) - Number(thisRun.has(a.ami)) ||
        (a.ami < b.ami ? -1 : a.ami > b.ami ? 1 : 0));
    let places = keep;
    for (const c of newestFirst) {
        const counted = !(0,_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .untrusted */ .bp)(c.test);
        if ((counted && places > 0) || thisRun.has(c.ami)) {
            if (counted)
                places--;
            plan.kept.push(c);
            continue;
        }
        const referrers = references.get(c.ami) ?? [];
        const reasons = [
            ...(c.test === 'pending' ? ['its test has not finished'] : []),
            ...(referrers.length > 0 ? [referencedBy(referrers)] : []),
            ...(deregistrationProtected(c.protection, now) ? [`deregistration protection is ${c.protection}`] : [])
        ];
        if (reasons.length > 0)
            plan.spared.push({ ...c, reason: reasons.join('; ') });
        else
            plan.remove.push(c);
    }
    return plan;
}
/** The AMIs past the newest `keep` and not this run's: the only ones whose references matter. */
function olderThanKept(candidates, keep, thisRun) {
    const plan = planRetention(candidates, keep, thisRun, new Map());
    return [...plan.remove, ...plan.spared].map((c) => c.ami);
}
/** Referrers shown in a reason; an AMI behind a fleet would otherwise fill the summary. */
const SHOWN_REFERRERS = 5;
/** `referenced by instance:i-1, ssm:/team/base-ami`: sorted, each once, the first few and a count of the rest. */
function referencedBy(referrers) {
    const all = [...new Set(referrers)].sort();
    const shown = all.slice(0, SHOWN_REFERRERS).join(', ');
    return `referenced by ${shown}${all.length > SHOWN_REFERRERS ? ` and ${all.length - SHOWN_REFERRERS} more` : ''}`;
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
    if ((0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .isProtected */ .bz)({ DeregistrationProtection: protection }))
        return true;
    const cooldown = /^disabled after (.+)$/.exec(protection);
    if (cooldown === null)
        return false;
    const until = Date.parse(cooldown[1]);
    return Number.isNaN(until) || until > now;
}
/** DescribeImages' largest page: a family of a thousand AMIs is one call. */
const IMAGES_PAGE = 1000;
/**
 * Every `available` AMI this account owns that carries the family tag, as EC2 describes it:
 * never anyone else's (the filter asks for the tag; callers check it again).
 */
async function listFamily(ec2, family) {
    const images = [];
    let NextToken;
    do {
        const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeImagesCommand */ .j({
            Owners: ['self'],
            Filters: [
                { Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FAMILY_TAG */ .Ik}`, Values: [family] },
                { Name: 'state', Values: ['available'] }
            ],
            MaxResults: IMAGES_PAGE,
            NextToken
        }));
        images.push(...(page.Images ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return images;
}
/** Only `available` AMIs this account owns that carry the family tag: never anyone else's. */
async function familyImages(ec2, family) {
    const images = await listFamily(ec2, family);
    return images
        .filter((i) => i.ImageId !== undefined && (0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(i, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FAMILY_TAG */ .Ik) === family)
        .map((i) => ({
        ami: i.ImageId,
        created: i.CreationDate ?? '',
        snapshots: (0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .snapshotsOf */ .XO)(i),
        ...(i.DeregistrationProtection === undefined ? {} : { protection: i.DeregistrationProtection }),
        ...((0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(i, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TEST_TAG */ .ax) === undefined ? {} : { test: (0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .tagOf */ .cO)(i, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TEST_TAG */ .ax) })
    }));
}
/** What refers to each AMI past the newest `keep` (this run's own never need asking about). */
function referencesOfOlder(clients, candidates, keep, thisRun) {
    return (0,_references_js__WEBPACK_IMPORTED_MODULE_1__.findReferences)(clients, olderThanKept(candidates, keep, thisRun));
}


/***/ }),

/***/ 52730:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ checkShareable)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99861);
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92632);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40201);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(95687);




/**
 * A snapshot encrypted with the AWS-managed EBS key cannot be shared with any other account;
 * refuse before the first change rather than fail halfway through the regions.
 */
async function checkShareable(ec2, images) {
    const kms = (0,_clients_js__WEBPACK_IMPORTED_MODULE_1__.regionalClients)((config) => new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__/* .KMSClient */ .pgq(config));
    await Promise.all([...(0,_images_js__WEBPACK_IMPORTED_MODULE_0__/* .groupByRegion */ .zh)(images)].map(([region, list]) => checkRegion(ec2(region), kms(region), region, list)));
}
async function checkRegion(ec2, kms, region, images) {
    const SnapshotIds = images.flatMap((i) => i.snapshots);
    if (SnapshotIds.length === 0)
        return;
    const { Snapshots = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeSnapshotsCommand */ .M({ SnapshotIds }));
    for (const snap of Snapshots.filter((s) => s.Encrypted && s.KmsKeyId)) {
        const { KeyMetadata } = await kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__/* .DescribeKeyCommand */ .spV({ KeyId: snap.KmsKeyId }));
        if (KeyMetadata?.KeyManager === 'AWS') {
            throw new Error(`snapshot ${snap.SnapshotId} in ${region} is encrypted with the AWS-managed EBS key, which cannot be shared: ` +
                'build with a customer-managed KMS key (kms_key_id / region_kms_key_ids) to share this AMI');
        }
    }
}


/***/ }),

/***/ 58776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lineageTags: () => (/* binding */ lineageTags),
/* harmony export */   outdatedFamilies: () => (/* binding */ outdatedFamilies),
/* harmony export */   parentsOf: () => (/* binding */ parentsOf),
/* harmony export */   previousBase: () => (/* binding */ previousBase)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(61048);
/* harmony import */ var _aws_retention_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77399);
/* harmony import */ var _aws_images_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95687);
/* harmony import */ var _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(99580);




/** Values of one EC2 filter a request carries, and look-ups in flight at once. */
const FILTER_VALUES = 200;
const PARALLEL_LOOKUPS = 5;
/**
 * Each build's parent: the id Packer printed (found-images.ts), described in the region of the
 * source that build came from (from the resolved bases) or else in the build's own regions.
 * Where Packer printed none, the source image EC2 records for an AMI made with CreateImage
 * (DescribeImages `SourceImageId` and `SourceImageRegion`, which "only appear if the AMI was
 * created using CreateImage, CopyImage, or CreateRestoreImageTask": EC2 API Reference, Image):
 * of the build's AMIs, the one whose source is not another of them is the original, and its
 * source is the base.
 */
async function parentsOf(ec2, found, bases, regionsOf, amis = []) {
    const parents = {};
    await Promise.all(Object.entries(found).map(async ([build, id]) => {
        const resolved = bases.find((b) => b.id === id || build === b.source || build.endsWith(`.${b.source}`));
        const regions = [...new Set([...(resolved?.region === undefined ? [] : [resolved.region]), ...regionsOf(build)])];
        for (const region of regions) {
            const image = await describeOne(ec2(region), id);
            if (image === undefined)
                continue;
            parents[build] = { id, region, name: image.Name, created: image.CreationDate };
            return;
        }
        parents[build] = { id, region: regions[0] ?? '' };
    }));
    const unprinted = [...new Set(amis.map((a) => a.build))].filter((build) => !(build in found));
    await Promise.all(unprinted.map(async (build) => {
        const parent = await recordedSource(ec2, amis.filter((a) => a.build === build));
        if (parent !== undefined)
            parents[build] = parent;
    }));
    return parents;
}
/**
 * The sources come from the wait's descriptions when the AMIs carry them (no call); any AMI
 * without one is described here, all at once: never one region after another.
 */
async function recordedSource(ec2, amis) {
    const own = new Set(amis.map((a) => a.ami));
    const sources = await Promise.all(amis.map(async ({ region, ami, source }) => (source !== undefined ? source : (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .sourceOf */ .vz)(await describeOne(ec2(region), ami), region))));
    const found = sources.find((s) => s !== null && !own.has(s.id));
    if (found === undefined)
        return undefined;
    const base = await describeOne(ec2(found.region), found.id);
    return { id: found.id, region: found.region, name: base?.Name, created: base?.CreationDate };
}
function lineageTags(parent) {
    if (parent === undefined)
        return {};
    return { [_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_AMI_TAG */ .Dj]: parent.id, [_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_REGION_TAG */ .mj]: parent.region, [_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_NAME_TAG */ .N_]: (parent.name ?? '').slice(0, 256) };
}
/**
 * The base the newest earlier AMI of a build was built on, by its lineage tag, in `region`:
 * what a rebuild's base changed from. Only this account's own AMIs of this repository's builds.
 */
async function previousBase(ec2, repository, source) {
    const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeImagesCommand */ .j({
        Owners: ['self'],
        Filters: [
            { Name: 'tag:packer-ami-action:repository', Values: [repository] },
            { Name: `tag-key`, Values: [_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_AMI_TAG */ .Dj] }
        ]
    }));
    const earlier = Images.filter((i) => {
        const build = (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(i, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BUILD_TAG */ .cJ) ?? '';
        return (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(i, 'packer-ami-action:repository') === repository && (build === source || build.endsWith(`.${source}`));
    }).sort((a, b) => ((a.CreationDate ?? '') < (b.CreationDate ?? '') ? -1 : 1));
    const last = earlier[earlier.length - 1];
    const base = last === undefined ? undefined : (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(last, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_AMI_TAG */ .Dj);
    if (last === undefined || base === undefined)
        return undefined;
    return { ami: last.ImageId, base, name: (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(last, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_NAME_TAG */ .N_) };
}
/**
 * Families whose newest AMI (in this region, owned by this account) was built on an older AMI
 * of `family`: they run on an outdated base now that `current` exists. `list` lists a family
 * (retention's listing, when the caller already has it); the look-ups run side by side.
 */
async function outdatedFamilies(ec2, region, family, current, list = (f) => (0,_aws_retention_js__WEBPACK_IMPORTED_MODULE_0__/* .familyImages */ .b_)(ec2, f)) {
    const older = (await list(family)).map((c) => c.ami).filter((ami) => ami !== current);
    if (older.length === 0)
        return [];
    // EC2 takes at most 200 values in one filter (filter-emulation.ts cites it): a call per 200,
    // a few at a time, as retention's reference checks go.
    const chunks = Array.from({ length: Math.ceil(older.length / FILTER_VALUES) }, (_, k) => older.slice(k * FILTER_VALUES, (k + 1) * FILTER_VALUES));
    const children = [];
    for (let i = 0; i < chunks.length; i += PARALLEL_LOOKUPS) {
        const found = await Promise.all(chunks.slice(i, i + PARALLEL_LOOKUPS).map(async (values) => {
            const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeImagesCommand */ .j({ Owners: ['self'], Filters: [{ Name: `tag:${_aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_AMI_TAG */ .Dj}`, Values: values }] }));
            return Images;
        }));
        children.push(...found.flat());
    }
    const families = new Set(children.map((c) => (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(c, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FAMILY_TAG */ .Ik)).filter((f) => f !== undefined && f !== family));
    const found = await Promise.all([...families].sort().map(async (other) => {
        const members = [...(await list(other))].sort((a, b) => (a.created < b.created ? -1 : 1));
        const newest = members[members.length - 1];
        if (newest === undefined)
            return undefined;
        const image = await describeOne(ec2, newest.ami);
        const builtOn = image === undefined ? undefined : (0,_aws_images_js__WEBPACK_IMPORTED_MODULE_1__/* .tagOf */ .cO)(image, _aws_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BASE_AMI_TAG */ .Dj);
        if (builtOn === undefined || !older.includes(builtOn))
            return undefined;
        return { family: other, region, ami: newest.ami, builtOn, baseFamily: family, current };
    }));
    return found.filter((o) => o !== undefined);
}
async function describeOne(ec2, id) {
    try {
        const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeImagesCommand */ .j({ ImageIds: [id] }));
        return Images[0];
    }
    catch {
        // InvalidAMIID.NotFound in this region: the caller tries the next.
        return undefined;
    }
}


/***/ })

};
