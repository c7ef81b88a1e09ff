export const id = 935;
export const ids = [935,201];
export const modules = {

/***/ 64601:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ EC2Client)
});

// UNUSED EXPORTS: __Client

// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/client/index.js
var client = __webpack_require__(5152);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/index.js
var dist_cjs = __webpack_require__(90402);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/client/index.js
var submodules_client = __webpack_require__(92658);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/config/index.js
var submodules_config = __webpack_require__(47291);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/endpoints/index.js
var endpoints = __webpack_require__(62085);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/protocols/index.js
var protocols = __webpack_require__(93422);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/retry/index.js
var retry = __webpack_require__(23609);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/schema/index.js
var schema = __webpack_require__(26890);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/httpAuthSchemes/index.js
var httpAuthSchemes = __webpack_require__(97523);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthSchemeProvider.js


const defaultEC2HttpAuthSchemeParametersProvider = async (config, context, input) => {
    return {
        operation: (0,submodules_client.getSmithyContext)(context).operation,
        region: await (0,submodules_client.normalizeProvider)(config.region)() || (() => {
            throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })(),
    };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
    return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
            name: "ec2",
            region: authParameters.region,
        },
        propertiesExtractor: (config, context) => ({
            signingProperties: {
                config,
                context,
            },
        }),
    };
}
const defaultEC2HttpAuthSchemeProvider = (authParameters) => {
    const options = [];
    switch (authParameters.operation) {
        default: {
            options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
    }
    return options;
};
const resolveHttpAuthSchemeConfig = (config) => {
    const config_0 = (0,httpAuthSchemes.resolveAwsSdkSigV4Config)(config);
    return Object.assign(config_0, {
        authSchemePreference: (0,submodules_client.normalizeProvider)(config.authSchemePreference ?? []),
    });
};

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/endpoint/EndpointParameters.js
var EndpointParameters = __webpack_require__(73358);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/package.json
const package_namespaceObject = {"rE":"3.1169.0"};
// EXTERNAL MODULE: ./node_modules/@aws-sdk/credential-provider-node/dist-cjs/index.js
var credential_provider_node_dist_cjs = __webpack_require__(5861);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/serde/index.js
var serde = __webpack_require__(92430);
// EXTERNAL MODULE: ./node_modules/@smithy/node-http-handler/dist-cjs/index.js
var node_http_handler_dist_cjs = __webpack_require__(61279);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/protocols/index.js
var submodules_protocols = __webpack_require__(37288);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/checksum/index.js
var checksum = __webpack_require__(99542);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/endpoint/bdd.js

const k = "ref";
const a = -1, b = true, c = "isSet", d = "PartitionResult", e = "booleanEquals", f = "getAttr", g = { [k]: "Endpoint" }, h = { [k]: d }, i = {}, j = [{ [k]: "Region" }];
const _data = {
    conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
    ],
    results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://ec2-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://ec2.{Region}.amazonaws.com", i],
        ["https://ec2-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://ec2.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://ec2.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
    ]
};
const root = 2;
const r = 100_000_000;
const nodes = new Int32Array([
    -1, 1, -1,
    0, 13, 3,
    1, 4, r + 12,
    2, 5, r + 12,
    3, 8, 6,
    4, 7, r + 11,
    5, r + 9, r + 10,
    4, 11, 9,
    6, 10, r + 8,
    7, r + 6, r + 7,
    5, 12, r + 5,
    6, r + 4, r + 5,
    3, r + 1, 14,
    4, r + 2, r + 3,
]);
const bdd = endpoints.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/endpoint/endpointResolver.js



const cache = new endpoints.EndpointCache({
    size: 50,
    params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"],
});
const defaultEndpointResolver = (endpointParams, context = {}) => {
    return cache.get(endpointParams, () => (0,endpoints.decideEndpoint)(bdd, {
        endpointParams: endpointParams,
        logger: context.logger,
    }));
};
endpoints.customEndpointFunctions.aws = client.awsEndpointFunctions;

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js + 1 modules
var schemas_0 = __webpack_require__(80230);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.shared.js









