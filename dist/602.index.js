export const id = 602;
export const ids = [602];
export const modules = {

/***/ 99580:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ BUILDER_TAG),
/* harmony export */   $x: () => (/* binding */ REGIONS_TAG),
/* harmony export */   AZ: () => (/* binding */ FINGERPRINT_TAG),
/* harmony export */   C_: () => (/* binding */ TAG_PREFIX),
/* harmony export */   Dj: () => (/* binding */ BASE_AMI_TAG),
/* harmony export */   Ik: () => (/* binding */ FAMILY_TAG),
/* harmony export */   MK: () => (/* binding */ checkTags),
/* harmony export */   N_: () => (/* binding */ BASE_NAME_TAG),
/* harmony export */   Xy: () => (/* binding */ provenanceTags),
/* harmony export */   ax: () => (/* binding */ TEST_TAG),
/* harmony export */   bp: () => (/* binding */ untrusted),
/* harmony export */   cJ: () => (/* binding */ BUILD_TAG),
/* harmony export */   mj: () => (/* binding */ BASE_REGION_TAG)
/* harmony export */ });
/** EC2 tag rules and the action's own provenance tags, pure. */
const TAG_PREFIX = 'packer-ami-action:';
const FAMILY_TAG = `${TAG_PREFIX}family`;
const FINGERPRINT_TAG = `${TAG_PREFIX}fingerprint`;
const BUILD_TAG = `${TAG_PREFIX}build`;
const BUILDER_TAG = `${TAG_PREFIX}builder`;
/** Every region of the build, so a reused AMI is only reused when all its copies still exist. */
const REGIONS_TAG = `${TAG_PREFIX}regions`;
/** The image an AMI was built from (src/lineage): its id, its region and its name. */
const BASE_AMI_TAG = `${TAG_PREFIX}base-ami`;
const BASE_REGION_TAG = `${TAG_PREFIX}base-ami-region`;
const BASE_NAME_TAG = `${TAG_PREFIX}base-ami-name`;
/**
 * The test stage's verdict on an AMI (src/test-stage): `pending` from tagging until the test
 * ends, then `passed` or `failed`. Only an AMI without it (no test stage ran) or with `passed`
 * is ever reused, shared, published or counted as newest.
 */
const TEST_TAG = `${TAG_PREFIX}test`;
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
        [`${TAG_PREFIX}repository`]: p.repository,
        [`${TAG_PREFIX}commit`]: p.commit,
        [`${TAG_PREFIX}run-url`]: p.runUrl,
        [`${TAG_PREFIX}ref`]: p.ref,
        [`${TAG_PREFIX}template`]: p.template,
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
        if (key.startsWith(TAG_PREFIX))
            throw new Error(`${input}: tag key "${key}" starts with "${TAG_PREFIX}", which the action sets itself`);
        if (tags[key].length > MAX_VALUE)
            throw new Error(`${input}: the value of tag "${key}" is longer than ${MAX_VALUE} characters`);
    }
}


/***/ }),

/***/ 39484:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mw: () => (/* binding */ DEFAULT_CHANNEL_PARAMETER),
/* harmony export */   PK: () => (/* binding */ channelParameter),
/* harmony export */   RP: () => (/* binding */ versionDescription),
/* harmony export */   c6: () => (/* binding */ CHANNEL_NAME),
/* harmony export */   ig: () => (/* binding */ versionLabels),
/* harmony export */   yK: () => (/* binding */ runIdentity)
/* harmony export */ });
/** Channel parameter names, version labels and descriptions: pure. */
/** A channel as a user names it: one SSM path segment (letters, digits, `_`, `.`, `-`), at most 128 characters. */
const CHANNEL_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const DEFAULT_CHANNEL_PARAMETER = '/packer-ami-action/{family}/{channel}';
/** SSM's rules for a parameter name: letters, digits, `_.-/`, at most 15 levels, 1011 characters, no `aws`/`ssm` prefix. */
const PARAMETER_NAME = /^(\/?[a-zA-Z0-9_.-]+)(\/[a-zA-Z0-9_.-]+)*$/;
const MAX_NAME = 1011;
const MAX_LEVELS = 15;
/** LabelParameterVersion: at most 100 characters of letters, digits, `.`, `-`, `_`; not starting with a digit, `aws` or `ssm`. */
const LABEL = /^(?![0-9])(?!aws)(?!ssm)[a-zA-Z0-9_.-]{1,100}$/i;
/** PutParameter's Description: at most 1024 characters. */
const MAX_DESCRIPTION = 1024;
/** The parameter name of `channel` of `family`, or why SSM would refuse it. */
function channelParameter(template, family, channel) {
    const name = template.replaceAll('{family}', family).replaceAll('{channel}', channel);
    const levels = name.replace(/^\//, '').split('/').length;
    if (!PARAMETER_NAME.test(name))
        return { error: `"${name}" is not an SSM parameter name (letters, digits and _ . - / only)` };
    if (name.length > MAX_NAME)
        return { error: `"${name.slice(0, 60)}…" is longer than ${MAX_NAME} characters` };
    if (levels > MAX_LEVELS)
        return { error: `"${name}" has ${levels} levels; SSM allows ${MAX_LEVELS}` };
    if (/^\/?(aws|ssm)/i.test(name))
        return { error: `"${name}" starts with aws or ssm, which SSM reserves` };
    return { name };
}
function runIdentity(env, runUrl) {
    return { runId: env.GITHUB_RUN_ID ?? '', attempt: env.GITHUB_RUN_ATTEMPT ?? '', commit: env.GITHUB_SHA ?? '', runUrl };
}
/**
 * The labels of a version this run writes: `run-<id>` (with `-<attempt>` for a re-run, so a
 * re-run does not take attempt 1's label away: a label sits on one version of a parameter at a
 * time) and `commit-<sha>` (a label cannot start with a digit, and a SHA may). SSM ignores a label
 * that breaks its rules rather than failing, so only valid ones are sent.
 */
function versionLabels(run) {
    const attempt = run.attempt !== '' && run.attempt !== '1' ? `-${run.attempt}` : '';
    const labels = [run.runId === '' ? '' : `run-${run.runId}${attempt}`, run.commit === '' ? '' : `commit-${run.commit}`];
    return labels.filter((l) => LABEL.test(l));
}
/** What a version says about itself in GetParameterHistory: why it was written, and by which run. */
function versionDescription(what, run) {
    // The commit is here too: its label moves to the newest version the same commit writes.
    const by = [run.commit === '' ? '' : `commit ${run.commit}`, run.runUrl].filter((x) => x !== '').join(', ');
    const text = `packer-ami-action: ${what}${by === '' ? '' : ` (${by})`}`;
    return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}


/***/ }),

/***/ 8602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/fingerprint.ts



