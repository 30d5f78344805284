// Ends a jest run with one plain line, `tests: N passed, N failed, N skipped`, that CI and people can read.
// A suite that failed without a failing test (syntax error, throwing hook, no tests) counts as one failure,
// so a broken file can never make the run look green.
// With JEST_SUMMARY_FILE set the line goes to that file instead; tools/test.mjs prints it as the very last line.
const { writeFileSync } = require('node:fs');

function summarize(results) {
  const suitesFailedWithoutFailingTest = results.testResults.filter(
    (suite) => (suite.testExecError || suite.failureMessage) && suite.numFailingTests === 0,
  ).length;
  const failed = results.numFailedTests + suitesFailedWithoutFailingTest;
  // Jest also fails a run on snapshot trouble (e.g. unwritten snapshots under --ci) with every test green.
  const snapshotFailure = failed === 0 && results.snapshot && results.snapshot.failure ? 1 : 0;
  return {
    passed: results.numPassedTests,
    failed: failed + snapshotFailure,
    skipped: results.numPendingTests + results.numTodoTests,
  };
}

class JestSummaryReporter {
  onRunComplete(_testContexts, results) {
    const { passed, failed, skipped } = summarize(results);
    const line = `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
    if (process.env.JEST_SUMMARY_FILE) {
      writeFileSync(
        process.env.JEST_SUMMARY_FILE,
        JSON.stringify({ passed, failed, skipped, line }),
      );
    } else {
      process.stdout.write(`${line}\n`);
    }
  }
}

module.exports = JestSummaryReporter;
module.exports.summarize = summarize;