const getRuntimeConfig = (config) => {
    return {
        apiVersion: "2016-11-15",
        base64Decoder: config?.base64Decoder ?? serde.fromBase64,
        base64Encoder: config?.base64Encoder ?? serde.toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultEC2HttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
            {
                schemeId: "aws.auth#sigv4",
                identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
                signer: new httpAuthSchemes.AwsSdkSigV4Signer(),
            },
        ],
        logger: config?.logger ?? new submodules_client.NoOpLogger(),
        protocol: config?.protocol ?? submodules_protocols.AwsEc2QueryProtocol,
        protocolSettings: config?.protocolSettings ?? {
            defaultNamespace: "com.amazonaws.ec2",
            errorTypeRegistries: schemas_0/* errorTypeRegistries */.q1U,
            xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15",
            version: "2016-11-15",
            serviceTarget: "AmazonEC2",
        },
        serviceId: config?.serviceId ?? "EC2",
        sha256: config?.sha256 ?? checksum.Sha256,
        urlParser: config?.urlParser ?? protocols.parseUrl,
        utf8Decoder: config?.utf8Decoder ?? serde.fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? serde.toUtf8,
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.js










const runtimeConfig_getRuntimeConfig = (config) => {
    (0,submodules_client.emitWarningIfUnsupportedVersion)(process.version);
    const defaultsMode = (0,submodules_config.resolveDefaultsModeConfig)(config);
    const defaultConfigProvider = () => defaultsMode().then(submodules_client.loadConfigsForDefaultMode);
    const clientSharedValues = getRuntimeConfig(config);
    (0,client.emitWarningIfUnsupportedVersion)(process.version);
    const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger,
    };
    return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? (0,submodules_config.loadConfig)(httpAuthSchemes.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? serde.calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? credential_provider_node_dist_cjs.defaultProvider,
        defaultSocketTimeout: (0,client.getDefaultSocketTimeout)(config?.requestHandler, 900_000),
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? (0,client.createDefaultUserAgentProvider)({ serviceId: clientSharedValues.serviceId, clientVersion: package_namespaceObject.rE }),
        maxAttempts: config?.maxAttempts ?? (0,submodules_config.loadConfig)(retry.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? (0,submodules_config.loadConfig)(submodules_config.NODE_REGION_CONFIG_OPTIONS, { ...submodules_config.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: node_http_handler_dist_cjs.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ??
            (0,submodules_config.loadConfig)({
                ...retry.NODE_RETRY_MODE_CONFIG_OPTIONS,
                default: async () => (await defaultConfigProvider()).retryMode || retry.DEFAULT_RETRY_MODE,
            }, config),
        streamCollector: config?.streamCollector ?? node_http_handler_dist_cjs.streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? (0,submodules_config.loadConfig)(submodules_config.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? (0,submodules_config.loadConfig)(submodules_config.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? (0,submodules_config.loadConfig)(client.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig),
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthExtensionConfiguration.js
const getHttpAuthExtensionConfiguration = (runtimeConfig) => {
    const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
    let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
    let _credentials = runtimeConfig.credentials;
    return {
        setHttpAuthScheme(httpAuthScheme) {
            const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
            if (index === -1) {
                _httpAuthSchemes.push(httpAuthScheme);
            }
            else {
                _httpAuthSchemes.splice(index, 1, httpAuthScheme);
            }
        },
        httpAuthSchemes() {
            return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
            _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
            return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
            _credentials = credentials;
        },
        credentials() {
            return _credentials;
        },
    };
};
const resolveHttpAuthRuntimeConfig = (config) => {
    return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials(),
    };
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/runtimeExtensions.js




const resolveRuntimeExtensions = (runtimeConfig, extensions) => {
    const extensionConfiguration = Object.assign((0,client.getAwsRegionExtensionConfiguration)(runtimeConfig), (0,submodules_client.getDefaultExtensionConfiguration)(runtimeConfig), (0,protocols.getHttpHandlerExtensionConfiguration)(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
    extensions.forEach((extension) => extension.configure(extensionConfiguration));
    return Object.assign(runtimeConfig, (0,client.resolveAwsRegionExtensionConfiguration)(extensionConfiguration), (0,submodules_client.resolveDefaultRuntimeConfig)(extensionConfiguration), (0,protocols.resolveHttpHandlerRuntimeConfig)(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/EC2Client.js













class EC2Client extends submodules_client.Client {
    config;
    constructor(...[configuration]) {
        const _config_0 = runtimeConfig_getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = (0,EndpointParameters/* resolveClientEndpointParameters */.v)(_config_0);
        const _config_2 = (0,client.resolveUserAgentConfig)(_config_1);
        const _config_3 = (0,retry.resolveRetryConfig)(_config_2);
        const _config_4 = (0,submodules_config.resolveRegionConfig)(_config_3);
        const _config_5 = (0,client.resolveHostHeaderConfig)(_config_4);
        const _config_6 = (0,endpoints.resolveEndpointConfig)(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use((0,schema.getSchemaSerdePlugin)(this.config));
        this.middlewareStack.use((0,client.getUserAgentPlugin)(this.config));
        this.middlewareStack.use((0,retry.getRetryPlugin)(this.config));
        this.middlewareStack.use((0,protocols.getContentLengthPlugin)(this.config));
        this.middlewareStack.use((0,client.getHostHeaderPlugin)(this.config));
        this.middlewareStack.use((0,client.getLoggerPlugin)(this.config));
        this.middlewareStack.use((0,client.getRecursionDetectionPlugin)(this.config));
        this.middlewareStack.use((0,dist_cjs.getHttpAuthSchemeEndpointRuleSetPlugin)(this.config, {
            httpAuthSchemeParametersProvider: defaultEC2HttpAuthSchemeParametersProvider,
            identityProviderConfigProvider: async (config) => new dist_cjs.DefaultIdentityProviderConfig({
                "aws.auth#sigv4": config.credentials,
            }),
        }));
        this.middlewareStack.use((0,dist_cjs.getHttpSigningPlugin)(this.config));
    }
    destroy() {
        super.destroy();
    }
}


/***/ }),

/***/ 17122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ CreateTagsCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class CreateTagsCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "CreateTags", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .CreateTags$ */ .GIH) {
}


/***/ }),

/***/ 42620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   t: () => (/* binding */ DeleteSnapshotCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DeleteSnapshotCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DeleteSnapshot", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DeleteSnapshot$ */ .ql1) {
}


/***/ }),

/***/ 39074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ DeregisterImageCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DeregisterImageCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DeregisterImage", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DeregisterImage$ */ .ei_) {
}


/***/ }),

/***/ 98191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ DescribeImageReferencesCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DescribeImageReferencesCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DescribeImageReferences", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImageReferences$ */ .$lV) {
}


/***/ }),