/** SHA-256 over the build inputs; equal inputs give an equal fingerprint whatever their order. */
function fingerprint(b) {
    return finishFingerprint(prepareFingerprint(b), b.bases ?? []);
}
function prepareFingerprint(b) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    const part = partWriter(hash);
    for (const file of [...b.templateFiles].sort())
        part(`template:${external_node_path_.relative(b.root, file)}`, external_node_fs_.readFileSync(file));
    b.varFiles.forEach((file, i) => part(`var-file:${i}:${external_node_path_.basename(file)}`, external_node_fs_.readFileSync(file)));
    part('variables', canonicalJson(b.variables));
    part('only', b.only.join(','));
    part('except', b.except.join(','));
    part('packer', b.packerVersion);
    const files = expand(b.files ?? [], new Set([...b.templateFiles, ...(b.ignore ?? [])]));
    for (const [file, content] of files)
        part(`file:${external_node_path_.relative(b.root, file)}`, content ?? '\u0000missing');
    for (const plugin of [...(b.plugins ?? [])].sort())
        part('plugin', plugin);
    for (const name of Object.keys(b.env ?? {}).sort())
        part(`env:${name}`, b.env?.[name] ?? '\u0000unset');
    return {
        hash,
        parts: { files: files.size + b.templateFiles.length, plugins: [...(b.plugins ?? [])].sort(), env: Object.keys(b.env ?? {}).sort() }
    };
}
/** The fingerprint once the base images are known; the prepared hash stays reusable. */
function finishFingerprint(prepared, bases) {
    const hash = prepared.hash.copy();
    const part = partWriter(hash);
    for (const base of [...bases].sort())
        part('base', base);
    return hash.digest('hex');
}
function partWriter(hash) {
    return (label, data) => {
        hash.update(`${label}\u0000${Buffer.byteLength(data)}\u0000`);
        hash.update(data);
    };
}
/** Folders expanded to their files (`.git` and Packer's own cache left out), sorted, each read once. */
function expand(paths, skip) {
    const found = new Map();
    const visit = (p) => {
        if (skip.has(p) || found.has(p))
            return;
        let stat;
        try {
            stat = external_node_fs_.statSync(p);
        }
        catch {
            found.set(p, undefined);
            return;
        }
        if (stat.isDirectory()) {
            for (const entry of external_node_fs_.readdirSync(p).sort())
                if (!IGNORED.has(entry))
                    visit(external_node_path_.join(p, entry));
        }
        else if (stat.isFile()) {
            found.set(p, external_node_fs_.readFileSync(p));
        }
    };
    for (const p of [...new Set(paths)].sort())
        visit(external_node_path_.resolve(p));
    return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
/** Not inputs of a build: version control, and what Packer itself writes beside a template. */
const IGNORED = new Set(['.git', 'packer_cache', 'crash.log']);
/** JSON with object keys sorted at every depth. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const keys = Object.keys(value).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    }
    return JSON.stringify(value);
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(62088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/input-values.ts
/** Small parsers shared by every input: each error names the input and the value. */
/** An AWS region name: `us-east-1`, `us-gov-west-1`, `eu-central-2`. */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
function bool(name, value, fallback) {
    const v = value.trim().toLowerCase();
    if (v === '')
        return fallback;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new Error(`${name}: "${value}" is not true or false`);
}
function oneOf(name, value, allowed) {
    if (!allowed.includes(value))
        throw new Error(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
    return value;
}
/** Comma- or newline-separated. */
function list(value) {
    return split(value, /[,\n]/);
}
/** File names may hold commas, so file lists are split on newlines only. */
function lines(value) {
    return split(value, /\n/);
}
function split(value, separator) {
    return value
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/variables.ts

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const VARIABLE_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/;
/** Packer variables: a mapping whose keys are variable names. */
function parseVariables(input, text) {
    const value = parseMapping(input, text, VARIABLE_LINE);
    for (const name of Object.keys(value))
        checkName(input, name);
    return value;
}
/**
 * Parses a YAML/JSON mapping, or `key=value` lines (keys as `keyValueLine` allows), into values.
 * A plain YAML scalar only becomes a number when that number prints back as the same text,
 * so `1234e5` or `007` (a short commit SHA, a zero-padded id) stays the string the user wrote.
 */
function parseMapping(input, text, keyValueLine) {
    if (text.trim() === '')
        return {};
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.every((line) => keyValueLine.test(line)))
        return fromKeyValueLines(input, lines, keyValueLine);
    const doc = (0,dist/* parseDocument */.Tp)(text, { uniqueKeys: true });
    if (doc.errors.length > 0) {
        // The parser's message quotes the source line, which may hold a sensitive value.
        const { code, linePos } = doc.errors[0];
        const where = linePos === undefined ? '' : ` at line ${linePos[0].line}, column ${linePos[0].col}`;
        throw new Error(`${input}: not a YAML/JSON mapping or key=value lines (${code}${where})`);
    }
    if (!(0,dist/* isMap */.jh)(doc.contents)) {
        throw new Error(`${input}: expected a mapping of names to values, or key=value lines`);
    }
    keepNonCanonicalNumbersAsText(doc);
    return doc.toJS();
}
function fromKeyValueLines(input, lines, keyValueLine) {
    const result = {};
    for (const line of lines) {
        const [, name, value] = keyValueLine.exec(line);
        if (name in result)
            throw new Error(`${input}: "${name}" is given twice`);
        result[name] = value;
    }
    return result;
}
function keepNonCanonicalNumbersAsText(doc) {
    (0,dist/* visit */.YR)(doc, {
        Scalar(_key, node) {
            if (typeof node.value === 'number' && node.source !== undefined && String(node.value) !== node.source) {
                node.value = node.source;
            }
        }
    });
}
function checkName(input, name) {
    if (!NAME.test(name))
        throw new Error(`${input}: "${name}" is not a valid Packer variable name`);
}
/** Joins the public and sensitive sets; a name in both is ambiguous, so it is refused. */
function mergeVariables(plain, sensitive) {
    for (const name of Object.keys(sensitive)) {
        if (name in plain)
            throw new Error(`sensitive-variables: "${name}" is also set in variables`);
    }
    return { ...plain, ...sensitive };
}
/** Every string a sensitive value could appear as in a log: each leaf, and the whole as JSON. */
/**
 * GitHub masks a secret wherever its text appears in the log: a value of 1 to 3 characters would
 * blank every such character run (every `1`, every `no`), so it is not masked, and says so.
 */
const MIN_MASKED_LENGTH = 4;
function secretStrings(sensitive) {
    const out = new Set();
    const walk = (value) => {
        if (value === null)
            return;
        if (Array.isArray(value))
            value.forEach(walk);
        else if (typeof value === 'object')
            Object.values(value).forEach(walk);
        else
            out.add(String(value));
    };
    for (const value of Object.values(sensitive)) {
        walk(value);
        if (typeof value === 'object' && value !== null)
            out.add(JSON.stringify(value));
    }
    return [...out].filter((s) => s.length > 0);
}
/** The strings worth a mask, and how many of the values were too short for one. */
function maskable(secrets) {
    const masked = secrets.filter((s) => s.length >= MIN_MASKED_LENGTH);
    return { masked, tooShort: secrets.length - masked.length };
}

// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
;// CONCATENATED MODULE: ./src/aws/options.ts




/** `key=value`; a line that opens a JSON mapping or holds `key: ` is YAML, whatever `=` it has. */
const TAG_LINE = /^(?![{[])([^=\s](?:(?!: )[^=])*)=(.*)$/;
const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU = /^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;
const DURATION = /^(\d+)([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 };
/** A plain name, or a hierarchy with a leading slash and at most 15 levels. */
const SSM_NAME = /^([a-zA-Z0-9_.-]+|(\/[a-zA-Z0-9_.-]+){1,15})$/;
function readImageOptions(get) {
    return {
        tags: options_tags(get(constants/* Input */.pd.amiTags)),
        shareAccounts: matching(constants/* Input */.pd.shareAccounts, list(get(constants/* Input */.pd.shareAccounts)), ACCOUNT, 'a 12-digit AWS account id'),
        shareOrganizations: matching(constants/* Input */.pd.shareOrganizations, list(get(constants/* Input */.pd.shareOrganizations)), ORGANIZATION, 'an organization ARN'),
        shareOus: matching(constants/* Input */.pd.shareOus, list(get(constants/* Input */.pd.shareOus)), OU, 'an organizational unit ARN'),
        deprecateAfterMs: duration(get(constants/* Input */.pd.deprecateAfter).trim()),
        ssmParameter: ssmParameter(get(constants/* Input */.pd.ssmParameter).trim()),
        family: family(get(constants/* Input */.pd.family).trim()),
        keepLatest: keepLatest(get(constants/* Input */.pd.keepLatest).trim()),
        cleanupDryRun: bool(constants/* Input */.pd.cleanupDryRun, get(constants/* Input */.pd.cleanupDryRun), false),
        launchTemplates: launchTemplates(list(get(constants/* Input */.pd.launchTemplates))),
        launchTemplateDefault: bool(constants/* Input */.pd.launchTemplateDefault, get(constants/* Input */.pd.launchTemplateDefault), false),
        deregistrationProtection: bool(constants/* Input */.pd.deregistrationProtection, get(constants/* Input */.pd.deregistrationProtection), false)
    };
}
/** EC2's rules: an id `lt-` and 17 hex digits (8 for older ones), or a name of 3 to 128 of `A-Za-z0-9().-/_`. */
const LAUNCH_TEMPLATE_ID = /^lt-([0-9a-f]{8}|[0-9a-f]{17})$/;
const LAUNCH_TEMPLATE_NAME = /^[A-Za-z0-9().\-/_]{3,128}$/;
function launchTemplates(values) {
    for (const value of values) {
        const ok = value.startsWith('lt-') ? LAUNCH_TEMPLATE_ID.test(value) : LAUNCH_TEMPLATE_NAME.test(value);
        if (!ok)
            throw new Error(`${constants/* Input */.pd.launchTemplates}: "${value}" is neither a launch template id (lt-…) nor a launch template name`);
    }
    return [...new Set(values)];
}
/** `90d`, `12h`, `30m`; `0m` too where `allowZero` (a sweep of everything, however new). */
function parseDuration(input, value, allowZero) {
    if (value === '')
        return undefined;
    const m = DURATION.exec(value);
    if (m === null || (!allowZero && Number(m[1]) === 0)) {
        throw new Error(`${input}: "${value}" is not a duration such as 90d, 12h or 30m`);
    }
    return Number(m[1]) * UNIT_MS[m[2]];
}
function options_tags(text) {
    const parsed = parseMapping(constants/* Input */.pd.amiTags, text, TAG_LINE);
    const out = {};
    for (const [key, value] of Object.entries(parsed)) {
        if (typeof value === 'object' && value !== null)
            throw new Error(`${constants/* Input */.pd.amiTags}: the value of tag "${key}" must be text`);
        out[key] = value === null ? '' : String(value);
    }
    (0,tags/* checkTags */.MK)(constants/* Input */.pd.amiTags, out);
    return out;
}
function matching(input, values, pattern, what) {
    for (const value of values)
        if (!pattern.test(value))
            throw new Error(`${input}: "${value}" is not ${what}`);
    return values;
}
function duration(value) {
    return parseDuration(constants/* Input */.pd.deprecateAfter, value, false);
}
function ssmParameter(value) {
    if (value === '')
        return undefined;
    if (value.length > 1011 || !SSM_NAME.test(value) || /^\/?(aws|ssm)/i.test(value)) {
        throw new Error(`${constants/* Input */.pd.ssmParameter}: "${value}" is not a valid SSM parameter name`);
    }
    return value;
}
function family(value) {
    if (value.length > 200)
        throw new Error(`${constants/* Input */.pd.family}: "${value}" is longer than 200 characters`);
    return value;
}
function keepLatest(value) {
    if (value === '')
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new Error(`${constants/* Input */.pd.keepLatest}: "${value}" is not a whole number of at least 1`);
    }
    return Number(value);
}

// EXTERNAL MODULE: ./src/channels/names.ts
var names = __webpack_require__(39484);
;// CONCATENATED MODULE: ./src/channels/options.ts



const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
/**
 * `mode` is the mode as given; `family` the `family` input; `awsRegion` the primary region.
 * Every rule names the input it is about.
 */
function readChannelOptions(get, mode, family, awsRegion) {
    const channel = channelName(constants/* Input */.pd.channel, get(constants/* Input */.pd.channel).trim());
    const fromChannel = channelName(constants/* Input */.pd.fromChannel, get(constants/* Input */.pd.fromChannel).trim());
    const parameter = parameterTemplate(get(constants/* Input */.pd.channelParameter).trim() || names/* DEFAULT_CHANNEL_PARAMETER */.Mw, family);
    const amiIds = amiMap(get(constants/* Input */.pd.amiIds).trim(), get(constants/* Input */.pd.amiId).trim(), awsRegion);
    const rollback = bool(constants/* Input */.pd.rollback, get(constants/* Input */.pd.rollback), false);
    const reason = get(constants/* Input */.pd.revokeReason).trim();
    const revoke = { reason, disable: bool(constants/* Input */.pd.revokeDisable, get(constants/* Input */.pd.revokeDisable), false), descendants: bool(constants/* Input */.pd.revokeDescendants, get(constants/* Input */.pd.revokeDescendants), false) };
    if (rollback && channel === undefined)
        throw new Error(`${constants/* Input */.pd.rollback}: needs ${constants/* Input */.pd.channel}, the channel to move back`);
    if (rollback && mode !== 'promote')
        throw new Error(`${constants/* Input */.pd.rollback}: only mode promote moves a channel back (mode is ${mode || 'auto'})`);
    if (mode === 'promote') {
        if (channel === undefined)
            throw new Error(`${constants/* Input */.pd.channel}: mode promote needs the channel to promote to`);
        needFamily(mode, family);
        needRegion(mode, awsRegion);
        const sources = [fromChannel, amiIds, rollback ? true : undefined].filter((s) => s !== undefined).length;
        if (sources !== 1) {
            throw new Error(`${constants/* Input */.pd.fromChannel}/${constants/* Input */.pd.amiIds}/${constants/* Input */.pd.rollback}: mode promote takes exactly one of them (what to promote, or rollback: true)`);
        }
        if (fromChannel === channel)
            throw new Error(`${constants/* Input */.pd.fromChannel}: "${fromChannel}" is the target channel itself`);
    }
    if (mode === 'revoke') {
        if (amiIds === undefined)
            throw new Error(`${constants/* Input */.pd.amiId}/${constants/* Input */.pd.amiIds}: mode revoke needs the AMI to revoke`);
        if (reason === '')
            throw new Error(`${constants/* Input */.pd.revokeReason}: mode revoke needs a reason; it goes on every revoked AMI`);
        if (reason.length > 200 || /[\r\n]/.test(reason))
            throw new Error(`${constants/* Input */.pd.revokeReason}: one line of at most 200 characters`);
        needFamily(mode, family);
        needRegion(mode, awsRegion);
    }
    return { channel, parameter, fromChannel, amiIds, rollback, revoke };
}
function channelName(input, value) {
    if (value === '')
        return undefined;
    if (!names/* CHANNEL_NAME */.c6.test(value))
        throw new Error(`${input}: "${value}" is not a channel name: one SSM path segment of letters, digits, _ . - (at most 128)`);
    return value;
}
/** Must hold `{channel}`, and give a valid name for a sample family (or the given one). */
function parameterTemplate(value, family) {
    if (!value.includes('{channel}'))
        throw new Error(`${constants/* Input */.pd.channelParameter}: "${value}" must contain {channel}`);
    const tried = (0,names/* channelParameter */.PK)(value, family || 'owner/repo/build', 'channel');
    if ('error' in tried)
        throw new Error(`${constants/* Input */.pd.channelParameter}: ${tried.error}`);
    return value;
}
/** `ami-ids` as JSON region → AMI, or `ami-id` in `aws-region`; not both. */
function amiMap(json, single, awsRegion) {
    if (json !== '' && single !== '')
        throw new Error(`${constants/* Input */.pd.amiId}/${constants/* Input */.pd.amiIds}: give one of them, not both`);
    if (single !== '') {
        if (!AMI_ID.test(single))
            throw new Error(`${constants/* Input */.pd.amiId}: "${single}" is not an AMI id (ami-0123456789abcdef0)`);
        if (awsRegion === undefined)
            throw new Error(`${constants/* Input */.pd.amiId}: needs aws-region (or AWS_REGION), the region the AMI is in`);
        return { [awsRegion]: single };
    }
    if (json === '')
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(json);
    }
    catch {
        throw new Error(`${constants/* Input */.pd.amiIds}: not JSON; give an object of region → AMI, such as {"us-east-1": "ami-0123456789abcdef0"}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
        throw new Error(`${constants/* Input */.pd.amiIds}: give a JSON object of region → AMI, such as {"us-east-1": "ami-0123456789abcdef0"}`);
    }
    for (const [region, ami] of Object.entries(parsed)) {
        if (!REGION.test(region))
            throw new Error(`${constants/* Input */.pd.amiIds}: "${region}" is not an AWS region`);
        if (typeof ami !== 'string' || !AMI_ID.test(ami))
            throw new Error(`${constants/* Input */.pd.amiIds}: the AMI of ${region}, ${JSON.stringify(ami)}, is not an AMI id`);
    }
    return parsed;
}
function needFamily(mode, family) {
    if (family === '')
        throw new Error(`${constants/* Input */.pd.family}: mode ${mode} needs the family (the family tag of the AMIs, as the build set it)`);
}
function needRegion(mode, awsRegion) {
    if (awsRegion === undefined)
        throw new Error(`${constants/* Input */.pd.awsRegion}: mode ${mode} needs aws-region (or AWS_REGION)`);
}

;// CONCATENATED MODULE: ./src/inventory/options.ts


/**
 * `inventory`: list the packages of each tested AMI. The listing runs through SSM Run Command
 * on the test instance, which SSM reaches only with the instance profile.
 */
function readInventory(get) {
    const on = bool(constants/* Input */.pd.inventory, get(constants/* Input */.pd.inventory), false);
    if (on && get(constants/* Input */.pd.testInstanceProfile).trim() === '') {
        throw new Error(`${constants/* Input */.pd.inventory}: needs ${constants/* Input */.pd.testInstanceProfile} (an instance profile with AmazonSSMManagedInstanceCore): ` +
            'the packages are listed through SSM Run Command on the test instance');
    }
    return on;
}

;// CONCATENATED MODULE: ./src/test-stage/options.ts


const TEST_INPUTS = [
    constants/* Input */.pd.testRegions,
    constants/* Input */.pd.testInstanceType,
    constants/* Input */.pd.testSubnet,
    constants/* Input */.pd.testSecurityGroups,
    constants/* Input */.pd.testInstanceProfile,
    constants/* Input */.pd.testTimeout,
    constants/* Input */.pd.testCommands
];
const DEFAULT_TIMEOUT = '15m';
const options_REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
/** EC2 instance type names: family (with options, `m7i-flex`, `u-6tb1`) dot size. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
/** Old ids have 8 hex digits, current ones 17. */
const SUBNET = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** IAM's rules for a name (`[\w+=,.@-]`, 1 to 128), or an instance profile's ARN with an optional path. */
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/;
const PROFILE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const TIMEOUT = /^(\d+)([hms])$/;
const options_UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000 };
/** SSM's longest run for a command (AWS-RunShellScript's executionTimeout allows at most 172800 seconds). */
const MAX_TIMEOUT_MS = 48 * 3_600_000;
/**
 * The test stage's inputs, checked before anything is built. The stage runs when any of them is
 * set: `test-timeout: 15m` alone asks for a boot test with every default.
 */
function readTestOptions(get, awsRegion) {
    if (TEST_INPUTS.every((name) => get(name).trim() === ''))
        return undefined;
    const given = list(get(constants/* Input */.pd.testRegions)).map((r) => {
        if (!options_REGION.test(r))
            throw new Error(`${constants/* Input */.pd.testRegions}: "${r}" is not an AWS region`);
        return r;
    });
    if (given.length === 0 && awsRegion === undefined) {
        throw new Error(`${constants/* Input */.pd.testRegions}: the test stage needs regions to test in: set test-regions or aws-region`);
    }
    const regions = given.length > 0 ? [...new Set(given)] : [awsRegion];
    const subnet = optional(get(constants/* Input */.pd.testSubnet), constants/* Input */.pd.testSubnet, SUBNET, 'a subnet id (subnet-…)');
    const securityGroups = list(get(constants/* Input */.pd.testSecurityGroups)).map((g) => {
        if (!SECURITY_GROUP.test(g))
            throw new Error(`${constants/* Input */.pd.testSecurityGroups}: "${g}" is not a security group id (sg-…)`);
        return g;
    });
    // A subnet and a group id each belong to one region: with several regions they would fail in all but one.
    for (const [name, given] of [[constants/* Input */.pd.testSubnet, subnet !== undefined], [constants/* Input */.pd.testSecurityGroups, securityGroups.length > 0]]) {
        if (given && regions.length > 1)
            throw new Error(`${name}: ids belong to one region, but test-regions names ${regions.length} (${regions.join(', ')})`);
    }
    const instanceProfile = profile(get(constants/* Input */.pd.testInstanceProfile).trim());
    const script = get(constants/* Input */.pd.testCommands);
    const commands = script.trim() === '' ? undefined : script;
    if (commands !== undefined && instanceProfile === undefined) {
        throw new Error(`${constants/* Input */.pd.testCommands}: needs test-instance-profile (an instance profile with AmazonSSMManagedInstanceCore), without which SSM cannot reach the instance`);
    }
    return {
        regions,
        instanceType: optional(get(constants/* Input */.pd.testInstanceType), constants/* Input */.pd.testInstanceType, INSTANCE_TYPE, 'an EC2 instance type such as t3.micro'),
        subnet,
        securityGroups: [...new Set(securityGroups)],
        instanceProfile,
        timeoutMs: timeout(get(constants/* Input */.pd.testTimeout).trim() || DEFAULT_TIMEOUT),
        commands
    };
}
/**
 * `test-regions` must name regions the build makes AMIs in. `regions` is what the template was
 * read to build in (and the primary region); empty when it could not be read, and then the stage
 * says so at run time instead.
 */
function checkTestRegions(test, regions) {
    if (test === undefined || regions.length === 0)
        return;
    const outside = test.regions.filter((r) => !regions.includes(r));
    if (outside.length > 0) {
        throw new Error(`${constants/* Input */.pd.testRegions}: ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the build's regions (${regions.join(', ')})`);
    }
}
function optional(value, input, pattern, what) {
    const v = value.trim();
    if (v === '')
        return undefined;
    if (!pattern.test(v))
        throw new Error(`${input}: "${v}" is not ${what}`);
    return v;
}
function profile(value) {
    if (value === '')
        return undefined;
    if (!PROFILE_NAME.test(value) && !PROFILE_ARN.test(value)) {
        throw new Error(`${constants/* Input */.pd.testInstanceProfile}: "${value}" is neither an instance profile name nor an instance profile ARN`);
    }
    return value;
}
function timeout(value) {
    const m = TIMEOUT.exec(value);
    const ms = m === null ? 0 : Number(m[1]) * options_UNIT_MS[m[2]];
    if (ms <= 0 || ms > MAX_TIMEOUT_MS)
        throw new Error(`${constants/* Input */.pd.testTimeout}: "${value}" is not a duration from 1s to 48h, such as 15m, 1h or 90s`);
    return ms;
}

;// CONCATENATED MODULE: ./src/packer/environment.ts
/**
 * The environment Packer runs in. Packer hands it to every plugin it starts and to every
 * `shell-local` provisioner, so it gets the runner's environment without the runner's own
 * powers: the credentials a JavaScript action is given (OIDC token requests, the cache, artifact
 * and results services) and the paths of the file commands that set later steps' environment,
 * PATH and outputs. A third-party plugin then can neither mint the workflow's OIDC tokens nor
 * change what later steps run. The action's `INPUT_*` variables (the token, sensitive values)
 * never reach Packer.
 */
/**
 * What the runner sets for a JavaScript action that Packer needs none of (actions/runner v2.336.0:
 * src/Runner.Worker/Handlers/NodeScriptActionHandler.cs lines 56-92 for the ACTIONS_* variables;
 * the file commands of src/Runner.Worker/FileCommandManager.cs, CreateArtifactsFileCommand.cs and
 * ArtifactsListFileCommand.cs). A user may pass any of them on by name.
 */
const RUNNER_INTERNAL_VARIABLES = [
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_RUNTIME_URL',
    'ACTIONS_RESULTS_URL',
    'ACTIONS_CACHE_URL',
    'ACTIONS_CACHE_SERVICE_V2',
    'ACTIONS_CACHE_MODE',
    'ACTIONS_ORCHESTRATION_ID',
    'GITHUB_ENV',
    'GITHUB_PATH',
    'GITHUB_OUTPUT',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY',
    'GITHUB_ARTIFACTS',
    'GITHUB_ARTIFACTS_LIST'
];
/**
 * Packer's environment: the runner's, less the action's inputs and the runner's internal
 * variables (but those the user named in `passed`), with telemetry off.
 */
function packerEnv(env, passed = []) {
    const withheld = new Set(RUNNER_INTERNAL_VARIABLES.filter((name) => !passed.includes(name)));
    const kept = Object.entries(env).filter(([name]) => !name.startsWith('INPUT_') && !withheld.has(name));
    return { ...Object.fromEntries(kept), CHECKPOINT_DISABLE: '1' };
}

;// CONCATENATED MODULE: ./src/packer/hashicorp-key.ts
// HashiCorp's release signing key (primary C874 011F 0AB4 0511 0D02 1055 3436 5D94 72D7 468F),
// as published on HashiCorp's security page; the default for packer-signing-key.
const HASHICORP_RELEASE_KEY = `
-----BEGIN PGP PUBLIC KEY BLOCK-----

mQINBGB9+xkBEACabYZOWKmgZsHTdRDiyPJxhbuUiKX65GUWkyRMJKi/1dviVxOX
PG6hBPtF48IFnVgxKpIb7G6NjBousAV+CuLlv5yqFKpOZEGC6sBV+Gx8Vu1CICpl
Zm+HpQPcIzwBpN+Ar4l/exCG/f/MZq/oxGgH+TyRF3XcYDjG8dbJCpHO5nQ5Cy9h
QIp3/Bh09kET6lk+4QlofNgHKVT2epV8iK1cXlbQe2tZtfCUtxk+pxvU0UHXp+AB
0xc3/gIhjZp/dePmCOyQyGPJbp5bpO4UeAJ6frqhexmNlaw9Z897ltZmRLGq1p4a
RnWL8FPkBz9SCSKXS8uNyV5oMNVn4G1obCkc106iWuKBTibffYQzq5TG8FYVJKrh
RwWB6piacEB8hl20IIWSxIM3J9tT7CPSnk5RYYCTRHgA5OOrqZhC7JefudrP8n+M
pxkDgNORDu7GCfAuisrf7dXYjLsxG4tu22DBJJC0c/IpRpXDnOuJN1Q5e/3VUKKW
mypNumuQpP5lc1ZFG64TRzb1HR6oIdHfbrVQfdiQXpvdcFx+Fl57WuUraXRV6qfb
4ZmKHX1JEwM/7tu21QE4F1dz0jroLSricZxfaCTHHWNfvGJoZ30/MZUrpSC0IfB3
iQutxbZrwIlTBt+fGLtm3vDtwMFNWM+Rb1lrOxEQd2eijdxhvBOHtlIcswARAQAB
tERIYXNoaUNvcnAgU2VjdXJpdHkgKGhhc2hpY29ycC5jb20vc2VjdXJpdHkpIDxz
ZWN1cml0eUBoYXNoaWNvcnAuY29tPokCVAQTAQoAPgIbAwULCQgHAgYVCgkICwIE
FgIDAQIeAQIXgBYhBMh0AR8KtAURDQIQVTQ2XZRy10aPBQJplkfQBQkQrOy3AAoJ
EDQ2XZRy10aPw6gP/3GUEMUa6mCRuuSOT9UnziPIvXYd63mcN6A6Jwmwj8JaB2qu
OCijvJkw56UbZK3x1FZIbe0hA6VUAwNSNmSIxVJkilgwIYYFO0tnL79XhIeP7jYF
ydXLZ4rTi1FDl8lltAujTNARdY8UGg4hGlcM9OrEeXEFLWugJNiChL15FVoxZqIS
jeduaEqyxGfJnyVwy8z3pZfgODeFr7xs2NkUIMSfuRg24VcL4aW8Frt3jW8P45y3
o/5fsi6Aw2tZ0wD9NSgkVc8VD1NRV9eSZ95Bv+Awf9IXa+Cn5OCjc8Jc+XF+nLfB
oPswOO7E8dLiuBUw6/GzSLMbVs8qf8BNXB92dOe1VccVTqjCxK2sEpVaHh7e+co8
d8lDGBIWMGh7NS6XlGORpFb/T6gxjjOYUV3SKd4QDebUUG8kMkb5juLljOoq+YOP
vgNLDZLZteFpmH+zB9DpOY1YtHZB/OD+DtzLMaSl6VPF2Ln0j5aQGwNDt7sheyAe
sXbu0qn2H5FxojSfvhT0kUDKZ0mgg5y3Oflg49MiAOhjLGY0JocFpBeMILw27fbw
fpIBP7siQWFTFJ1O+l2NQiWAwC2x5fX2EakyCBJmrkPV2hr4nEogNqg9/RDskIUq
cpcOOd/0BntiXMyUCCH2AoCt5acaTQ0WU6CAosZPojOYhtGGgOgeQSdflpMSuQIN
BGCAXCYBEADW6RNrZVGNXvHVBqSiOWaxl1XOiEoiHPt50Aijt25yXbG+0kHIFSoR
+1g6Lh20JTCChgfQkGGjzQvEuG1HTw07YhsvLc0pkjNMfu6gJqFox/ogc53mz69O
xXauzUQ/TZ27GDVpUBu+EhDKt1s3OtA6Bjz/csop/Um7gT0+ivHyvJ/jGdnPEZv8
tNuSE/Uo+hn/Q9hg8SbveZzo3C+U4KcabCESEFl8Gq6aRi9vAfa65oxD5jKaIz7c
y+pwb0lizqlW7H9tQlr3dBfdIcdzgR55hTFC5/XrcwJ6/nHVH/xGskEasnfCQX8R
YKMuy0UADJy72TkZbYaCx+XXIcVB8GTOmJVoAhrTSSVLAZspfCnjwnSxisDn3Zzs
Yrq3cV6sU8b+QlIX7VAjurE+5cZiVlaxgCjyhKqlGgmonnReWOBacCgL/UvuwMmM
p5TTLmiLXLT7uxeGojEyoCk4sMrqrU1jevHyGlDJH9Taux15GILDwnYFfAvPF9WC
id4UZ4Ouwjcaxfys3LxNiZIlUsXNKwS3mhiMRL4TRsbs4k4QE+LIMOsauIvcvm8/
frydvQ/kUwIhVTH80XGOH909bYtJvY3fudK7ShIwm7ZFTduBJUG473E/Fn3VkhTm
BX6+PjOC50HR/HybwaRCzfDruMe3TAcE/tSP5CUOb9C7+P+hPzQcDwARAQABiQRy
BBgBCgAmAhsCFiEEyHQBHwq0BRENAhBVNDZdlHLXRo8FAmmWSAoFCRCqi+QCQMF0
IAQZAQoAHRYhBDdOx1tIWRNgSoMcx8ggxtXNJ6uHBQJggFwmAAoJEMggxtXNJ6uH
RfAP/2CGdSyg0K7U66Vygl0dugxrMm8O3/Oe211BKdQsFUSWAznOTRTK/zvMUHO4
LJAlYvdtZ6xDa4XHl9FYQ8MR9ZV0OuOlAZvU4IJDLPVCU09X/UzX/GEoZL0R5esv
wPAXopMaRHCfXJeI/gEaB94UhAeYlwpcRn0eSuk1vyZx7GRE6/hog8DCf4hoT40d
W20gGe58xcvJ+mRYlC0lr16WH08wuUcee6+dgu+4Cg6SG6+zt9cMyl8VnTUL5BK/
V3MebnYZJK0RFDNnnXDhzStgOd5gOeIL+xBPXHd0/ld/rDM74SFExpuS+hNsyo+x
MQ/HJavak21MFinul9COwfGEmlAXTGMY30Lf3Pt/eAkbwgmGc966VSoRmOFEXJVl
Dr+yJR6ru+7j50z8lAv6Lsop7sun1Qysbo0swf6W1qgPf6VWbx91NTFLkw0+gD8j
xwrU5ZMkeSuntX9dpjuZS29CflXXIRPlvhuiDPicwTpYuIUx37vHveAH5gnowZg2
47x780Urrsx8duTX8CI9MAnqzm4dFAiRlwE8bvLk+l9wekiXA9gIMZiVNqNlduXI
qvAG21Wdgq8qyeXKy/XWCVKDQOmEbFAltfNam8E3KEw0fl199x+93d5ckDGcPzUY
PbNkCuIwngC/ZN96pDafF3Z12fSNfhZUe0C8td8KAszYa96GCRA0Nl2UctdGj1gK
D/4jOGhEGTg88VyuPVjeK+zkwrTIZSvHdUHfTt/+rTLSNb/RQiBCUQuEZvafj6Fr
ntS7bAEhccGqH894T3St5K0AXWkvsLd6K+cbIQdlnFA2zb6geJUCk6qx5NgWpRc3
i0DS7CheGwl+Bwu7+n9pNjNjiHV+rYDgqbQXG0dtGysB0/3qIRgEDHFO0HJu/dct
e4oXrQIqrZrpOwe8WxqFqdU918JpSUcc8coiFp9YtwpgqQNxGVZ+rhgnTGdZzk1f
/Yhhimh+2B0ReaFvk3UzVBj3HQ9C6+Ot3MyDEhSgdhjr9e25Tm9S5YfhwtWmghRw
9RKPyLMSXSxm/Uc0mK1NucAp8TQBwKqKzNpCk5IdrBSWRUbjOoOFyzyCsY6gS285
GCpSIzI39hTf+3gdwYPlE6fj+F2TZzdhx62DPnzBzBHnByYTVdJ649bx0FFp4Q+5
TbIWtxu/AQkRDxmWNQfE+6GgeshlrhXWsh6+PGDzt+2raG6zUT913sdz7Ctw4fLj
msKOTdTz3Xa9pr8lxfI/JuukSgt9o/n3GirhTB3zE1w/I/Xt6k7oASiP3zQSuHtB
/CYKYHDtOCWwjo7JPEGtb/FkreKNxsk/p20jnlrB8WZxxswdr2Vri9NmFeyMDVX7
qF3WqT+8aCV9GtS1GCHx/5nGBdDwoxEsXqpI3IUqPb6FDg==
=bov7
-----END PGP PUBLIC KEY BLOCK-----
`;

;// CONCATENATED MODULE: ./src/inputs.ts












const VERSION_KEYWORDS = ['latest'];
const MODES = ['validate', 'build', 'sweep', 'promote', 'revoke', 'auto'];
function readOptions(get, env = process.env) {
    const workingDirectory = directory(constants/* Input */.pd.workingDirectory, get(constants/* Input */.pd.workingDirectory) || '.', process.cwd());
    const plain = parseVariables(constants/* Input */.pd.variables, get(constants/* Input */.pd.variables));
    const sensitive = parseVariables(constants/* Input */.pd.sensitiveVariables, get(constants/* Input */.pd.sensitiveVariables));
    const mode = oneOf(constants/* Input */.pd.mode, get(constants/* Input */.pd.mode) || 'auto', MODES);
    // A sweep, a promotion or a revocation reads no template: the job need not check anything out.
    const templatePath = constants/* TEMPLATELESS_MODES */.XX.includes(mode) ? external_node_path_.resolve(workingDirectory, get(constants/* Input */.pd.template) || '.') : template(get(constants/* Input */.pd.template) || '.', workingDirectory);
    const only = list(get(constants/* Input */.pd.only));
    const except = list(get(constants/* Input */.pd.except));
    if (only.length > 0 && except.length > 0) {
        throw new Error(`${constants/* Input */.pd.only}/${constants/* Input */.pd.except}: set one of them, not both (Packer accepts only one filter)`);
    }
    const awsRegion = region(get(constants/* Input */.pd.awsRegion) || env.AWS_REGION || env.AWS_DEFAULT_REGION || '');
    const skipUnchanged = bool(constants/* Input */.pd.skipUnchanged, get(constants/* Input */.pd.skipUnchanged), false);
    if (skipUnchanged && awsRegion === undefined) {
        throw new Error(`${constants/* Input */.pd.skipUnchanged}: needs aws-region (or AWS_REGION) to look up the AMIs of earlier runs`);
    }
    const images = readImageOptions(get);
    const test = readTestOptions(get, awsRegion);
    const inventory = readInventory(get);
    if (inventory && test?.instanceProfile === undefined) {
        throw new Error(`${constants/* Input */.pd.inventory}: needs test-instance-profile: the packages are listed on the test instance through SSM`);
    }
    return {
        packerVersion: versionSpec(constants/* Input */.pd.packerVersion, get(constants/* Input */.pd.packerVersion) || constants/* DEFAULT_PACKER_VERSION */.qx),
        amazonPluginVersion: versionSpec(constants/* Input */.pd.amazonPluginVersion, get(constants/* Input */.pd.amazonPluginVersion) || constants/* DEFAULT_AMAZON_PLUGIN_VERSION */.oB),
        packerMirror: mirror(get(constants/* Input */.pd.packerMirror) || constants/* DEFAULT_PACKER_MIRROR */.$3),
        signingKey: signingKey(get(constants/* Input */.pd.packerSigningKey)),
        verifySignature: bool(constants/* Input */.pd.verifySignature, get(constants/* Input */.pd.verifySignature), true),
        workingDirectory,
        template: templatePath,
        mode,
        variables: mergeVariables(plain, sensitive),
        secrets: secretStrings(sensitive),
        varFiles: lines(get(constants/* Input */.pd.varFiles)).map((file) => existingFile(constants/* Input */.pd.varFiles, file, workingDirectory)),
        only,
        except,
        fmtCheck: bool(constants/* Input */.pd.fmtCheck, get(constants/* Input */.pd.fmtCheck), true),
        onError: oneOf(constants/* Input */.pd.onError, get(constants/* Input */.pd.onError) || 'cleanup', constants/* ON_ERROR_VALUES */._U),
        parallelBuilds: parallelBuilds(get(constants/* Input */.pd.parallelBuilds)),
        githubToken: token(get(constants/* Input */.pd.githubToken)),
        comment: bool(constants/* Input */.pd.comment, get(constants/* Input */.pd.comment), true),
        commentKey: commentKey(get(constants/* Input */.pd.commentKey), env, external_node_path_.relative(workingDirectory, templatePath)),
        awsRegion,
        images,
        test,
        skipUnchanged,
        runnerVariables: runnerVariables(get(constants/* Input */.pd.packerRunnerVariables)),
        fingerprintFiles: fingerprintGlobs(get(constants/* Input */.pd.fingerprintFiles), workingDirectory, env.GITHUB_WORKSPACE || workingDirectory),
        sweep: sweepOptions(get, awsRegion),
        channels: readChannelOptions(get, mode, images.family, awsRegion),
        inventory
    };
}
/** Globs stay inside the workspace: a fingerprint never reads what the job did not check out. */
function fingerprintGlobs(value, cwd, workspace) {
    return lines(value).map((glob) => {
        const fixed = glob.replace(/[*?[{].*$/, '');
        const at = external_node_path_.resolve(cwd, fixed === '' ? '.' : fixed);
        const inside = external_node_path_.relative(external_node_path_.resolve(workspace), at);
        if (external_node_path_.isAbsolute(glob) || inside.startsWith('..') || external_node_path_.isAbsolute(inside) || glob.split(/[\\/]/).includes('..')) {
            throw new Error(`${constants/* Input */.pd.fingerprintFiles}: "${glob}" reaches outside the workspace; give globs relative to working-directory`);
        }
        return glob;
    });
}
/**
 * What an input error still needs to report itself in the summary and the comment: the token,
 * whether to comment, and the comment's key, as readOptions would read them. Undefined when
 * these inputs are themselves at fault.
 */
function reportingOptions(get, env = process.env) {
    try {
        const template = external_node_path_.normalize(get(constants/* Input */.pd.template) || '.');
        return { githubToken: token(get(constants/* Input */.pd.githubToken)), comment: bool(constants/* Input */.pd.comment, get(constants/* Input */.pd.comment), true), commentKey: commentKey(get(constants/* Input */.pd.commentKey), env, template) };
    }
    catch {
        return undefined;
    }
}
/** Only the runner's internal variables need naming: Packer sees every other variable already. */
function runnerVariables(value) {
    return list(value).map((name) => {
        if (!RUNNER_INTERNAL_VARIABLES.includes(name)) {
            throw new Error(`${constants/* Input */.pd.packerRunnerVariables}: "${name}" is not one of the runner's internal variables that the action withholds ` +
                `from Packer (${RUNNER_INTERNAL_VARIABLES.join(', ')}); every other variable reaches Packer already`);
        }
        return name;
    });
}
const DEFAULT_SWEEP_AGE = '6h';
function sweepOptions(get, awsRegion) {
    const olderThanMs = parseDuration(constants/* Input */.pd.sweepOlderThan, get(constants/* Input */.pd.sweepOlderThan).trim() || DEFAULT_SWEEP_AGE, true);
    const regions = list(get(constants/* Input */.pd.sweepRegions)).map((r) => {
        if (!REGION.test(r))
            throw new Error(`${constants/* Input */.pd.sweepRegions}: "${r}" is not an AWS region`);
        return r;
    });
    const chosen = regions.length > 0 ? regions : awsRegion === undefined ? [] : [awsRegion];
    if (chosen.length === 0 && get(constants/* Input */.pd.mode).trim() === 'sweep') {
        throw new Error(`${constants/* Input */.pd.sweepRegions}: mode sweep needs regions to sweep: set sweep-regions or aws-region`);
    }
    return { olderThanMs, regions: chosen };
}
/** An exact version, `latest`, or a semver range, resolved later against the mirror's index.json. */
function versionSpec(input, value) {
    if (VERSION_KEYWORDS.includes(value))
        return value;
    const exact = semver_default().valid(value);
    if (exact !== null)
        return exact;
    if (/^[\d.xX*~^<>=|\s-]+$/.test(value) && semver_default().validRange(value) !== null)
        return value;
    throw new Error(`${input}: "${value}" is not a version (1.11.2), "latest" or a semver range (~1.11)`);
}
function mirror(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new Error(`${constants/* Input */.pd.packerMirror}: "${value}" is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`${constants/* Input */.pd.packerMirror}: "${value}" must be an http(s) URL`);
    }
    return value.replace(/\/+$/, '');
}
function signingKey(value) {
    if (value.trim() === '')
        return HASHICORP_RELEASE_KEY;
    if (!value.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) {
        const excerpt = value.trim().split('\n')[0].slice(0, 40);
        throw new Error(`${constants/* Input */.pd.packerSigningKey}: "${excerpt}" is not an ASCII-armored PGP public key block`);
    }
    return value;
}
function directory(name, value, base) {
    const full = external_node_path_.resolve(base, value);
    if (!external_node_fs_.existsSync(full) || !external_node_fs_.statSync(full).isDirectory()) {
        throw new Error(`${name}: "${value}" is not a directory`);
    }
    return full;
}
function template(value, base) {
    const full = external_node_path_.resolve(base, value);
    if (!external_node_fs_.existsSync(full))
        throw new Error(`${constants/* Input */.pd.template}: "${value}" does not exist in ${base}`);
    return full;
}
function existingFile(name, value, base) {
    const full = external_node_path_.resolve(base, value);
    if (!external_node_fs_.existsSync(full) || !external_node_fs_.statSync(full).isFile())
        throw new Error(`${name}: "${value}" is not a file`);
    return full;
}
/** Defaults to workflow, job and template: one comment per job of a matrix that splits templates. */
function commentKey(value, env, template) {
    const key = value.trim() || [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', template || '.'].join('/');
    if (!/^[^\s<>]{1,200}$/.test(key.replace(/ /g, '_')) || key.includes('--')) {
        throw new Error(`${constants/* Input */.pd.commentKey}: "${value}" must be one line of at most 200 characters without <, > or --`);
    }
    return key;
}
/**
 * Tools that run the action outside a runner (@github/local-action) pass action.yml's default
 * unexpanded: `${{ github.token }}` is no token, so no comment and no authenticated init.
 */
function token(value) {
    if (/^\$\{\{[^}]*\}\}$/.test(value.trim()))
        return '';
    if (/\s/.test(value.trim()))
        throw new Error(`${constants/* Input */.pd.githubToken}: a token has no spaces or line breaks`);
    return value.trim();
}
function parallelBuilds(value) {
    if (value.trim() === '')
        return undefined;
    if (!/^\d+$/.test(value.trim()))
        throw new Error(`${constants/* Input */.pd.parallelBuilds}: "${value}" is not a whole number`);
    return Number(value.trim());
}
function region(value) {
    if (value === '')
        return undefined;
    if (!REGION.test(value))
        throw new Error(`${constants/* Input */.pd.awsRegion}: "${value}" is not an AWS region name`);
    return value;
}
/** `auto` validates on events that carry code under review, and builds on all others. */
function resolveMode(mode, eventName, validateEvents) {
    if (mode !== 'auto')
        return mode;
    return validateEvents.includes(eventName) ? 'validate' : 'build';
}

// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var tinyglobby_dist = __webpack_require__(73382);
;// CONCATENATED MODULE: ./src/packer/plugin-folders.ts



/**
 * The one folder Packer 1.11 to 1.16 loads plugins from, as it resolves it: PACKER_PLUGIN_PATH
 * when set (packer/plugin_folders.go:19-28 at v1.16.0), else packer-plugin-sdk's ConfigDir()
 * joined with `plugins` (plugin_folders.go:30-36). ConfigDir (SDK v0.6.10): on Unix
 * `$PACKER_CONFIG_DIR/.packer.d`, else `~/.packer.d` when that exists, else
 * `$XDG_CONFIG_HOME/packer`, else `~/.config/packer` (pathing/config_file_unix.go:20-45); on
 * Windows `$PACKER_CONFIG_DIR/packer.d`, else `%APPDATA%/packer.d` or `~/packer.d`
 * (config_file_windows.go:19-31, config_file.go:44-56). Undefined where Packer finds no home.
 */
function packerPluginFolder(env, platform = process.platform, exists = external_node_fs_.existsSync) {
    if (env.PACKER_PLUGIN_PATH)
        return env.PACKER_PLUGIN_PATH;
    const join = platform === 'win32' ? external_node_path_.win32.join : external_node_path_.posix.join;
    if (platform === 'win32') {
        if (env.PACKER_CONFIG_DIR)
            return join(env.PACKER_CONFIG_DIR, 'packer.d', 'plugins');
        const home = env.APPDATA || env.HOME;
        return home ? join(home, 'packer.d', 'plugins') : undefined;
    }
    if (env.PACKER_CONFIG_DIR)
        return join(env.PACKER_CONFIG_DIR, '.packer.d', 'plugins');
    const home = env.HOME;
    if (!home)
        return undefined;
    if (exists(join(home, '.packer.d')))
        return join(home, '.packer.d', 'plugins');
    return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'packer', 'plugins');
}
/**
 * Packer >= 1.11 takes one folder in PACKER_PLUGIN_PATH and fails on a list
 * (packer/plugin_folders.go:20-25).
 */
function checkPluginPath(value) {
    if (value.includes(external_node_path_.delimiter)) {
        throw new Error(`PACKER_PLUGIN_PATH is a list of folders ("${value}"); Packer 1.11 and later take one folder there: set it to the one that holds your plugins`);
    }
}
/** Packer does not look deeper than this below its folder (plugin-getter/plugins.go:197-209). */
const MAX_DEPTH = 17;
/**
 * Carries the files of Packer's default plugin folder into `to`, at the same paths below it,
 * so that plugins an earlier step installed there (`packer plugins install`, `packer init`)
 * stay visible when PACKER_PLUGIN_PATH points Packer at `to`. Each file is hard-linked, else
 * symlinked, else copied: the originals are never touched. `leaveOut` (a path below the
 * folder, `/`-separated) keeps a file out. Directories that are symlinks are passed by, as
 * Packer's walk passes them by (filepath.WalkDir). Returns what was carried and left out.
 */
function carryOver(from, to, leaveOut) {
    const carried = [];
    const leftOut = [];
    const walk = (dir, parts) => {
        if (parts.length > MAX_DEPTH)
            return;
        let entries;
        try {
            entries = external_node_fs_.readdirSync(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            const rel = [...parts, entry.name];
            const source = external_node_path_.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(source, rel);
                continue;
            }
            const file = entry.isFile() ? source : entry.isSymbolicLink() ? fileBehind(source) : undefined;
            if (file === undefined)
                continue;
            const relative = rel.join('/');
            if (leaveOut(relative)) {
                leftOut.push(relative);
                continue;
            }
            const target = external_node_path_.join(to, ...rel);
            external_node_fs_.mkdirSync(external_node_path_.dirname(target), { recursive: true });
            plugin_folders_link(file, target);
            carried.push(relative);
        }
    };
    walk(from, []);
    return { carried, leftOut };
}
/** The file a symlink leads to, or undefined for a directory or a dangling link. */
function fileBehind(link) {
    try {
        const real = external_node_fs_.realpathSync(link);
        return external_node_fs_.statSync(real).isFile() ? real : undefined;
    }
    catch {
        return undefined;
    }
}
function plugin_folders_link(from, to) {
    try {
        external_node_fs_.linkSync(from, to);
        return;
    }
    catch {
        // Another file system, or a file the user may not link to: try a symlink.
    }
    try {
        external_node_fs_.symlinkSync(from, to);
    }
    catch {
        external_node_fs_.copyFileSync(from, to);
        external_node_fs_.chmodSync(to, external_node_fs_.statSync(from).mode & 0o777);
    }
}
/** A folder of the action's own for this step, in RUNNER_TEMP, which the runner empties after the job. */
function ownPluginFolder(env) {
    const base = env.RUNNER_TEMP || external_node_os_.tmpdir();
    external_node_fs_.mkdirSync(base, { recursive: true });
    return external_node_fs_.mkdtempSync(external_node_path_.join(base, 'packer-plugins-'));
}

;// CONCATENATED MODULE: ./src/lineage/build-inputs.ts






/**
 * Everything a build reads that the action can know before Packer runs, for the fingerprint:
 * the template's folder, the files its components and functions name, `fingerprint-files`, the
 * plugins Packer may load, and the values of the variables it reads with env(). Base images
 * come from AWS (base-images.ts) and are added by the caller.
 */
function buildInputs(opts, template, packerVersion, env) {
    const cwd = opts.workingDirectory;
    const templateDir = template.directory ? opts.template : external_node_path_.dirname(opts.template);
    return {
        templateFiles: template.files,
        root: cwd,
        varFiles: opts.varFiles,
        variables: opts.variables,
        only: opts.only,
        except: opts.except,
        packerVersion,
        files: [templateDir, ...template.reads.files.map((f) => external_node_path_.resolve(cwd, f)), ...extraFiles(opts.fingerprintFiles, cwd)],
        ignore: template.manifests.map((m) => external_node_path_.resolve(cwd, m)),
        plugins: semver_default().gte(packerVersion, '1.10.0') ? installedPlugins(env) : [],
        env: Object.fromEntries(template.reads.envNames.map((name) => [name, env[name]]))
    };
}
/** `fingerprint-files` globs, relative to the working directory; one that matches nothing is a warning. */
function extraFiles(globs, cwd) {
    return globs.flatMap((glob) => {
        const found = (0,tinyglobby_dist/* globSync */.AZ)(glob, { cwd, dot: true, absolute: true, onlyFiles: true, expandDirectories: true });
        if (found.length === 0)
            core/* warning */.$e(`fingerprint-files: "${glob}" matches no file under ${cwd}`);
        return found;
    });
}
/**
 * Every plugin binary in the folder Packer >= 1.10 loads from (src/packer/plugin-folders.ts:
 * PACKER_PLUGIN_PATH, else Packer's default folder), with the checksum Packer's installer wrote
 * beside it. Versions are in the names, so a plugin that moves to another version changes the
 * list, whoever installed it.
 */
function installedPlugins(env) {
    const folder = packerPluginFolder(env);
    if (folder === undefined)
        return [];
    const found = [];
    for (const file of walk(folder)) {
        const name = external_node_path_.basename(file);
        if (!name.startsWith('packer-plugin-') || name.endsWith('_SHA256SUM'))
            continue;
        const sum = readOr(`${file}_SHA256SUM`);
        found.push(`${external_node_path_.relative(folder, file)} ${sum ?? `size ${external_node_fs_.statSync(file).size}`}`);
    }
    return found.sort();
}
function walk(dir) {
    let entries;
    try {
        entries = external_node_fs_.readdirSync(dir, { withFileTypes: true });
    }
    catch {
        return [];
    }
    // Carried-over plugins may be symbolic links to files; linked folders Packer passes by.
    return entries.flatMap((e) => (e.isDirectory() ? walk(external_node_path_.join(dir, e.name)) : e.isFile() || e.isSymbolicLink() ? [external_node_path_.join(dir, e.name)] : []));
}
function readOr(file) {
    try {
        return external_node_fs_.readFileSync(file, 'utf8').trim();
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/lineage/fingerprinting.ts

/**
 * The base images as AWS answers now, and how each moved since the newest earlier AMI of its
 * source: for `skip-unchanged`, started as soon as the template is read, beside the install.
 * The AWS SDK loads here, and only here, before Packer runs.
 */
async function lookUpBases(specs, repository) {
    if (specs.length === 0)
        return { bases: [], changes: [] };
    const [{ resolveBases }, { ec2Clients }, { ssmClients }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(943)]).then(__webpack_require__.bind(__webpack_require__, 71943)),
        Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 40201)),
        Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(935)]).then(__webpack_require__.bind(__webpack_require__, 7935))
    ]);
    const ec2 = ec2Clients();
    const bases = await resolveBases(specs, { ec2, ssm: ssmClients() });
    return { bases, changes: await baseChanges(bases, repository) };
}
/**
 * Without `skip-unchanged` nothing is looked up before the build: the bases are what Packer
 * printed (`Found Image ID`), which is what a later look-up of an unchanged base resolves to.
 */
async function basesFromPacker(specs, found, repository) {
    const bases = specs.map((spec) => {
        const id = Object.entries(found).find(([build]) => build === spec.source || build.endsWith(`.${spec.source}`))?.[1];
        return id === undefined ? { source: spec.source, region: spec.region, unknown: 'Packer printed no Found Image ID for it' } : { source: spec.source, region: spec.region, id };
    });
    return { bases, changes: await baseChanges(bases, repository) };
}
function fingerprintReport(prepared, blind, lookups) {
    const { bases, changes } = lookups;
    return {
        digest: finishFingerprint(prepared, bases.map(baseKey)),
        parts: { ...prepared.parts, bases: bases.map(baseKey).sort() },
        bases,
        blind: [...blind, ...bases.filter((b) => b.unknown !== undefined).map((b) => `base image of ${b.source}: ${b.unknown}`)],
        changes
    };
}
/** Best effort: a base whose history cannot be read has no change to report. */
async function baseChanges(bases, repository) {
    const known = bases.filter((b) => b.id !== undefined && b.region !== undefined);
    if (known.length === 0)
        return [];
    const [{ ec2Clients }, { previousBase }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(201)]).then(__webpack_require__.bind(__webpack_require__, 40201)), Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(776)]).then(__webpack_require__.bind(__webpack_require__, 58776))]);
    const ec2 = ec2Clients();
    const changes = [];
    for (const b of known) {
        const before = await previousBase(ec2(b.region), repository, b.source).catch(() => undefined);
        if (before === undefined || before.base === b.id)
            continue;
        changes.push({ source: b.source, previousAmi: before.ami, from: before.base, fromName: before.name, to: b.id, toName: b.name });
    }
    return changes;
}
/** One line per base for the fingerprint: what changes when the base moves on. */
function baseKey(base) {
    return `${base.source} ${base.region ?? '?'} ${base.id ?? `unknown: ${base.unknown ?? ''}`}`;
}

;// CONCATENATED MODULE: ./src/lineage/outputs.ts
/**
 * The `base-images` output: build → region of the base → the base's id and name. A built run
 * answers with what Packer printed; a reused run with the bases its fingerprint proved current.
 */
function baseImagesOutput(report) {
    const out = {};
    const parents = report.images?.parents;
    if (parents !== undefined && Object.keys(parents).length > 0) {
        for (const [build, p] of Object.entries(parents))
            out[build] = { [p.region]: { id: p.id, name: p.name, created: p.created } };
        return out;
    }
    for (const build of new Set(report.artifacts.map((a) => a.build))) {
        const base = report.lineage?.bases.find((b) => build === b.source || build.endsWith(`.${b.source}`));
        if (base?.id !== undefined && base.region !== undefined)
            out[build] = { [base.region]: { id: base.id, name: base.name, created: base.created } };
    }
    return out;
}

// EXTERNAL MODULE: ./src/packer/artifacts.ts
var packer_artifacts = __webpack_require__(68145);
;// CONCATENATED MODULE: ./src/outputs.ts

/**
 * The first build (by name) with an AMI answers `ami-id`: its AMI in the primary region, or
 * where it has none there, the first that Packer lists (its artifact id lists regions in
 * sorted order). Artifacts that are no AMI take no part.
 */
function amiOutputs(artifacts, primaryRegion) {
    const amis = (0,packer_artifacts/* amiArtifacts */.pe)(artifacts);
    if (amis.length === 0)
        return { amiId: '', amiIds: {} };
    const first = amis[0];
    const ofFirst = amis.filter((a) => a.build === first.build);
    const amiIds = Object.fromEntries(ofFirst.map((a) => [a.region, a.ami]));
    const amiId = (primaryRegion !== undefined ? amiIds[primaryRegion] : undefined) ?? first.ami;
    return { amiId, amiIds };
}

;// CONCATENATED MODULE: ./src/packer/args.ts
/** Packer command lines, pure. Variable values never appear here: only var-file paths. */
function shared(c) {
    return [
        ...c.varFiles.map((f) => `-var-file=${f}`),
        ...(c.only.length > 0 ? [`-only=${c.only.join(',')}`] : []),
        ...(c.except.length > 0 ? [`-except=${c.except.join(',')}`] : [])
    ];
}
function initArgs(template) {
    return ['init', template];
}
function fmtArgs(template) {
    return ['fmt', '-check', '-diff', template];
}
function validateArgs(c) {
    return ['validate', ...shared(c), c.template];
}
function buildArgs(c, flags) {
    return [
        'build',
        '-color=false',
        '-machine-readable',
        `-on-error=${flags.onError}`,
        ...(flags.parallelBuilds === undefined ? [] : [`-parallel-builds=${flags.parallelBuilds}`]),
        ...shared(c),
        c.template
    ];
}

;// CONCATENATED MODULE: ./src/packer/build-filter.ts
/**
 * Packer's `-only` / `-except`, pure, for the `builds` output.
 *
 * HCL2 templates: every pattern is a gobwas/glob pattern compiled without separators
 * (hashicorp/packer v1.16.0 hcl2template/utils.go `convertFilterOption`), matched against each
 * build's whole name (`pcb.Name()` in hcl2template/types.packer_config.go `GetBuilds`); a build
 * is kept when some `only` pattern matches it and no `except` pattern does. Packer 1.6.6 does
 * the same (its hcl2template/types.packer_config.go, gobwas/glob v0.2.3 vendored).
 *
 * Legacy JSON templates: names are compared exactly, and Packer sorts them (packer/core.go
 * `BuildNames`, both versions).
 */
/** The builds Packer runs for this filter, in Packer's order. Throws on a pattern Packer refuses. */
function selectBuilds(names, filter, hcl2) {
    const matcher = (input) => (pattern) => {
        if (!hcl2)
            return (name) => name === pattern;
        const re = globRegExp(pattern, input);
        return (name) => re.test(name);
    };
    const only = filter.only.map(matcher('only'));
    const except = filter.except.map(matcher('except'));
    const kept = names.filter((name) => (only.length === 0 || only.some((m) => m(name))) && !except.some((m) => m(name)));
    return hcl2 ? kept : [...kept].sort();
}
/**
 * gobwas/glob v0.2.3 without separators, as a RegExp over the whole name:
 * `*` and `**` any run of characters, `?` any one, `[abc]` `[!abc]` one of (or none of) the
 * listed characters, `[a-z]` `[!a-z]` one range, `{a,b}` alternatives (nested, and an
 * unclosed `{` ends with the pattern, as gobwas parses it), `\c` the character c. `,` outside
 * braces, `}` outside braces and `]` outside a class are plain characters.
 */
function globRegExp(pattern, input = 'only') {
    const chars = [...pattern];
    let i = 0;
    let depth = 0;
    let out = '';
    const invalid = (why) => new Error(`${input}: invalid pattern ${JSON.stringify(pattern)}: ${why}`);
    /** Text up to a breaker; a backslash makes the next character plain. */
    const text = (breakers) => {
        let data = '';
        while (i < chars.length) {
            let c = chars[i];
            if (c === '\\') {
                i++;
                if (i >= chars.length)
                    break;
                c = chars[i];
            }
            else if (breakers.includes(c)) {
                break;
            }
            data += c;
            i++;
        }
        return data;
    };
    /** gobwas's fetchRange and parserRange, once `[` has been read. */
    const range = () => {
        let not = false;
        let wantHi = false;
        let wantClose = false;
        let lo;
        let hi;
        let list = '';
        for (;;) {
            if (i >= chars.length)
                throw invalid('unexpected end of input');
            const c = chars[i++];
            if (wantClose) {
                if (c !== ']')
                    throw invalid('expected close range character');
                break;
            }
            if (wantHi) {
                hi = c;
                wantClose = true;
            }
            else if (!not && c === '!') {
                not = true;
            }
            else if (chars[i] === '-') {
                lo = c;
                i++;
                wantHi = true;
            }
            else {
                i--;
                list = text(']');
                wantClose = true;
            }
        }
        if (lo !== undefined && hi !== undefined) {
            if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0))
                throw invalid(`hi character '${hi}' should be greater than lo '${lo}'`);
            return `[${not ? '^' : ''}${classChar(lo)}-${classChar(hi)}]`;
        }
        if (list === '')
            throw invalid('could not parse range');
        return `[${not ? '^' : ''}${[...list].map(classChar).join('')}]`;
    };
    while (i < chars.length) {
        const c = chars[i];
        if (c === '{') {
            depth++;
            i++;
            out += '(?:';
        }
        else if (c === ',' && depth > 0) {
            i++;
            out += '|';
        }
        else if (c === '}' && depth > 0) {
            depth--;
            i++;
            out += ')';
        }
        else if (c === '[') {
            i++;
            out += range();
        }
        else if (c === '?') {
            i++;
            out += '.';
        }
        else if (c === '*') {
            while (chars[i] === '*')
                i++;
            out += '.*';
        }
        else {
            out += escapeRegExp(text(depth > 0 ? '?*[{},' : '?*[{'));
        }
    }
    out += ')'.repeat(depth);
    return new RegExp(`^(?:${out})$`, 'su');
}
function escapeRegExp(text) {
    return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
function classChar(c) {
    return /[\\\]^[-]/.test(c) ? `\\${c}` : c;
}

;// CONCATENATED MODULE: ./src/packer/grouped-log.ts
/**
 * Re-prints interleaved lines of parallel builds as one log group per build. Groups cannot
 * interleave, so one build at a time streams live; the others are held until it finishes.
 */
class GroupedLog {
    sink;
    live;
    held = new Map();
    finished = new Set();
    constructor(sink) {
        this.sink = sink;
    }
    write(text, build) {
        if (build === undefined || build === this.live)
            return this.sink.line(text);
        if (this.live === undefined) {
            this.open(build);
            return this.sink.line(text);
        }
        const lines = this.held.get(build) ?? [];
        lines.push(text);
        this.held.set(build, lines);
    }
    finish(build) {
        this.finished.add(build);
        if (build !== this.live)
            return;
        this.sink.endGroup();
        this.live = undefined;
        this.openNext();
    }
    /** Prints whatever is still held, at the end of the run. */
    close() {
        for (const build of this.held.keys())
            this.finished.add(build);
        if (this.live !== undefined)
            this.finish(this.live);
        else
            this.openNext();
    }
    open(build) {
        this.sink.startGroup(build);
        this.live = build;
    }
    openNext() {
        const next = this.held.keys().next();
        if (next.done)
            return;
        const build = next.value;
        const lines = this.held.get(build);
        this.held.delete(build);
        this.open(build);
        lines.forEach((text) => this.sink.line(text));
        if (this.finished.has(build))
            this.finish(build);
    }
}

;// CONCATENATED MODULE: ./src/packer/machine-readable.ts
/** Pure parser for `packer -machine-readable` lines: `timestamp,target,type,data...`. */
/** Packer writes `%!(PACKER_COMMA)` for a comma inside a field and `\n` for a newline. */
function unescapeField(field) {
    return field.replace(/%!\(PACKER_COMMA\)/g, ',').replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}
/**
 * Every `ui` line has an empty target: a build's own lines carry its name as a text prefix,
 * `==> NAME: ` (Say and Error; Message too from 1.13 on) or `    NAME: ` (Message up to 1.12),
 * and a post-processor's `NAME (TYPE): ` (packer/ui.go `TargetedUI.prefixLines`, packer/build.go).
 * NAME is a JSON builder's name, or HCL2's `type.name` behind an optional build block name, the
 * one part that may hold spaces (bounded, so a long line without a colon costs no backtracking).
 * Core's own `\n==> ...` lines and HCP's untargeted `==> Assigning version ...` match neither.
 */
const BUILD_PREFIX = /^(?:==>| {3}) ([^\s:]+|[^:\n]{0,200}\.[\w-]+\.[\w-]+)(?: \([\w-]+\))?:(?: |$)/;
const BUILD_END = /^Build '(.+?)' (?:finished|errored) after /;
/** The build whose output a ui line is, by its `==> NAME: ` prefix; undefined for core's own lines. */
function prefixedBuild(text) {
    return BUILD_PREFIX.exec(text)?.[1];
}
/** Which build a ui line speaks of; the closing `--> build:` summary lines belong to none. */
function buildOfText(text) {
    return prefixedBuild(text) ?? BUILD_END.exec(text)?.[1];
}
/** True for the line Packer prints when a build is over, whatever its outcome. */
function endsBuild(text) {
    return BUILD_END.test(text);
}
function parseLine(line) {
    const fields = line.replace(/\r$/, '').split(',');
    if (fields.length < 3 || !/^\d+$/.test(fields[0]))
        return undefined;
    const [, target, type, ...rest] = fields;
    const data = rest.map(unescapeField);
    if (type === 'ui' && data.length >= 2 && isUiLevel(data[0])) {
        const text = data.slice(1).join(',');
        return { kind: 'ui', level: data[0], text, build: buildOfText(text) };
    }
    if (type === 'artifact' && target !== '' && data.length >= 2 && /^\d+$/.test(data[0])) {
        return { kind: 'artifact', build: target, index: Number(data[0]), field: data[1], value: data.slice(2).join(',') };
    }
    if (type === 'error' && target !== '')
        return { kind: 'error', build: target, text: data.join(',') };
    return { kind: 'other', target, type, data };
}
function isUiLevel(value) {
    return value === 'say' || value === 'message' || value === 'error';
}

;// CONCATENATED MODULE: ./src/packer/manifest.ts

/**
 * AMIs of the last run recorded in a manifest file. The file appends across runs, so only the
 * entries of its `last_run_uuid` count; `name` is the source label, not the full build name.
 */
function manifestArtifacts(text) {
    const manifest = JSON.parse(text);
    const run = manifest.last_run_uuid;
    const builds = (manifest.builds ?? []).filter((b) => run !== undefined && b.packer_run_uuid === run);
    return (0,packer_artifacts/* sortArtifacts */.EP)(builds.flatMap((b) => (0,packer_artifacts/* amisOfArtifactId */.jf)(b.artifact_id ?? '').map(({ region, ami }) => ({
        build: b.name ?? '',
        builder: b.builder_type ?? '',
        region,
        ami
    }))));
}
/** AMIs that one source names and the other does not, both ways. */
function compareAmis(stream, manifest) {
    const inStream = new Set(stream.map((a) => a.ami));
    const inManifest = new Set(manifest.map((a) => a.ami));
    return {
        onlyInStream: [...inStream].filter((ami) => !inManifest.has(ami)),
        onlyInManifest: [...inManifest].filter((ami) => !inStream.has(ami))
    };
}

;// CONCATENATED MODULE: ./src/packer/outcome.ts

// hashicorp/packer @ v1.6.6 … v1.16.0 : command/build.go. Durations are durafmt's ("1 second
// 445 milliseconds"), which hold no colon.
const FINISHED = /^Build '(.+?)' finished after /;
const ERRORED = /^Build '(.+?)' errored after [^:]*: ([\s\S]*)$/;
// The closing list (`\n==> Some builds didn't complete successfully and had errors:`, then
// `--> NAME: err` per build) repeats what the targeted `error` lines say.
const ERROR_LIST = /^\s*==> Some builds didn't complete successfully and had errors:\s*$/;
const LISTED = /^--> /;
// command/build.go (v1.11.0 … v1.16.0) skips a build HCP Packer has done for this fingerprint
// with an untargeted ui,say; as `errors.As` there looks for a value where
// internal/hcp/registry/types.bucket.go returns a pointer, the skip most likely reaches
// `writeDiags` instead, as this ui,error. Names are Go-quoted (%q).
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const SKIPPED = [
    new RegExp(`^skipping already done build ${QUOTED}$`),
    new RegExp(`^Error: hcp: failed to start build ${QUOTED}\\s+build is already done\\s*$`)
];
/** A Go-quoted name back to its text; its escapes are JSON's for any name a template can hold. */
function unquote(inner) {
    try {
        return JSON.parse(`"${inner}"`);
    }
    catch {
        return inner;
    }
}
/** The build HCP Packer skipped, if the line says so. */
function skippedBuild(text) {
    for (const pattern of SKIPPED) {
        const m = pattern.exec(text);
        if (m !== null)
            return unquote(m[1]);
    }
    return undefined;
}
/**
 * How a run went, from its events: the errors Packer printed, the builds HCP Packer skipped,
 * the builds that ran to an end. A `ui,error` line with a build's `==> NAME: ` prefix is that
 * build's output (a provisioner's stderr, a plugin's message) and no failure by itself: a
 * build that fails says so in `Build 'NAME' errored` and its `error` line.
 */
class RunOutcome {
    general = [];
    byBuild = new Map();
    skippedBuilds = new Set();
    ranBuilds = new Set();
    add(event) {
        if (event.kind === 'error')
            return this.buildError(event.build, event.text);
        if (event.kind !== 'ui')
            return;
        const text = event.text;
        const skipped = skippedBuild(text);
        if (skipped !== undefined) {
            this.skippedBuilds.add(skipped);
            return;
        }
        const finished = FINISHED.exec(text);
        if (finished !== null)
            this.ranBuilds.add(finished[1]);
        if (event.level !== 'error' || prefixedBuild(text) !== undefined)
            return;
        const errored = ERRORED.exec(text);
        if (errored !== null) {
            this.ranBuilds.add(errored[1]);
            return this.buildError(errored[1], errored[2]);
        }
        if (ERROR_LIST.test(text) || LISTED.test(text))
            return;
        const message = text.trim();
        if (message !== '' && !this.general.includes(message))
            this.general.push(message);
    }
    /** The run's own errors first, as printed; then each build's, builds by name. */
    errors() {
        const builds = [...this.byBuild.keys()].sort();
        return [
            ...this.general.map((text) => ({ text })),
            ...builds.flatMap((build) => this.byBuild.get(build).map((text) => ({ build, text })))
        ];
    }
    /** Builds HCP Packer skipped as already done, by name. */
    skipped() {
        return [...this.skippedBuilds].sort();
    }
    /** True when HCP Packer skipped every build and nothing else happened: nothing to make. */
    allSkipped() {
        return this.skippedBuilds.size > 0 && this.ranBuilds.size === 0 && this.byBuild.size === 0 && this.general.length === 0;
    }
    buildError(build, text) {
        const message = text.trim();
        const list = this.byBuild.get(build) ?? [];
        if (message !== '' && !list.includes(message))
            list.push(message);
        this.byBuild.set(build, list);
    }
}
/** Longest message quoted whole; Packer's longest (HCL diagnostics with the known-builders list) fit. */
const MAX_MESSAGE_CHARS = 2_000;
/** Past this many, the rest are counted, not quoted: the log has them all. */
const MAX_MESSAGES = 20;
/** Errors as the step's error and the report quote them: `NAME: text` for a build's own. */
function describeErrors(errors) {
    const lines = errors.slice(0, MAX_MESSAGES).map((e) => clip(e.build === undefined ? e.text : `${e.build}: ${e.text}`));
    if (errors.length > MAX_MESSAGES)
        lines.push(`… and ${errors.length - MAX_MESSAGES} more errors (see the log)`);
    return lines;
}
/**
 * Why the step fails, if it does, quoting what Packer printed: a non-zero exit, or a run that
 * made no artifact at all, unless HCP Packer skipped every build as done already.
 */
function failureOf(run, outcome, artifactCount) {
    const errors = describeErrors(outcome.errors());
    if (run.code !== 0) {
        const reasons = errors.length > 0 ? errors : [clip(run.stderr) || `exit code ${run.code}`];
        return `packer build failed:\n${reasons.join('\n')}`;
    }
    if (artifactCount > 0 || outcome.allSkipped())
        return undefined;
    const said = errors.length > 0 ? `:\n${errors.join('\n')}` : '';
    return `packer build succeeded but produced no artifact${said}`;
}
/** One message, trimmed and cut to `MAX_MESSAGE_CHARS`. */
function clip(text) {
    const message = text.trim();
    if (message.length <= MAX_MESSAGE_CHARS)
        return message;
    return `${message.slice(0, MAX_MESSAGE_CHARS).trimEnd()} … (cut: ${message.length - MAX_MESSAGE_CHARS} more characters in the log)`;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:readline"
var external_node_readline_ = __webpack_require__(80481);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(46193);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
;// CONCATENATED MODULE: ./src/packer/direct.ts

/**
 * Packer without its second process. Every Packer command starts the 100 MB binary twice: the
 * first copy (panicwrap's parent) runs the second, keeps its log, routes its output and reports a
 * crash. Packer skips that when PACKER_WRAP_COOKIE holds its cookie, "as it's already wrapped,
 * i.e. when terraform runs it" (hashicorp/packer main.go `realMain`, the same cookie from v1.6.6
 * to v1.16.0). The action reads Packer's output itself, so it does the parent's work here, and
 * each Packer command costs one start of the binary instead of two.
 *
 * What the parent did, and where it is done now (main.go at v1.16.0):
 * - It made PACKER_RUN_UUID, which the manifest post-processor records and HCP Packer reads:
 *   `directEnv` makes one per command.
 * - It kept the log (the child writes it to stderr, `wrappedMain`), and showed it only when
 *   PACKER_LOG or PACKER_LOG_PATH asked (log.go `logOutput`): with either set, Packer keeps its
 *   parent, and everything stays as Packer does it.
 * - It told a crash from the log (Go prints a panic to stderr and exits with 2): `crashReport`.
 * - It sent stdout lines that begin with `e:` to stderr and stripped `o:` (`copyOutput`, for the
 *   errors Packer prints before its CLI runs): `routeLine`.
 */
const COOKIE_KEY = 'PACKER_WRAP_COOKIE';
const COOKIE_VALUE = '49C22B1A-3A93-4C98-97FA-E07D18C787B5';
/** The environment for one Packer command without its parent, or undefined if Packer keeps it. */
function directEnv(env) {
    const log = env.PACKER_LOG ?? '';
    if ((log !== '' && log !== '0') || (env.PACKER_LOG_PATH ?? '') !== '')
        return undefined;
    return { ...env, [COOKIE_KEY]: COOKIE_VALUE, PACKER_RUN_UUID: (0,external_node_crypto_.randomUUID)() };
}
/** Where a stdout line of Packer without its parent goes, as the parent would have sent it. */
function routeLine(line) {
    if (line.startsWith('e:'))
        return { stream: 'stderr', text: line.slice(2).replace(/^ /, '') };
    if (line.startsWith('o:'))
        return { stream: 'stdout', text: line.slice(2).replace(/^ /, '') };
    return { stream: 'stdout', text: line };
}
/** Lines of a crash shown at most: the panic and the first goroutine's stack. */
const CRASH_LINES = 60;
/**
 * What of Packer's stderr (its log, without the parent) a user is shown: nothing, unless Packer
 * crashed. Then the Go runtime's report, from its `panic:` or `fatal error:` line on, as the
 * parent would have shown it.
 */
function crashReport(log, code) {
    if (code === 0)
        return '';
    const lines = log.split('\n');
    const start = lines.findIndex((line) => /^(panic: |fatal error: )/.test(line));
    if (start < 0)
        return '';
    const shown = lines.slice(start, start + CRASH_LINES);
    const cut = lines.length - start - shown.length;
    return `Packer crashed:\n${shown.join('\n').trimEnd()}${cut > 0 ? `\n… ${cut} more lines` : ''}`;
}

;// CONCATENATED MODULE: ./src/packer/run.ts






/** What Packer printed on both streams, for an error message or a report. */
function printed(run) {
    return (run.stdout + '\n' + run.stderr).trim();
}
const FORWARDED = ['SIGINT', 'SIGTERM'];
/** How much of Packer's log (its stderr without its parent) is kept to find a crash in. */
const LOG_TAIL_BYTES = 512 * 1024;
/**
 * Runs Packer without a shell, in its own process group, and without its second process
 * (direct.ts) unless PACKER_LOG asks for Packer's log. With its parent, Packer ignores a SIGINT
 * sent to its PID alone, so the runner's SIGINT and SIGTERM are forwarded to the whole group
 * either way: Packer's own cleanup starts at once.
 */
async function runPacker(binary, args, opts) {
    const direct = directEnv(opts.env);
    if (direct === undefined)
        return spawnPacker(binary, args, opts);
    const shown = [];
    const errors = [];
    const onLine = (line) => {
        const routed = routeLine(line);
        if (routed.stream === 'stderr')
            return void errors.push(routed.text);
        shown.push(routed.text);
        opts.onLine?.(routed.text);
    };
    const run = await spawnPacker(binary, args, { ...opts, env: direct, onLine });
    const stderr = [...errors, crashReport(run.stderr, run.code)].filter((part) => part !== '').join('\n');
    return { code: run.code, stdout: shown.join('\n'), stderr };
}
function spawnPacker(binary, args, opts) {
    return opts.outputFile !== undefined ? runIntoFile(binary, args, opts, opts.outputFile) : runPiped(binary, args, opts);
}
function runPiped(binary, args, opts) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(binary, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        const forward = (signal) => {
            if (child.pid !== undefined && child.exitCode === null)
                process.kill(-child.pid, signal);
        };
        for (const signal of FORWARDED)
            process.on(signal, forward);
        if (child.pid !== undefined)
            opts.onStart?.(child.pid);
        const out = [];
        const err = [];
        const lines = (0,external_node_readline_.createInterface)({ input: child.stdout });
        lines.on('line', (line) => {
            out.push(line);
            opts.onLine?.(line);
        });
        let kept = 0;
        child.stderr.setEncoding('utf8').on('data', (chunk) => {
            err.push(chunk);
            kept += chunk.length;
            while (kept > LOG_TAIL_BYTES && err.length > 1)
                kept -= err.shift()?.length ?? 0;
        });
        child.on('error', (e) => {
            for (const signal of FORWARDED)
                process.off(signal, forward);
            reject(new Error(`could not start ${binary}: ${e.message}`));
        });
        const closed = new Promise((done) => lines.on('close', done));
        child.on('exit', (code, signal) => {
            for (const s of FORWARDED)
                process.off(s, forward);
            void closed.then(() => resolve({ code: code ?? (signal === null ? 1 : 128), stdout: out.join('\n'), stderr: err.join('') }));
        });
    });
}
/** How often the growing output file is read while Packer runs. */
const TAIL_MS = 25;
async function runIntoFile(binary, args, opts, file) {
    const errFile = `${file}.stderr`;
    const out = external_node_fs_.openSync(file, 'a', 0o600);
    const err = external_node_fs_.openSync(errFile, 'a', 0o600);
    let child;
    try {
        child = (0,external_node_child_process_.spawn)(binary, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', out, err] });
    }
    finally {
        external_node_fs_.closeSync(out);
        external_node_fs_.closeSync(err);
    }
    const forward = (signal) => {
        opts.onSignal?.(signal);
        if (child.pid !== undefined && child.exitCode === null) {
            try {
                process.kill(-child.pid, signal);
            }
            catch {
                // The group is gone already.
            }
        }
    };
    for (const signal of FORWARDED)
        process.on(signal, forward);
    let settled;
    const exited = new Promise((resolve) => {
        child.once('error', (e) => resolve(void (settled = new Error(`could not start ${binary}: ${e.message}`))));
        child.once('exit', (code, signal) => resolve(void (settled = { code, signal })));
    });
    try {
        if (child.pid !== undefined)
            opts.onStart?.(child.pid);
        const lines = [];
        const tail = new FileTail(file, (line) => {
            lines.push(line);
            opts.onLine?.(line);
        });
        while (settled === undefined) {
            tail.read();
            await Promise.race([(0,promises_.setTimeout)(TAIL_MS), exited]);
        }
        if (settled instanceof Error)
            throw settled;
        tail.read();
        tail.flush();
        const { code, signal } = settled;
        return { code: code ?? (signal === null ? 1 : 128), stdout: lines.join('\n'), stderr: readTail(errFile, LOG_TAIL_BYTES) };
    }
    finally {
        for (const s of FORWARDED)
            process.off(s, forward);
    }
}
/** The last `bytes` of a file, from the first whole line in them. */
function readTail(file, bytes) {
    const fd = external_node_fs_.openSync(file, 'r');
    try {
        const size = external_node_fs_.fstatSync(fd).size;
        const start = Math.max(0, size - bytes);
        const buffer = Buffer.alloc(size - start);
        external_node_fs_.readSync(fd, buffer, 0, buffer.length, start);
        const text = buffer.toString('utf8');
        return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}
/** Reads a file as it grows, line by line; a last line without its newline waits for flush(). */
class FileTail {
    file;
    onLine;
    position = 0;
    partial = '';
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    constructor(file, onLine) {
        this.file = file;
        this.onLine = onLine;
    }
    read() {
        const fd = external_node_fs_.openSync(this.file, 'r');
        try {
            const buffer = Buffer.alloc(64 * 1024);
            for (;;) {
                const n = external_node_fs_.readSync(fd, buffer, 0, buffer.length, this.position);
                if (n === 0)
                    break;
                this.position += n;
                const text = this.partial + this.decoder.write(buffer.subarray(0, n));
                const parts = text.split('\n');
                this.partial = parts.pop() ?? '';
                for (const line of parts)
                    this.onLine(line.replace(/\r$/, ''));
            }
        }
        finally {
            external_node_fs_.closeSync(fd);
        }
    }
    flush() {
        if (this.partial !== '')
            this.onLine(this.partial);
        this.partial = '';
    }
}

;// CONCATENATED MODULE: ./src/untrusted-output.ts


/**
 * Text the action relays from Packer, its plugins, provisioners and the template may hold lines
 * that the runner reads as workflow commands (`::add-mask::`, `::set-output`, `::endgroup::`).
 * It goes out between `::stop-commands::<token>` and `::<token>::`, GitHub's documented defence,
 * with a fresh random token per span that the text cannot guess. A span opens at the first
 * untrusted line and closes before the action's own next command, or at the end of the current
 * turn of the event loop at the latest, so nothing the action itself prints is ever disabled.
 */
let untrusted_output_token;
/** Writes text (one or more lines) that did not come from the action, inside a span. */
function printUntrusted(text) {
    if (untrusted_output_token === undefined) {
        untrusted_output_token = (0,external_node_crypto_.randomBytes)(16).toString('hex');
        write(`::stop-commands::${untrusted_output_token}`);
        queueMicrotask(endUntrusted);
    }
    write(text);
}
/** Closes the open span, if any: call before the action's own commands (groups, annotations). */
function endUntrusted() {
    if (untrusted_output_token === undefined)
        return;
    const resume = untrusted_output_token;
    untrusted_output_token = undefined;
    write(`::${resume}::`);
}
function write(line) {
    process.stdout.write(line + external_node_os_.EOL);
}

;// CONCATENATED MODULE: ./src/lineage/found-images.ts
/**
 * The base image each build started from, as Packer says it: `Found Image ID: ami-…` after the
 * build's prefix. packer-plugin-amazon v1.8.2 prints it with ui.Say (common/step_source_ami_info.go
 * line 71: `==> amazon-ebs.web: Found Image ID: ami-…`); Packer 1.6.6's built-in builder with
 * ui.Message (builder/amazon/common/step_source_ami_info.go line 94: four spaces, then the build).
 */
const FOUND = /: Found Image ID: (ami-[0-9a-f]+)\s*$/;
function foundImage(event) {
    if (event.kind !== 'ui' || event.build === undefined)
        return undefined;
    const ami = FOUND.exec(event.text)?.[1];
    return ami === undefined ? undefined : { build: event.build, ami };
}
/**
 * Keeps the base of `event`'s build in `found` when it is the build's first `Found Image ID` line:
 * that one is Packer's. Every amazon builder finds its source AMI before any provisioner runs
 * (packer-plugin-amazon v1.8.2: StepSourceAMIInfo before StepProvision in builder/ebs/builder.go,
 * lines 313 and 395, and likewise in ebssurrogate, ebsvolume, instance and chroot; Packer 1.6.6's
 * builder/amazon/ebs/builder.go, lines 234 and 301). A later line of the same form is a
 * provisioner's output, which may say anything. Not so for an amazon-chroot build with
 * `from_scratch`, which looks up no source AMI (v1.8.2 builder/chroot/builder.go line 452): there a
 * provisioner's line would be taken; such builds start from no image and are not told apart here.
 */
function noteFoundImage(found, event) {
    const base = foundImage(event);
    if (base !== undefined)
        found[base.build] ??= base.ami;
}

;// CONCATENATED MODULE: ./src/packer/build.ts












/** A failed run still has products: every artifact Packer reported is kept and reported. */
class BuildFailure extends Error {
    artifacts;
    constructor(message, artifacts) {
        super(message);
        this.artifacts = artifacts;
    }
}
/**
 * Runs `packer build`, parsing its machine-readable stream live into a readable grouped log.
 * Packer writes into a file that outlives this process; its path, Packer's process group, the
 * start time and the regions go to the action's state, so the post step can wait for a Packer
 * that survived the step, read everything it printed, and remove what unfinished builds left.
 */
async function build(req) {
    const collector = new packer_artifacts/* ArtifactCollector */.A8();
    const outcome = new RunOutcome();
    const found = {};
    core/* saveState */.LZ(constants/* State */.Uw.runStart, new Date().toISOString());
    core/* saveState */.LZ(constants/* State */.Uw.regions, JSON.stringify(req.knownRegions));
    req.regions.then((all) => core/* saveState */.LZ(constants/* State */.Uw.regions, JSON.stringify(all))).catch(() => undefined);
    core/* saveState */.LZ(constants/* State */.Uw.onError, req.onError);
    core/* saveState */.LZ(constants/* State */.Uw.packerOutput, req.outputFile);
    // Packer's lines are untrusted text; the groups are the action's own commands.
    const log = new GroupedLog({
        startGroup: (name) => {
            endUntrusted();
            core/* startGroup */.Oh(name);
        },
        endGroup: () => {
            endUntrusted();
            core/* endGroup */.N4();
        },
        line: printUntrusted
    });
    const run = await runPacker(req.binary, req.args, {
        cwd: req.cwd,
        env: req.env,
        outputFile: req.outputFile,
        onStart: (pid) => core/* saveState */.LZ(constants/* State */.Uw.packerPid, String(pid)),
        onSignal: () => core/* saveState */.LZ(constants/* State */.Uw.cancelled, 'true'),
        onLine: (line) => {
            const event = parseLine(line);
            if (event === undefined)
                return log.write(line);
            collector.add(event);
            outcome.add(event);
            noteFoundImage(found, event);
            if (event.kind !== 'ui')
                return;
            log.write(event.text, event.build);
            if (event.build !== undefined && endsBuild(event.text))
                log.finish(event.build);
        }
    });
    log.close();
    if (run.stderr.trim() !== '')
        printUntrusted(run.stderr);
    endUntrusted();
    const artifacts = collector.artifacts();
    const failure = failureOf(run, outcome, artifacts.length);
    // Packer ran to its end, its own cleanup included: the post step only checks its work.
    core/* saveState */.LZ(constants/* State */.Uw.packerExited, 'true');
    if (failure !== undefined)
        throw new BuildFailure(failure, artifacts);
    const errors = describeErrors(outcome.errors());
    const skipped = outcome.skipped();
    for (const message of errors)
        core/* warning */.$e(message);
    if (skipped.length > 0)
        core/* info */.pq(`HCP Packer has these builds done for its fingerprint; skipped: ${skipped.join(', ')}`);
    const manifest = readManifest(req.cwd, await req.manifests, (0,packer_artifacts/* amiArtifacts */.pe)(artifacts));
    return { artifacts, manifest, skipped, errors, found };
}
/** Cross-checks the stream with the manifest of this run; a mismatch is worth a warning. */
function readManifest(cwd, manifests, artifacts) {
    const file = manifests.map((m) => external_node_path_.resolve(cwd, m)).find((m) => external_node_fs_.existsSync(m));
    if (file === undefined)
        return undefined;
    const { onlyInStream, onlyInManifest } = compareAmis(artifacts, manifestArtifacts(external_node_fs_.readFileSync(file, 'utf8')));
    if (onlyInStream.length > 0 || onlyInManifest.length > 0) {
        core/* warning */.$e(`${file} does not match Packer's output: only in the output: ${onlyInStream.join(', ') || 'none'}; ` +
            `only in the manifest: ${onlyInManifest.join(', ') || 'none'}`);
    }
    return file;
}

;// CONCATENATED MODULE: ./src/packer/init.ts




/** Installs the template's plugins; the token lifts GitHub's anonymous rate limit on downloads. */
async function init(binary, template, cwd, env, token) {
    const run = await runPacker(binary, initArgs(template), {
        cwd,
        env: token === '' ? env : { ...env, PACKER_GITHUB_API_TOKEN: token }
    });
    if (run.code !== 0)
        throw new Error(`packer init failed:\n${printed(run)}`);
    if (run.stdout.trim() === '')
        return core/* info */.pq('packer init: plugins up to date');
    printUntrusted(run.stdout.trim());
    endUntrusted();
}

// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(59805);
;// CONCATENATED MODULE: ./src/packer/release.ts



async function fetchReleaseIndex(mirror, product) {
    const url = `${mirror}/${product}/index.json`;
    const file = await fetchFile(url);
    try {
        const index = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
        if (typeof index.versions !== 'object' || index.versions === null)
            throw new Error('no "versions" object');
        return index;
    }
    catch (err) {
        throw new Error(`packer-mirror: ${url} is not a release index (${err.message})`, { cause: err });
    }
}
/**
 * Downloads the zip, SHA256SUMS and its signature; checks the signature with the key, then the
 * zip's SHA-256 against SUMS. Returns the verified zip's path; any failure names the check.
 */
async function downloadVerified(site, d) {
    const base = `${site.mirror}/${d.product}/${d.version}`;
    const sumsName = `${d.product}_${d.version}_SHA256SUMS`;
    // OpenPGP is most of the bundle's weight and only a download needs it: it loads beside the download.
    const verifying = verifier();
    verifying.catch(() => undefined);
    const [zipPath, sumsPath, sigPath] = await Promise.all([
        fetchFile(`${base}/${d.zipName}`),
        fetchFile(`${base}/${sumsName}`),
        site.verifySignature ? downloadSignature(base, sumsName, site.signingKey) : Promise.resolve(undefined)
    ]).catch((err) => {
        throw labelled(d.label, err);
    });
    const sums = external_node_fs_.readFileSync(sumsPath);
    const { verifyChecksum, verifySignature } = await verifying;
    try {
        if (sigPath === undefined) {
            core/* warning */.$e(`verify-signature is false: ${sumsName} is not checked against a signing key`);
        }
        else {
            await verifySignature(sums, external_node_fs_.readFileSync(sigPath), site.signingKey);
            core/* info */.pq(`Signature on ${sumsName} verified`);
        }
        verifyChecksum(sums.toString('utf8'), d.zipName, external_node_fs_.readFileSync(zipPath));
    }
    catch (err) {
        throw labelled(d.label, err);
    }
    core/* info */.pq(`SHA-256 of ${d.zipName} verified`);
    return zipPath;
}
let verifyModule;
function verifier() {
    verifyModule ??= Promise.all(/* import() */[__webpack_require__.e(74), __webpack_require__.e(253)]).then(__webpack_require__.bind(__webpack_require__, 65253));
    return verifyModule;
}
function labelled(label, err) {
    const message = err instanceof Error ? err.message : String(err);
    return new Error(label === '' ? message : `${label}: ${message}`, { cause: err });
}
/** The key-id-suffixed signature is the current one; older releases only have the plain name. */
async function downloadSignature(base, sumsName, signingKey) {
    const keyId = await (await verifier()).keyIdSuffix(signingKey);
    for (const name of [`${sumsName}.${keyId}.sig`, `${sumsName}.sig`]) {
        try {
            return await fetchFile(`${base}/${name}`);
        }
        catch (err) {
            if (!(err instanceof DownloadError) || err.status !== 404)
                throw err;
        }
    }
    throw new Error(`signature check failed: ${base} has neither ${sumsName}.${keyId}.sig nor ${sumsName}.sig`);
}
/** True when `err`, or an error it was caused by, is a download the mirror answered with 404. */
function isNotFound(err) {
    for (let e = err; e instanceof Error; e = e.cause)
        if (e instanceof DownloadError && e.status === 404)
            return true;
    return false;
}
class DownloadError extends Error {
    status;
    constructor(url, status, cause) {
        super(`download of ${url} failed: ${cause}`);
        this.status = status;
    }
}
/** tool-cache retries 5xx, 408, 429 and network errors; this only names the URL that failed. */
async function fetchFile(url) {
    try {
        return await tool_cache/* downloadTool */.bq(url);
    }
    catch (err) {
        const status = err instanceof tool_cache/* HTTPError */.Hl ? err.httpStatusCode : undefined;
        throw new DownloadError(url, status, status === undefined ? err.message : `HTTP ${status}`);
    }
}

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(20663);
;// CONCATENATED MODULE: ./src/packer/unzip.ts






const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** Inflated in pieces of 1 MiB: in zlib's default 16 KiB, each a trip to libuv's threads and back, Packer took 575 ms. */
const PIECE = 1024 * 1024;
/**
 * Extracts every file of a verified zip into `dir`, each with the permissions it was stored with
 * (so Packer and its plugins stay executable). yauzl reads the zip's directory and each entry's
 * bytes, Node's zlib inflates them: Packer 1.6.6's 107 MB binary in about 240 ms, where Info-ZIP's
 * `unzip` (what @actions/tool-cache runs on Linux) took about 600 ms on this project's machine.
 * yauzl refuses names that are absolute or climb out with `..`; an entry whose size differs
 * from the zip's directory, a method other than stored or deflated and a symbolic link are
 * refused here. Every error starts with the zip's name, and the entry's where one is at fault.
 * The zip's own SHA-256 was checked before this runs (it stands in for the CRC-32
 * that unzip checks).
 */
async function unzip(zipPath, dir) {
    const name = external_node_path_.basename(zipPath);
    // yauzl's and zlib's own messages ("invalid relative path: ../evil", "unexpected EOF") name no zip.
    await extract(zipPath, dir).catch((err) => {
        throw err.message.startsWith(`${name}: `) ? err : new Error(`${name}: ${err.message}`, { cause: err });
    });
}
async function extract(zipPath, dir) {
    const zip = await new Promise((resolve, reject) => yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, z) => (err ? reject(err) : resolve(z))));
    try {
        for (let entry = await next(zip); entry !== undefined; entry = await next(zip)) {
            const target = external_node_path_.join(dir, entry.fileName);
            if (entry.fileName.endsWith('/')) {
                external_node_fs_.mkdirSync(target, { recursive: true });
                continue;
            }
            const mode = entry.externalFileAttributes >>> 16;
            if ((mode & S_IFMT) === S_IFLNK)
                throw new Error(`${external_node_path_.basename(zipPath)}: ${entry.fileName} is a symbolic link; a release holds plain files`);
            external_node_fs_.mkdirSync(external_node_path_.dirname(target), { recursive: true });
            await extractEntry(zip, entry, target, zipPath);
            // A zip made on Windows stores no unix mode: the file keeps the default, as with unzip.
            if ((mode & 0o777) !== 0)
                external_node_fs_.chmodSync(target, mode & 0o777);
        }
    }
    finally {
        zip.close();
    }
}
async function extractEntry(zip, entry, target, zipPath) {
    const named = `${external_node_path_.basename(zipPath)}: ${entry.fileName}`;
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        throw new Error(`${named} is compressed with method ${entry.compressionMethod}; a release uses deflate`);
    // The entry's bytes are read straight from the zip in 1 MiB pieces (yauzl's own stream reads
    // in 16 KiB ones: a 100 MB stored plugin took 1.6 s); yauzl finds where they start, and
    // checks they end inside the file.
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
        throw new Error(`${named}: compressed/uncompressed size mismatch for stored file: ${entry.compressedSize} != ${entry.uncompressedSize}`);
    }
    // An empty file has no bytes to read (a stream's `end` is inclusive).
    const raw = entry.compressedSize === 0 ? external_node_stream_.Readable.from([]) : external_node_fs_.createReadStream(zipPath, { start: fileDataStart, end: fileDataStart + entry.compressedSize - 1, highWaterMark: PIECE });
    const out = external_node_fs_.createWriteStream(target, { highWaterMark: PIECE });
    await (entry.compressionMethod === 8 ? (0,external_node_stream_promises_.pipeline)(raw, (0,external_node_zlib_.createInflateRaw)({ chunkSize: PIECE }), out) : (0,external_node_stream_promises_.pipeline)(raw, out)).catch((err) => {
        throw new Error(`${named}: ${err.message}`, { cause: err });
    });
    if (out.bytesWritten !== entry.uncompressedSize)
        throw new Error(`${named} unzips to ${out.bytesWritten} bytes where the zip's directory says ${entry.uncompressedSize}`);
}
/** The zip's next entry, or undefined after the last. */
function next(zip) {
    return new Promise((resolve, reject) => {
        const done = () => {
            zip.off('entry', found);
            zip.off('end', ended);
            zip.off('error', failed);
        };
        const found = (e) => (done(), resolve(e));
        const ended = () => (done(), resolve(undefined));
        const failed = (err) => (done(), reject(err));
        zip.on('entry', found);
        zip.on('end', ended);
        zip.on('error', failed);
        zip.readEntry();
    });
}

;// CONCATENATED MODULE: ./src/packer/tool-cache.ts





/**
 * Extracts a verified zip straight into the runner's tool cache, where `tc.find` looks for it:
 * `$RUNNER_TOOL_CACHE/<tool>/<version>/<arch>`, found only once `<arch>.complete` exists (the
 * layout of @actions/tool-cache 4.0.0, lib/tool-cache.js `_createToolPath`, `_completeToolPath`
 * and `find`). `tc.cacheDir` would extract into a temporary folder and then copy every file, a
 * second write of Packer's 100 MB. `check` runs on the extracted folder before it is marked
 * complete: a folder that fails it, or an extraction cut short, is never found.
 */
async function extractIntoCache(zip, tool, version, check) {
    const root = process.env.RUNNER_TOOL_CACHE;
    if (!root)
        throw new Error('RUNNER_TOOL_CACHE is not set: the runner sets it for every step');
    const dir = external_node_path_.join(root, tool, semver_default().clean(version) ?? version, external_node_os_.arch());
    const marker = `${dir}.complete`;
    external_node_fs_.rmSync(marker, { force: true });
    external_node_fs_.rmSync(dir, { recursive: true, force: true });
    external_node_fs_.mkdirSync(dir, { recursive: true });
    try {
        await unzip(zip, dir);
        await check?.(dir);
    }
    catch (err) {
        external_node_fs_.rmSync(dir, { recursive: true, force: true });
        throw err;
    }
    external_node_fs_.writeFileSync(marker, '');
    return dir;
}

;// CONCATENATED MODULE: ./src/packer/versions.ts

/** True when the spec names one exact version, which the tool cache can answer alone. */
function isExactVersion(spec) {
    return semver_default().valid(spec) === spec;
}
/** Highest stable version in the index that satisfies the spec (`latest` or a semver range). */
function resolveVersion(index, spec, input) {
    const stable = Object.keys(index.versions).filter((v) => semver_default().valid(v) !== null && semver_default().prerelease(v) === null);
    const found = spec === 'latest' ? semver_default().maxSatisfying(stable, '*') : semver_default().maxSatisfying(stable, spec);
    if (found === null)
        throw new Error(`${input}: no stable release matches "${spec}" in the mirror's index.json`);
    return found;
}
/** Release-site names for this runner's platform and CPU. */
function platform(nodePlatform, nodeArch) {
    const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[nodePlatform];
    const arch = { x64: 'amd64', arm64: 'arm64' }[nodeArch];
    if (os === undefined || arch === undefined)
        throw new Error(`Packer has no release for ${nodePlatform}/${nodeArch}`);
    return { os, arch };
}

;// CONCATENATED MODULE: ./src/packer/install.ts








/**
 * A range or `latest` is resolved against the mirror's index.json. When the mirror cannot be
 * read, the newest cached release in the range will do, with a warning; with none cached the
 * error names the range and how to do without the network.
 */
async function resolveRange(req) {
    try {
        return resolveVersion(await fetchReleaseIndex(req.mirror, constants/* TOOL_NAME */.lH), req.spec, 'packer-version');
    }
    catch (err) {
        if (err.message.startsWith('packer-version:'))
            throw err;
        const why = err.message;
        const cached = semver_default().maxSatisfying(tool_cache/* findAllVersions */.iq(constants/* TOOL_NAME */.lH), req.spec === 'latest' ? '*' : req.spec);
        if (cached === null) {
            throw new Error(`packer-version: "${req.spec}" is a range, resolved against ${req.mirror}/${constants/* TOOL_NAME */.lH}/index.json, which could not be read (${why}); ` +
                'an exact version (1.11.2) in the tool cache needs no network', { cause: err });
        }
        core/* warning */.$e(`packer-version: could not read ${req.mirror}/${constants/* TOOL_NAME */.lH}/index.json (${why}); using Packer ${cached}, the newest release in the tool cache matching "${req.spec}"`);
        return cached;
    }
}
/** The version `packer-version` names: itself when exact, else resolved against the mirror. */
async function packerVersion(req) {
    return isExactVersion(req.spec) ? req.spec : await resolveRange(req);
}
/**
 * Finds Packer in the tool cache, or downloads, verifies, extracts and caches it; either way it
 * ends up on PATH. An exact version already in the cache makes no network call. `resolved` is
 * packerVersion's answer when the caller has already asked for it.
 */
async function installPacker(req, resolved = packerVersion(req)) {
    const exe = process.platform === 'win32' ? 'packer.exe' : 'packer';
    const version = await resolved;
    let dir = tool_cache/* find */.I6(constants/* TOOL_NAME */.lH, version);
    const fromCache = dir !== '';
    if (fromCache) {
        core/* info */.pq(`Packer ${version} found in the tool cache`);
    }
    else {
        const { os, arch } = platform(process.platform, process.arch);
        const zipName = `packer_${version}_${os}_${arch}.zip`;
        core/* info */.pq(`Downloading Packer ${version} (${os}/${arch}) from ${req.mirror}`);
        const zip = await downloadVerified(req, { product: constants/* TOOL_NAME */.lH, version, zipName, label: '' });
        dir = await extractIntoCache(zip, constants/* TOOL_NAME */.lH, version);
    }
    core/* addPath */.fM(dir);
    return { version, binary: external_node_path_.join(dir, exe), fromCache };
}

;// CONCATENATED MODULE: ./src/lineage/template-reads.ts

/**
 * Attributes that name local files or folders Packer's components read (Packer v1.6.6
 * provisioner/ and packer-plugin-sdk shell/, shell-local/: script, scripts; file: source,
 * sources; ansible: playbook_file, galaxy_file, inventory_file, inventory_directory, roles_path,
 * collections_path, ssh_authorized_key_file, ssh_host_key_file; ansible-local: playbook_file(s),
 * playbook_dir, playbook_paths, role_paths, group_vars, host_vars; goss v3.2.14: tests,
 * vars_file; the vagrant post-processor: vagrantfile_template, include).
 */
const FILE_ATTRIBUTES = new Set([
    'script',
    'scripts',
    'source',
    'sources',
    'playbook_file',
    'playbook_files',
    'playbook_dir',
    'playbook_paths',
    'galaxy_file',
    'role_paths',
    'roles_path',
    'collections_path',
    'inventory_file',
    'inventory_directory',
    'group_vars',
    'host_vars',
    'ssh_authorized_key_file',
    'ssh_host_key_file',
    'tests',
    'vars_file',
    'vagrantfile_template',
    'include'
]);
/** Functions whose first argument is a path the template reads (HCL2 Packer functions). */
const FILE_FUNCTION = /\b(file|templatefile|filebase64|filemd5|filesha1|filesha256|filesha512|fileset)\(\s*([^,)]*)/g;
const ENV_FUNCTION = /\benv\(\s*([^)]*)\)/g;
/** Legacy JSON: {{env `NAME`}} and {{template_dir}}. */
const LEGACY_ENV = /\{\{\s*env\s+`([^`]*)`\s*\}\}/g;
/** Reads of an HCL2 template, from hcl2json's bodies of all its files. */
function hclReads(bodies, ctx) {
    const reads = { files: [], envNames: [], bases: [], blind: [] };
    const components = bodies.flatMap((b) => template_reads_list(b.build)).flatMap((build) => [
        ...blocks(build, 'provisioner').map((c) => ({ ...c, kind: 'provisioner' })),
        ...blocks(build, 'error-cleanup-provisioner').map((c) => ({ ...c, kind: 'error-cleanup-provisioner' })),
        ...blocks(build, 'post-processor').map((c) => ({ ...c, kind: 'post-processor' })),
        ...template_reads_list(build['post-processors']).flatMap((chain) => blocks(chain, 'post-processor').map((c) => ({ ...c, kind: 'post-processor' })))
    ]);
    for (const c of components)
        componentFiles(c, ctx, reads);
    for (const body of bodies)
        expressionReads(body, ctx, reads);
    const data = bodies.flatMap((b) => namedBlocks(b, 'data'));
    for (const s of bodies.flatMap((b) => namedBlocks(b, 'source'))) {
        if (s.type.startsWith('amazon-') && s.type !== 'amazon-import')
            reads.bases.push(...hclBase(s, data, ctx, reads.blind));
    }
    return tidy(reads);
}
/** Reads of a legacy JSON template. */
function legacyReads(template, ctx) {
    const reads = { files: [], envNames: [], bases: [], blind: [] };
    const pps = (template['post-processors'] ?? []).flat().filter(isBody);
    for (const p of [...(template.provisioners ?? []).filter(isBody), ...pps]) {
        componentFiles({ kind: 'provisioner', type: String(p.type), body: p }, ctx, reads);
    }
    for (const text of strings(template))
        for (const m of text.matchAll(LEGACY_ENV))
            reads.envNames.push(m[1]);
    for (const b of (template.builders ?? []).filter(isBody)) {
        const type = String(b.type);
        if (!type.startsWith('amazon-') || type === 'amazon-import')
            continue;
        const name = typeof b.name === 'string' && b.name !== '' ? b.name : type;
        reads.bases.push(...sourceBase(name, b, [], ctx, reads.blind));
    }
    return tidy(reads);
}
function componentFiles(c, ctx, reads) {
    // The file provisioner's `source` is a remote path when it downloads.
    const downloads = c.type === 'file' && c.body.direction === 'download';
    for (const [key, value] of Object.entries(c.body)) {
        if (!FILE_ATTRIBUTES.has(key) || (downloads && (key === 'source' || key === 'sources')))
            continue;
        for (const item of Array.isArray(value) ? value : [value]) {
            // A file() call as the value is found with the expressions; the path itself is all that matters here.
            if (typeof item === 'string' && FILE_FUNCTION.test(item)) {
                FILE_FUNCTION.lastIndex = 0;
                continue;
            }
            const found = pathOf(item, ctx);
            if (found === undefined)
                reads.blind.push(`${c.kind} "${c.type}" ${key} = ${show(item)}`);
            else
                reads.files.push(found);
        }
    }
}
/** file(), templatefile() and env() anywhere in the template, with literal or variable arguments. */
function expressionReads(body, ctx, reads) {
    for (const text of strings(body)) {
        for (const m of text.matchAll(FILE_FUNCTION)) {
            // File functions read relative to the template's folder, path.root (hashicorp/packer v1.16.0
            // hcl2template/parser.go lines 133-146 and functions.go `Functions(basedir)`).
            const arg = pathOf(argument(m[2]), ctx);
            const found = arg === undefined ? undefined : external_node_path_.resolve(ctx.templateDir, arg);
            if (found === undefined)
                reads.blind.push(`${m[1]}(${m[2].trim()})`);
            else
                reads.files.push(found);
        }
        for (const m of text.matchAll(ENV_FUNCTION)) {
            const name = /^"([^"]*)"$/.exec(m[1].trim())?.[1];
            if (name === undefined)
                reads.blind.push(`env(${m[1].trim()})`);
            else
                reads.envNames.push(name);
        }
    }
}
/** An HCL argument's source text as a value the resolver understands: "x" → x, var.x → ${var.x}. */
function argument(text) {
    const t = text.trim();
    const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(t);
    return quoted !== null ? quoted[1] : `\${${t}}`;
}
function pathOf(value, ctx) {
    if (typeof value !== 'string')
        return undefined;
    const rooted = value.replace(/\$\{\s*path\.root\s*\}/g, ctx.templateDir).replace(/\{\{\s*template_dir\s*\}\}/g, ctx.templateDir);
    const resolved = ctx.resolve(rooted);
    return resolved?.length === 1 && resolved[0] !== '' ? resolved[0] : undefined;
}
function hclBase(s, data, ctx, blind) {
    return sourceBase(`${s.type}.${s.name}`, s.body, data, ctx, blind);
}
const DATA_REFERENCE = /^\$\{\s*data\.(amazon-ami|amazon-parameterstore)\.([\w-]+)\.(id|value)\s*\}$/;
function sourceBase(source, body, data, ctx, blind) {
    const region = single(ctx.resolve(body.region));
    const spec = { source, region };
    const filterBody = template_reads_list(body.source_ami_filter)[0];
    if (body.source_ami !== undefined && body.source_ami !== '') {
        const reference = typeof body.source_ami === 'string' ? DATA_REFERENCE.exec(body.source_ami) : null;
        if (reference !== null) {
            const block = data.find((d) => d.type === reference[1] && d.name === reference[2]);
            if (block === undefined) {
                blind.push(`${source} source_ami = ${show(body.source_ami)}: no such data block`);
                return [];
            }
            spec.region = single(ctx.resolve(block.body.region)) ?? region;
            if (reference[1] === 'amazon-parameterstore') {
                const name = single(ctx.resolve(block.body.name));
                if (name === undefined) {
                    blind.push(`data "amazon-parameterstore" "${block.name}" name = ${show(block.body.name)}`);
                    return [];
                }
                spec.parameter = name;
            }
            else {
                const filter = amiFilter(block.body, ctx);
                if (filter === undefined) {
                    blind.push(`data "amazon-ami" "${block.name}": filters or owners only Packer can evaluate`);
                    return [];
                }
                spec.filter = filter;
            }
        }
        else {
            const ami = single(ctx.resolve(body.source_ami));
            if (ami === undefined) {
                blind.push(`${source} source_ami = ${show(body.source_ami)}`);
                return [];
            }
            spec.ami = ami;
        }
    }
    else if (filterBody !== undefined) {
        const filter = amiFilter(filterBody, ctx);
        if (filter === undefined) {
            blind.push(`${source} source_ami_filter: filters or owners only Packer can evaluate`);
            return [];
        }
        spec.filter = filter;
    }
    else {
        blind.push(`${source}: neither source_ami nor source_ami_filter is set`);
        return [];
    }
    if (spec.region === undefined)
        blind.push(`${source} region = ${show(body.region)}`);
    return [spec];
}
/** source_ami_filter or data "amazon-ami": filters (a map, or `filter { name, value }` blocks), owners, most_recent. */
function amiFilter(body, ctx) {
    const filters = {};
    const given = body.filters;
    // `filters = local.f` or `merge(…)` comes from hcl2json as the expression's text: only Packer knows the map.
    if (typeof given === 'string')
        return undefined;
    for (const f of template_reads_list(given)) {
        for (const [name, value] of Object.entries(f)) {
            const v = single(ctx.resolve(value));
            if (v === undefined)
                return undefined;
            filters[name] = v;
        }
    }
    for (const f of template_reads_list(body.filter)) {
        const name = single(ctx.resolve(f.name));
        const value = single(ctx.resolve(f.value));
        if (name === undefined || value === undefined)
            return undefined;
        filters[name] = value;
    }
    const owners = body.owners === undefined ? [] : ctx.resolve(body.owners);
    if (owners === undefined)
        return undefined;
    const mostRecent = flag(body.most_recent, ctx);
    const includeDeprecated = flag(body.include_deprecated, ctx);
    if (mostRecent === undefined || includeDeprecated === undefined)
        return undefined;
    return { filters, owners, mostRecent, includeDeprecated };
}
function flag(value, ctx) {
    if (value === undefined)
        return false;
    if (typeof value === 'boolean')
        return value;
    const v = single(ctx.resolve(value));
    return v === 'true' ? true : v === 'false' ? false : undefined;
}
function single(values) {
    return values?.length === 1 ? values[0] : undefined;
}
function tidy(reads) {
    return {
        files: [...new Set(reads.files)].sort(),
        envNames: [...new Set(reads.envNames)].sort(),
        bases: reads.bases,
        blind: [...new Set(reads.blind)]
    };
}
function show(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function* strings(value) {
    if (typeof value === 'string')
        yield value;
    else if (Array.isArray(value))
        for (const v of value)
            yield* strings(v);
    else if (value !== null && typeof value === 'object')
        for (const v of Object.values(value))
            yield* strings(v);
}
function isBody(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function template_reads_list(value) {
    if (value === undefined || value === null)
        return [];
    return (Array.isArray(value) ? value : [value]).filter(isBody);
}
function blocks(body, kind) {
    const byType = body[kind];
    if (!isBody(byType))
        return [];
    return Object.entries(byType).flatMap(([type, bodies]) => template_reads_list(bodies).map((b) => ({ type, body: b })));
}
function namedBlocks(body, kind) {
    return blocks(body, kind).flatMap(({ type, body: byName }) => Object.entries(byName).flatMap(([name, bodies]) => template_reads_list(bodies).map((b) => ({ type, name, body: b }))));
}

// EXTERNAL MODULE: ./src/packer/hcl.ts + 1 modules
var hcl = __webpack_require__(51833);
;// CONCATENATED MODULE: ./src/packer/template.ts




const DEFAULT_MANIFEST = 'packer-manifest.json';
/** The template's files, absolute and sorted; a directory without any is refused at once. */
function templateFiles(template) {
    if (!external_node_fs_.statSync(template).isDirectory())
        return [template];
    const files = external_node_fs_.readdirSync(template)
        .filter((f) => f.endsWith('.pkr.hcl') || f.endsWith('.pkr.json'))
        .sort()
        .map((f) => external_node_path_.join(template, f));
    if (files.length === 0) {
        // A legacy JSON template is one file, not a folder: point at it.
        const legacy = external_node_fs_.readdirSync(template).filter((f) => f.endsWith('.json')).sort();
        const hint = legacy.length === 0 ? '' : `; a legacy JSON template is given as a file: template: ${external_node_path_.join(template, legacy[0])}`;
        throw new Error(`template: ${template} holds no .pkr.hcl or .pkr.json file${hint}`);
    }
    return files;
}
/** Known from the file system alone, before any parsing: a directory, and HCL2 or legacy JSON. */
function templateShape(template) {
    const directory = external_node_fs_.statSync(template).isDirectory();
    return { directory, hcl2: directory || template.endsWith('.pkr.hcl') || template.endsWith('.pkr.json') };
}
async function describeTemplate(template, vars) {
    const { directory, hcl2 } = templateShape(template);
    const files = templateFiles(template);
    if (!hcl2)
        return await legacyTemplate(template, vars);
    const unreadable = [];
    const bodies = [];
    for (const file of files) {
        const text = external_node_fs_.readFileSync(file, 'utf8');
        try {
            bodies.push(file.endsWith('.pkr.json') ? parseJson(file, text) : await (0,hcl/* parseHcl */.z)(external_node_path_.basename(file), text));
        }
        catch (err) {
            unreadable.push(`${file}: ${err.message}`);
        }
    }
    const sources = bodies.flatMap((b) => twoLabelBlocks(b, 'source'));
    const builds = bodies.flatMap((b) => template_list(b.build));
    const postProcessors = builds.flatMap((b) => [
        ...oneLabelBlocks(b, 'post-processor'),
        ...template_list(b['post-processors']).flatMap((chain) => oneLabelBlocks(chain, 'post-processor'))
    ]);
    const componentTypes = [
        ...sources.map((s) => s.type),
        ...bodies.flatMap((b) => twoLabelBlocks(b, 'data')).map((d) => d.type),
        ...builds.flatMap((b) => oneLabelBlocks(b, 'provisioner')).map((p) => p.type),
        ...postProcessors.map((p) => p.type)
    ];
    const defaults = Object.fromEntries(bodies.flatMap((b) => oneLabelBlocks(b, 'variable')).flatMap((v) => ('default' in v.body ? [[v.type, v.body.default]] : [])));
    // Packer loads a directory's *.auto.pkrvars.hcl / .json itself, before the -var-file ones
    // (hashicorp/packer v1.16.0 hcl2template/parser.go, `autoVarFileSuffixes`).
    const auto = directory ? autoVarFiles(template) : [];
    const values = { ...defaults, ...(await varFileValues(auto)), ...(await varFileValues(vars.varFiles)), ...vars.variables };
    const regions = sources
        .filter((s) => s.type.startsWith('amazon-'))
        .flatMap((s) => [...resolved(s.body.region, values), ...resolved(s.body.ami_regions, values)]);
    const named = buildNames(builds, values);
    const reads = hclReads(bodies, { templateDir: directory ? template : external_node_path_.dirname(template), resolve: (v) => knownValue(v, values) });
    if (unreadable.length > 0)
        reads.blind.push(...unreadable.map((u) => `a file HCL could not read (${u.split(':')[0]})`));
    return {
        hcl2,
        directory,
        files,
        manifests: postProcessors.filter((p) => p.type === 'manifest').flatMap((p) => literalOutput(p.body.output)),
        requiredPlugins: bodies.flatMap(requiredPlugins),
        componentTypes: unique(componentTypes),
        regions: unique(regions.filter(isRegion)).sort(),
        builds: named.builds,
        unresolvedBuildNames: named.unresolved,
        unreadable,
        reads,
        declaredVariables: unreadable.length > 0 ? undefined : unique(bodies.flatMap((b) => oneLabelBlocks(b, 'variable')).map((v) => v.type))
    };
}
/**
 * Packer's build names (hashicorp/packer v1.16.0): a build block's `sources` first, then its
 * `source` blocks (hcl2template/types.build.go); a reference `source.TYPE.NAME` or `TYPE.NAME`
 * (types.build.from.go); a source block's `name` replaces NAME (types.source.go
 * `SourceUseBlock.name`); the block's own `name` goes in front (packer/build.go `CoreBuild.Name`).
 */
function buildNames(builds, values) {
    const names = [];
    const unresolved = [];
    for (const build of builds) {
        let prefix = '';
        if (build.name !== undefined) {
            const name = resolved(build.name, values);
            if (name.length !== 1) {
                unresolved.push(typeof build.name === 'string' ? build.name : JSON.stringify(build.name));
                continue;
            }
            prefix = name[0] === '' ? '' : `${name[0]}.`;
        }
        const references = Array.isArray(build.sources) ? build.sources.filter((s) => typeof s === 'string') : [];
        const uses = [
            ...references.map((ref) => ({ ref, name: undefined })),
            ...oneLabelBlocks(build, 'source').map((b) => ({ ref: b.type, name: b.body.name }))
        ];
        for (const use of uses) {
            const parts = use.ref.split('.');
            if (parts.length < 2)
                continue;
            const [type, sourceName] = parts.length > 2 ? parts.slice(1) : parts;
            const local = typeof use.name === 'string' && use.name !== '' ? use.name : sourceName;
            names.push(`${prefix}${type}.${local}`);
        }
    }
    return { builds: unique(names), unresolved };
}
/**
 * hcl2json gives a block's bodies as a list; HCL's JSON syntax (`.pkr.json`) allows one
 * object or a list. Both read the same here.
 */
function template_list(value) {
    if (value === undefined || value === null)
        return [];
    const items = Array.isArray(value) ? value : [value];
    return items.filter((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
}
function oneLabelBlocks(body, kind) {
    const byType = body[kind];
    if (typeof byType !== 'object' || byType === null)
        return [];
    return Object.entries(byType).flatMap(([type, bodies]) => template_list(bodies).map((b) => ({ type, body: b })));
}
function twoLabelBlocks(body, kind) {
    return oneLabelBlocks(body, kind).flatMap(({ type, body: byName }) => Object.entries(byName).flatMap(([name, bodies]) => template_list(bodies).map((b) => ({ type, name, body: b }))));
}
/** `packer { required_plugins { amazon = { source = "…", version = "…" } } }`, every block merged. */
function requiredPlugins(body) {
    return template_list(body.packer)
        .flatMap((p) => template_list(p.required_plugins))
        .flatMap((entries) => Object.entries(entries).flatMap(([name, spec]) => {
        const { source, version } = (spec ?? {});
        if (typeof source !== 'string')
            return [];
        return [{ name, source, version: typeof version === 'string' ? version : undefined }];
    }));
}
/**
 * A value known before Packer runs: a literal, or `var.name` alone, looked up. Anything else
 * (a function call, a local, an interpolation inside text) is Packer's to evaluate: left out.
 */
function resolved(value, vars) {
    if (Array.isArray(value))
        return value.flatMap((v) => resolved(v, vars));
    if (typeof value !== 'string')
        return [];
    const reference = /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value) ?? /^\{\{\s*user\s+`([^`]+)`\s*\}\}$/.exec(value);
    if (reference !== null) {
        const found = vars[reference[1]];
        return typeof found === 'string' && (found.includes('${') || found.includes('{{')) ? [] : resolved(found, {});
    }
    return /\$\{|%\{|\{\{/.test(value) ? [] : [value];
}
/**
 * A value known before Packer runs, for the lineage's reads: a literal, a list of them, or text
 * whose only interpolations are `${var.name}` (or `{{user \`name\`}}`) of known scalars.
 * Undefined when only Packer can evaluate it.
 */
function knownValue(value, vars) {
    if (Array.isArray(value)) {
        const parts = value.map((v) => knownValue(v, vars));
        return parts.some((p) => p === undefined) ? undefined : parts.flat();
    }
    if (typeof value === 'boolean' || typeof value === 'number')
        return [String(value)];
    if (typeof value !== 'string')
        return undefined;
    const whole = /^\$\{var\.([A-Za-z_][\w-]*)\}$/.exec(value) ?? /^\{\{\s*user\s+`([^`]+)`\s*\}\}$/.exec(value);
    if (whole !== null) {
        const found = vars[whole[1]];
        if (typeof found === 'string' && /\$\{|%\{|\{\{/.test(found))
            return undefined;
        return found === undefined ? undefined : knownValue(found, {});
    }
    let unknown = false;
    const text = value.replace(/\$\{var\.([A-Za-z_][\w-]*)\}|\{\{\s*user\s+`([^`]+)`\s*\}\}/g, (_m, hcl, legacy) => {
        const found = vars[(hcl ?? legacy)];
        if (typeof found === 'string' && !/\$\{|%\{|\{\{/.test(found))
            return found;
        if (typeof found === 'number' || typeof found === 'boolean')
            return String(found);
        unknown = true;
        return '';
    });
    return unknown || /\$\{|%\{|\{\{/.test(text) ? undefined : [text];
}
const template_REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
function isRegion(value) {
    return template_REGION.test(value);
}
function autoVarFiles(dir) {
    return external_node_fs_.readdirSync(dir)
        .filter((f) => f.endsWith('.auto.pkrvars.hcl') || f.endsWith('.auto.pkrvars.json'))
        .sort()
        .map((f) => external_node_path_.join(dir, f));
}
/** Var-files in order, later ones winning, as Packer reads them: `.json` or HCL attributes. */
async function varFileValues(files) {
    const values = {};
    for (const file of files) {
        const text = external_node_fs_.readFileSync(file, 'utf8');
        try {
            Object.assign(values, file.endsWith('.json') ? parseJson(file, text) : await (0,hcl/* parseHcl */.z)(external_node_path_.basename(file), text));
        }
        catch {
            // Packer rejects the file with its own message; nothing of it can be known here.
        }
    }
    return values;
}
function parseJson(file, text) {
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new Error(`template: ${file} is not valid JSON (${err.message})`, { cause: err });
    }
}
/** A manifest path known before Packer runs: the default, or a literal without interpolation. */
function literalOutput(output) {
    if (output === undefined)
        return [DEFAULT_MANIFEST];
    return typeof output === 'string' && !/[$%{}]/.test(output) ? [output] : [];
}
function unique(values) {
    return [...new Set(values)];
}
/**
 * Legacy JSON: `builders`, `provisioners` and `post-processors` (objects, bare type names, or
 * sequences of either), `variables` with defaults, and `{{user \`name\`}}` references.
 */
async function legacyTemplate(file, vars) {
    const template = parseJson(file, external_node_fs_.readFileSync(file, 'utf8'));
    const postProcessors = (template['post-processors'] ?? [])
        .flat()
        .map((pp) => (typeof pp === 'string' ? { type: pp } : pp));
    const builders = template.builders ?? [];
    // Legacy var-files are JSON objects of strings; later ones win, `variables` over all.
    const values = { ...(template.variables ?? {}), ...(await varFileValues(vars.varFiles)), ...vars.variables };
    const types = [...builders, ...(template.provisioners ?? []), ...postProcessors].map((c) => c.type);
    // A builder's name may be `{{user \`build_name\`}}`, from a var-file: Packer interpolates it.
    const legacyNames = { builds: [], unresolved: [] };
    for (const b of builders) {
        const name = typeof b.name === 'string' && b.name !== '' ? b.name : b.type;
        if (typeof name !== 'string')
            continue;
        const known = resolved(name, values);
        if (known.length === 1)
            legacyNames.builds.push(known[0]);
        else
            legacyNames.unresolved.push(name);
    }
    return {
        hcl2: false,
        directory: false,
        files: [file],
        manifests: postProcessors.filter((pp) => pp.type === 'manifest').flatMap((pp) => literalOutput(pp.output)),
        requiredPlugins: [],
        componentTypes: unique(types.filter((t) => typeof t === 'string')),
        regions: unique(builders
            .filter((b) => typeof b.type === 'string' && b.type.startsWith('amazon-'))
            // A legacy template may give ami_regions as one comma-separated string.
            .flatMap((b) => [...resolved(b.region, values), ...resolved(b.ami_regions, values).flatMap((r) => r.split(','))])
            .map((r) => r.trim())
            .filter(isRegion)).sort(),
        builds: unique(legacyNames.builds),
        unresolvedBuildNames: legacyNames.unresolved,
        unreadable: [],
        declaredVariables: Object.keys(template.variables ?? {}),
        reads: legacyReads(template, { templateDir: external_node_path_.dirname(file), resolve: (v) => knownValue(v, values) })
    };
}

;// CONCATENATED MODULE: ./src/packer/plugin-plan.ts




const AMAZON_SOURCE = 'github.com/hashicorp/amazon';
const OFFICIAL = /^github\.com\/hashicorp\/[^/]+$/;
/**
 * The plugins the action installs itself, from the mirror, before `packer init`: none before
 * Packer 1.10 (its plugins are built in); every official plugin `required_plugins` names, so
 * init finds it in place; and the amazon plugin at `amazon-plugin-version` when the template
 * uses `amazon-*` components without naming it, or is legacy JSON, which init refuses. Sources
 * keep the case the template writes (Packer searches its folder by the source as written:
 * hcl2template/addrs/plugin.go:202-204 at v1.16.0); only recognising them ignores case.
 */
function pluginPlan(t, packerVersion, amazonSpec) {
    if (semver_default().lt(packerVersion, constants/* PLUGINS_MIN_VERSION */.nq))
        return [];
    const official = t.hcl2 ? t.requiredPlugins.filter((p) => OFFICIAL.test(p.source.toLowerCase())) : [];
    const plan = official.map((p) => ({ source: p.source, version: { constraint: p.version ?? '>= 0.0.0' } }));
    const namesAmazon = official.some((p) => p.source.toLowerCase() === AMAZON_SOURCE);
    if (!namesAmazon && t.componentTypes.some((type) => type.startsWith('amazon-'))) {
        plan.push({ source: AMAZON_SOURCE, version: { input: constants/* Input */.pd.amazonPluginVersion, spec: amazonSpec } });
    }
    return plan;
}
/**
 * `packer init` (HCL2, Packer >= 1.7) installs what `required_plugins` names and the action did
 * not place; without that block it has nothing to do ("No plugins requirement found").
 */
function needsInit(t, packerVersion) {
    return t.hcl2 && semver_default().gte(packerVersion, constants/* INIT_MIN_VERSION */.lh) && t.requiredPlugins.length > 0;
}
/**
 * Whether Packer must wait for the template to be read before it runs: from Packer 1.10 the
 * plugins to place depend on it (pluginPlan); from 1.7 `packer init` runs when an HCL file of
 * the template holds `required_plugins` (needsInit: a file that only mentions the word waits
 * too). Before 1.7 nothing the reading decides comes before Packer.
 */
function planNeedsTemplate(template, packerVersion) {
    if (semver_default().gte(packerVersion, constants/* PLUGINS_MIN_VERSION */.nq))
        return true;
    if (semver_default().lt(packerVersion, constants/* INIT_MIN_VERSION */.lh) || !templateShape(template).hcl2)
        return false;
    return templateFiles(template).some((file) => (0,external_node_fs_.readFileSync)(file, 'utf8').includes('required_plugins'));
}

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(21916);
;// CONCATENATED MODULE: ./src/packer/template-checks.ts



/**
 * Variables from `variables` / `sensitive-variables` that the template does not declare: Packer
 * only warns about them and builds with the default, so a typo bakes the wrong image. A
 * suggestion is offered when a declared name is within a third of the name's length.
 */
function undeclaredVariables(passed, template) {
    const declared = template.declaredVariables;
    if (declared === undefined)
        return [];
    return passed
        .filter((name) => !declared.includes(name))
        .map((name) => {
        const near = declared.length > 0 ? (0,mod/* closest */.kp)(name, declared) : undefined;
        const suggestion = near !== undefined && (0,mod/* distance */.Io)(name, near) <= Math.max(2, Math.ceil(name.length / 3)) ? near : undefined;
        return suggestion === undefined ? { name } : { name, suggestion };
    });
}
function undeclaredMessage(v) {
    const hint = v.suggestion === undefined ? '' : `; did you mean ${v.suggestion}?`;
    return `${constants/* Input */.pd.variables}: the template declares no variable "${v.name}", so Packer ignores it${hint}`;
}
/**
 * `only` / `except` that leave no build: Packer would build nothing (or say it produced no
 * artifact). An error listing the builds that exist; nothing when some build name is only known
 * to Packer, since the filter may match that one.
 */
function emptySelection(template, filter) {
    if (filter.only.length === 0 && filter.except.length === 0)
        return undefined;
    if (template.unresolvedBuildNames.length > 0 || template.builds.length === 0)
        return undefined;
    if (selectBuilds(template.builds, filter, template.hcl2).length > 0)
        return undefined;
    const input = filter.only.length > 0 ? constants/* Input */.pd.only : constants/* Input */.pd.except;
    const given = (filter.only.length > 0 ? filter.only : filter.except).join(', ');
    return `${input}: "${given}" leaves no build to run; the template's builds are ${template.builds.join(', ')}`;
}

;// CONCATENATED MODULE: ./src/packer/plugin-constraint.ts

/**
 * A `required_plugins` version constraint, as Packer reads it (hashicorp/go-version):
 * comma-separated `op version` terms, all of which must hold; ops `=`, `!=`, `>`, `>=`, `<`,
 * `<=` and `~>` (pessimistic: `~> 1.2` allows 1.x from 1.2 on, `~> 1.2.3` allows 1.2.x
 * from 1.2.3 on). Versions may have one to three parts. Returns a test for a release version.
 */
function constraintTest(constraint) {
    const terms = constraint.split(',').map((t) => t.trim());
    if (terms.some((t) => t === ''))
        throw new Error(`"${constraint}" is not a version constraint`);
    const tests = terms.map((term) => {
        const m = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})$/.exec(term);
        if (m === null)
            throw new Error(`"${constraint}" is not a version constraint ("${term}")`);
        const [, op = '=', written] = m;
        const parts = written.split('.').map(Number);
        const full = [...parts, 0, 0].slice(0, 3).join('.');
        if (op === '~>') {
            const upper = parts.length <= 2 ? `${parts[0] + 1}.0.0` : `${parts[0]}.${parts[1] + 1}.0`;
            return (v) => semver_default().gte(v, full) && semver_default().lt(v, upper);
        }
        const compare = { '=': (semver_default()).eq, '!=': (semver_default()).neq, '>': (semver_default()).gt, '>=': (semver_default()).gte, '<': (semver_default()).lt, '<=': (semver_default()).lte }[op];
        return (v) => compare(v, full);
    });
    return (version) => semver_default().valid(version) !== null && tests.every((t) => t(version));
}

;// CONCATENATED MODULE: ./src/packer/plugin-installations.ts



/**
 * How Packer 1.11 to 1.16 reads its plugin folder, pure: which file names it takes for plugins,
 * which protocol it speaks, and which of several versions it loads. Every rule is cited from
 * hashicorp/packer at v1.16.0 (the same code at v1.11.2, v1.12.0 and v1.13.0).
 */
/**
 * The plugin protocol Packer speaks, `x5.0`: packer-plugin-sdk's APIVersionMajor and
 * APIVersionMinor (plugin/server.go:57), the same in the SDK of every Packer from 1.10.0 to
 * 1.16.0 (v0.5.2 to v0.6.10).
 */
const PACKER_PLUGIN_API = { major: 5, minor: 0 };
/**
 * Why Packer would refuse a plugin that speaks protocol `api` (`x5.1`), or undefined when it
 * would load it: the major must equal Packer's and the minor must not be above Packer's
 * (packer/plugin-getter/plugins.go:483-545, NewAPIVersion and CheckProtocolVersion).
 */
function protocolProblem(api) {
    const m = /^x?(\d+)\.(\d+)/.exec(api.trim());
    if (m === null)
        return `invalid plugin protocol "${api}", expected something like "x${PACKER_PLUGIN_API.major}.${PACKER_PLUGIN_API.minor}"`;
    const [major, minor] = [Number(m[1]), Number(m[2])];
    const packer = `x${PACKER_PLUGIN_API.major}.${PACKER_PLUGIN_API.minor}`;
    if (major !== PACKER_PLUGIN_API.major)
        return `the plugin speaks protocol ${api}; Packer 1.10 to 1.16 speak ${packer} and load no other major`;
    if (minor > PACKER_PLUGIN_API.minor)
        return `the plugin speaks protocol ${api}; Packer 1.10 to 1.16 speak ${packer} and load no minor above ${PACKER_PLUGIN_API.minor}`;
    return undefined;
}
/** Packer nests plugins at most this deep below its folder (plugins.go:197-209). */
const plugin_installations_MAX_DEPTH = 16;
/**
 * Reads a path below Packer's plugin folder as Packer does when it lists installations, or
 * undefined when Packer passes it by: a file at the folder's root or nested too deep
 * (plugins.go:174-177, 197-209), a name not `packer-plugin-<name>_v<version>_<api>_<os>_<arch><ext>`
 * (plugins.go:179-186, 258-276), a version that is not canonical or carries metadata
 * (plugins.go:277-297; hashicorp/go-version v1.9.0 writes versions back as `1.2.3[-pre]`).
 * Checksum and `describe`, which Packer also checks, need the file: not checked here.
 */
function parseInstallation(dir, relative, p) {
    const parts = relative.split(/[\\/]/).filter((s) => s !== '');
    if (parts.length < 2 || parts.length - 1 > plugin_installations_MAX_DEPTH)
        return undefined;
    const file = parts[parts.length - 1];
    const suffix = `_${p.os}_${p.arch}${p.ext}`;
    if (!file.startsWith('packer-plugin-') || !file.endsWith(suffix))
        return undefined;
    const m = /^packer-plugin-([^_]+)_(v[^_]+)_([^_]+)$/.exec(file.slice(0, file.length - suffix.length));
    if (m === null)
        return undefined;
    const [, name, written, api] = m;
    const canonical = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/.test(written);
    if (!canonical || semver_default().valid(written.slice(1)) === null)
        return undefined;
    return { binary: external_node_path_.join(dir, ...parts), relative: parts.join('/'), name, version: written.slice(1), api };
}
/**
 * The installations that would make Packer load something other than `placed`, highest first:
 * with `required_plugins`, those below the source's parent folder whose file name carries the
 * source's name and whose version the constraint allows (plugins.go:151-157 and 327-330;
 * hcl2template/plugin.go:84-100 keeps the last, highest); without, every binary of that name
 * anywhere in the folder (packer/plugin.go:80-112 keeps the last per name). Sorted as
 * InstallList.Less sorts (plugins.go:392-422), a higher version wins, and one of the same version
 * and protocol elsewhere leaves the choice to the sort: both count as preferred. Installations
 * whose protocol Packer refuses are never loaded: not counted.
 */
function preferredOver(placed, dir, listed) {
    const name = placed.source.split('/').pop();
    const parent = external_node_path_.join(dir, ...placed.source.split('/').slice(0, -1)) + external_node_path_.sep;
    const allows = placed.constraint === undefined ? undefined : constraintTest(placed.constraint);
    return listed
        .filter((i) => i.binary !== placed.binary && i.name === name && protocolProblem(i.api) === undefined)
        .filter((i) => allows === undefined || (i.binary.startsWith(parent) && allows(semver_default().coerce(i.version)?.version ?? i.version)))
        .filter((i) => semver_default().gte(i.version, placed.version))
        .sort((a, b) => semver_default().rcompare(a.version, b.version));
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./src/packer/plugins.ts













/**
 * The mirror has no release that answers the request (its index, the version, or the build
 * for this platform is missing), as opposed to one that fails a check.
 */
class MissingRelease extends Error {
    version;
    constructor(message, 
    /** The exact version asked for, when there was one. */
    version, options) {
        super(message, options);
        this.version = version;
    }
}
/**
 * Installs an official plugin from the mirror in the release site's layout, verified as Packer
 * itself is (signature on SHA256SUMS, then the zip's SHA-256), kept in the tool cache, and laid
 * out where Packer >= 1.11 loads it: `{dir}/{source}/packer-plugin-{name}_v{version}_x5.0_{os}_{arch}`
 * with `_SHA256SUM` beside it, source and name in the case the template writes them (Packer
 * searches `{dir}/{source as written}` for `packer-plugin-{name as written}_`:
 * hcl2template/addrs/plugin.go:35-38 and 202-204, plugin-getter/plugins.go:135-141 and 151-157,
 * v1.16.0). The release is looked up by its lower-case name. A version already in the cache
 * makes no request. The plugin's `describe` runs in `env`, Packer's environment: the plugin is
 * no more trusted than Packer. Throws MissingRelease when the mirror has no such release.
 */
async function installPlugin(site, req, dir, env) {
    const name = pluginName(req.source);
    const product = `packer-plugin-${name.toLowerCase()}`;
    const { version, cachedDir } = await chooseVersion(site.mirror, product, req);
    const label = `plugin ${req.source} ${version}`;
    let cached = cachedDir ?? tool_cache/* find */.I6(product, version);
    const fromCache = cached !== '';
    if (fromCache) {
        core/* info */.pq(`Plugin ${req.source} ${version} found in the tool cache`);
    }
    else {
        const { os, arch } = platform(process.platform, process.arch);
        const zipName = `${product}_${version}_${os}_${arch}.zip`;
        core/* info */.pq(`Downloading plugin ${req.source} ${version} (${os}/${arch}) from ${site.mirror}`);
        const zip = await downloadVerified(site, { product, version, zipName, label }).catch((err) => {
            if (!isNotFound(err))
                throw err;
            throw new MissingRelease(`${label}: packer-mirror ${site.mirror} has no release ${version} of ${req.source} for ${os}/${arch} (${err.message})`, version, {
                cause: err
            });
        });
        cached = await extractIntoCache(zip, product, version, async (extracted) => {
            const fresh = external_node_path_.join(extracted, binaryName(extracted, product, version, label));
            await checkDescribe(fresh, version, label, env);
            // Hashed once, here: a cache hit then costs a link, not a read of the whole binary.
            external_node_fs_.writeFileSync(`${fresh}${SUM_SUFFIX}`, (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(fresh)).digest('hex'));
        });
    }
    const file = binaryName(cached, product, version, label);
    const binary = external_node_path_.join(dir, ...req.source.split('/'), `packer-plugin-${name}${file.slice(product.length)}`);
    place(external_node_path_.join(cached, file), binary);
    core/* info */.pq(`Plugin ${req.source} ${version} is in place for Packer: ${binary}`);
    return { source: req.source, version, binary, fromCache };
}
/** `github.com/hashicorp/amazon` → `amazon`: the last part names the plugin and its release. */
function pluginName(source) {
    const parts = source.split('/');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9][\w.-]*$/.test(p))) {
        throw new Error(`"${source}" is not a plugin source of the form github.com/<owner>/<name>`);
    }
    return parts[2].replace(/^packer-plugin-/, '');
}
async function chooseVersion(mirror, product, req) {
    if ('spec' in req.version) {
        const { input, spec } = req.version;
        if (isExactVersion(spec))
            return { version: spec };
        const index = await releaseIndex(mirror, product, req.source);
        try {
            return { version: resolveVersion(index, spec, input) };
        }
        catch (err) {
            throw new MissingRelease(`${err.message} (packer-mirror ${mirror}, ${req.source})`, undefined, { cause: err });
        }
    }
    // As `packer init` does: any installed release that satisfies the constraint will do.
    const accepts = constraintTest(req.version.constraint);
    const cached = tool_cache/* findAllVersions */.iq(product).filter(accepts).sort((semver_default()).rcompare)[0];
    if (cached !== undefined)
        return { version: cached, cachedDir: tool_cache/* find */.I6(product, cached) };
    const found = newestMatching(await releaseIndex(mirror, product, req.source), accepts);
    if (found === undefined) {
        throw new MissingRelease(`required_plugins: packer-mirror ${mirror} has no release of ${req.source} that matches "${req.version.constraint}"`);
    }
    return { version: found };
}
async function releaseIndex(mirror, product, source) {
    try {
        return await fetchReleaseIndex(mirror, product);
    }
    catch (err) {
        if (!isNotFound(err))
            throw err;
        throw new MissingRelease(`packer-mirror ${mirror} has no releases of ${source} (${err.message})`, undefined, { cause: err });
    }
}
function newestMatching(index, accepts) {
    const stable = Object.keys(index.versions).filter((v) => semver_default().valid(v) !== null && semver_default().prerelease(v) === null);
    return stable.filter(accepts).sort((semver_default()).rcompare)[0];
}
/** The binary a release zip holds: `packer-plugin-amazon_v1.8.2_x5.0_linux_amd64` (`.exe` on Windows). */
function binaryName(dir, product, version, label) {
    const { os, arch } = platform(process.platform, process.arch);
    const ext = process.platform === 'win32' ? '.exe' : '';
    const pattern = new RegExp(`^${product}_v${version.replace(/\./g, '\\.')}_(x\\d+\\.\\d+)_${os}_${arch}${ext.replace('.', '\\.')}$`);
    const found = external_node_fs_.readdirSync(dir).filter((f) => pattern.test(f));
    if (found.length !== 1) {
        throw new Error(`${label}: the release zip holds no ${product}_v${version}_x<api>_${os}_${arch}${ext} binary`);
    }
    const problem = protocolProblem(pattern.exec(found[0])[1]);
    if (problem !== undefined)
        throw new Error(`${label}: ${problem}`);
    return found[0];
}
/**
 * Packer runs `describe` on every plugin it loads and ignores one whose reported version or
 * protocol differs from its file name; checking here turns that silent skip into an error.
 */
async function checkDescribe(binary, version, label, env) {
    external_node_fs_.chmodSync(binary, 0o755);
    let described;
    try {
        const { stdout } = await (0,external_node_util_.promisify)(external_node_child_process_.execFile)(binary, ['describe'], { env, timeout: 30_000 });
        described = JSON.parse(stdout);
    }
    catch (err) {
        throw new Error(`${label}: \`${external_node_path_.basename(binary)} describe\` failed: ${err.message}`, { cause: err });
    }
    const api = /_(x\d+\.\d+)_[^_]+_[^_]+$/.exec(external_node_path_.basename(binary, '.exe'))?.[1];
    if (described.version !== version || described.api_version !== api) {
        throw new Error(`${label}: the binary describes itself as version ${String(described.version)}, protocol ` +
            `${String(described.api_version)}; its file name says ${version}, ${api}`);
    }
}
/** Packer's checksum file beside a plugin binary (packer/plugin-getter/checksum.go, v1.16.0). */
const SUM_SUFFIX = '_SHA256SUM';
/**
 * Puts the cached binary where Packer looks (a hard link where the file systems allow, else a
 * copy), mode 0755, with `_SHA256SUM` beside it: 64 hex digits, no newline, as Packer writes it.
 */
function place(from, to) {
    const cachedSum = `${from}${SUM_SUFFIX}`;
    const sum = external_node_fs_.existsSync(cachedSum)
        ? external_node_fs_.readFileSync(cachedSum, 'utf8').trim()
        : (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(from)).digest('hex');
    const sumFile = `${to}${SUM_SUFFIX}`;
    if (external_node_fs_.existsSync(to) && external_node_fs_.existsSync(sumFile) && external_node_fs_.readFileSync(sumFile, 'utf8').trim() === sum)
        return;
    external_node_fs_.mkdirSync(external_node_path_.dirname(to), { recursive: true });
    external_node_fs_.rmSync(to, { force: true });
    try {
        external_node_fs_.linkSync(from, to);
    }
    catch {
        external_node_fs_.copyFileSync(from, to);
    }
    external_node_fs_.chmodSync(to, 0o755);
    external_node_fs_.writeFileSync(sumFile, sum);
}

;// CONCATENATED MODULE: ./src/packer/plugin-confirm.ts








/**
 * Asks Packer itself which plugin binaries it loads: `packer plugins installed` lists every
 * binary in its folder that passes the checks Packer makes before loading one (file name,
 * `_SHA256SUM`, `describe` reporting the same version and protocol; command/plugins_installed.go
 * and plugin-getter/plugins.go:222-348 at v1.16.0). Fails, naming the plugin, the path and what
 * Packer said, when a placed binary is not listed, or when Packer would load another version
 * instead (see preferredOver).
 */
async function confirmPlugins(req) {
    const run = await runPacker(req.packer, ['plugins', 'installed'], { cwd: req.dir, env: req.env });
    if (run.code !== 0) {
        throw new Error(`\`packer plugins installed\` failed (exit code ${run.code}), so Packer could not confirm the plugins in ${req.dir}:\n${printed(run)}`);
    }
    const lines = listedBinaries(run.stdout);
    printUntrusted(`packer plugins installed (PACKER_PLUGIN_PATH=${req.dir}):\n${lines.join('\n') || '(none)'}`);
    endUntrusted();
    const problems = [];
    for (const p of req.placed) {
        if (!lines.includes(p.binary)) {
            problems.push(`plugin ${p.source} ${p.version}: Packer does not load ${p.binary}: \`packer plugins installed\` does not list it. ${await whyNot(p, req.env)}`);
        }
    }
    problems.push(...pinProblems(req.placed, req.dir, lines, req.usersFolder, req.platform));
    if (problems.length > 0) {
        throw new Error(`${problems.join('\n')}\n\`packer plugins installed\` said:\n${printed(run) || '(nothing)'}`);
    }
    for (const p of req.placed)
        core/* info */.pq(`Packer confirms plugin ${p.source} ${p.version}: ${p.binary}`);
}
/** The binaries `packer plugins installed` prints, one path a line (plugins_installed.go:75-77). */
function listedBinaries(stdout) {
    return stdout
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
}
/** What in Packer's listing would be loaded instead of a placed plugin, said plainly. */
function pinProblems(placed, dir, lines, usersFolder, platform) {
    const listed = lines
        .filter((l) => l.startsWith(dir + external_node_path_.sep))
        .map((l) => parseInstallation(dir, external_node_path_.relative(dir, l), platform))
        .filter((i) => i !== undefined);
    return placed.flatMap((p) => preferredOver(p, dir, listed).map((other) => {
        const wanted = p.constraint === undefined ? `${p.version}, the version the action placed` : `${p.version}, which the action placed for required_plugins "${p.constraint}"`;
        const where = usersFolder
            ? `your PACKER_PLUGIN_PATH (${dir}) holds ${other.binary}. The action does not remove your files: remove that binary, narrow the version, or point PACKER_PLUGIN_PATH elsewhere`
            : `the action's plugin folder ${dir} holds ${other.binary}`;
        return `plugin ${p.source}: Packer would load version ${other.version} instead of ${wanted}: ${where}`;
    }));
}
/** Why Packer passed a placed binary by: the checksum file, else the binary's own `describe`. */
async function whyNot(p, env) {
    if (!external_node_fs_.existsSync(p.binary))
        return 'The file is not there.';
    const sumFile = `${p.binary}_SHA256SUM`;
    const actual = (0,external_node_crypto_.createHash)('sha256').update(external_node_fs_.readFileSync(p.binary)).digest('hex');
    const written = external_node_fs_.existsSync(sumFile) ? external_node_fs_.readFileSync(sumFile, 'utf8').slice(0, 64).toLowerCase() : undefined;
    if (written !== actual) {
        return `Its checksum file ${sumFile} ${written === undefined ? 'is missing' : `says ${written}`}; the binary's SHA-256 is ${actual} (Packer ignores a plugin whose checksum does not match: plugin-getter/plugins.go:237-256).`;
    }
    try {
        await checkDescribe(p.binary, p.version, `plugin ${p.source} ${p.version}`, env);
    }
    catch (err) {
        return `${err.message}.`;
    }
    return 'Its checksum and `describe` look right to the action; Packer says why below (set PACKER_LOG=1 for its reasons).';
}

;// CONCATENATED MODULE: ./src/packer/plugin-placement.ts













/**
 * Installs the official plugins the template needs from the mirror, verified and cached, where
 * Packer loads them, and has Packer confirm it loads them, at those versions. The folder is the
 * user's PACKER_PLUGIN_PATH, or else one of the action's own for this step, into which the
 * contents of Packer's default folder are carried (what earlier steps installed stays visible)
 * but for other versions of the plugins placed (the pin holds). Returns the environment Packer
 * runs in from then on as soon as the plugins are in place, with Packer's confirmation of them
 * still running: await it before `packer init` or a build, so that it
 * runs beside what comes between (the fingerprint, the base-image look-ups) instead of before
 * it. It never rejects unawaited. `packerBinary` settles when Packer is installed: the plugins
 * download beside Packer's own download.
 */
async function placePluginsUnconfirmed(opts, needs, packerVersion, env, packerBinary) {
    const plan = pluginPlan(needs, packerVersion, opts.amazonPluginVersion);
    if (plan.length === 0)
        return { env, confirmation: Promise.resolve() };
    const { dir, usersFolder } = pluginFolder(env, plan);
    const packerEnv = { ...env, PACKER_PLUGIN_PATH: dir };
    const site = { mirror: opts.packerMirror, signingKey: opts.signingKey, verifySignature: opts.verifySignature };
    const placed = [];
    for (const req of plan) {
        const constraint = 'constraint' in req.version ? req.version.constraint : undefined;
        try {
            const p = await installPlugin(site, req, dir, env);
            placed.push({ source: p.source, version: p.version, binary: p.binary, constraint });
        }
        catch (err) {
            if (!(err instanceof MissingRelease))
                throw err;
            const got = await withoutTheMirror(err, req, { packer: await packerBinary, dir, env: packerEnv, mirror: opts.packerMirror, token: opts.githubToken });
            if (got !== undefined)
                placed.push({ ...got, constraint });
        }
    }
    // Packer may still be downloading: it confirms the placement once it is there.
    const confirmation = placed.length === 0 ? Promise.resolve() : packerBinary.then((packer) => confirmPlugins({ packer, dir, env: packerEnv, placed, usersFolder, platform: pluginPlatform() }));
    confirmation.catch(() => undefined);
    return { env: packerEnv, confirmation };
}
function pluginPlatform() {
    return { ...platform(process.platform, process.arch), ext: process.platform === 'win32' ? '.exe' : '' };
}
/**
 * The user's PACKER_PLUGIN_PATH, as is; else a folder of the action's own holding what Packer's
 * default folder holds, less every version of the plugins the plan places that Packer could
 * prefer to them (plugin-installations.ts, preferredOver): those stay where they are, unseen
 * for this step.
 */
function pluginFolder(env, plan) {
    if (env.PACKER_PLUGIN_PATH) {
        checkPluginPath(env.PACKER_PLUGIN_PATH);
        return { dir: external_node_path_.resolve(env.PACKER_PLUGIN_PATH), usersFolder: true };
    }
    const dir = ownPluginFolder(env);
    const from = packerPluginFolder(env);
    if (from === undefined || !external_node_fs_.existsSync(from))
        return { dir, usersFolder: false };
    const { carried, leftOut } = carryOver(from, dir, (relative) => plan.some((req) => competes(req, relative)));
    const binaries = (files) => files.filter((f) => !f.endsWith('_SHA256SUM'));
    if (carried.length > 0)
        core/* info */.pq(`Packer's default plugin folder ${from} stays visible to Packer: ${binaries(carried).length} plugin binaries carried into ${dir}`);
    for (const relative of binaries(leftOut)) {
        const found = parseInstallation(from, relative, pluginPlatform());
        const what = found === undefined ? '' : ` (${found.name} ${found.version})`;
        core/* info */.pq(`Left out of Packer's view for this step: ${external_node_path_.join(from, relative)}${what}; the action places the version this step asks for`);
    }
    return { dir, usersFolder: false };
}
/**
 * A file of Packer's default folder Packer could load instead of what `req` places: one whose
 * name starts `packer-plugin-<name>_` (its `_SHA256SUM` too), anywhere for a plugin Packer finds
 * by name, below the source's parent folder for one `required_plugins` names.
 */
function competes(req, relative) {
    const name = pluginName(req.source);
    if (!external_node_path_.posix.basename(relative).startsWith(`packer-plugin-${name}_`))
        return false;
    if (!('constraint' in req.version))
        return true;
    return relative.startsWith(`${external_node_path_.posix.dirname(req.source)}/`);
}
/**
 * A release the mirror has not got. A custom mirror is the user's choice of source: an error
 * naming the mirror and the version. The default mirror lacks some releases GitHub has (old
 * versions, plugins never published there): a `required_plugins` entry is left to `packer
 * init`, which downloads it from GitHub with the token; `amazon-plugin-version` goes to
 * `packer plugins install`, which does the same for a plugin no `required_plugins` names
 * (command/plugins_install.go:124-220 at v1.16.0, the version as a go-version constraint).
 * Either way with a note.
 */
function missingReleasePlan(err, req, mirror) {
    if (mirror !== constants/* DEFAULT_PACKER_MIRROR */.$3)
        return { kind: 'error', error: err };
    const unsigned = "checked against its release's checksums (no signature)";
    if ('constraint' in req.version) {
        return { kind: 'init', note: `${err.message}. packer init will download ${req.source} from GitHub instead, ${unsigned}` };
    }
    const { spec, input } = req.version;
    const version = err.version ?? (isExactVersion(spec) ? spec : undefined);
    if (version === undefined && spec !== 'latest') {
        const error = new Error(`${err.message}; ${input}: "${spec}" is a range, which only the mirror's index can answer: name an exact version or latest`, { cause: err });
        return { kind: 'error', error };
    }
    return {
        kind: 'install',
        args: ['plugins', 'install', req.source, ...(version === undefined ? [] : [`v${version}`])],
        version,
        note: `${err.message}. Installing ${req.source} ${version ?? 'latest'} from GitHub with packer plugins install, ${unsigned}`
    };
}
async function withoutTheMirror(err, req, f) {
    const plan = missingReleasePlan(err, req, f.mirror);
    if (plan.kind === 'error')
        throw plan.error;
    core/* notice */.lm(plan.note);
    if (plan.kind === 'init')
        return undefined;
    const { args, version } = plan;
    const run = await runPacker(f.packer, args, { cwd: f.dir, env: f.token === '' ? f.env : { ...f.env, PACKER_GITHUB_API_TOKEN: f.token } });
    if (run.code !== 0)
        throw new Error(`packer ${args.join(' ')} failed:\n${printed(run)}`, { cause: err });
    if (run.stdout.trim() !== '')
        printUntrusted(run.stdout.trim());
    endUntrusted();
    const installed = installedVersions(f.dir, req.source).filter((i) => version === undefined || i.version === version);
    const newest = installed[installed.length - 1];
    if (newest === undefined)
        throw new Error(`packer ${args.join(' ')} left no ${req.source} binary in ${f.dir}:\n${printed(run)}`, { cause: err });
    return { source: req.source, version: newest.version, binary: newest.binary };
}
/** The binaries of `source` in its folder below `dir`, lowest version first. */
function installedVersions(dir, source) {
    const folder = external_node_path_.join(dir, ...source.split('/'));
    const files = external_node_fs_.existsSync(folder) ? external_node_fs_.readdirSync(folder) : [];
    return files
        .map((f) => parseInstallation(dir, `${source}/${f}`, pluginPlatform()))
        .filter((i) => i !== undefined && i.name === pluginName(source))
        .sort((a, b) => semver_default().compare(a.version, b.version));
}

;// CONCATENATED MODULE: ./src/packer/settled-needs.ts







/**
 * What a template needs of plugins (its `required_plugins`, its component types, HCL or legacy
 * JSON), as HCL read it once, kept in the runner's tool cache under a digest of every template
 * file's name and bytes. From Packer 1.10 the plugins to place come from reading the template,
 * which takes HCL's parser 100 to 200 ms to start; with the needs settled, the plugins are placed
 * and Packer starts while the parser reads the template beside it. A self-hosted runner keeps its
 * tool cache between jobs; on a GitHub-hosted one, a second step of the job finds it.
 *
 * Nothing else the template decides comes from here: the checks against the inputs, the regions
 * and the fingerprint still wait for the reading. A template that changed by one byte, or one HCL
 * could not read whole, is read again; FORMAT changes when what is kept, or how it is read, does.
 */
const FORMAT = 1;
function entryPath(template) {
    const root = process.env.RUNNER_TOOL_CACHE;
    if (!root)
        return undefined;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(`packer-ami-action plugin needs ${FORMAT}\n`);
    for (const file of templateFiles(template)) {
        const bytes = external_node_fs_.readFileSync(file);
        digest.update(`${external_node_path_.basename(file)}\n${bytes.length}\n`).update(bytes);
    }
    return external_node_path_.join(root, 'packer-ami-action', 'plugin-needs', `${digest.digest('hex')}.json`);
}
/**
 * The entry of these template files, its digest taken once: what an earlier run settled for
 * exactly these files (or undefined), and `settle`, which keeps what HCL read of a template it
 * read whole when Packer's plugins come from it (1.10 and later).
 */
function needsEntry(template) {
    let file;
    try {
        file = entryPath(template);
    }
    catch (err) {
        core/* debug */.Yz(`plugin needs of ${template} not kept: ${err.message}`);
    }
    return { settled: file === undefined ? undefined : read(file), settle: (needs, version) => (file === undefined ? undefined : settled_needs_write(file, needs, version)) };
}
function read(file) {
    try {
        if (!external_node_fs_.existsSync(file))
            return undefined;
        const kept = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
        if (!isNeeds(kept))
            throw new Error('not the shape this action writes');
        return kept;
    }
    catch (err) {
        // A damaged entry costs only the wait for the reading.
        core/* debug */.Yz(`plugin needs kept at ${file} not used: ${err.message}`);
        return undefined;
    }
}
function settled_needs_write(file, needs, packerVersion) {
    if (needs.unreadable.length > 0 || semver_default().lt(packerVersion, constants/* PLUGINS_MIN_VERSION */.nq))
        return;
    try {
        external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true });
        const kept = { hcl2: needs.hcl2, requiredPlugins: needs.requiredPlugins, componentTypes: needs.componentTypes };
        // Written aside and renamed: a run reading it beside this one sees all of it or nothing.
        const partial = `${file}.${process.pid}.partial`;
        external_node_fs_.writeFileSync(partial, JSON.stringify(kept));
        external_node_fs_.renameSync(partial, file);
    }
    catch (err) {
        core/* debug */.Yz(`plugin needs not kept: ${err.message}`);
    }
}
/** Whether two readings ask for the same plugins. */
function sameNeeds(a, b) {
    const key = (n) => JSON.stringify([n.hcl2, n.requiredPlugins.map((p) => [p.name, p.source, p.version ?? null]), [...n.componentTypes].sort()]);
    return key(a) === key(b);
}
function isNeeds(x) {
    return (typeof x.hcl2 === 'boolean' &&
        Array.isArray(x.componentTypes) &&
        x.componentTypes.every((t) => typeof t === 'string') &&
        Array.isArray(x.requiredPlugins) &&
        x.requiredPlugins.every((p) => typeof p?.name === 'string' && typeof p.source === 'string' && (p.version === undefined || typeof p.version === 'string')));
}

;// CONCATENATED MODULE: ./src/report/places.ts

/**
 * Packer's diagnostics (HCL's format, the same in Packer 1.6.6 and 1.16.0): `Error: <summary>`,
 * a blank line, `  on <file> line <n>[, in <block>]:`, then the detail. One cause per error.
 */
function packerCauses(text, ctx) {
    const blocks = hideVarFile(text, ctx.actionVarFile).split(/^Error: /m).slice(1);
    return blocks.map((block) => {
        const [summary, ...rest] = block.split('\n');
        const where = /^\s*on (.+?) line (\d+)(?:, in [^\n]*)?:$/m.exec(rest.join('\n'));
        const detail = rest
            .join('\n')
            .replace(/^\s*on .+? line \d+(?:, in [^\n]*)?:$/m, '')
            .replace(/^\s*\(source code not available\)$/m, '')
            // The quoted source lines (`  4:   no_such_field = "x"`): the annotation already points there.
            .replace(/^[ \t]+\d+:.*$/gm, '')
            .trim();
        const flat = detail.replace(/\s*\n\s*/g, ' ');
        const message = detail === '' ? summary.trim() : `${summary.trim()}: ${flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL)}…` : flat}`;
        if (where === null || where[1] === VARIABLES_INPUT)
            return { message };
        return { message, file: relative(where[1], ctx), line: Number(where[2]) };
    });
}
/** The first changed line of each file in `packer fmt -check -diff` output (`--- old/<file>`, `@@ -a,b …`). */
function fmtCauses(diff, ctx, target) {
    const causes = [];
    const lines = diff.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const file = /^--- old\/(.+)$/.exec(lines[i])?.[1];
        if (file === undefined)
            continue;
        const hunk = lines.findIndex((l, j) => j > i && l.startsWith('@@'));
        const start = hunk < 0 ? undefined : /^@@ -(\d+)/.exec(lines[hunk])?.[1];
        let line = start === undefined ? undefined : Number(start);
        if (line !== undefined) {
            for (let j = hunk + 1; j < lines.length && lines[j].startsWith(' '); j++)
                line++;
        }
        const rel = relative(file, ctx);
        causes.push({ message: `${rel} is not formatted`, file: rel, line, fix: `run \`packer fmt ${relative(target, ctx)}\`` });
    }
    return causes;
}
/** HCL's own place in a parser message: `file.pkr.hcl:11,28-29: Unclosed configuration block; …`. */
function hclCause(file, message, ctx) {
    const where = /(?:^|\[)[^\s[:]+:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(message);
    const rel = relative(file, ctx);
    if (where === null)
        return { message: message.trim(), file: rel };
    const detail = where[4] === undefined ? '' : `: ${where[4].trim()}`;
    return { message: `${where[3].trim()}${detail}`, file: rel, line: Number(where[1]), column: Number(where[2]) };
}
/** A cause as one line: `packer/base.pkr.hcl:11:28: Unclosed configuration block`. */
function describeCause(c) {
    const place = c.file === undefined ? '' : `${c.file}${c.line === undefined ? '' : `:${c.line}`}${c.column === undefined ? '' : `:${c.column}`}: `;
    return `${place}${c.message}${c.fix === undefined ? '' : ` (${c.fix})`}`;
}
const VARIABLES_INPUT = 'the variables input';
/** An annotation is one paragraph: Packer's detail beyond this is in the log and the summary's full error. */
const MAX_DETAIL = 600;
/** The var-file the action writes (src/packer/varfile.ts): `packer-ami-action-<uuid>.pkrvars.json`. */
const ACTION_VAR_FILE = /\S*packer-ami-action-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:\.pkrvars)?\.json/g;
/**
 * The action's var-file is where `variables` reach Packer: say so, not its path in RUNNER_TEMP,
 * and leave out the source lines Packer quotes from it, which hold the values (sensitive ones too).
 */
function hideVarFile(text, varFile) {
    const named = (varFile === undefined ? text : text.split(varFile).join(VARIABLES_INPUT)).replace(ACTION_VAR_FILE, VARIABLES_INPUT);
    return named.replace(/(on the variables input line \d+(?:, in [^\n]*)?:\n)(?:[ \t]+\d+:.*\n?)+/g, '$1');
}
function relative(file, ctx) {
    const absolute = external_node_path_.resolve(ctx.cwd, file);
    const rel = external_node_path_.relative(ctx.workspace, absolute);
    return (rel.startsWith('..') ? absolute : rel).split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./src/packer/validate.ts






/** `packer fmt -check` exits 3 when a file is not formatted; any other failure is an error. */
const FMT_UNFORMATTED = 3;
/**
 * `packer fmt` reads only `.pkr.hcl` and `.pkrvars.hcl` files and fails on anything else (a
 * `.pkr.json` template among them): a template directory (fmt picks its HCL files), an HCL
 * template file, and the user's `.pkrvars.hcl` var-files.
 */
function fmtTargets(template, isDirectory, varFiles) {
    const hcl = (f) => f.endsWith('.pkr.hcl') || f.endsWith('.pkrvars.hcl');
    // fmt on a directory already reads the var-files that sit in it.
    const inTemplateDir = (f) => isDirectory && external_node_path_.dirname(external_node_path_.resolve(f)) === external_node_path_.resolve(template);
    return [...(isDirectory || hcl(template) ? [template] : []), ...varFiles.filter((f) => hcl(f) && !inTemplateDir(f))];
}
/**
 * `packer fmt -check` on each target. It needs no plugin and no parsed template, so it starts
 * at once while the template is read; validation runs beside it.
 */
async function checkFormat(req) {
    const found = { diffs: [], errors: [], causes: [], targets: req.targets };
    const ctx = { cwd: req.cwd, workspace: process.env.GITHUB_WORKSPACE || req.cwd };
    for (const target of req.targets) {
        const fmt = await runPacker(req.binary, fmtArgs(target), { cwd: req.cwd, env: req.env });
        if (fmt.code === 0) {
            core/* info */.pq(`packer fmt -check ${target}: formatted`);
        }
        else if (fmt.code === FMT_UNFORMATTED) {
            found.diffs.push(printed(fmt));
            // One annotation per file, on its first line that differs, so it shows on the diff.
            for (const cause of fmtCauses(fmt.stdout, ctx, target)) {
                found.causes.push(cause);
                core/* error */.z3(`${cause.message}: ${cause.fix}`, { title: 'packer fmt', file: cause.file, startLine: cause.line });
            }
        }
        else {
            found.errors.push(`packer fmt failed on ${target} (exit code ${fmt.code}):\n${printed(fmt)}`);
            core/* error */.z3(found.errors[found.errors.length - 1]);
        }
    }
    return found;
}
/**
 * Runs `packer validate` while `packer fmt -check` runs, and reports it with the format check,
 * so every problem shows at once.
 */
async function validate(req) {
    const running = runPacker(req.binary, validateArgs(req.args), { cwd: req.cwd, env: req.env });
    running.catch(() => undefined);
    const formatting = await req.formatting;
    const result = { ok: true, causes: [], formatTargets: formatting.targets };
    const { diffs, errors: fmtErrors } = formatting;
    result.causes.push(...formatting.causes);
    if (diffs.length > 0)
        result.fmtDiff = diffs.join('\n');
    const run = await running;
    const text = hideVarFile(printed(run), req.args.actionVarFile);
    const validateErrors = run.code === 0 ? [] : [text];
    if (run.code === 0) {
        printUntrusted(`packer validate: ${run.stdout.trim() || 'the configuration is valid'}`);
        endUntrusted();
    }
    else {
        const ctx = { cwd: req.cwd, workspace: process.env.GITHUB_WORKSPACE || req.cwd, actionVarFile: req.args.actionVarFile };
        const causes = packerCauses(printed(run), ctx);
        result.causes.push(...causes);
        for (const c of causes)
            core/* error */.z3(c.message, { title: 'packer validate', file: c.file, startLine: c.line });
        if (causes.length === 0)
            core/* error */.z3(`packer validate failed:\n${text}`);
        printUntrusted(text);
        endUntrusted();
    }
    const errors = [...fmtErrors, ...validateErrors];
    result.ok = diffs.length + errors.length === 0;
    if (errors.length > 0)
        result.validateErrors = errors.join('\n');
    return result;
}

;// CONCATENATED MODULE: ./src/packer/varfile.ts




/**
 * Writes variables where only this user can read them, so values never travel in argv or a
 * shell. HCL2 reads `.pkrvars.json` with literal strings (`${` is not interpolated); legacy JSON
 * templates take strings only, so other values go there as their JSON text.
 */
function writeVarFile(variables, hcl2, dir = process.env.RUNNER_TEMP || external_node_os_.tmpdir()) {
    const file = external_node_path_.join(dir, `packer-ami-action-${(0,external_node_crypto_.randomUUID)()}${hcl2 ? '.pkrvars.json' : '.json'}`);
    const content = hcl2 ? variables : legacyStrings(variables);
    external_node_fs_.writeFileSync(file, JSON.stringify(content), { mode: 0o600, flag: 'wx' });
    return file;
}
function legacyStrings(variables) {
    return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
}
function removeVarFile(file) {
    external_node_fs_.rmSync(file, { force: true });
}

;// CONCATENATED MODULE: ./src/report/launch-templates.ts

/** The summary's launch-template section: the versions made, then where a template was missing. */
function renderLaunchTemplates(rollout) {
    if (rollout.versions.length === 0 && rollout.missing.length === 0)
        return [];
    const lines = ['### Launch templates', ''];
    if (rollout.versions.length > 0) {
        lines.push('| Region | Template | New version | AMI | Default |', '|---|---|---|---|---|');
        for (const v of rollout.versions) {
            lines.push(`| ${escapeCell(v.region)} | ${escapeCell(v.template)} | ${v.version} | ${escapeCell(v.ami)} | ${v.default ? 'yes, now the default' : 'no'} |`);
        }
        lines.push('');
    }
    for (const m of rollout.missing)
        lines.push(`- ⚠️ ${escapeCell(m.template)} does not exist in ${escapeCell(m.region)}: no new version there`);
    if (rollout.missing.length > 0)
        lines.push('');
    return lines;
}

;// CONCATENATED MODULE: ./src/report/channels.ts


/** The table of channel moves, for a build's summary and a promotion's or revocation's. */
function renderAssignments(assignments) {
    if (assignments.length === 0)
        return [];
    const lines = ['### Channels', '', '| Channel | Region | From | To | Version | Why |', '|---|---|---|---|---|---|'];
    for (const a of assignments) {
        const version = a.unchanged ? `${a.version} (unchanged)` : String(a.version);
        lines.push(`| ${escapeCell(a.channel)} (\`${escapeCell(a.parameter)}\`) | ${escapeCell(a.region)} | ${a.previous ?? '—'} | ${a.ami} | ${version} | ${escapeCell(a.reason)} |`);
    }
    lines.push('');
    return lines;
}
/** The job summary of `mode: promote` and `mode: revoke`. */
function renderChannelReport(r) {
    const c = r.channels;
    const status = r.ok ? '✅ passed' : '❌ failed';
    const dry = c?.dryRun ? ' (dry run: nothing changed)' : '';
    const lines = [`## Packer ${r.mode}${dry}: ${status}`, ''];
    if (c !== undefined) {
        lines.push('| | |', '|---|---|', `| Family | ${escapeCell(c.family)} |`);
        if (c.channel !== undefined)
            lines.push(`| Channel | ${escapeCell(c.channel)} |`);
        if (c.source !== undefined)
            lines.push(`| From | ${escapeCell(c.source)} |`);
        lines.push(`| Run | [workflow run](${r.run.runUrl}) |`, '');
        if (c.refused.length > 0)
            lines.push('### Refused: nothing was changed', '', ...c.refused.map((p) => `- ${escapeCell(p)}`), '');
        if (c.revoked.length > 0) {
            lines.push(`### ${c.dryRun ? 'Would revoke' : 'Revoked'}`, '', '| Region | AMI | Family | Why | Disabled |', '|---|---|---|---|---|');
            for (const x of c.revoked) {
                const why = x.builtOn === undefined ? 'named by the input' : `built on ${x.builtOn}`;
                lines.push(`| ${escapeCell(x.region)} | ${x.ami} | ${escapeCell(x.family)} | ${why} | ${x.disabled ? 'yes' : 'no'} |`);
            }
            lines.push('', 'Nothing was deregistered and no snapshot deleted.', '');
        }
        lines.push(...renderAssignments(c.assignments));
        if (c.planned.length > 0) {
            lines.push('### Channels that would move', '', '| Channel | Region | To | Why |', '|---|---|---|---|');
            for (const m of c.planned)
                lines.push(`| ${escapeCell(m.channel)} of ${escapeCell(m.family)} (\`${escapeCell(m.parameter ?? '')}\`) | ${escapeCell(m.region)} | ${m.ami} | ${escapeCell(m.reason)} |`);
            lines.push('');
        }
        for (const s of c.stuck) {
            lines.push(`- ❌ ${escapeCell(s.parameter)} in ${escapeCell(s.region)} still names ${s.ami}: ${escapeCell(s.why)}`);
        }
        if (c.stuck.length > 0)
            lines.push('');
        if (c.passedOver.length > 0) {
            lines.push('<details><summary>Versions passed over</summary>', '', '| Parameter | Region | Version | AMI | Why |', '|---|---|---|---|---|');
            for (const p of c.passedOver)
                lines.push(`| ${escapeCell(p.parameter)} | ${escapeCell(p.region)} | ${p.version} | ${p.ami} | ${escapeCell(p.why)} |`);
            lines.push('', '</details>', '');
        }
        if (c.sharedWith.length > 0)
            lines.push(`Shared with: ${c.sharedWith.map(escapeCell).join(', ')}.`, '');
        if (c.launchTemplates !== undefined)
            lines.push(...renderLaunchTemplates(c.launchTemplates));
    }
    if (r.error !== undefined)
        lines.push('### Error', '', fence(r.error), '');
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/report/lineage.ts

/**
 * What each build was built on, whether the bases are current, and what the fingerprint saw:
 * enough for a reader to tell why a run rebuilt or reused.
 */
function renderLineage(r) {
    const l = r.lineage;
    if (l === undefined)
        return [];
    const lines = ['### Lineage', ''];
    const parents = r.images?.parents ?? {};
    for (const [build, p] of Object.entries(parents).sort(([a], [b]) => (a < b ? -1 : 1))) {
        const when = p.created === undefined ? '' : `, created ${p.created}`;
        lines.push(`- ${escapeCell(build)}: built on ${p.id} (${escapeCell(p.name ?? 'name unknown')}${when}) in ${p.region}`);
    }
    if (r.reused) {
        const known = l.bases.filter((b) => b.id !== undefined);
        if (known.length > 0) {
            lines.push(`- Base images are current: ${known.map((b) => `${escapeCell(b.source)} on ${b.id} (${escapeCell(b.name ?? '?')})`).join(', ')}`);
        }
    }
    for (const c of l.changes) {
        lines.push(`- ${escapeCell(c.source)}: the base moved on from ${c.from} (${escapeCell(c.fromName ?? '?')}) to ${c.to} (${escapeCell(c.toName ?? '?')}); ` +
            `${r.reused ? 'reused' : 'rebuilt'} (the last AMI, ${c.previousAmi}, was built on the old base)`);
    }
    if (l.blind.length > 0) {
        lines.push('', '**Not reused: the action cannot see these inputs before Packer runs**, so nothing is reused while they exist:', '');
        for (const b of l.blind)
            lines.push(`- ${escapeCell(b)}`);
    }
    const outdated = r.images?.outdated ?? [];
    if (outdated.length > 0) {
        lines.push('', '**Built on an older base (outdated)**', '', '| Family | Region | Newest AMI | Built on | Now current |', '|---|---|---|---|---|');
        for (const o of outdated)
            lines.push(`| ${escapeCell(o.family)} | ${o.region} | ${o.ami} | ${o.builtOn} | ${o.current} |`);
    }
    const p = l.parts;
    // Without skip-unchanged the bases come from Packer's output, their names from the parents.
    const nameOf = (id, given) => given ?? Object.values(parents).find((parent) => parent.id === id)?.name;
    const bases = l.bases.map((b) => {
        if (b.id === undefined)
            return `${b.source}: unknown`;
        const name = nameOf(b.id, b.name);
        return `${b.source}: ${b.id}${name === undefined ? '' : ` (${name})`}`;
    });
    lines.push('', `Fingerprint \`${l.digest.slice(0, 12)}\` covers ${p.files} file${p.files === 1 ? '' : 's'}, ${p.plugins.length} plugin${p.plugins.length === 1 ? '' : 's'}` +
        `${p.plugins.length > 0 ? ` (${p.plugins.map(escapeCell).join(', ')})` : ''}, ` +
        `${p.env.length} env() variable${p.env.length === 1 ? '' : 's'}${p.env.length > 0 ? ` (${p.env.map(escapeCell).join(', ')}, values hashed)` : ''}, ` +
        `base images: ${bases.map(escapeCell).join(', ') || 'none'}; variables, var-files, only/except and the Packer version.`, '');
    return lines;
}

;// CONCATENATED MODULE: ./src/report/inventory.ts

/** Rows of package changes shown in plain view; a longer table goes into a collapsed block. */
const OPEN_ROWS = 10;
/**
 * The summary's inventory section: per AMI its SBOM (packages, kernel, artifact), then what
 * changed against the family's previous AMI, the kernel first; "no earlier inventory" says why.
 */
function renderInventory(results) {
    if (results.length === 0)
        return [];
    const lines = ['### Package inventory', '', '| Region | AMI | OS | Kernel | Packages | SBOM artifact |', '|---|---|---|---|---|---|'];
    for (const r of results) {
        const artifact = r.artifact !== undefined ? `\`${escapeCell(r.artifact.name)}\`` : `⚠️ not kept: ${escapeCell(r.artifactError ?? 'unknown error')}`;
        lines.push(`| ${r.region} | ${r.ami} | ${escapeCell(r.os ?? 'unknown')} | ${escapeCell(r.kernel)} | ${r.packages} | ${artifact} |`);
    }
    lines.push('');
    for (const r of results)
        lines.push(...renderChanges(r));
    return lines;
}
function renderChanges(r) {
    const head = `**${r.region} ${r.ami}**`;
    if ('none' in r.earlier)
        return [`${head}: no earlier inventory (${escapeCell(r.earlier.none)}).`, ''];
    const { diff, ami, runUrl } = r.earlier;
    const against = `against ${ami ?? 'the previous AMI'} ([its run](${runUrl}))`;
    const lines = [`${head} ${against}:`, ''];
    lines.push(diff.kernel !== undefined ? `- Kernel: ${code(diff.kernel.from)} → ${code(diff.kernel.to)}` : `- Kernel: unchanged (${code(r.kernel)})`);
    const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`;
    lines.push(`- Packages: ${counts}`, '');
    const rows = [
        ...diff.changed.map((c) => row('changed', c.name, c.arch, c.from, c.to)),
        ...diff.added.map((p) => row('added', p.name, p.arch, '', p.version)),
        ...diff.removed.map((p) => row('removed', p.name, p.arch, p.version, ''))
    ];
    if (rows.length === 0)
        return lines;
    const table = ['| | Package | Before | After |', '|---|---|---|---|', ...rows];
    if (rows.length <= OPEN_ROWS)
        return [...lines, ...table, ''];
    return [...lines, `<details><summary>${rows.length} package changes</summary>`, '', ...table, '', '</details>', ''];
}
function row(kind, name, arch, from, to) {
    const label = kind === 'added' ? '➕ added' : kind === 'removed' ? '➖ removed' : '🔄 changed';
    const shown = arch !== undefined && arch !== '' ? `${name} (${arch})` : name;
    return `| ${label} | ${escapeCell(shown)} | ${code(from)} | ${code(to)} |`;
}
/**
 * A version in a code span: Debian's `~` and `_` then stay as they are (backslash escapes would
 * show inside a span); a pipe is escaped for the table, which GitHub undoes inside spans.
 */
function code(v) {
    if (v === '')
        return '';
    return `\`${v.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}

// EXTERNAL MODULE: ./src/test-stage/results.ts
var results = __webpack_require__(91021);
;// CONCATENATED MODULE: ./src/report/test-stage.ts


const COLUMNS = ['system status', 'instance status', 'SSM agent', 'test-commands'];
/**
 * The summary's test-stage section: one row per tested AMI (booted in N s, each check ✅/❌, —
 * where it did not run), then, for each failed test, why and what the script printed, in a
 * collapsed block.
 */
function renderTestStage(results) {
    if (results.length === 0)
        return [];
    const failed = results.filter((r) => !r.passed);
    const lines = [
        `### Test stage: ${failed.length === 0 ? '✅ every AMI passed' : `❌ ${failed.length} of ${results.length} failed: not shared, published or rolled out, and deprecated`}`,
        '',
        '| AMI | Region | Instance | Booted | System status | Instance status | SSM agent | test-commands |',
        '|---|---|---|---|---|---|---|---|'
    ];
    for (const r of results) {
        const booted = r.bootSeconds === undefined ? '❌ no' : `in ${r.bootSeconds} s`;
        const cells = COLUMNS.map((name) => mark(r.checks.find((c) => c.name === name)));
        lines.push(`| ${r.ami} | ${escapeCell(r.region)} | ${escapeCell(r.instance ?? '—')} | ${booted} | ${cells.join(' | ')} |`);
    }
    lines.push('');
    for (const r of failed) {
        lines.push(`**${r.ami}** (${escapeCell(r.region)}): ${escapeCell(r.failure ?? 'failed')}`, '');
        if (r.outputTail !== undefined)
            lines.push(...output(r));
    }
    for (const r of results.filter((x) => x.inventoryError !== undefined)) {
        lines.push(`⚠️ ${r.ami} (${escapeCell(r.region)}) passed, but its packages could not be listed: ${escapeCell(r.inventoryError)}`, '');
    }
    const kept = results.filter((r) => !r.terminated);
    if (kept.length > 0)
        lines.push(`⚠️ Not confirmed terminated: ${kept.map((r) => `${r.instance} (${r.region})`).join(', ')}; the post step removes them.`, '');
    return lines;
}
function mark(check) {
    if (check === undefined || check.passed === undefined)
        return '—';
    return `${check.passed ? '✅' : '❌'} ${escapeCell(check.detail)}`;
}
function output(r) {
    const { stdout, stderr } = r.outputTail;
    const cut = r.outputTruncated
        ? `\n\nRun Command returned only the first ${results/* OUTPUT_LIMITS */.rV.stdout.toLocaleString('en')} characters of stdout and ${results/* OUTPUT_LIMITS */.rV.stderr.toLocaleString('en')} of stderr: the rest is not shown.`
        : '';
    const body = [`exit code ${r.exitCode ?? '—'}`, '', 'stderr:', fence(stderr || '(empty)'), '', 'stdout:', fence(stdout || '(empty)')].join('\n');
    return [`<details><summary>Output of test-commands on ${r.instance ?? r.ami}</summary>\n\n${body}${cut}\n\n</details>`, ''];
}

;// CONCATENATED MODULE: ./src/report/render.ts







/** Links of this run from the runner's environment. */
function runLinks(env) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const repo = `${server}/${env.GITHUB_REPOSITORY ?? ''}`;
    const sha = env.GITHUB_SHA ?? '';
    return { sha, commitUrl: `${repo}/commit/${sha}`, runUrl: `${repo}/actions/runs/${env.GITHUB_RUN_ID ?? ''}` };
}
/** Markdown cell text: pipes, backticks and angle brackets must not break the table. */
function escapeCell(text) {
    return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
/** A fenced block whose fence is longer than any backtick run inside, so the text cannot close it. */
function fence(text, lang = '') {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const bar = '`'.repeat(longest + 1);
    return `${bar}${lang}\n${text}\n${bar}`;
}
function consoleUrl(region, ami) {
    return `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#ImageDetails:imageId=${ami}`;
}
function renderReport(r) {
    const status = r.ok ? '✅ passed' : '❌ failed';
    const lines = [`## Packer ${r.mode}: ${status}`, ''];
    // The cause leads, in plain view, with its place and its fix; the long output comes below.
    if (!r.ok)
        lines.push(...renderCauses(r));
    if (r.ok && r.checks !== undefined) {
        lines.push(`Checks: ${r.checks.map((c) => `\`${c}\``).join(', ')}.`, '');
        if (r.builds !== undefined)
            lines.push(`Builds: ${r.builds.map((b) => `\`${b}\``).join(', ') || 'none'}.`, '');
    }
    lines.push('| Template | ' + escapeCell(r.template) + ' |', '|---|---|', `| Mode | ${r.mode} |`, `| Packer | ${r.packerVersion === undefined ? 'not installed' : escapeCell(r.packerVersion)} |`, `| Result | ${status}${r.reused ? ' (reused AMIs of an earlier run with the same fingerprint: nothing built)' : ''} |`, ...(r.skipped !== undefined && r.skipped.length > 0
        ? [`| Skipped | ${r.skipped.map(escapeCell).join(', ')} (HCP Packer has them done for this fingerprint) |`]
        : []), `| Commit | [${escapeCell(r.run.sha.slice(0, 7))}](${r.run.commitUrl}) |`, `| Run | [workflow run](${r.run.runUrl}) |`, '');
    const amis = (0,packer_artifacts/* amiArtifacts */.pe)(r.artifacts);
    if (amis.length > 0) {
        lines.push('| Build | Region | AMI |', '|---|---|---|');
        for (const a of amis) {
            lines.push(`| ${escapeCell(a.build)} | ${escapeCell(a.region)} | [${a.ami}](${consoleUrl(a.region, a.ami)}) |`);
        }
        lines.push('');
    }
    const others = (0,packer_artifacts/* otherArtifacts */.Qz)(r.artifacts);
    if (others.length > 0) {
        lines.push('| Build | Builder | Artifact |', '|---|---|---|');
        for (const a of others)
            lines.push(`| ${escapeCell(a.build)} | ${escapeCell(a.builder)} | ${escapeCell(a.id)} |`);
        lines.push('');
    }
    if (r.lineage !== undefined)
        lines.push(...renderLineage(r));
    if (r.images?.tests !== undefined)
        lines.push(...renderTestStage(r.images.tests));
    if (r.images?.inventory !== undefined)
        lines.push(...renderInventory(r.images.inventory));
    if (r.images !== undefined)
        lines.push(...renderImages(r.images));
    if (r.images?.launchTemplates !== undefined)
        lines.push(...renderLaunchTemplates(r.images.launchTemplates));
    if (r.images?.channels !== undefined)
        lines.push(...renderAssignments(r.images.channels));
    if (r.fmtDiff !== undefined)
        lines.push(details('packer fmt -check -diff', fence(r.fmtDiff, 'diff')));
    if (r.validateErrors !== undefined)
        lines.push(details('packer validate', fence(r.validateErrors)));
    if (r.error !== undefined && r.fmtDiff === undefined && r.validateErrors === undefined && (r.causes ?? []).some((c) => c.message !== r.error)) {
        lines.push(details('Full error', fence(r.error)));
    }
    if (r.packerErrors !== undefined && r.packerErrors.length > 0) {
        lines.push('### Errors Packer printed (the run still passed)', '', fence(r.packerErrors.join('\n')), '');
    }
    return lines.join('\n') + '\n';
}
function renderImages(images) {
    if (images.images.length === 0 && images.retention.length === 0)
        return [];
    const lines = ['### After the build', '', '| Region | AMI | Family tag | Shared with | Deprecates |', '|---|---|---|---|---|'];
    for (const i of images.images) {
        const shared = i.sharedWith.map(escapeCell).join(', ') || '—';
        lines.push(`| ${i.region} | ${i.ami} | ${escapeCell(i.family)} | ${shared} | ${i.deprecateAt ?? '—'} |`);
    }
    lines.push('', 'Tagged: every AMI above and its snapshots.', '');
    const guarded = images.images.filter((i) => i.protected === true);
    if (guarded.length > 0) {
        const which = guarded.length === images.images.length ? 'every AMI above' : guarded.map((i) => `${i.ami} (${i.region})`).join(', ');
        lines.push(`Deregistration protection: enabled on ${which}.`, '');
    }
    for (const p of images.parameters)
        lines.push(`- SSM parameter \`${p.name}\` in ${p.region} → ${p.ami}`);
    if (images.parameters.length > 0)
        lines.push('');
    if (images.retention.length > 0) {
        const dry = images.retention.some((r) => r.dryRun);
        lines.push(`### Retention${dry ? ' (dry run: nothing removed)' : ''}`, '', `| Region | Family | Kept | ${dry ? 'Would remove' : 'Removed'} | Spared |`, '|---|---|---|---|---|');
        const ids = (list) => list.join(', ') || '—';
        for (const r of images.retention) {
            const spared = r.spared.map((ami) => (r.sparedReasons?.[ami] ? `${ami} (${escapeCell(r.sparedReasons[ami])})` : ami));
            lines.push(`| ${r.region} | ${escapeCell(r.family)} | ${ids(r.kept)} | ${ids(r.removed)} | ${ids(spared)} |`);
        }
        lines.push('');
    }
    return lines;
}
/** The first causes with their places; without a place, the error itself. */
function renderCauses(r) {
    const causes = r.causes ?? [];
    if (causes.length === 0)
        return r.error === undefined ? [] : ['### Error', '', fence(r.error), ''];
    const shown = causes.slice(0, 5).map((c) => `- ${escapeCell(describeCause(c))}`);
    const more = causes.length > 5 ? [`- …and ${causes.length - 5} more, below`] : [];
    return ['### Cause', '', ...shown, ...more, ''];
}
function details(summary, body) {
    return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>\n`;
}

;// CONCATENATED MODULE: ./src/report/sweep.ts

const UNITS = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm']
];
/** `sweep-older-than` as the user wrote it: the largest unit that divides it. */
function formatAge(ms) {
    for (const [unit, suffix] of UNITS)
        if (ms % unit === 0 && ms > 0)
            return `${ms / unit}${suffix}`;
    return `${Math.round(ms / 60_000)}m`;
}
/** The job summary of `mode: sweep`: what was removed (or would be), why each is a leftover, and what was spared. */
function renderSweepReport(r) {
    const s = r.sweep;
    const status = r.ok ? '✅ passed' : '❌ failed';
    const lines = [`## Packer sweep${s?.dryRun ? ' (dry run: nothing removed)' : ''}: ${status}`, ''];
    if (s !== undefined) {
        lines.push('| | |', '|---|---|', `| Regions | ${s.regions.map(escapeCell).join(', ')} |`, `| Older than | ${formatAge(s.olderThanMs)} (made before ${s.cutoff}) |`, `| Run | [workflow run](${r.run.runUrl}) |`, '');
        if (s.swept.length === 0) {
            lines.push('Nothing to sweep: no builder leftover older than the cutoff.', '');
        }
        else {
            lines.push(`| Region | Kind | Resource | Why it is a leftover | ${s.dryRun ? 'Would remove' : 'Removed'} |`, '|---|---|---|---|---|');
            for (const x of s.swept) {
                const done = x.error !== undefined ? `❌ ${escapeCell(x.error)}` : x.removed ? '✅' : 'yes';
                lines.push(`| ${escapeCell(x.region)} | ${x.kind} | \`${x.id}\` | ${escapeCell(x.reason)} | ${done} |`);
            }
            lines.push('');
        }
        if (s.spared.length > 0) {
            const rows = s.spared.map((x) => `| ${escapeCell(x.region)} | ${x.kind} | \`${x.id}\` | ${escapeCell(x.reason)} |`);
            lines.push(`<details><summary>Spared: ${s.spared.length} that look like Packer's but are not proven leftovers</summary>`, '', '| Region | Kind | Resource | Why it stays |', '|---|---|---|---|', ...rows, '', '</details>', '');
        }
    }
    if (r.error !== undefined)
        lines.push('### Error', '', fence(r.error), '');
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/sweep.ts


/**
 * `mode: sweep`, for a scheduled workflow: removes what the builds of lost runners left in
 * `sweep-regions`, with neither a template nor Packer. The AWS SDK loads only here.
 */
async function runSweep(opts, report) {
    const { sweep } = await Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(287), __webpack_require__.e(143)]).then(__webpack_require__.bind(__webpack_require__, 40143));
    const result = await sweep({
        regions: opts.sweep.regions,
        olderThanMs: opts.sweep.olderThanMs,
        dryRun: opts.images.cleanupDryRun,
        family: opts.images.family === '' ? undefined : opts.images.family
    });
    report.sweep = result;
    core/* setOutput */.uH(constants/* Output */.k7.swept, JSON.stringify(result.swept));
    const failed = result.swept.filter((s) => s.error !== undefined);
    const problems = [
        ...(failed.length > 0 ? [`could not remove ${failed.map((s) => `${s.kind} ${s.id} in ${s.region}`).join(', ')}`] : []),
        ...(result.errors.length > 0 ? [`could not sweep ${result.errors.join('; ')}`] : [])
    ];
    if (problems.length > 0)
        throw new Error(`the sweep ${problems.join(', and ')}`);
}

;// CONCATENATED MODULE: ./src/channels/run.ts


/**
 * `mode: promote` and `mode: revoke`: channels move, with neither a template nor Packer. The
 * AWS SDK loads only here. The report is kept even when the step fails: it says what was
 * refused, moved or revoked.
 */
async function runChannelMode(opts, report) {
    try {
        report.channels =
            report.mode === 'promote'
                ? await (await Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(19), __webpack_require__.e(236), __webpack_require__.e(66)]).then(__webpack_require__.bind(__webpack_require__, 64066))).runPromote(opts, report.run.runUrl)
                : await (await Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(236), __webpack_require__.e(899)]).then(__webpack_require__.bind(__webpack_require__, 59263))).runRevoke(opts, report.run.runUrl);
    }
    catch (err) {
        const partial = err.report;
        if (partial !== undefined)
            report.channels = partial;
        throw err;
    }
    finally {
        if (report.channels !== undefined)
            setChannelOutputs(report.channels);
    }
    const stuck = report.channels.stuck;
    if (stuck.length > 0) {
        throw new Error(`channels with no earlier AMI to move back to, still naming a revoked AMI: ${stuck.map((s) => `${s.parameter} in ${s.region} (${s.ami})`).join(', ')}`);
    }
}
function setChannelOutputs(channels) {
    core/* setOutput */.uH(constants/* Output */.k7.channelAssignments, JSON.stringify(channels.assignments));
    if (channels.mode === 'revoke')
        core/* setOutput */.uH(constants/* Output */.k7.revoked, JSON.stringify(channels.revoked));
    if (channels.launchTemplates !== undefined)
        core/* setOutput */.uH(constants/* Output */.k7.launchTemplateVersions, JSON.stringify(channels.launchTemplates.versions));
}

;// CONCATENATED MODULE: ./src/main.ts


































/**
 * inputs → install → init → validate | build → outputs. Bad input fails before anything is
 * downloaded; past that, the summary and the comment report the run whatever happens.
 */
async function run() {
    let opts;
    let template;
    try {
        opts = readOptions((name) => core/* getInput */.V4(name));
        if (constants/* TEMPLATELESS_MODES */.XX.includes(opts.mode)) {
            // A sweep, a promotion or a revocation reads no template: the workspace may hold none.
            template = Promise.reject(new Error(`mode ${opts.mode} reads no template`));
        }
        else {
            templateFiles(opts.template);
            // HCL's parser takes a moment to start: it reads the template while Packer installs.
            template = describeTemplate(opts.template, { varFiles: opts.varFiles, variables: opts.variables });
        }
        template.catch(() => undefined);
    }
    catch (err) {
        const message = messageOf(err);
        core/* setFailed */.C1(message);
        // Nothing ran, but a reader of the summary or the pull request still learns why.
        const reporting = reportingOptions((name) => core/* getInput */.V4(name));
        if (reporting?.githubToken)
            core/* setSecret */.Pq(reporting.githubToken);
        await publish(reporting ?? { githubToken: '', comment: false, commentKey: '' }, { ...inputErrorReport(message), run: runLinks(process.env) });
        return;
    }
    const { masked, tooShort } = maskable(opts.secrets);
    for (const secret of [...masked, opts.githubToken])
        if (secret !== '')
            core/* setSecret */.Pq(secret);
    if (tooShort > 0) {
        core/* warning */.$e(`${constants/* Input */.pd.sensitiveVariables}: ${tooShort} value${tooShort === 1 ? ' is' : 's are'} shorter than ${MIN_MASKED_LENGTH} characters and not masked: a mask that short would blank every such text in the log`);
    }
    const report = {
        mode: resolveMode(opts.mode, eventName(), constants/* VALIDATE_EVENTS */.F4),
        ok: false,
        artifacts: [],
        template: external_node_path_.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), opts.template) || '.',
        run: runLinks(process.env)
    };
    core/* setOutput */.uH(constants/* Output */.k7.mode, report.mode);
    try {
        await execute(opts, template, report);
        report.ok = true;
    }
    catch (err) {
        report.error = hideVarFile(messageOf(err));
        // A build's or init's failure names its places too: they go on the diff as annotations.
        if (report.causes === undefined) {
            report.causes = packerCauses(report.error, placeContext(opts));
            for (const c of report.causes.filter((c) => c.file !== undefined))
                core/* error */.z3(c.message, { title: 'packer', file: c.file, startLine: c.line });
        }
        core/* setFailed */.C1(report.error);
    }
    finally {
        await publish(opts, report);
    }
}
async function execute(opts, reading, report) {
    if (report.mode === 'sweep')
        return runSweep(opts, report);
    if (report.mode === 'promote' || report.mode === 'revoke')
        return runChannelMode(opts, report);
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    // skip-unchanged asks AWS for the base images now, beside the install; nothing else does before the build.
    const lookups = report.mode === 'build' && opts.skipUnchanged ? reading.then((t) => lookUpBases(t.reads.bases, repository)) : undefined;
    lookups?.catch(() => undefined);
    const site = { spec: opts.packerVersion, mirror: opts.packerMirror, signingKey: opts.signingKey, verifySignature: opts.verifySignature };
    const version = packerVersion(site);
    version.catch(() => undefined);
    const installing = installPacker(site, version);
    installing.catch(() => undefined);
    // From Packer 1.10 the plugins come from the template: as an earlier run of the same files
    // settled them, they download beside Packer now, without waiting for HCL to read it.
    const entry = needsEntry(opts.template);
    const settled = entry.settled;
    const placing = settled === undefined ? undefined : placePlugins(opts, settled, { version, installing });
    placing?.catch(() => undefined);
    // What the template decides runs beside the install: its plugins download beside Packer.
    const preparing = prepare(opts, reading, { version, installing }, report.mode, { entry, placing });
    preparing.catch(() => undefined);
    const packer = await installing;
    report.packerVersion = packer.version;
    core/* setOutput */.uH(constants/* Output */.k7.packerVersion, packer.version);
    // fmt needs neither plugins nor the parsed template: it runs while HCL reads the template.
    const formatting = report.mode === 'validate' ? startFormatCheck(opts, packer.binary) : undefined;
    formatting?.catch(() => undefined);
    // Packer starts before HCL has read the template when nothing the reading decides comes
    // first: no plugin to place (or the plugins settled), no init, no earlier build to look for.
    // test-regions is checked against the template's regions before anything is built.
    const pluginsSettled = settled !== undefined && !needsInit(settled, packer.version);
    const plannedFromTemplate = planNeedsTemplate(opts.template, packer.version);
    if (plannedFromTemplate && pluginsSettled)
        core/* info */.pq('Plugins as an earlier run of these template files settled them (kept in the tool cache): Packer starts while HCL reads the template');
    const waits = lookups !== undefined || opts.test !== undefined || (plannedFromTemplate && !pluginsSettled);
    if (waits) {
        const { template, fingerprint, confirmation } = await preparing;
        if (fingerprint !== undefined && lookups !== undefined) {
            settleFingerprint(fingerprintReport(fingerprint, template.reads.blind, await lookups), report);
            if (await reuseEarlierBuild(opts, report))
                return;
        }
        await confirmation;
    }
    if (report.mode === 'build')
        core/* setOutput */.uH(constants/* Output */.k7.reused, 'false');
    const env = waits ? (await preparing).env : placing !== undefined ? await confirmed(placing) : packerEnv(process.env, opts.runnerVariables);
    await withVarFile(opts, async (args) => {
        if (report.mode === 'validate')
            return validateTemplate(opts, { binary: packer.binary, env, args, formatting: formatting }, preparing, report);
        return buildImages(opts, { binary: packer.binary, env, args }, preparing, report);
    });
}
/**
 * What the parsed template decides before Packer uses it: the checks against the inputs, the
 * plugins (placed; Packer's confirmation of them runs beside what follows and is awaited before
 * Packer uses them), init, and in build mode the fingerprint's inputs.
 */
