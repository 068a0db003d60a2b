import { initialState, step, type State } from '../spec';
import { explore } from '../spec/explorer/explore';
import { atomicModel, canonical } from '../spec/explorer/atomicModel';
import { exploreAtomicFast } from '../spec/explorer/atomicFast';
import { type AtomicBounds, yieldPrograms } from '../spec/explorer/atomicConfig';
import { interleavedModel } from '../spec/interleaved/model';

/**
 * `node dist/bench/explorer.js [N M K S]`: explorer throughput in distinct states per second on the atomic
 * and interleaved models, and the atomic model explored by a straightforward BFS over a `Set<string>` of
 * `JSON.stringify`-ed states in the same run, as a ratio. Figures, not assertions: the machine is shared.
 */
const [n, m, k, s] = process.argv.slice(2).map((v) => (v === undefined ? undefined : Number(v)));
const atomic: AtomicBounds = { coroutines: n ?? 2, contexts: m ?? 2, programs: yieldPrograms(n ?? 2, k ?? 2), schedules: s ?? 3 };
const clock = () => performance.now();

function line(label: string, states: number, ms: number): number {
  const rate = (states / ms) * 1000;
  process.stdout.write(`${label.padEnd(44)} ${states.toLocaleString('en-US').padStart(11)} states ${(ms / 1000).toFixed(1).padStart(6)} s ${Math.round(rate).toLocaleString('en-US').padStart(10)} states/s\n`);
  return rate;
}

/** The baseline: arrays as the queue (no `shift`), JSON fingerprints, the same canonical states. */
function jsonBfs(b: AtomicBounds): number {
  let init: State = initialState({ coroutines: b.coroutines, contexts: b.contexts });
  for (const [co, program] of b.programs.entries()) {
    const r = step(init, { op: 'create', co, program });
    if (r.kind === 'ok') init = r.state;
  }
  const key = (st: State, counts: readonly number[]): string =>
    JSON.stringify([st.coroutines.map((c) => [c.status, c.pc, c.ctx, c.scheduled?.ctx, c.scheduled?.seq, c.lastSeq]), st.contexts.map((x) => [x.armed, x.list.map((r) => [r.co, r.seq])]), counts]);
  const counts0 = b.programs.map(() => 0);
  const seen = new Set<string>([key(init, counts0)]);
  const queue: { st: State; counts: number[] }[] = [{ st: init, counts: counts0 }];
  for (let head = 0; head < queue.length; head++) {
    const { st, counts } = queue[head] as (typeof queue)[number];
    const ops = [];
    for (let co = 0; co < b.coroutines; co++)
      for (let x = 0; x < b.contexts; x++) {
        ops.push({ op: 'enter' as const, co, from: x });
        if ((counts[co] as number) < b.schedules) for (let y = 0; y < b.contexts; y++) ops.push({ op: 'schedule' as const, co, ctx: x, from: y });
      }
    for (let x = 0; x < b.contexts; x++) ops.push({ op: 'poll' as const, ctx: x });
    for (const op of ops) {
      const r = step(st, op);
      if (r.kind !== 'ok') continue;
      const nc = counts.map((v, i) => v + (r.state.coroutines[i]?.lastSeq !== st.coroutines[i]?.lastSeq ? 1 : 0));
      const ns = canonical(r.state);
      const kk = key(ns, nc);
      if (!seen.has(kk)) {
        seen.add(kk);
        queue.push({ st: ns, counts: nc });
      }
    }
  }
  return seen.size;
}

process.stdout.write(`atomic model N=${atomic.coroutines} M=${atomic.contexts} K=${k ?? 2} S=${atomic.schedules}; interleaved patch 1 coroutine, 2 contexts, 2 drivers × 2 ops\n\n`);
/** The larger bound: ~1.8 million states, several seconds of the byte search on this kind of machine. */
const big: AtomicBounds = { coroutines: 3, contexts: 2, programs: yieldPrograms(3, 1), schedules: 2 };
const f = exploreAtomicFast(big, {}, clock);
const fastBig = line(`explorer, atomic model, bytes (N=3 M=2 K=1 S=2)`, f.states, f.ms);
const a0 = exploreAtomicFast(atomic, {}, clock);
const fast = line('explorer, atomic model, bytes', a0.states, a0.ms);
const a = explore(atomicModel(atomic), {}, clock);
const objects = line('explorer, atomic model, objects (step())', a.states, a.ms);
if (a0.states !== a.states || a0.transitions !== a.transitions) process.stdout.write(`!! the byte and object searches disagree: ${a0.states}/${a0.transitions} vs ${a.states}/${a.transitions}\n`);
const t0 = clock();
const naive = jsonBfs(atomic);
const slow = line('Set<string> of JSON BFS, atomic model', naive, clock() - t0);
if (naive !== a.states) process.stdout.write(`!! the two searches disagree: ${a.states} vs ${naive}\n`);
const i = explore(interleavedModel({ coroutines: 1, contexts: 2, drivers: 2, ops: 2, yields: 2, variant: 'patch' }), {}, clock);
line('explorer, interleaved model (patch)', i.states, i.ms);
process.stdout.write(`\nexplorer (bytes) / JSON baseline on the atomic model: ${(fast / slow).toFixed(1)}×; explorer (objects) / JSON baseline: ${(objects / slow).toFixed(1)}×\n`);
process.stdout.write(`explorer (bytes) at the larger bound: ${Math.round(fastBig).toLocaleString('en-US')} distinct states/s on one core (target ≥ 1,000,000)\n`);
