// Ends each jest run with one plain line: "tests: N passed, N failed".
class PlainSummary {
  onRunComplete(_contexts, results) {
    process.stdout.write(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed\n`);
  }
}
module.exports = PlainSummary;