async function prepare(opts, reading, packer, mode, plugins) {
    const [template, version] = await Promise.all([reading, packer.version]);
    for (const problem of template.unreadable)
        printUntrusted(`HCL could not read ${problem}; Packer will say why`);
    endUntrusted();
    checkAgainstTemplate(opts, template, mode);
    const { settled } = plugins.entry;
    const settledRight = settled !== undefined && sameNeeds(settled, template);
    if (!settledRight)
        plugins.entry.settle(template, version);
    if (settled !== undefined && !settledRight) {
        // Packer, if it started with them, checks the plugins it loads against the template itself.
        core/* warning */.$e('The plugin needs kept in the tool cache for these template files differ from what HCL read now: they are replaced');
    }
    const { env, confirmation } = await ((settledRight ? plugins.placing : undefined) ?? placePlugins(opts, template, packer));
    if (needsInit(template, version)) {
        await confirmation;
        await init((await packer.installing).binary, opts.template, opts.workingDirectory, env, opts.githubToken);
    }
    // Plugins are in place before the fingerprint: their versions are part of it.
    const fingerprint = mode === 'build' ? prepareFingerprint(buildInputs(opts, template, version, env)) : undefined;
    return { template, env, confirmation, fingerprint };
}
/** The plugins `needs` asks for, placed; Packer's confirmation of them still running. */
async function placePlugins(opts, needs, packer) {
    const binary = packer.installing.then((p) => p.binary);
    binary.catch(() => undefined);
    return placePluginsUnconfirmed(opts, needs, await packer.version, packerEnv(process.env, opts.runnerVariables), binary);
}
/** Packer's environment once the plugins are placed and Packer confirmed it loads them. */
async function confirmed(placing) {
    const { env, confirmation } = await placing;
    await confirmation;
    return env;
}
/** `packer validate` beside `packer fmt -check`; every problem of either is reported at once. */
async function validateTemplate(opts, call, preparing, report) {
    const result = await validate({ ...call, cwd: opts.workingDirectory });
    const { template } = await preparing;
    report.fmtDiff = result.fmtDiff;
    report.validateErrors = result.validateErrors;
    // HCL's parser names the exact place of a syntax error, where Packer names the end of the file.
    const parsing = template.unreadable.map((u) => hclCause(u.slice(0, u.indexOf(': ')), u.slice(u.indexOf(': ') + 2), placeContext(opts)));
    for (const c of result.ok ? [] : parsing)
        core/* error */.z3(c.message, { title: 'HCL', file: c.file, startLine: c.line, startColumn: c.column });
    report.causes = result.ok ? [] : [...parsing, ...result.causes];
    report.checks = [...result.formatTargets.map((t) => `packer fmt -check ${relativeToWorkspace(t)}`), 'packer validate'];
    if (!result.ok)
        throw new Error('the template did not pass validation (see the errors above)');
    report.builds = setBuildsOutput(template, opts);
}
/** `packer build`, then the AMIs' lineage and everything the action does with them. */
async function buildImages(opts, call, preparing, report) {
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const primary = opts.awsRegion === undefined ? [] : [opts.awsRegion];
    const building = build({
        ...call,
        cwd: opts.workingDirectory,
        args: buildArgs(call.args, { onError: opts.onError, parallelBuilds: opts.parallelBuilds }),
        // Where the template builds and copies, as parsed, and the primary region.
        regions: preparing.then(({ template }) => [...new Set([...primary, ...template.regions])]),
        knownRegions: primary,
        manifests: preparing.then(({ template }) => template.manifests),
        outputFile: external_node_path_.join(process.env.RUNNER_TEMP || external_node_os_.tmpdir(), `packer-build-${(0,external_node_crypto_.randomUUID)()}.out`),
        onError: opts.onError
    });
    // Packer is running now: load the AWS SDK while it builds rather than after.
    const afterBuildModule = Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(905), __webpack_require__.e(19), __webpack_require__.e(236), __webpack_require__.e(117)]).then(__webpack_require__.bind(__webpack_require__, 17117));
    afterBuildModule.catch(() => undefined);
    const result = await building.catch(async (err) => {
        // The builds that finished made products even though the run failed: report them.
        if (err instanceof BuildFailure && err.artifacts.length > 0) {
            report.artifacts = err.artifacts;
            setBuildOutputs(err.artifacts, undefined, opts.awsRegion);
        }
        // Packer may have started before the template was read: what the reading found wrong (an
        // `only` that leaves no build) is the cause to report.
        await preparing;
        throw err;
    });
    report.artifacts = result.artifacts;
    report.skipped = result.skipped;
    report.packerErrors = result.errors;
    setBuildOutputs(result.artifacts, result.manifest, opts.awsRegion);
    const { template, fingerprint } = await preparing;
    const lineage = report.lineage ?? settleFingerprint(fingerprintReport(fingerprint, template.reads.blind, await basesFromPacker(template.reads.bases, result.found, repository)), report);
    report.images = await lookAfterImages(await afterBuildModule, opts, report, { found: result.found, bases: lineage.bases });
    setLineageOutputs(report);
    core/* setOutput */.uH(constants/* Output */.k7.images, JSON.stringify(report.images));
    if (report.images.attestation !== undefined)
        core/* setOutput */.uH(constants/* Output */.k7.attestationChecksums, report.images.attestation.checksums);
    core/* setOutput */.uH(constants/* Output */.k7.launchTemplateVersions, JSON.stringify(report.images.launchTemplates?.versions ?? []));
    core/* setOutput */.uH(constants/* Output */.k7.channelAssignments, JSON.stringify(report.images.channels ?? []));
    if (report.images.inventory !== undefined)
        core/* setOutput */.uH(constants/* Output */.k7.sbom, (await Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(119), __webpack_require__.e(351), __webpack_require__.e(942), __webpack_require__.e(443), __webpack_require__.e(283), __webpack_require__.e(659)]).then(__webpack_require__.bind(__webpack_require__, 39283))).sbomOutput(report.images.inventory));
    if (report.images.tests !== undefined) {
        core/* setOutput */.uH(constants/* Output */.k7.testResults, JSON.stringify(report.images.tests));
        const failed = report.images.tests.filter((t) => !t.passed);
        if (failed.length > 0)
            throw new Error(`the test stage failed: ${failed.map((t) => `${t.ami} in ${t.region}: ${t.failure ?? 'failed'}`).join('; ')}`);
    }
}
/**
 * With `skip-unchanged`, AMIs of an earlier run with the same fingerprint answer every output
 * instead of a new build: only when every input could be seen. True when they did.
 */
