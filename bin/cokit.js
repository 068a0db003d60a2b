#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) buildCheckout();

/**
 * A source checkout (`npm ci` on a clone) has no dist/ yet: the first command compiles it. An installed package
 * ships dist/ and no tsconfig, so it never gets here; the package needs no install script.
 */
function buildCheckout() {
  const root = path.join(__dirname, '..');
  const tsconfig = path.join(root, 'tsconfig.build.json');
  if (!fs.existsSync(tsconfig)) {
    process.stderr.write(`cokit: ${main} is missing and this is no source checkout (no tsconfig.build.json): reinstall cokit\n`);
    process.exit(2);
  }
  process.stderr.write('cokit: a source checkout without dist/: compiling the kit first (npm run build)\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const r = require('node:child_process').spawnSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0 || !fs.existsSync(main)) {
    process.stderr.write(`cokit: compiling the kit failed (exit ${r.status}): run \`npm run build\` to see why\n`);
    process.exit(2);
  }
}
// A reader that stops early (`cokit mutants | head`) is no error of ours.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
require(main).main(process.argv.slice(2));
