export const id = 899;
export const ids = [899];
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

/***/ 1990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ channelHistory),
/* harmony export */   j: () => (/* binding */ earlierVersion)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(34736);

/** Every version SSM still keeps (the newest 100), oldest first. */
async function channelHistory(ssm, name) {
    const versions = [];
    let NextToken;
    do {
        const page = await ssm.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_0__/* .GetParameterHistoryCommand */ .JFb({ Name: name, MaxResults: 50, NextToken }));
        for (const p of page.Parameters ?? []) {
            if (p.Version === undefined || p.Value === undefined)
                continue;
            versions.push({ version: p.Version, ami: p.Value, labels: p.Labels ?? [], description: p.Description, modified: p.LastModifiedDate?.toISOString() });
        }
        NextToken = page.NextToken;
    } while (NextToken);
    return versions.sort((a, b) => a.version - b.version);
}
/**
 * The version to move back to: the newest one before the current whose AMI differs from the
 * current one and is usable (`problemsOf` finds nothing wrong with it). Those skipped, and why,
 * come back too, so the log can say what was passed over.
 */
function earlierVersion(history, problemsOf) {
    const current = history[history.length - 1];
    const skipped = [];
    if (current === undefined)
        return { skipped };
    for (let i = history.length - 2; i >= 0; i--) {
        const v = history[i];
        if (v.ami === current.ami)
            continue;
        const problems = problemsOf(v.ami);
        if (problems.length === 0)
            return { target: v, skipped };
        skipped.push({ version: v.version, ami: v.ami, why: problems.join(', ') });
    }
    return { skipped };
}


/***/ }),

/***/ 63140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ emptyChannelReport)
/* harmony export */ });
function emptyChannelReport(mode, family, dryRun) {
    return { mode, family, assignments: [], planned: [], passedOver: [], refused: [], revoked: [], stuck: [], dryRun, sharedWith: [] };
}


/***/ }),

/***/ 59263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRevoke: () => (/* binding */ runRevoke),
  soonestDeprecation: () => (/* binding */ soonestDeprecation)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 6 modules
var core = __webpack_require__(96251);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/CreateTagsCommand.js
var CreateTagsCommand = __webpack_require__(17122);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/EnableImageDeprecationCommand.js
var EnableImageDeprecationCommand = __webpack_require__(99547);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(58509);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js + 1 modules
var schemas_0 = __webpack_require__(80230);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DisableImageCommand.js


class DisableImageCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "DisableImage", schemas_0/* DisableImage$ */.WQ6) {
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ssm/dist-cjs/index.js
var dist_cjs = __webpack_require__(34736);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/images.ts
var aws_images = __webpack_require__(95687);
// EXTERNAL MODULE: ./src/aws/references.ts
var references = __webpack_require__(7935);
// EXTERNAL MODULE: ./src/aws/tags.ts
var tags = __webpack_require__(99580);
// EXTERNAL MODULE: ./src/channels/assign.ts
var channels_assign = __webpack_require__(77687);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeImagesCommand.js
var DescribeImagesCommand = __webpack_require__(61048);
;// CONCATENATED MODULE: ./src/channels/descendants.ts



/** Values of one EC2 filter a request carries. */
const FILTER_VALUES = 200;
const RUN_URL_TAG = 'packer-ami-action:run-url';
/** The regions an AMI's build made copies in (its regions tag), and its own. */
function regionsOf(r) {
    return [...new Set([r.region, ...((0,aws_images/* tagOf */.cO)(r.image, tags/* REGIONS_TAG */.$x) ?? '').split(' ').filter((x) => x !== '')])];
}
async function ownImages(ec2, filters) {
    const images = [];
    let NextToken;
    do {
        const page = await ec2.send(new DescribeImagesCommand/* DescribeImagesCommand */.j({ Owners: ['self'], Filters: filters, IncludeDisabled: true, IncludeDeprecated: true, NextToken }));
        images.push(...(page.Images ?? []));
        NextToken = page.NextToken;
    } while (NextToken);
    return images;
}
/**
 * The copies of `of` in the other regions of its build: this account's own AMIs there with the
 * same family, build and run (the run URL tag), as the action tagged every copy of one build.
 */
async function copiesOf(ec2, of) {
    const runUrl = (0,aws_images/* tagOf */.cO)(of.image, RUN_URL_TAG);
    const build = (0,aws_images/* tagOf */.cO)(of.image, tags/* BUILD_TAG */.cJ);
    if (runUrl === undefined || build === undefined)
        return [];
    const found = await Promise.all(regionsOf(of)
        .filter((region) => region !== of.region)
        .map(async (region) => {
        const images = await ownImages(ec2(region), [
            { Name: `tag:${tags/* FAMILY_TAG */.Ik}`, Values: [of.family] },
            { Name: `tag:${RUN_URL_TAG}`, Values: [runUrl] },
            { Name: `tag:${tags/* BUILD_TAG */.cJ}`, Values: [build] }
        ]);
        return images
            .filter((i) => (0,aws_images/* tagOf */.cO)(i, tags/* FAMILY_TAG */.Ik) === of.family && (0,aws_images/* tagOf */.cO)(i, RUN_URL_TAG) === runUrl && (0,aws_images/* tagOf */.cO)(i, tags/* BUILD_TAG */.cJ) === build)
            .map((image) => ({ region, ami: image.ImageId, image, family: of.family, builtOn: of.builtOn }));
    }));
    return found.flat();
}
/**
 * Every AMI built on one of `revoked`, recursively, in every region the revoked AMIs and their
 * builds reach: this account's own AMIs carrying the action's family tag whose lineage tags
 * (base AMI id and its region) name a revoked AMI. A tag that merely mentions the id under
 * another key, or an AMI of another account, is never reached.
 */
async function descendantsOf(ec2, revoked) {
    const all = new Map(revoked.map((r) => [r.ami, r]));
    const found = [];
    let frontier = [...revoked];
    while (frontier.length > 0) {
        const regions = [...new Set([...all.values()].flatMap(regionsOf))];
        const parents = new Map([...all.values()].map((r) => [r.ami, r]));
        const ids = [...parents.keys()];
        const next = [];
        await Promise.all(regions.map(async (region) => {
            for (let i = 0; i < ids.length; i += FILTER_VALUES) {
                const images = await ownImages(ec2(region), [
                    { Name: `tag:${tags/* BASE_AMI_TAG */.Dj}`, Values: ids.slice(i, i + FILTER_VALUES) },
                    { Name: 'tag-key', Values: [tags/* FAMILY_TAG */.Ik] }
                ]);
                for (const image of images) {
                    const ami = image.ImageId;
                    const base = (0,aws_images/* tagOf */.cO)(image, tags/* BASE_AMI_TAG */.Dj);
                    const parent = base === undefined ? undefined : parents.get(base);
                    const family = (0,aws_images/* tagOf */.cO)(image, tags/* FAMILY_TAG */.Ik);
                    // The lineage tag names the parent's region too: the same id in another region is another image.
                    if (parent === undefined || family === undefined || all.has(ami) || (0,aws_images/* tagOf */.cO)(image, tags/* BASE_REGION_TAG */.mj) !== parent.region)
                        continue;
                    const child = { region, ami, image, family, builtOn: parent.ami };
                    all.set(ami, child);
                    next.push(child);
                }
            }
        }));
        found.push(...next);
        frontier = next;
    }
    return found;
}

// EXTERNAL MODULE: ./src/channels/history.ts
var channels_history = __webpack_require__(1990);
// EXTERNAL MODULE: ./src/channels/images.ts
var channels_images = __webpack_require__(72500);
// EXTERNAL MODULE: ./src/channels/names.ts
var names = __webpack_require__(39484);
// EXTERNAL MODULE: ./src/channels/outcome.ts
var outcome = __webpack_require__(63140);
// EXTERNAL MODULE: ./src/channels/tags.ts
var channels_tags = __webpack_require__(99619);
;// CONCATENATED MODULE: ./src/channels/revoke.ts














/** GetParameters takes at most 10 names a call; a DescribeParameters filter at most 50 values. */
const NAMES_PER_CALL = 10;
const revoke_FILTER_VALUES = 50;
/** Tag values are at most 256 characters. */
const MAX_TAG_VALUE = 256;
/**
 * `mode: revoke`: the named AMIs and every copy of them, with `revoke-descendants` every AMI
 * built on one of those (recursively, across the regions of the builds), are tagged revoked,
 * deprecated now and, with `revoke-disable`, disabled; every channel that points at one moves
 * back to its newest earlier usable AMI, or is reported stuck (and the step fails). Only this
 * account's AMIs carrying the action's family tag are touched, the named ones only when they are
 * of `family`. Nothing is deregistered and no snapshot deleted. `cleanup-dry-run` reports the
 * plan and changes nothing.
 */
async function runRevoke(opts, runUrl) {
    const family = opts.images.family;
    const { reason, disable, descendants } = opts.channels.revoke;
    const dryRun = opts.images.cleanupDryRun;
    const ctx = { ec2: (0,clients.ec2Clients)(), ssm: (0,references.ssmClients)(), run: (0,names/* runIdentity */.yK)(process.env, runUrl), parameterTemplate: opts.channels.parameter };
    const report = (0,outcome/* emptyChannelReport */.L)('revoke', family, dryRun);
    const named = await namedImages(ctx, opts.channels.amiIds, family, report);
    const copies = (await Promise.all(named.map((n) => copiesOf(ctx.ec2, n)))).flat().filter((c) => !named.some((n) => n.ami === c.ami));
    const roots = [...named, ...copies];
    const reached = descendants ? [...roots, ...(await descendantsOf(ctx.ec2, roots))] : roots;
    const revokedIds = new Set(reached.map((r) => r.ami));
    report.revoked = reached.map((r) => ({ region: r.region, ami: r.ami, family: r.family, builtOn: r.builtOn, disabled: disable }));
    for (const r of reached)
        core/* info */.pq(`${dryRun ? 'would revoke' : 'revoking'} ${r.ami} (${r.region}, family ${r.family})${r.builtOn === undefined ? '' : `: built on ${r.builtOn}`}`);
    const moves = await channelMoves(ctx, reached, revokedIds, report);
    if (dryRun) {
        report.planned = moves;
        for (const m of moves)
            core/* info */.pq(`would move channel ${m.channel} of ${m.family} in ${m.region} to ${m.ami} (${m.reason})`);
        return report;
    }
    const reasonTag = reason.slice(0, MAX_TAG_VALUE);
    // The mark first: from here on every check (promotion, rollback) passes these AMIs over.
    await Promise.all(reached
        .filter((r) => (0,aws_images/* tagOf */.cO)(r.image, channels_tags/* REVOKED_TAG */.GV) === undefined)
        .map((r) => ctx.ec2(r.region).send(new CreateTagsCommand/* CreateTagsCommand */.R({ Resources: [r.ami], Tags: [{ Key: channels_tags/* REVOKED_TAG */.GV, Value: reasonTag }, { Key: channels_tags/* REVOKED_BY_TAG */.Ux, Value: runUrl.slice(0, MAX_TAG_VALUE) }] }))));
    // Channels off the revoked AMIs before they stop launching.
    report.assignments = await (0,channels_assign/* applyMoves */.V3)(ctx, await (0,channels_assign/* planMoves */.YN)(ctx, moves));
    const deprecateAt = soonestDeprecation(new Date());
    await Promise.all(reached.map(async (r) => {
        const current = r.image.DeprecationTime === undefined ? undefined : new Date(r.image.DeprecationTime);
        if (current === undefined || current > deprecateAt)
            await ctx.ec2(r.region).send(new EnableImageDeprecationCommand/* EnableImageDeprecationCommand */.c({ ImageId: r.ami, DeprecateAt: deprecateAt }));
        if (disable && r.image.State !== 'disabled')
            await ctx.ec2(r.region).send(new DisableImageCommand({ ImageId: r.ami }));
    }));
    return report;
}
/**
 * EnableImageDeprecation takes no time in the past and rounds seconds to the nearest minute
 * (EC2 API Reference, EnableImageDeprecation, DeprecateAt): the next whole minute at least 30
 * seconds away is the soonest it takes.
 */
function soonestDeprecation(now) {
    return new Date(Math.ceil((now.getTime() + 30_000) / 60_000) * 60_000);
}
/** The AMIs the input names: each must be this account's, in its region, and of `family`. Refuses before any change. */
async function namedImages(ctx, amis, family, report) {
    const problems = [];
    const found = await Promise.all(Object.entries(amis).map(async ([region, ami]) => {
        const image = (await (0,channels_images/* ownImages */.F)(ctx.ec2(region), [ami])).get(ami);
        const imageFamily = image === undefined ? undefined : (0,aws_images/* tagOf */.cO)(image, tags/* FAMILY_TAG */.Ik);
        if (image === undefined)
            problems.push(`${ami} in ${region} does not exist in this account`);
        else if (imageFamily !== family)
            problems.push(`${ami} in ${region} is ${imageFamily === undefined ? 'not an AMI of this action (no family tag)' : `of family ${imageFamily}`}, not ${family}`);
        return image === undefined ? [] : [{ region, ami, image, family }];
    }));
    if (problems.length > 0) {
        report.refused = problems.sort();
        throw Object.assign(new Error(`not revoking anything:\n- ${report.refused.join('\n- ')}`), { report });
    }
    return found.flat();
}
/** Every channel of the reached families pointing at a revoked AMI, and where it moves back to. */
async function channelMoves(ctx, reached, revoked, report) {
    const regions = [...new Set(reached.map((r) => r.region))];
    const families = [...new Set(reached.map((r) => r.family))];
    const now = new Date();
    const moves = [];
    await Promise.all(regions.map(async (region) => {
        const pointing = await channelsPointingAt(ctx.ssm(region), region, families, revoked);
        for (const p of pointing) {
            const history = await (0,channels_history/* channelHistory */.g)(ctx.ssm(region), p.name);
            const described = await (0,channels_images/* ownImages */.F)(ctx.ec2(region), history.map((v) => v.ami));
            const problemsOf = (ami) => (revoked.has(ami) ? ['is being revoked'] : (0,channels_images/* imageProblems */.y)(described.get(ami), p.family, now));
            const { target, skipped } = (0,channels_history/* earlierVersion */.j)(history, problemsOf);
            for (const k of skipped)
                report.passedOver.push({ region, parameter: p.name, ...k });
            if (target === undefined) {
                const why = 'no earlier version holds an AMI that is not revoked and still usable';
                report.stuck.push({ region, channel: p.channel, family: p.family, parameter: p.name, ami: p.ami, why });
                core/* error */.z3(`${p.name} in ${region} still names the revoked ${p.ami}: ${why}`);
                continue;
            }
            moves.push({ region, family: p.family, channel: p.channel, ami: target.ami, parameter: p.name, reason: `revoke of ${p.ami}: back to version ${target.version}` });
        }
    }));
    return moves;
}
/**
 * This action's channel parameters of `families` in a region whose value is a revoked AMI. SSM
 * finds them by the ownership tag (DescribeParameters, `tag:` filter); each one's channel tag
 * names the channel.
 */
async function channelsPointingAt(ssm, region, families, revoked) {
    const names = [];
    for (let i = 0; i < families.length; i += revoke_FILTER_VALUES) {
        let NextToken;
        do {
            const page = await ssm.send(new dist_cjs/* DescribeParametersCommand */.$hz({ ParameterFilters: [{ Key: `tag:${channels_tags/* CHANNEL_FAMILY_TAG */.Y4}`, Values: families.slice(i, i + revoke_FILTER_VALUES) }], MaxResults: 50, NextToken }));
            for (const p of page.Parameters ?? [])
                if (p.Name !== undefined)
                    names.push(p.Name);
            NextToken = page.NextToken;
        } while (NextToken);
    }
    const pointing = [];
    for (let i = 0; i < names.length; i += NAMES_PER_CALL) {
        const { Parameters = [] } = await ssm.send(new dist_cjs/* GetParametersCommand */.AFe({ Names: names.slice(i, i + NAMES_PER_CALL) }));
        for (const p of Parameters) {
            if (p.Name === undefined || p.Value === undefined || !revoked.has(p.Value))
                continue;
            const { TagList = [] } = await ssm.send(new dist_cjs/* ListTagsForResourceCommand */.a_e({ ResourceType: 'Parameter', ResourceId: p.Name }));
            const family = TagList.find((t) => t.Key === channels_tags/* CHANNEL_FAMILY_TAG */.Y4)?.Value;
            const channel = TagList.find((t) => t.Key === channels_tags/* CHANNEL_TAG */.j6)?.Value;
            if (family === undefined || channel === undefined || !families.includes(family))
                continue;
            pointing.push({ region, name: p.Name, family, channel, ami: p.Value });
        }
    }
    return pointing;
}


/***/ })

};