async function reuseEarlierBuild(opts, report) {
    const lineage = report.lineage;
    for (const c of lineage.changes)
        core/* info */.pq(`${c.source}: the base moved on from ${c.from} (${c.fromName ?? '?'}) to ${c.to} (${c.toName ?? '?'})`);
    if (lineage.blind.length > 0) {
        core/* warning */.$e(`skip-unchanged: building, because the action cannot see what these read before Packer runs: ${lineage.blind.join('; ')}`);
        return false;
    }
    const { findReusable } = await Promise.all(/* import() */[__webpack_require__.e(501), __webpack_require__.e(861), __webpack_require__.e(637)]).then(__webpack_require__.bind(__webpack_require__, 62637));
    const reused = await findReusable(opts.awsRegion, lineage.digest);
    if (reused === undefined)
        return false;
    core/* info */.pq(`skip-unchanged: AMIs with fingerprint ${lineage.digest} exist in every region, on current base images; nothing to build`);
    core/* setOutput */.uH(constants/* Output */.k7.reused, 'true');
    report.artifacts = reused;
    report.reused = true;
    setBuildOutputs(reused, undefined, opts.awsRegion);
    setLineageOutputs(report);
    return true;
}
/**
 * Inputs that name what the template does not have: a variable it does not declare (Packer
 * ignores it and bakes the default: a warning, an error in validate mode) and `only`/`except`
 * that leave no build (an error naming the builds that exist).
 */
