#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`cokit: ${main} is missing: run \`npm run build\` (npm ci runs it)\n`);
  process.exit(2);
}
// A reader that stops early (`cokit mutants | head`) is no error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
require(main).main(process.argv.slice(2));
