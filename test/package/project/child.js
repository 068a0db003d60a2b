'use strict';
// A child speaking cokit's process protocol (adapters/process/PROTOCOL.md), on top of my-adapter.js: what
// `cokit certify --cmd` and `cokit init --cmd` drive in the packed-package test.
const readline = require('node:readline');
const adapter = require('./my-adapter.js');

const send = (m) => process.stdout.write(`${JSON.stringify(m)}\n`);
let session = null;
send({ type: 'hello', protocol: 1, meta: adapter.meta });
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.type === 'open') {
    session = adapter.open(m.config);
    send({ type: 'opened', id: m.id });
  } else if (m.type === 'apply') {
    send({ type: 'applied', id: m.id, events: m.ops.map((op) => session.apply(op)) });
  } else if (m.type === 'close') {
    session.close();
    send({ type: 'closed', id: m.id });
  } else {
    send({ type: 'error', id: m.id, message: `unknown message ${m.type}` });
  }
});