function checkAgainstTemplate(opts, template, mode) {
    const undeclared = undeclaredVariables(Object.keys(opts.variables), template);
    for (const v of undeclared)
        (mode === 'validate' ? core/* error */.z3 : core/* warning */.$e)(undeclaredMessage(v), { title: constants/* Input */.pd.variables });
    const empty = emptySelection(template, opts);
    if (empty !== undefined)
        throw new Error(empty);
    if (mode === 'build')
        checkTestRegions(opts.test, template.regions.length === 0 ? [] : [...new Set([...template.regions, ...(opts.awsRegion === undefined ? [] : [opts.awsRegion])])]);
    if (mode === 'validate' && undeclared.length > 0)
        throw new Error(undeclared.map(undeclaredMessage).join('\n'));
}
/** The fingerprint's output and its part of the report. */
function settleFingerprint(lineage, report) {
    report.fingerprint = lineage.digest;
    report.lineage = lineage;
    core/* setOutput */.uH(constants/* Output */.k7.fingerprint, lineage.digest);
    return lineage;
}
function setLineageOutputs(report) {
    core/* setOutput */.uH(constants/* Output */.k7.baseImages, JSON.stringify(baseImagesOutput(report)));
    core/* setOutput */.uH(constants/* Output */.k7.outdated, JSON.stringify(report.images?.outdated ?? []));
}
/** The AWS SDK loads only in build mode, once Packer runs: validate mode never pays for it. */
async function lookAfterImages({ afterBuild }, opts, report, lineage) {
    const env = process.env;
    return afterBuild({
        lineage,
        artifacts: report.artifacts,
        options: opts.images,
        test: opts.test,
        inventory: opts.inventory,
        redact: redactor([...opts.secrets, opts.githubToken]),
        repository: env.GITHUB_REPOSITORY ?? '',
        channel: opts.channels.channel === undefined ? undefined : { name: opts.channels.channel, parameterTemplate: opts.channels.parameter, run: (0,names/* runIdentity */.yK)(env, report.run.runUrl) },
        provenance: {
            repository: env.GITHUB_REPOSITORY ?? '',
            commit: env.GITHUB_SHA ?? '',
            runUrl: report.run.runUrl,
            ref: env.GITHUB_REF ?? '',
            template: report.template,
            fingerprint: report.fingerprint ?? ''
        }
    });
}
function startFormatCheck(opts, binary) {
    const { directory, hcl2 } = templateShape(opts.template);
    const targets = opts.fmtCheck && hcl2 ? fmtTargets(opts.template, directory, opts.varFiles) : [];
    return checkFormat({ binary, cwd: opts.workingDirectory, env: packerEnv(process.env, opts.runnerVariables), targets });
}
async function withVarFile(opts, body) {
    const varFile = writeVarFile(opts.variables, templateShape(opts.template).hcl2);
    try {
        await body({ template: opts.template, varFiles: [...opts.varFiles, varFile], only: opts.only, except: opts.except, actionVarFile: varFile });
    }
    finally {
        removeVarFile(varFile);
    }
}
/** The builds `only`/`except` leave, as Packer names them: a matrix can split the template by them. */
function setBuildsOutput(template, opts) {
    for (const name of template.unresolvedBuildNames) {
        core/* warning */.$e(`builds: a build block is named by ${name}, which only Packer evaluates; its builds are not in the builds output`);
    }
    const builds = selectBuilds(template.builds, opts, template.hcl2);
    core/* setOutput */.uH(constants/* Output */.k7.builds, JSON.stringify(builds));
    return builds;
}
function placeContext(opts) {
    return { cwd: opts.workingDirectory, workspace: process.env.GITHUB_WORKSPACE || process.cwd() };
}
function relativeToWorkspace(file) {
    return external_node_path_.relative(process.env.GITHUB_WORKSPACE || process.cwd(), file) || '.';
}
function setBuildOutputs(artifacts, manifest, region) {
    const { amiId, amiIds } = amiOutputs(artifacts, region);
    core/* setOutput */.uH(constants/* Output */.k7.amiId, amiId);
    core/* setOutput */.uH(constants/* Output */.k7.amiIds, JSON.stringify(amiIds));
    core/* setOutput */.uH(constants/* Output */.k7.artifacts, JSON.stringify(artifacts));
    core/* setOutput */.uH(constants/* Output */.k7.manifest, manifest ?? '');
}
function inputErrorReport(message) {
    const given = core/* getInput */.V4(constants/* Input */.pd.mode);
    const mode = resolveMode((['validate', 'build', 'sweep', 'promote', 'revoke'].includes(given) ? given : 'auto'), eventName(), constants/* VALIDATE_EVENTS */.F4);
    return { mode, ok: false, artifacts: [], template: core/* getInput */.V4(constants/* Input */.pd.template) || '.', error: message, causes: [{ message, fix: 'correct the input in the workflow file' }] };
}
/** One rendering for the job summary and the comment; both are best effort. */
async function publish(opts, report) {
    const markdown = report.mode === 'sweep' ? renderSweepReport(report) : report.mode === 'promote' || report.mode === 'revoke' ? renderChannelReport(report) : renderReport(report);
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (err) {
        core/* warning */.$e(`could not write the job summary: ${messageOf(err)}`);
    }
    if (!opts.comment || opts.githubToken === '')
        return;
    try {
        // Octokit loads only to comment: a run without a comment never pays for it.
        const [{ postComments }, github] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(351), __webpack_require__.e(22)]).then(__webpack_require__.bind(__webpack_require__, 94022)), Promise.all(/* import() */[__webpack_require__.e(119), __webpack_require__.e(351)]).then(__webpack_require__.bind(__webpack_require__, 61351))]);
        const url = await postComments({
            token: opts.githubToken,
            key: opts.commentKey,
            markdown,
            eventName: github.context.eventName,
            payload: github.context.payload,
            repo: github.context.repo,
            sha: github.context.sha,
            runUrl: report.run.runUrl
        });
        if (url !== undefined)
            core/* setOutput */.uH(constants/* Output */.k7.commentUrl, url);
    }
    catch (err) {
        core/* warning */.$e(`could not write the pull-request comment: ${messageOf(err)}`);
    }
}
/** The event that started the run, as @actions/github's context reads it, without loading Octokit. */
function eventName() {
    return process.env.GITHUB_EVENT_NAME ?? '';
}
/** Blanks each secret, as the runner's mask does in the log, for text that goes elsewhere too. */
function redactor(secrets) {
    const shown = secrets.filter((s) => s.length >= MIN_MASKED_LENGTH);
    return (text) => shown.reduce((t, s) => t.split(s).join('***'), text);
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 68145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A8: () => (/* binding */ ArtifactCollector),
/* harmony export */   EP: () => (/* binding */ sortArtifacts),
/* harmony export */   ML: () => (/* binding */ amiArtifact),
/* harmony export */   Qz: () => (/* binding */ otherArtifacts),
/* harmony export */   jf: () => (/* binding */ amisOfArtifactId),
/* harmony export */   pe: () => (/* binding */ amiArtifacts)
/* harmony export */ });
/* unused harmony exports builderType, builderIdOf, entriesOf */
/**
 * Builder ids as Packer prints them → the source type a template names, so `builder` reads
 * like the template. Ids shared by two builders (virtualbox, azure) stay ids.
 */
