#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'conformance', 'generator', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write(`generate: ${main} is missing: run \`npm run build\` first\n`);
  process.exit(2);
}
process.exitCode = require(main).main(process.argv.slice(2));
