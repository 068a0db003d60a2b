'use strict';
// A correct level-1 adapter as a user would write one, in the CommonJS convention: the spec itself, stepped
// (`cokit/spec`: the spec alone, quick to load, so a child built on it greets at once). The packed-package
// test certifies it from an installed cokit.
const { initialState, step } = require('cokit/spec');

module.exports = {
  meta: { name: 'spec-stepper', version: '1.0.0', profile: 'cancel', levels: [1] },
  open(config) {
    let state = initialState(config);
    return {
      apply(op) {
        const r = step(state, op);
        if (r.kind !== 'ok') throw new Error(r.reason);
        state = r.state;
        return r.events;
      },
      close() {},
    };
  },
};