const BUILDER_TYPES = {
    // packer-plugin-amazon @ v1.8.2: builder/{ebs,ebssurrogate,instance,chroot,ebsvolume}/builder.go
    'mitchellh.amazonebs': 'amazon-ebs',
    'mitchellh.amazon.ebssurrogate': 'amazon-ebssurrogate',
    'mitchellh.amazon.instance': 'amazon-instance',
    'mitchellh.amazon.chroot': 'amazon-chroot',
    'mitchellh.amazon.ebsvolume': 'amazon-ebsvolume',
    // hashicorp/packer @ v1.16.0: builder/file/builder.go, builder/null/builder.go
    'packer.file': 'file',
    'fnoeding.null': 'null',
    // hashicorp/packer @ v1.6.6 (before the split into plugins): builder/{docker,googlecompute}/builder.go
    'packer.docker': 'docker',
    'packer.googlecompute': 'googlecompute'
};
/** Post-processors name their artifacts `packer.post-processor.<type>` (amazon-import, manifest, ...). */
const POST_PROCESSOR_ID = /^packer\.post-processor\.([\w-]+)$/;
function builderType(builderId) {
    return BUILDER_TYPES[builderId] ?? POST_PROCESSOR_ID.exec(builderId)?.[1] ?? builderId;
}
/** The builder id behind a source type, for AMIs known only by the type in their tags. */
function builderIdOf(type) {
    return Object.keys(BUILDER_TYPES).find((id) => BUILDER_TYPES[id] === type) ?? type;
}
const AMI_ENTRY = /^([a-z]{2,4}(?:-[a-z]+)+-\d+):(ami-[0-9a-f]+)$/;
/** `us-east-1:ami-1,us-west-2:ami-2` → pairs; anything that is not an AMI list yields none. */
function amisOfArtifactId(id) {
    const entries = id.split(',').map((part) => AMI_ENTRY.exec(part.trim()));
    if (entries.some((m) => m === null))
        return [];
    return entries.map((m) => ({ region: m[1], ami: m[2] }));
}
/** An AMI's entry, complete, from what any source knows of it. */
function amiArtifact(a, builderId = builderIdOf(a.builder)) {
    return { build: a.build, builder: a.builder, builderId, id: `${a.region}:${a.ami}`, region: a.region, ami: a.ami };
}
/** The entries of one artifact Packer reported: one per AMI and region, or the artifact as it is. */
function entriesOf(build, builderId, id) {
    const builder = builderType(builderId);
    const amis = amisOfArtifactId(id);
    if (amis.length === 0)
        return [{ build, builder, builderId, id }];
    return amis.map(({ region, ami }) => amiArtifact({ build, builder, region, ami }, builderId));
}
/** The AMIs of a list, in its order. */
function amiArtifacts(list) {
    return list.filter((a) => a.region !== undefined && a.ami !== undefined);
}
/** The artifacts of a list that are no AMI, in its order. */
function otherArtifacts(list) {
    return list.filter((a) => a.ami === undefined);
}
/**
 * Gathers the artifacts of a run as their events stream. Each post-processor repeats a build's
 * artifact under a new index (and the builder's own may be gone): an AMI is counted once per
 * build, any other artifact once per build, builder id and id.
 */
