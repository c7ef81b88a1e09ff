export const id = 537;
export const ids = [537];
export const modules = {

/***/ 537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderTestLeftovers: () => (/* binding */ renderTestLeftovers)
/* harmony export */ });
/** The post step's section for test instances the job left running. */
function renderTestLeftovers(found) {
    if (found.length === 0)
        return '';
    const lines = ['### Test instances the job left running', '', '| Region | Instance | Tested AMI | |', '|---|---|---|---|'];
    for (const f of found)
        lines.push(`| ${f.region} | \`${f.instance}\` | ${f.ami} | ${f.outcome === 'terminated' ? 'terminated' : '⚠️ still running'} |`);
    return [...lines, ''].join('\n');
}


/***/ })

};
