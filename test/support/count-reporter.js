// Writes "passed failed" test counts to $JEST_COUNTS_FILE, so CI can print its closing line
// from jest's own results rather than by parsing its console output.
import { writeFileSync } from 'node:fs'

export default class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_COUNTS_FILE
    if (!file) return
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    writeFileSync(file, `${results.numPassedTests} ${failed}\n`)
  }
}