class ArtifactCollector {
    builderIds = new Map();
    found = new Map();
    add(event) {
        if (event.kind !== 'artifact')
            return;
        const key = `${event.build}\u0000${event.index}`;
        if (event.field === 'builder-id')
            this.builderIds.set(key, event.value);
        if (event.field !== 'id')
            return;
        for (const entry of entriesOf(event.build, this.builderIds.get(key) ?? '', event.value)) {
            const seen = (entry.ami !== undefined ? ['ami', entry.build, entry.region, entry.ami] : ['other', entry.build, entry.builderId, entry.id]).join('\u0000');
            if (!this.found.has(seen))
                this.found.set(seen, entry);
        }
    }
    artifacts() {
        return sortArtifacts([...this.found.values()]);
    }
}
/** Builds by name, so the first build (and `ami-id`) does not depend on which finished first. */
function sortArtifacts(list) {
    return [...list].sort((a, b) => compare(a.build, b.build));
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}


/***/ }),

/***/ 91021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   rV: () => (/* binding */ OUTPUT_LIMITS)
/* harmony export */ });
/* unused harmony export TAIL_CHARS */
/** Characters of each stream kept for the output and the report. */
const TAIL_CHARS = 3_000;
function tail(text) {
    return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text;
}
/**
 * GetCommandInvocation returns "the first 24,000 characters written by the plugin to stdout"
 * and the first 8,000 written to stderr (SSM API Reference, GetCommandInvocation,
 * StandardOutputContent and StandardErrorContent); the agent's defaults are the same, with the
 * suffix `--output truncated--` (aws/amazon-ssm-agent,
 * agent/framework/processor/executer/iohandler/iohandler.go, DefaultOutputConfig).
 */
const OUTPUT_LIMITS = { stdout: 24_000, stderr: 8_000 };


/***/ })

};
