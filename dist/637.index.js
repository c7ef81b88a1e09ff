export const id = 637;
export const ids = [637];
export const modules = {

/***/ 201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ AwsClients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5193);
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2632);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4736);



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
        return cached(this.ec2Clients, region, () => new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5(this.config(region)));
    }
    ssm(region) {
        return cached(this.ssmClients, region, () => new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_1__/* .SSMClient */ .jBj(this.config(region)));
    }
    kms(region) {
        return cached(this.kmsClients, region, () => new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_2__/* .KMSClient */ .pgq(this.config(region)));
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


/***/ }),

/***/ 2637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findReusable: () => (/* binding */ findReusable)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5193);
/* harmony import */ var _packer_artifacts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8145);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(201);
/* harmony import */ var _tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9580);




/**
 * AMIs an earlier run built from the same inputs, found by their fingerprint tag in the
 * primary region; reused only when every build has an available AMI in every one of its
 * regions. Undefined means: build.
 */
async function findReusable(primaryRegion, fingerprint) {
    const clients = new _clients_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsClients */ .c();
    const inPrimary = newestPerBuild(await withFingerprint(clients.ec2(primaryRegion), fingerprint));
    if (inPrimary.size === 0)
        return undefined;
    const found = [];
    for (const [build, image] of inPrimary) {
        const regions = (tag(image, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .REGIONS_TAG */ .$x) ?? primaryRegion).split(' ').filter((r) => r !== '');
        for (const region of regions) {
            const copy = region === primaryRegion ? image : newestPerBuild(await withFingerprint(clients.ec2(region), fingerprint)).get(build);
            if (copy === undefined)
                return undefined;
            found.push({ build, builder: tag(image, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BUILDER_TAG */ .$s) ?? '', region, ami: copy.ImageId });
        }
    }
    return (0,_packer_artifacts_js__WEBPACK_IMPORTED_MODULE_0__/* .sortArtifacts */ .EP)(found);
}
async function withFingerprint(ec2, fingerprint) {
    const { Images = [] } = await ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .DescribeImagesCommand */ .ji5({
        Owners: ['self'],
        Filters: [
            { Name: `tag:${_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FINGERPRINT_TAG */ .AZ}`, Values: [fingerprint] },
            { Name: 'state', Values: ['available'] }
        ]
    }));
    return Images.filter((i) => tag(i, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .FINGERPRINT_TAG */ .AZ) === fingerprint);
}
function newestPerBuild(images) {
    const byBuild = new Map();
    for (const image of images) {
        const build = tag(image, _tags_js__WEBPACK_IMPORTED_MODULE_2__/* .BUILD_TAG */ .cJ);
        if (build === undefined)
            continue;
        const seen = byBuild.get(build);
        if (seen === undefined || (image.CreationDate ?? '') > (seen.CreationDate ?? ''))
            byBuild.set(build, image);
    }
    return byBuild;
}
function tag(image, key) {
    return image.Tags?.find((t) => t.Key === key)?.Value;
}


/***/ })

};
