// Mutation testing of the modules that decide what is deleted, verified or reused (issue 21).
// `npm run mutate` runs this once per module; `MUTATE=sweep npm run mutate` one module. How long
// it takes, the score per module and every surviving mutant with its judgement: docs/testing.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Each module and the unit tests that run its code (test/unit/NAME.test.ts), as measured with
 * jest's coverage. The integration tests run the bundled dist/, which holds no mutant. A `*` name
 * also takes in the `-mutants` tests written to kill what the others let live.
 */
const MODULES = {
  verify: { file: 'src/packer/verify.ts', tests: ['verify*'] },
  release: { file: 'src/packer/release.ts', tests: ['release*'] },
  retention: { file: 'src/aws/retention.ts', tests: ['retention*'] },
  sweep: { file: 'src/aws/sweep.ts', tests: ['sweep-plan*', 'sweep-mutants', 'test-stage'] },
  leftovers: { file: 'src/aws/leftovers.ts', tests: ['leftovers*'] },
  references: { file: 'src/aws/references.ts', tests: ['references*'] },
  fingerprint: { file: 'src/fingerprint.ts', tests: ['fingerprint*'] },
  'base-images': { file: 'src/lineage/base-images.ts', tests: ['base-images*'] },
  'template-reads': { file: 'src/lineage/template-reads.ts', tests: ['template-reads*', 'template', 'build-names'] },
  lineage: { file: 'src/lineage/lineage.ts', tests: ['lineage*'] },
  'found-images': { file: 'src/lineage/found-images.ts', tests: ['found-images*'] },
  fingerprinting: { file: 'src/lineage/fingerprinting.ts', tests: ['fingerprinting*'] },
  'channel-images': { file: 'src/channels/images.ts', tests: ['channels', 'revoke', 'channel-images-mutants'] },
  'channel-parameters': { file: 'src/channels/parameters.ts', tests: ['channels', 'revoke', 'channel-parameters-mutants'] },
  promote: { file: 'src/channels/promote.ts', tests: ['channels', 'promote-mutants'] },
  revoke: { file: 'src/channels/revoke.ts', tests: ['revoke', 'revoke-mutants'] },
  descendants: { file: 'src/channels/descendants.ts', tests: ['revoke', 'descendants-mutants'] },
  'test-stage-leftovers': { file: 'src/test-stage/leftovers.ts', tests: ['test-stage', 'test-stage-leftovers-mutants'] }
}

const chosen = (process.env.MUTATE ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '')
for (const name of chosen) {
  if (!(name in MODULES)) throw new Error(`MUTATE: "${name}" is none of ${Object.keys(MODULES).join(', ')}`)
}
const modules = (chosen.length > 0 ? chosen : Object.keys(MODULES)).map((name) => MODULES[name])
// MUTATE_BASELINE=1: without the -mutants tests, to see what the rest of the suite lets live.
const baseline = process.env.MUTATE_BASELINE === '1'
const report = `${chosen.length > 0 ? chosen.join('+') : 'all'}${baseline ? '-baseline' : ''}`

// test/support/temp-root.js, jest's globalSetup, points TMPDIR at a folder its teardown removes:
// a second jest run in the same process (every mutant is one) would make its folder inside the
// removed one and fail. Stryker's runs go without it, with a temporary folder of their own that
// goes when Stryker exits; its test-runner processes inherit TMPDIR from this one.
const tempRoot = mkdtempSync(path.join(tmpdir(), 'packer-ami-action-mutants-'))
process.env.TMPDIR = tempRoot
process.once('exit', () => rmSync(tempRoot, { recursive: true, force: true }))

// One moto_server for the whole run: the tests' startMoto() resets it (test/support/moto.ts)
// instead of starting Python and moto's EC2 code again for every mutant. Jest runs the test files
// one after another under Stryker (its jest runner sets runInBand), so they never share it at once.
// Its output goes to a file, and it is unref'd: Stryker exits when its work is done. A shell
// watches Stryker's process and stops moto when it is gone, however Stryker ended.
const motoLog = path.join(tempRoot, 'moto.log')
const watched = `moto_server -H 127.0.0.1 -p 0 & m=$!; trap 'kill $m' EXIT INT TERM; while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`
const moto = spawn('sh', ['-c', watched], { stdio: ['ignore', 'ignore', openSync(motoLog, 'w')] })
moto.unref()
process.env.PACKER_AMI_ACTION_SHARED_MOTO = await new Promise((resolve, reject) => {
  moto.once('error', reject)
  const deadline = Date.now() + 30_000
  const look = () => {
    const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(motoLog, 'utf8'))?.[1]
    if (port !== undefined) return resolve(`http://127.0.0.1:${port}`)
    if (moto.exitCode !== null || Date.now() > deadline) return reject(new Error(`moto_server did not start:\n${readFileSync(motoLog, 'utf8')}`))
    setTimeout(look, 100)
  }
  look()
})

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: modules.map((m) => m.file),
  testRunner: 'jest',
  // ts-jest in ESM mode, as `npm test` runs it.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: {
      testMatch: [...new Set(modules.flatMap((m) => m.tests))].map((name) => `<rootDir>/test/unit/${name}.test.ts`),
      testPathIgnorePatterns: ['/node_modules/', ...(baseline ? ['-mutants\\.test\\.ts$'] : [])],
      globalSetup: undefined,
      globalTeardown: undefined,
      reporters: ['default']
    },
    // jest.config.js's roots hold test/ only, so jest's --findRelatedTests finds no test of a
    // file under src/; perTest coverage picks each mutant's tests instead.
    enableFindRelatedTests: false
  },
  coverageAnalysis: 'perTest',
  // A module no unit test runs is reported, all its mutants without coverage, rather than an error.
  allowEmpty: true,
  // No @stryker-mutator/typescript-checker: it type-checks the whole project (src, test,
  // scripts) once per mutant and made verify.ts's run 4.5 times as long (docs/testing.md).
  // Two cores, shared; some of the tests start moto_server.
  concurrency: 1,
  // The unit tests need neither the 13 MB of dist/ nor earlier reports.
  ignorePatterns: ['dist', 'coverage'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // coverage/ is git-ignored already; one report per module, kept when another module runs.
  htmlReporter: { fileName: `coverage/mutation/${report}.html` },
  jsonReporter: { fileName: `coverage/mutation/${report}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 75, break: null },
  // Stryker's copy of the project goes with the temporary files, outside the work tree: never
  // committed by mistake, and runs of different modules may go at once.
  tempDirName: path.join(tempRoot, 'stryker'),
  cleanTempDir: 'always'
}
