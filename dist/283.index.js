export const id = 283;
export const ids = [283];
export const modules = {

/***/ 39283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  inventoryContext: () => (/* binding */ inventoryContext),
  sbomDir: () => (/* binding */ sbomDir),
  sbomOutput: () => (/* binding */ sbomOutput),
  takeInventory: () => (/* binding */ takeInventory)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/aws/attestation.ts
var attestation = __webpack_require__(54659);
// EXTERNAL MODULE: ./node_modules/@actions/artifact/lib/artifact.js + 314 modules
var artifact = __webpack_require__(82189);
;// CONCATENATED MODULE: ./src/inventory/artifact.ts
/**
 * SBOMs kept as workflow artifacts, and the earlier run's SBOM read back, with @actions/artifact
 * (actions/toolkit packages/artifact, 6.2.1 = commit 21229dc09e551e6da18e72e4e454ee145709c713):
 * uploads go to the runner's results service (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN);
 * another run's artifact is found and downloaded through the REST API with the github-token
 * (`findBy`: GET /repos/{o}/{r}/actions/runs/{run}/artifacts, then
 * GET /repos/{o}/{r}/actions/artifacts/{id}/zip, which redirects to the blob).
 */



/**
 * Characters @actions/artifact refuses in a name (src/internal/upload/path-and-artifact-name-validation.ts,
 * "limitations with certain file systems such as NTFS").
 */
const REFUSED = /[":<>|*?\r\n\\/]/g;
/** One artifact per family and region: the next build of the family finds it under the same name. */
function artifactName(family, region) {
    return `sbom-${family}-${region}`.replace(REFUSED, '-');
}
/** A run's owner, repository and id, from the run URL the provenance tags carry. */
function parseRunUrl(url) {
    const m = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/|$|\?|#)/.exec(url.trim());
    return m ? { owner: m[1], repo: m[2], runId: Number(m[3]) } : undefined;
}
/** The store the action uses: GitHub's, through @actions/artifact. */
function githubArtifacts(token, client = new artifact/* DefaultArtifactClient */.t9()) {
    return {
        async keep(name, file) {
            const { id } = await client.uploadArtifact(name, [file], external_node_path_.dirname(file));
            if (id === undefined)
                throw new Error(`the upload of artifact ${name} returned no id`);
            return id;
        },
        async earlier(runUrl, name, into) {
            const run = parseRunUrl(runUrl);
            if (run === undefined)
                return { none: `the run URL "${runUrl}" names no workflow run` };
            if (token === '')
                return { none: 'no github-token to read the earlier run with' };
            const findBy = { token, workflowRunId: run.runId, repositoryOwner: run.owner, repositoryName: run.repo };
            // Listing rather than getArtifact: a family's first inventory finds nothing, which is no
            // warning; getArtifact would annotate the run with one.
            let id;
            try {
                const { artifacts } = await client.listArtifacts({ findBy });
                const found = artifacts.filter((a) => a.name === name).sort((a, b) => b.id - a.id)[0];
                if (found === undefined)
                    return { none: `run ${run.runId} kept no artifact ${name}` };
                id = found.id;
            }
            catch (err) {
                return { none: `run ${run.runId}'s artifacts could not be listed: ${firstLine(err)}` };
            }
            external_node_fs_.mkdirSync(into, { recursive: true });
            try {
                await client.downloadArtifact(id, { path: into, findBy });
            }
            catch (err) {
                return { none: `artifact ${name} of run ${run.runId} could not be downloaded: ${firstLine(err)}` };
            }
            const sbom = external_node_fs_.readdirSync(into).find((f) => f.endsWith('.cdx.json'));
            if (sbom === undefined)
                return { none: `artifact ${name} of run ${run.runId} holds no .cdx.json file` };
            return { text: external_node_fs_.readFileSync(external_node_path_.join(into, sbom), 'utf8') };
        }
    };
}
function firstLine(err) {
    return String(err?.message ?? err).split('\n')[0];
}

;// CONCATENATED MODULE: ./src/inventory/diff.ts
function key(p) {
    return `${p.type}\u0000${p.name}\u0000${p.arch ?? ''}`;
}
function group(packages) {
    const out = new Map();
    for (const p of packages) {
        const list = out.get(key(p)) ?? [];
        list.push(p);
        out.set(key(p), list);
    }
    return out;
}
function versions(list) {
    return [...new Set(list.map((p) => p.version))].sort(compare).join(', ');
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function diffInventories(earlier, current) {
    const before = group(earlier.packages);
    const after = group(current.packages);
    const diff = { added: [], removed: [], changed: [], unchanged: 0 };
    if (earlier.kernel !== current.kernel)
        diff.kernel = { from: earlier.kernel, to: current.kernel };
    for (const [k, now] of after) {
        const was = before.get(k);
        if (was === undefined)
            diff.added.push(...now);
        else if (versions(was) !== versions(now))
            diff.changed.push({ type: now[0].type, name: now[0].name, arch: now[0].arch, from: versions(was), to: versions(now) });
        else
            diff.unchanged += now.length;
    }
    for (const [k, was] of before)
        if (!after.has(k))
            diff.removed.push(...was);
    const byName = (a, b) => compare(a.type, b.type) || compare(a.name, b.name) || compare(a.arch ?? '', b.arch ?? '');
    diff.added.sort(byName);
    diff.removed.sort(byName);
    diff.changed.sort(byName);
    return diff;
}

// EXTERNAL MODULE: ./node_modules/packageurl-js/index.js
var packageurl_js = __webpack_require__(87091);
;// CONCATENATED MODULE: ./src/inventory/listing.ts
/**
 * The listing the inventory script prints on the instance, read into packages with a purl each
 * (pure). The listing is sections: `@@kernel`, `@@os-release`, then one per package manager
 * with that tool's own output (`@@dpkg`, `@@rpm`, `@@apk`, `@@windows`); src/inventory/scripts.ts
 * writes it.
 */

const LISTING_HEADER = '@@packer-ami-action-inventory 1';
/** Reads the listing; throws when it is not one (a script that failed half-way, a cut output). */
function parseListing(text) {
    const sections = splitSections(text);
    const kernel = (sections.get('kernel') ?? []).find((line) => line.trim() !== '')?.trim();
    if (kernel === undefined)
        throw new Error('the inventory listing names no kernel release');
    const os = sections.has('os-release') ? parseOsRelease(sections.get('os-release') ?? []) : undefined;
    const packages = [
        ...parseDpkg(sections.get('dpkg') ?? [], os),
        ...parseRpm(sections.get('rpm') ?? [], os),
        ...parseApk(sections.get('apk') ?? [], os),
        ...parseWindows(sections.get('windows') ?? [])
    ];
    return { kernel, os, packages: unique(packages).sort(comparePackages) };
}
function splitSections(text) {
    const lines = text.split(/\r?\n/);
    if (lines[0] !== LISTING_HEADER)
        throw new Error(`not an inventory listing: it starts with "${lines[0].slice(0, 60)}"`);
    const sections = new Map();
    let current;
    for (const line of lines.slice(1)) {
        const header = /^@@([a-z-]+)$/.exec(line);
        if (header) {
            current = [];
            sections.set(header[1], current);
        }
        else if (current !== undefined) {
            current.push(line);
        }
    }
    return sections;
}
/** os-release(5): KEY=value lines, values optionally in shell quotes with backslash escapes. */
function parseOsRelease(lines) {
    const values = new Map();
    for (const line of lines) {
        const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
        if (!m)
            continue;
        let value = m[2];
        const quote = value[0];
        if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
            value = value.slice(1, -1);
            if (quote === '"')
                value = value.replace(/\\([\\"$`])/g, '$1');
        }
        values.set(m[1], value);
    }
    const id = values.get('ID');
    if (id === undefined || id === '')
        return undefined;
    return { id, versionId: values.get('VERSION_ID') || undefined, prettyName: values.get('PRETTY_NAME') || undefined };
}
/** The purl-spec's `distro` qualifier as scanners write it: `debian-12`, `amzn-2023`. */
function distro(os) {
    return os?.versionId !== undefined ? { distro: `${os.id}-${os.versionId}` } : {};
}
function purl(type, namespace, name, version, qualifiers) {
    const kept = Object.fromEntries(Object.entries(qualifiers).filter(([, v]) => v !== ''));
    return new packageurl_js.PackageURL(type, namespace, name, version || undefined, Object.keys(kept).length > 0 ? kept : undefined, undefined).toString();
}
/**
 * `dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\t${Status}\n'`: -W also lists
 * packages that were removed but left their configuration behind, so only `installed` counts.
 */
function parseDpkg(lines, os) {
    const out = [];
    for (const line of lines) {
        const [name, version, arch, status] = line.split('\t');
        if (!name || !version || status === undefined || !/(^|\s)installed$/.test(status.trim()))
            continue;
        out.push({ type: 'deb', name, version, arch: arch || undefined, purl: purl('deb', os?.id ?? 'debian', name, version, { arch, ...distro(os) }) });
    }
    return out;
}
/**
 * `rpm -qa --qf '%{NAME}\t%{EPOCH}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\n'`; rpm prints `(none)`
 * for an absent epoch. `gpg-pubkey` entries are the keys rpm trusts, not packages.
 */
function parseRpm(lines, os) {
    const out = [];
    for (const line of lines) {
        const [name, epoch, version, release, arch] = line.split('\t');
        if (!name || !version || name === 'gpg-pubkey')
            continue;
        const full = release ? `${version}-${release}` : version;
        const shownArch = arch && arch !== '(none)' ? arch : undefined;
        const shownEpoch = epoch && epoch !== '(none)' && epoch !== '0' ? epoch : '';
        out.push({
            type: 'rpm',
            name,
            version: shownEpoch ? `${shownEpoch}:${full}` : full,
            arch: shownArch,
            purl: purl('rpm', os?.id, name, full, { arch: shownArch ?? '', epoch: shownEpoch, ...distro(os) })
        });
    }
    return out;
}
/** apk's database, /lib/apk/db/installed: blank-line separated records, `P:` name, `V:` version, `A:` arch. */
function parseApk(lines, os) {
    const out = [];
    let record = {};
    const flush = () => {
        const { P: name, V: version, A: arch } = record;
        if (name && version)
            out.push({ type: 'apk', name, version, arch, purl: purl('apk', os?.id ?? 'alpine', name, version, { arch: arch ?? '', ...distro(os) }) });
        record = {};
    };
    for (const line of lines) {
        const m = /^([A-Za-z]):(.*)$/.exec(line);
        if (m)
            record[m[1]] = m[2];
        else if (line.trim() === '')
            flush();
    }
    flush();
    return out;
}
/**
 * Installed programs from the registry's Uninstall keys: DisplayName, DisplayVersion, the
 * registry view (`x64`, or `x86` under WOW6432Node) and Publisher, tab-separated. The purl-spec
 * has no type for Windows programs: `generic` is its answer for such packages.
 */
function parseWindows(lines) {
    const out = [];
    for (const line of lines) {
        const [name, version, arch, publisher] = line.split('\t');
        if (!name)
            continue;
        out.push({
            type: 'windows',
            name,
            version: version ?? '',
            arch: arch || undefined,
            publisher: publisher || undefined,
            purl: purl('generic', undefined, name, version || '', { arch: arch ?? '' })
        });
    }
    return out;
}
function unique(packages) {
    const seen = new Map();
    for (const p of packages)
        if (!seen.has(p.purl))
            seen.set(p.purl, p);
    return [...seen.values()];
}
/** By code point, not locale: the order (and so the SBOM's bytes) is the same on every runner. */
function comparePackages(a, b) {
    return cmp(a.type, b.type) || cmp(a.name, b.name) || cmp(a.arch ?? '', b.arch ?? '') || cmp(a.version, b.version);
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
;// CONCATENATED MODULE: ./src/inventory/scripts.ts
/**
 * The scripts the inventory runs on the test instance through SSM Run Command
 * (AWS-RunShellScript, AWS-RunPowerShellScript). GetCommandInvocation returns only "the first
 * 24,000 characters written by the plugin to stdout"
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html),
 * and a Debian image lists hundreds of packages: the first script writes the listing, gzipped
 * and base64-encoded, to a folder of its own on the instance and prints its length and first
 * page; each later script prints one more page; the last one removes the folder. gzip's CRC
 * then proves that the pages, put together, are the listing the first script wrote.
 */

/** Characters of the payload per run: well below SSM's 24,000, leaving room for the length line. */
const PAGE_SIZE = 20_000;
/** Names the folder on the instance (in its temp folder); hex only, so it is safe inside both shells' quotes. */
function folder(nonce) {
    if (!/^[0-9a-f]{8,64}$/.test(nonce))
        throw new Error(`inventory: "${nonce}" is not a hex nonce`);
    return `packer-ami-action-inventory-${nonce}`;
}
/**
 * POSIX sh: whichever of dpkg, rpm and apk the image has. `mkdir` refuses a folder that exists,
 * so nothing else on the instance is overwritten; the listing is complete before it is
 * compressed, so a tool that fails fails the script (set -e) instead of cutting the listing.
 */
function linuxCollect(dir, page) {
    return `set -eu
umask 077
d="\${TMPDIR:-/tmp}/${dir}"
mkdir "$d"
{
  echo '${LISTING_HEADER}'
  echo '@@kernel'
  uname -r
  if [ -r /etc/os-release ]; then echo '@@os-release'; cat /etc/os-release; echo; fi
  if command -v dpkg-query >/dev/null 2>&1; then
    echo '@@dpkg'
    dpkg-query -W -f='\${Package}\\t\${Version}\\t\${Architecture}\\t\${Status}\\n'
  fi
  if command -v rpm >/dev/null 2>&1; then
    echo '@@rpm'
    rpm -qa --qf '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n'
  fi
  if [ -r /lib/apk/db/installed ]; then
    echo '@@apk'
    sed -n '/^[PVA]:/p;/^$/p' /lib/apk/db/installed
  fi
} > "$d/listing"
gzip -9c < "$d/listing" > "$d/listing.gz"
base64 < "$d/listing.gz" | tr -d '\\n' > "$d/payload"
size=$(wc -c < "$d/payload" | tr -d ' ')
echo "$size"
head -c ${page} "$d/payload"
if [ "$size" -le ${page} ]; then rm -rf "$d"; fi
`;
}
function linuxPage(dir, offset, page, last) {
    return `set -eu
d="\${TMPDIR:-/tmp}/${dir}"
tail -c +${offset + 1} "$d/payload" | head -c ${page}
${last ? 'rm -rf "$d"\n' : ''}`;
}
/**
 * Windows PowerShell 5.1: the Uninstall keys of both registry views, as Programs and Features
 * lists them (entries with a DisplayName, no SystemComponent, no parent); the build from
 * CurrentVersion stands for the kernel release. Written with [Console]::Out so that PowerShell
 * wraps no line.
 */
function windowsCollect(dir, page) {
    return `$ErrorActionPreference = 'Stop'
$d = Join-Path $env:TEMP '${dir}'
New-Item -ItemType Directory -Path $d | Out-Null
$lines = New-Object System.Collections.Generic.List[string]
$lines.Add('${LISTING_HEADER}')
$cv = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'
$lines.Add('@@kernel')
$lines.Add(('{0}.{1}.{2}.{3}' -f $cv.CurrentMajorVersionNumber, $cv.CurrentMinorVersionNumber, $cv.CurrentBuild, $cv.UBR))
$lines.Add('@@os-release')
$lines.Add('ID=windows')
$lines.Add(('VERSION_ID={0}' -f $cv.CurrentBuild))
$lines.Add(('PRETTY_NAME="{0}"' -f ($cv.ProductName -replace '"', '')))
$lines.Add('@@windows')
$views = @(
  @{ Path = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'; Arch = 'x64' },
  @{ Path = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'; Arch = 'x86' }
)
foreach ($view in $views) {
  Get-ItemProperty -Path $view.Path -ErrorAction SilentlyContinue |
    Where-Object { $_.DisplayName -and -not $_.SystemComponent -and -not $_.ParentKeyName } |
    ForEach-Object {
      $fields = @($_.DisplayName, $_.DisplayVersion, $view.Arch, $_.Publisher) | ForEach-Object { ("$_" -replace '[\\t\\r\\n]', ' ').Trim() }
      $lines.Add($fields -join "\`t")
    }
}
$bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "\`n") + "\`n")
$buffer = New-Object System.IO.MemoryStream
$gzip = New-Object System.IO.Compression.GZipStream($buffer, [System.IO.Compression.CompressionMode]::Compress)
$gzip.Write($bytes, 0, $bytes.Length)
$gzip.Close()
$payload = [Convert]::ToBase64String($buffer.ToArray())
[System.IO.File]::WriteAllText((Join-Path $d 'payload'), $payload)
[Console]::Out.Write(("{0}\`n{1}" -f $payload.Length, $payload.Substring(0, [Math]::Min(${page}, $payload.Length))))
if ($payload.Length -le ${page}) { Remove-Item -Recurse -Force $d }
`;
}
function windowsPage(dir, offset, page, last) {
    return `$ErrorActionPreference = 'Stop'
$d = Join-Path $env:TEMP '${dir}'
$payload = [System.IO.File]::ReadAllText((Join-Path $d 'payload'))
[Console]::Out.Write($payload.Substring(${offset}, [Math]::Min(${page}, $payload.Length - ${offset})))
${last ? 'Remove-Item -Recurse -Force $d\n' : ''}`;
}
/** The first script: prints the payload's length on a line, then its first page. */
function collectScript(platform, nonce, page = PAGE_SIZE) {
    const dir = folder(nonce);
    return platform === 'linux' ? linuxCollect(dir, page) : windowsCollect(dir, page);
}
/** A later script: the page at `offset`; the last one removes the folder. */
function pageScript(platform, nonce, offset, last, page = PAGE_SIZE) {
    const dir = folder(nonce);
    return platform === 'linux' ? linuxPage(dir, offset, page, last) : windowsPage(dir, offset, page, last);
}

;// CONCATENATED MODULE: ./src/inventory/paging.ts
/** Runs the inventory scripts page by page and puts the listing back together. */


const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The listing's text; throws, saying which run, when a script fails or its output is not whole. */
async function readListing(run, platform, nonce, page = PAGE_SIZE) {
    const first = checked(await run(collectScript(platform, nonce, page)), 'the inventory script');
    const newline = first.indexOf('\n');
    const size = Number(first.slice(0, newline).trim());
    if (newline < 0 || !Number.isSafeInteger(size) || size <= 0) {
        throw new Error(`the inventory script printed no payload length: "${first.slice(0, 80)}"`);
    }
    let payload = first.slice(newline + 1).trim();
    let runs = 1;
    while (payload.length < size) {
        const last = payload.length + page >= size;
        const chunk = checked(await run(pageScript(platform, nonce, payload.length, last, page)), `the inventory page at ${payload.length}`).trim();
        runs++;
        if (chunk === '')
            throw new Error(`the inventory page at ${payload.length} of ${size} was empty`);
        payload += chunk;
    }
    if (payload.length !== size || !BASE64.test(payload)) {
        throw new Error(`the inventory payload is ${payload.length} characters of ${size}, or not base64`);
    }
    let listing;
    try {
        listing = (0,external_node_zlib_.gunzipSync)(Buffer.from(payload, 'base64')).toString('utf8');
    }
    catch (err) {
        throw new Error(`the inventory payload does not decompress (${err.message}): its pages do not fit together`, { cause: err });
    }
    return { listing, runs };
}
function checked(result, what) {
    if (result.exitCode !== 0) {
        throw new Error(`${what} exited with ${result.exitCode}: ${tail(result.stderr) || tail(result.stdout)}`);
    }
    if (result.truncated)
        throw new Error(`${what} printed more than SSM returns (24,000 characters)`);
    return result.stdout;
}
function tail(text) {
    const t = text.trim();
    return t.length > 500 ? `…${t.slice(-500)}` : t;
}

// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var enums = __webpack_require__(6820);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var models = __webpack_require__(50320);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var index_node = __webpack_require__(51248);
// EXTERNAL MODULE: ./node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var spec = __webpack_require__(94321);
;// CONCATENATED MODULE: ./src/inventory/sbom.ts
/**
 * The inventory as a CycloneDX 1.6 JSON document (OWASP's @cyclonedx/cyclonedx-library), and
 * read back from one: the diff compares this run's inventory with the SBOM an earlier run kept.
 * The AMI is the metadata component, named and referenced by its ARN; each package is a
 * component with its purl. CycloneDX has no component type for a machine image
 * (CycloneDX/specification#137): an AMI is an installed operating system with its packages.
 */







/** Names of the SBOM's own properties (CycloneDX property names are free; a prefix keeps ours apart). */
const SbomProperty = {
    family: 'packer-ami-action:family',
    build: 'packer-ami-action:build',
    region: 'packer-ami-action:region',
    ami: 'packer-ami-action:ami',
    kernel: 'packer-ami-action:kernel',
    os: 'packer-ami-action:os',
    osVersion: 'packer-ami-action:os-version',
    packageType: 'packer-ami-action:package-type'
};
/** The SBOM's JSON text. `now` and `serial` are injectable so that tests can compare bytes. */
function sbomJson(image, inventory, now = new Date(), serial = (0,external_node_crypto_.randomUUID)()) {
    const { Bom, Component, Property, PropertyRepository } = models;
    const property = (name, value) => (value === undefined || value === '' ? [] : [new Property(name, value)]);
    const arn = (0,attestation/* imageArn */.pq)(image.region, image.account, image.ami);
    const ami = new Component(enums.ComponentType.OperatingSystem, arn, {
        bomRef: arn,
        version: image.ami,
        description: `AMI ${image.ami} in ${image.region}, family ${image.family}, build ${image.build}`,
        properties: new PropertyRepository([
            ...property(SbomProperty.family, image.family),
            ...property(SbomProperty.build, image.build),
            ...property(SbomProperty.region, image.region),
            ...property(SbomProperty.ami, image.ami),
            ...property(SbomProperty.kernel, inventory.kernel),
            ...property(SbomProperty.os, inventory.os?.prettyName ?? inventory.os?.id),
            ...property(SbomProperty.osVersion, inventory.os?.versionId)
        ])
    });
    const bom = new Bom({ serialNumber: `urn:uuid:${serial}` });
    bom.metadata.timestamp = now;
    bom.metadata.component = ami;
    bom.metadata.tools.components.add(new Component(enums.ComponentType.Application, 'packer-ami-action'));
    for (const p of inventory.packages) {
        const component = new Component(enums.ComponentType.Library, p.name, {
            bomRef: p.purl,
            version: p.version || undefined,
            purl: p.purl,
            publisher: p.publisher,
            properties: new PropertyRepository([new Property(SbomProperty.packageType, p.type)])
        });
        bom.components.add(component);
        ami.dependencies.add(component.bomRef);
    }
    const serializer = new index_node.JsonSerializer(new index_node.JSON.Normalize.Factory(spec.Spec1dot6));
    return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
const TYPES = ['deb', 'rpm', 'apk', 'windows'];
/** The inventory an SBOM holds, as far as the diff needs it: kernel, OS, packages. */
function inventoryFromSbom(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`the earlier SBOM is not JSON: ${err.message}`, { cause: err });
    }
    const bom = doc;
    if (bom?.bomFormat !== 'CycloneDX' || !Array.isArray(bom.components ?? []))
        throw new Error('the earlier SBOM is not a CycloneDX document');
    const props = propertiesOf(bom.metadata?.component);
    const kernel = props.get(SbomProperty.kernel) ?? '';
    const osName = props.get(SbomProperty.os);
    const packages = [];
    for (const c of bom.components ?? []) {
        const type = propertiesOf(c).get(SbomProperty.packageType);
        if (typeof c.name !== 'string' || type === undefined || !TYPES.includes(type))
            continue;
        let arch;
        try {
            arch = c.purl ? packageurl_js.PackageURL.fromString(c.purl).qualifiers?.arch : undefined;
        }
        catch {
            arch = undefined;
        }
        packages.push({ type: type, name: c.name, version: c.version ?? '', arch, purl: c.purl ?? '', publisher: c.publisher });
    }
    return {
        kernel,
        os: osName !== undefined ? { id: osName, prettyName: osName, versionId: props.get(SbomProperty.osVersion) } : undefined,
        packages,
        ami: props.get(SbomProperty.ami)
    };
}
function propertiesOf(component) {
    const out = new Map();
    for (const p of component?.properties ?? [])
        if (typeof p.name === 'string' && typeof p.value === 'string')
            out.set(p.name, p.value);
    return out;
}

;// CONCATENATED MODULE: ./src/inventory/take-inventory.ts
/**
 * The inventory of one new AMI, on its test instance: list the packages (page by page through
 * SSM), write the CycloneDX SBOM into RUNNER_TEMP, compare it with the SBOM the family's
 * previous AMI left as an artifact of its run, and keep this one as an artifact of this run.
 * The test stage calls takeInventory once per tested AMI, with the instance's `run`.
 */












/** The context of a real run: RUNNER_TEMP, and GitHub's artifacts read with the github-token. */
function inventoryContext(env = process.env) {
    const token = core/* getInput */.V4(constants/* Input */.pd.githubToken).trim();
    return { runnerTemp: env.RUNNER_TEMP || external_node_os_.tmpdir(), artifacts: githubArtifacts(/^\$\{\{/.test(token) ? '' : token) };
}
/** Where the SBOMs of this job live: one folder per AMI, so that each artifact holds one file. */
function sbomDir(runnerTemp) {
    return external_node_path_.join(runnerTemp, 'packer-ami-action-sbom');
}
/**
 * Lists, writes, compares, keeps. Throws when the listing fails (a script's exit code, an
 * unreadable payload); artifact and comparison problems are reported in the result instead,
 * because the SBOM file exists either way.
 */
async function takeInventory(run, image, context = inventoryContext()) {
    const nonce = context.nonce?.() ?? (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const { listing, runs } = await readListing(run, image.platform, nonce);
    const inventory = parseListing(listing);
    const name = artifactName(image.family, image.region);
    const folder = external_node_path_.join(sbomDir(context.runnerTemp), `${image.region}-${image.ami}`);
    external_node_fs_.mkdirSync(folder, { recursive: true });
    const sbomPath = external_node_path_.join(folder, `${name}.cdx.json`);
    external_node_fs_.writeFileSync(sbomPath, sbomJson(image, inventory, context.now?.() ?? new Date()));
    const earlier = await compareWithEarlier(image, name, inventory, context);
    let artifact;
    let artifactError;
    try {
        artifact = { name, id: await context.artifacts.keep(name, sbomPath) };
    }
    catch (err) {
        artifactError = err.message.split('\n')[0];
        core/* warning */.$e(`The SBOM of ${image.ami} (${image.region}) was not kept as a workflow artifact: ${artifactError}`);
    }
    return {
        region: image.region,
        ami: image.ami,
        family: image.family,
        build: image.build,
        subject: (0,attestation/* imageArn */.pq)(image.region, image.account, image.ami),
        sbomPath,
        kernel: inventory.kernel,
        os: inventory.os?.prettyName ?? inventory.os?.id,
        packages: inventory.packages.length,
        runs,
        artifact,
        artifactError,
        earlier
    };
}
async function compareWithEarlier(image, name, current, context) {
    const runUrl = image.previousRunUrl?.trim();
    if (!runUrl)
        return { none: 'the family has no earlier AMI with a run-url tag in this region' };
    const into = external_node_path_.join(sbomDir(context.runnerTemp), `earlier-${image.region}-${image.ami}`);
    const found = await context.artifacts.earlier(runUrl, name, into);
    if ('none' in found)
        return found;
    try {
        const before = inventoryFromSbom(found.text);
        return { runUrl, ami: before.ami, diff: diffInventories(before, current) };
    }
    catch (err) {
        return { none: err.message };
    }
}
/** The `sbom` output: one entry per inventoried AMI, for actions/attest's `sbom-path`. */
function sbomOutput(results) {
    return JSON.stringify(results.map((r) => ({ region: r.region, ami: r.ami, subject: r.subject, path: r.sbomPath, artifact: r.artifact?.name ?? null })));
}


/***/ })

};