/***/ 11490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ DescribeInstancesCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DescribeInstancesCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DescribeInstances", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DescribeInstances$ */ .eO1) {
}


/***/ }),

/***/ 79106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ DescribeLaunchTemplateVersionsCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DescribeLaunchTemplateVersionsCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DescribeLaunchTemplateVersions", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DescribeLaunchTemplateVersions$ */ .q_Y) {
}


/***/ }),

/***/ 15060:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ DescribeLaunchTemplatesCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class DescribeLaunchTemplatesCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "DescribeLaunchTemplates", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .DescribeLaunchTemplates$ */ ._zK) {
}


/***/ }),

/***/ 99547:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ EnableImageDeprecationCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class EnableImageDeprecationCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "EnableImageDeprecation", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .EnableImageDeprecation$ */ .NQs) {
}


/***/ }),

/***/ 83290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ ModifyImageAttributeCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class ModifyImageAttributeCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "ModifyImageAttribute", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .ModifyImageAttribute$ */ .QJI) {
}


/***/ }),

/***/ 76425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ ModifySnapshotAttributeCommand)
/* harmony export */ });
/* harmony import */ var _commandBuilder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58509);
/* harmony import */ var _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80230);


class ModifySnapshotAttributeCommand extends (0,_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* .command */ .G5)(_commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._ep0 */ .lq, _commandBuilder__WEBPACK_IMPORTED_MODULE_0__/* ._mw0 */ .yt, "ModifySnapshotAttribute", _schemas_schemas_0__WEBPACK_IMPORTED_MODULE_1__/* .ModifySnapshotAttribute$ */ .VrG) {
}


