'use strict';
// A module claiming level 3 for `cokit stress`: the reference's stepped scheduler moved by a seeded random
// interleaver (a sequential stand-in for real threads, enough to drive stress from an installed cokit).
const { referenceAdapter } = require('cokit');

module.exports = {
  meta: { name: 'seeded-interleaver', version: '1.0.0', profile: 'cancel', levels: [1, 3] },
  open: (config) => referenceAdapter.open(config),
  runConcurrent(program, seed) {
    const s = referenceAdapter.openInterleaved(program);
    let x = seed >>> 0 || 1;
    const events = [];
    for (;;) {
      const r = s.runnable();
      if (r.length === 0) return events;
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      events.push(...s.step(r[x % r.length]).events);
    }
  },
};
