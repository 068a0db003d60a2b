const { openHost } = require('./dist/conformance/certify');
const { runScenario } = require('./dist/conformance/engine/runScenario');
const { TimeLimits } = require('./dist/conformance/engine/timeLimits');
const hang = { config: { contexts: 1, coroutines: 1 }, ops: [ {op:'create',co:0,program:[{kind:'yield'},{kind:'yield'},{kind:'yield'}]}, {op:'schedule',co:0,ctx:0,from:0}, {op:'enter',co:0,from:0}, {op:'schedule',co:0,ctx:0,from:0}, {op:'poll',ctx:0} ] };
const ok = { config: { contexts: 1, coroutines: 1 }, ops: hang.ops.slice(0, 4) };
(async () => {
  const limits = new TimeLimits(250);
  const o = await openHost({ kind: 'cmd', line: 'adapters/c/build/cokit-c-seed-literal' }, limits);
  const h = o.host;
  for (let i = 0; i < 30; i++) await runScenario(h, ok, false);
  console.log('op', limits.op(), 'session', limits.session(5));
  for (let i = 0; i < 4; i++) {
    const t = Date.now(); const r = await runScenario(h, hang, false); const t2 = Date.now(); await runScenario(h, ok, false);
    console.log(r.kind, r.timeoutMs, r.steps.at(-1).detail, t2 - t, Date.now() - t2, limits.op(), limits.session(5));
  }
  await h.dispose();
})();