/***/ }),

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ec2Clients: () => (/* binding */ ec2Clients),
/* harmony export */   regionalClients: () => (/* binding */ regionalClients)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64601);

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

/***/ 95687:
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
/* harmony export */   vz: () => (/* binding */ sourceOf),
/* harmony export */   zh: () => (/* binding */ groupByRegion)
/* harmony export */ });
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61048);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(17122);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83290);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76425);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(99547);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(42620);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39074);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58500);
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
        const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({ ImageIds: artifacts.map((a) => a.ami) }));
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
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(opts.pollMs);
    }
}
function isSharing(s) {
    return s.accounts.length + s.organizations.length + s.ous.length > 0;
}
async function tagImage(ec2, image, tags) {
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .CreateTagsCommand */ .R({
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
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_3__/* .ModifyImageAttributeCommand */ .F({ ImageId: image.ami, LaunchPermission: { Add: add } }));
    if (s.accounts.length === 0)
        return;
    for (const SnapshotId of image.snapshots) {
        await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .ModifySnapshotAttributeCommand */ .K({
            SnapshotId,
            Attribute: 'createVolumePermission',
            OperationType: 'add',
            UserIds: s.accounts
        }));
    }
}
async function deprecateImage(ec2, image, at) {
    await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .EnableImageDeprecationCommand */ .c({ ImageId: image.ami, DeprecateAt: at }));
}
/** Instance states that still hold resources: every state but terminated. */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
/** Only `available` AMIs this account owns whose tag `key` is `value`: never anyone else's. */
async function ownAvailableImages(ec2, key, value) {
    const { Images = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_1__/* .DescribeImagesCommand */ .j({
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
            await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_6__/* .DeleteSnapshotCommand */ .t({ SnapshotId }));
    }
    return snapshots.filter((s) => outcome.get(s) === 'skipped');
}
/** An endpoint that does not know DeleteAssociatedSnapshots refuses it (UnknownParameter) and deregisters nothing. */
async function deregister(ec2, ImageId) {
    try {
        const { DeleteSnapshotResults = [] } = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DeregisterImageCommand */ .x({ ImageId, DeleteAssociatedSnapshots: true }));
        return DeleteSnapshotResults;
    }
    catch (error) {
        if (error.name !== 'UnknownParameter')
            throw error;
        await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DeregisterImageCommand */ .x({ ImageId }));
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

/***/ 7935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findReferences: () => (/* binding */ findReferences),
/* harmony export */   referenceLabel: () => (/* binding */ referenceLabel),
/* harmony export */   ssmClients: () => (/* binding */ ssmClients)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96251);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(98191);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(11490);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(15060);
/* harmony import */ var _client_ec2__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(79106);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(34736);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40201);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95687);





