import { initialState, step, type State } from '..';
import { type AtomicLabel, type AtomicNode, canonical, atomicModel } from './atomicModel';
import { yieldPrograms } from './atomicConfig';
import { explore } from './explore';
import type { ExplorableModel } from './types';

/**
 * An independent enumeration of the atomic model: BFS with plain arrays, states fingerprinted by
 * `JSON.stringify` of the canonical state plus the schedule counts. Slow on purpose and written apart from
 * the explorer, so that the explorer's encoding, hashing and canonicalisation are checked against it.
 */
function naiveCount(n: number, m: number, k: number, s: number): number {
  let init: State = initialState({ coroutines: n, contexts: m });
  for (const [co, program] of yieldPrograms(n, k).entries()) {
    const r = step(init, { op: 'create', co, program });
    if (r.kind !== 'ok') throw new Error(r.reason);
    init = r.state;
  }
  // Arrays only: object key order would make equal states print differently.
  const key = (st: State, counts: number[]): string =>
    JSON.stringify([
      st.coroutines.map((c) => [c.status, c.pc, c.ctx, c.scheduled?.ctx, c.scheduled?.seq, c.lastSeq]),
      st.contexts.map((x) => [x.armed, x.list.map((r) => [r.co, r.seq])]),
      counts,
    ]);
  const seen = new Set<string>([key(init, Array(n).fill(0))]);
  let frontier: { st: State; counts: number[] }[] = [{ st: init, counts: Array(n).fill(0) }];
  while (frontier.length > 0) {
    const next: { st: State; counts: number[] }[] = [];
    for (const { st, counts } of frontier) {
      for (let c = 0; c < n; c++) {
        for (let x = 0; x < m; x++) {
          const ops = [{ op: 'enter' as const, co: c, from: x }, ...(counts[c]! < s ? Array.from({ length: m }, (_, y) => ({ op: 'schedule' as const, co: c, ctx: x, from: y })) : [])];
          for (const op of ops) {
            const r = step(st, op);
            if (r.kind !== 'ok') continue;
            const nc = counts.map((v, i) => v + (r.state.coroutines[i]?.lastSeq !== st.coroutines[i]?.lastSeq ? 1 : 0));
            const ns = canonical(r.state);
            const kk = key(ns, nc);
            if (!seen.has(kk)) { seen.add(kk); next.push({ st: ns, counts: nc }); }
          }
        }
      }
      for (let x = 0; x < m; x++) {
        const r = step(st, { op: 'poll', ctx: x });
        if (r.kind !== 'ok') continue;
        const ns = canonical(r.state);
        const kk = key(ns, counts);
        if (!seen.has(kk)) { seen.add(kk); next.push({ st: ns, counts }); }
      }
    }
    frontier = next;
  }
  return seen.size;
}

const atomic = (n: number, m: number, k: number, s: number) => atomicModel({ coroutines: n, contexts: m, programs: yieldPrograms(n, k), schedules: s });

/** Distinct states of the atomic model, recorded as regression numbers (like TLA+ examples' distinctStates). */
const RECORDED: readonly { bounds: [number, number, number, number]; states: number; depth: number }[] = [
  { bounds: [1, 1, 1, 1], states: 9, depth: 3 },
  { bounds: [1, 2, 2, 2], states: 95, depth: 5 },
  { bounds: [2, 1, 1, 2], states: 309, depth: 8 },
  { bounds: [2, 2, 1, 1], states: 853, depth: 6 },
  { bounds: [2, 2, 2, 2], states: 24225, depth: 10 },
];

describe('explorer over the atomic model', () => {
  it.each(RECORDED)('counts the same distinct states as a naive enumeration for N,M,K,S = $bounds', ({ bounds, states, depth }) => {
    const [n, m, k, s] = bounds;
    const r = explore(atomic(n, m, k, s));
    expect(r.kind).toBe('ok');
    expect(r.states).toBe(naiveCount(n, m, k, s));
    expect({ states: r.states, depth: r.depth }).toEqual({ states, depth });
  });

  it('reports the depth bound when it cuts the search short', () => {
    const r = explore(atomic(2, 2, 2, 2), { depth: 3 });
    expect(r).toMatchObject({ kind: 'bound-reached', bound: 'depth', depth: 3 });
  });

  it('reports the state bound when the table is full', () => {
    const r = explore(atomic(2, 2, 2, 2), { maxStates: 100 });
    expect(r).toMatchObject({ kind: 'bound-reached', bound: 'states', states: 100 });
  });

  it('finds a shortest counterexample and rebuilds its trace from the parent pointers', () => {
    const base = atomic(2, 2, 2, 2);
    const twoRecords: ExplorableModel<AtomicNode, AtomicLabel> = {
      ...base,
      invariants: [{ name: 'at-most-one-record', description: 'test invariant', check: (n) => (n.state.contexts.some((x) => x.list.length > 1) ? 'two records' : null) }],
    };
    const r = explore(twoRecords);
    expect(r.kind).toBe('violation');
    if (r.kind !== 'violation') return;
    expect(r.invariant).toBe('at-most-one-record');
    expect(r.trace.map((t) => t.label?.op.op ?? 'init')).toEqual(['init', 'schedule', 'schedule']);
  });
});
