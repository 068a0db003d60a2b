import { atomicModel, yieldPrograms, type AtomicBounds, type DriverOp } from '../../spec';
import type { Scenario } from '../arbitraries';

/** The bounds certify tours by default: every state and transition of this bounded spec is exercised. */
export const DEFAULT_TOUR_BOUNDS: AtomicBounds = { coroutines: 2, contexts: 2, programs: yieldPrograms(2, 2), schedules: 1 };

/** One scenario of the tour and the spec transitions (edge ids) and states it takes, step by step. */
export interface TourLeg {
  readonly scenario: Scenario;
  /** `edges[i]` is the edge taken by the i-th driver operation after the creates; `states[i]` the state it reaches. */
  readonly edges: readonly number[];
  readonly states: readonly number[];
}

export interface Tour {
  readonly bounds: AtomicBounds;
  readonly states: number;
  readonly transitions: number;
  readonly legs: readonly TourLeg[];
}

/**
 * A transition tour of the atomic model at small bounds: the reachable state graph (breadth-first), then
 * legs from the initial state that together take every transition at least once — each leg walks to the
 * nearest state with an untaken transition, takes it, and goes on until `legLength` operations, then a new
 * leg starts from the initial state. Run against an adapter, nothing in the bounded spec goes untested.
 */
export function buildTour(bounds: AtomicBounds = DEFAULT_TOUR_BOUNDS, legLength = 40): Tour {
  const model = atomicModel(bounds);
  const buf = new Uint8Array(model.width);
  const key = (n: Parameters<typeof model.encode>[0]): string => {
    model.encode(n, buf, 0);
    return Buffer.from(buf).toString('latin1');
  };
  const init = model.initial()[0];
  if (init === undefined) throw new Error('internal: the atomic model has no initial state');
  const ids = new Map<string, number>([[key(init), 0]]);
  const out: { op: DriverOp; to: number }[][] = [];
  const nodes = [init];
  for (let id = 0; id < nodes.length; id++) {
    const edges: { op: DriverOp; to: number }[] = [];
    for (const t of model.successors(nodes[id] as typeof init)) {
      const k = key(t.next);
      let to = ids.get(k);
      if (to === undefined) {
        to = nodes.length;
        ids.set(k, to);
        nodes.push(t.next);
      }
      edges.push({ op: t.label.op, to });
    }
    out.push(edges);
  }
  const firstEdge: number[] = [];
  let total = 0;
  for (const e of out) {
    firstEdge.push(total);
    total += e.length;
  }
  const taken = new Uint8Array(total);
  let left = total;
  const creates: DriverOp[] = bounds.programs.map((program, co) => ({ op: 'create', co, program }));
  const legs: TourLeg[] = [];
  /** Shortest path (edge choices) from `from` to the nearest state with an untaken edge. */
  const pathToUntaken = (from: number): { state: number; edge: number }[] | null => {
    const prev = new Int32Array(nodes.length).fill(-2);
    const via = new Int32Array(nodes.length);
    prev[from] = -1;
    const queue = [from];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const edges = out[s] ?? [];
      if (edges.some((_e, i) => taken[(firstEdge[s] as number) + i] === 0)) {
        const path: { state: number; edge: number }[] = [];
        for (let t = s; prev[t] !== -1; t = prev[t] as number) path.unshift({ state: prev[t] as number, edge: via[t] as number });
        return path;
      }
      for (const [i, e] of edges.entries()) {
        if (prev[e.to] !== -2) continue;
        prev[e.to] = s;
        via[e.to] = i;
        queue.push(e.to);
      }
    }
    return null;
  };
  while (left > 0) {
    const ops: DriverOp[] = [];
    const edgeIds: number[] = [];
    const stateIds: number[] = [];
    let at = 0;
    const take = (s: number, i: number): void => {
      const e = (out[s] as { op: DriverOp; to: number }[])[i] as { op: DriverOp; to: number };
      const id = (firstEdge[s] as number) + i;
      if (taken[id] === 0) {
        taken[id] = 1;
        left--;
      }
      ops.push(e.op);
      edgeIds.push(id);
      stateIds.push(e.to);
      at = e.to;
    };
    while (ops.length < legLength && left > 0) {
      const path = pathToUntaken(at);
      if (path === null) break;
      for (const p of path) take(p.state, p.edge);
      const untaken = (out[at] ?? []).findIndex((_e, i) => taken[(firstEdge[at] as number) + i] === 0);
      take(at, untaken);
    }
    if (ops.length === 0) break;
    legs.push({ scenario: { config: { contexts: bounds.contexts, coroutines: bounds.coroutines }, ops: [...creates, ...ops] }, edges: edgeIds, states: stateIds });
  }
  return { bounds, states: nodes.length, transitions: total, legs };
}