/** SSM clients for the fallback, beside the only code that needs them (see clients.ts). */
const ssmClients = () => (0,_clients_js__WEBPACK_IMPORTED_MODULE_2__.regionalClients)((config) => new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .SSMClient */ .jBj(config));
/** DescribeImageReferences takes at most 10 ImageIds a call. */
const IDS_PER_REFERENCE_CALL = 10;
/** Batches of DescribeImageReferences in flight at once: a thousand AMIs are a hundred calls. */
const PARALLEL_REFERENCE_CALLS = 5;
/**
 * EC2 checks only the 10 newest versions of each launch template unless told otherwise; 10,000 is
 * the largest depth it takes and as many versions as a launch template can have: every version.
 */
const EVERY_LAUNCH_TEMPLATE_VERSION = '10000';
/** Values of one EC2 filter a request carries, so a long list of AMIs never makes one huge request. */
const FILTER_VALUES = 200;
/** GetParameters takes at most 10 names a call. */
const NAMES_PER_GET_PARAMETERS = 10;
const IMAGE_DATA_TYPE = 'aws:ec2:image';
/**
 * Everything that refers to any of `amis` in one region. EC2's DescribeImageReferences sees
 * instances, every launch template version, SSM parameters and Image Builder recipes at once.
 * Where it does not answer (a partition without it, an emulator), the fallback checks the
 * resource kinds it can list itself: live instances, every version of every launch template,
 * and SSM parameters of data type `aws:ec2:image`. The fallback sees no Image Builder recipe.
 */
async function findReferences(clients, amis) {
    if (amis.length === 0)
        return { references: new Map(), via: 'nothing to check' };
    try {
        return { references: await describeImageReferences(clients.ec2, amis), via: 'DescribeImageReferences' };
    }
    catch (error) {
        // Any failure: the fallback proves as much on its own, and fails loudly if it cannot.
        const why = errorName(error);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`DescribeImageReferences did not answer (${why}): checking instances, launch template versions and SSM parameters instead`);
        return {
            references: await referencesByListing(clients, amis),
            via: `instances, launch template versions and SSM parameters (DescribeImageReferences: ${why})`
        };
    }
}
function errorName(error) {
    const e = error;
    const name = e.Code ?? e.name ?? 'error';
    const status = e.$metadata?.httpStatusCode;
    return status === undefined ? name : `${name}, HTTP ${status}`;
}
async function describeImageReferences(ec2, amis) {
    const references = new Map();
    const batches = chunks(amis, IDS_PER_REFERENCE_CALL);
    const one = async (ImageIds) => {
        let NextToken;
        do {
            const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_4__/* .DescribeImageReferencesCommand */ ._({
                ImageIds,
                IncludeAllResourceTypes: true,
                // These override the defaults for their types: EC2 would count terminated instances
                // and look at only the 10 newest launch template versions.
                ResourceTypes: [
                    { ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: _images_js__WEBPACK_IMPORTED_MODULE_1__/* .LIVE_INSTANCE_STATES */ .Wd }] },
                    { ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: [EVERY_LAUNCH_TEMPLATE_VERSION] }] }
                ],
                NextToken
            }));
            for (const r of page.ImageReferences ?? [])
                if (r.ImageId)
                    add(references, r.ImageId, referenceLabel(r));
            NextToken = page.NextToken;
        } while (NextToken);
    };
    // The first batch alone: where the API does not answer, one call says so, not five.
    await one(batches[0]);
    await inParallel(batches.slice(1), PARALLEL_REFERENCE_CALLS, one);
    return references;
}
/**
 * A reference as a short label from its ARN: `arn:aws:ec2:r:a:instance/i-1` is `instance:i-1`,
 * `arn:aws:ssm:r:a:parameter/team/base-ami` is `ssm:/team/base-ami` (a name with slashes
 * always begins with one; a one-level name shows without it, as its ARN does), an Image Builder
 * recipe is `image-recipe:name/1.0.0`. An ARN of another shape shows whole.
 */
