export const id = 943;
export const ids = [943];
export const modules = {

/***/ 71943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   choose: () => (/* binding */ choose),
/* harmony export */   resolveBases: () => (/* binding */ resolveBases)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61048);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34736);


/**
 * Resolves every source's base image the way packer-plugin-amazon v1.8.2 picks it
 * (builder/common/step_source_ami_info.go and ami_filter.go): DescribeImages with the
 * `source_ami` as ImageIds, the filters, the owners and IncludeDeprecated; none found, or more
 * than one without `most_recent`, fails the build; `most_recent` takes the newest CreationDate.
 * Two newest images created in the same second are a tie only Packer settles: unknown.
 */
async function resolveBases(specs, clients) {
    return Promise.all(specs.map((spec) => resolveBase(spec, clients)));
}
async function resolveBase(spec, clients) {
    const base = { source: spec.source, region: spec.region };
    if (spec.region === undefined)
        return { ...base, unknown: 'its region is only known to Packer' };
    try {
        let ami = spec.ami;
        if (spec.parameter !== undefined) {
            const { Parameter } = await clients.ssm(spec.region).send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterCommand */ .lhy({ Name: spec.parameter }));
            ami = Parameter?.Value;
            if (ami === undefined || !/^ami-[0-9a-f]+$/.test(ami)) {
                return { ...base, unknown: `SSM parameter ${spec.parameter} does not hold an AMI id` };
            }
        }
        if (ami === undefined && spec.filter === undefined)
            return { ...base, unknown: 'no source_ami or source_ami_filter the action can read' };
        const filter = spec.parameter === undefined ? spec.filter : undefined;
        const { Images = [] } = await clients.ec2(spec.region).send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({
            ...(ami === undefined ? {} : { ImageIds: [ami] }),
            ...(filter !== undefined && Object.keys(filter.filters).length > 0 ? { Filters: filtersOf(filter.filters) } : {}),
            ...(filter !== undefined && filter.owners.length > 0 ? { Owners: filter.owners } : {}),
            ...(filter?.includeDeprecated ? { IncludeDeprecated: true } : {})
        }));
        const chosen = choose(Images, filter?.mostRecent ?? false);
        if (typeof chosen === 'string')
            return { ...base, unknown: chosen };
        return { ...base, id: chosen.ImageId, name: chosen.Name, created: chosen.CreationDate };
    }
    catch (err) {
        const e = err;
        return { ...base, unknown: `AWS refused the look-up (${e.name ?? 'error'}: ${e.message ?? String(err)})` };
    }
}
/** ami_filter.go's choice: one image, or the newest with most_recent; a string says why none. */
function choose(images, mostRecent) {
    if (images.length === 0)
        return 'no image matches: Packer would fail to find one';
    if (images.length === 1)
        return images[0];
    if (!mostRecent)
        return `${images.length} images match and most_recent is off: Packer would fail`;
    const sorted = [...images].sort((a, b) => time(a) - time(b));
    const newest = sorted[sorted.length - 1];
    const tied = sorted.filter((i) => Math.floor(time(i) / 1000) === Math.floor(time(newest) / 1000));
    if (tied.length > 1)
        return `${tied.map((i) => i.ImageId).join(' and ')} were created in the same second: only Packer knows which it takes`;
    return newest;
}
function time(image) {
    return Date.parse(image.CreationDate ?? '') || 0;
}
/** A filter value is a comma-separated list (packer-plugin-amazon v1.8.2 common/build_filter.go). */
function filtersOf(filters) {
    return Object.entries(filters)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([Name, value]) => ({ Name, Values: value.split(',').map((v) => v.trim()) }));
}


/***/ })

};
