export const id = 253;
export const ids = [253];
export const modules = {

/***/ 65253:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   keyIdSuffix: () => (/* binding */ keyIdSuffix),
/* harmony export */   verifyChecksum: () => (/* binding */ verifyChecksum),
/* harmony export */   verifySignature: () => (/* binding */ verifySignature)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var openpgp__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(13074);


/** Last 8 hex digits of the key's fingerprint, upper case: the suffix of its `.sig` file name. */
async function keyIdSuffix(armoredKey) {
    const key = await openpgp__WEBPACK_IMPORTED_MODULE_1__/* .readKey */ .YZ({ armoredKey });
    return key.getFingerprint().slice(-8).toUpperCase();
}
/** Throws unless `signature` is a valid detached signature over `data` by `armoredKey`. */
async function verifySignature(data, signature, armoredKey) {
    const verificationKeys = await openpgp__WEBPACK_IMPORTED_MODULE_1__/* .readKey */ .YZ({ armoredKey });
    const message = await openpgp__WEBPACK_IMPORTED_MODULE_1__/* .createMessage */ .oH({ binary: data });
    let parsed;
    try {
        parsed = await openpgp__WEBPACK_IMPORTED_MODULE_1__/* .readSignature */ .Bc({ binarySignature: signature });
    }
    catch (err) {
        throw new Error(`signature check failed: the .sig file is not an OpenPGP signature (${err.message})`, {
            cause: err
        });
    }
    const result = await openpgp__WEBPACK_IMPORTED_MODULE_1__/* .verify */ .MX({ message, signature: parsed, verificationKeys });
    try {
        await result.signatures[0].verified;
    }
    catch (err) {
        throw new Error(`signature check failed: SHA256SUMS is not signed by the trusted key (${err.message})`, {
            cause: err
        });
    }
}
/** Throws unless SHA256SUMS lists `fileName` with the SHA-256 of `data`. */
function verifyChecksum(sums, fileName, data) {
    const line = sums.split('\n').find((l) => l.trim().split(/\s+/)[1]?.replace(/^\*/, '') === fileName);
    if (line === undefined)
        throw new Error(`checksum check failed: ${fileName} is not listed in SHA256SUMS`);
    const expected = line.trim().split(/\s+/)[0].toLowerCase();
    const actual = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
    if (actual !== expected) {
        throw new Error(`checksum check failed: ${fileName} has SHA-256 ${actual}, SHA256SUMS says ${expected}`);
    }
}


/***/ })

};