function referenceLabel(r) {
    const arn = r.Arn ?? '';
    const resource = arn.split(':').slice(5).join(':');
    const slash = resource.indexOf('/');
    if (!arn.startsWith('arn:') || slash <= 0)
        return `${r.ResourceType ?? 'resource'}:${arn}`;
    const [kind, id] = [resource.slice(0, slash), resource.slice(slash + 1)];
    if (r.ResourceType === 'ssm:Parameter' || kind === 'parameter')
        return `ssm:${id.includes('/') ? `/${id}` : id}`;
    return `${kind}:${id}`;
}
async function referencesByListing(clients, amis) {
    const references = new Map();
    const wanted = new Set(amis);
    const found = await Promise.all([instances(clients.ec2, amis), launchTemplateVersions(clients.ec2, wanted), imageParameters(clients.ssm, wanted)]);
    for (const list of found)
        for (const [ami, label] of list)
            add(references, ami, label);
    return references;
}
async function instances(ec2, amis) {
    const found = [];
    for (const values of chunks(amis, FILTER_VALUES)) {
        let NextToken;
        do {
            const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_5__/* .DescribeInstancesCommand */ .b({
                Filters: [
                    { Name: 'image-id', Values: values },
                    { Name: 'instance-state-name', Values: _images_js__WEBPACK_IMPORTED_MODULE_1__/* .LIVE_INSTANCE_STATES */ .Wd }
                ],
                MaxResults: 1000,
                NextToken
            }));
            for (const r of page.Reservations ?? []) {
                for (const i of r.Instances ?? [])
                    if (i.ImageId && i.InstanceId)
                        found.push([i.ImageId, `instance:${i.InstanceId}`]);
            }
            NextToken = page.NextToken;
        } while (NextToken);
    }
    return found;
}
/** Every version of every launch template, not only the default and the latest: any can be launched. */
async function launchTemplateVersions(ec2, wanted) {
    const found = [];
    let NextToken;
    do {
        const page = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_6__/* .DescribeLaunchTemplatesCommand */ .f({ MaxResults: 200, NextToken }));
        for (const t of page.LaunchTemplates ?? []) {
            let versionToken;
            do {
                const versions = await ec2.send(new _client_ec2__WEBPACK_IMPORTED_MODULE_7__/* .DescribeLaunchTemplateVersionsCommand */ .P({ LaunchTemplateId: t.LaunchTemplateId, MaxResults: 200, NextToken: versionToken }));
                for (const v of versions.LaunchTemplateVersions ?? []) {
                    const ami = v.LaunchTemplateData?.ImageId;
                    if (ami && wanted.has(ami))
                        found.push([ami, `launch-template:${t.LaunchTemplateId}:v${v.VersionNumber}`]);
                }
                versionToken = versions.NextToken;
            } while (versionToken);
        }
        NextToken = page.NextToken;
    } while (NextToken);
    return found;
}
/** Parameters of data type `aws:ec2:image` in the region, any team's, whose value is one of the AMIs. */
async function imageParameters(ssm, wanted) {
    const names = [];
    let NextToken;
    do {
        const page = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .DescribeParametersCommand */ .$hz({ ParameterFilters: [{ Key: 'DataType', Values: [IMAGE_DATA_TYPE] }], MaxResults: 50, NextToken }));
        for (const p of page.Parameters ?? [])
            if (p.Name)
                names.push(p.Name);
        NextToken = page.NextToken;
    } while (NextToken);
    const found = [];
    for (const Names of chunks(names, NAMES_PER_GET_PARAMETERS)) {
        const { Parameters = [] } = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_3__/* .GetParametersCommand */ .AFe({ Names }));
        for (const p of Parameters)
            if (p.Name && p.Value && wanted.has(p.Value))
                found.push([p.Value, `ssm:${p.Name}`]);
    }
    return found;
}
function add(references, ami, label) {
    const list = references.get(ami) ?? [];
    if (!list.includes(label))
        list.push(label);
    references.set(ami, list);
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** Runs `each` over `items`, at most `limit` at a time; the first failure fails the lot. */
async function inParallel(items, limit, each) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await each(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}


/***/ })

};
