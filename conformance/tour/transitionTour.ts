import { atomicModel, openAtomicModel, type AtomicLabel, type AtomicNode, type DriverOp, type ExplorableModel, type OpenChoice, type Program } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { TourSpace } from './tourSpace';

/** One scenario of the tour and the spec transitions (edge ids) and states it takes, step by step. */
export interface TourLeg {
  readonly scenario: Scenario;
  /** `edges[i]` is the edge taken by the i-th driver operation after the creates; `states[i]` the state it reaches. */
  readonly edges: readonly number[];
  readonly states: readonly number[];
}

export interface Tour {
  readonly space: TourSpace;
  readonly states: number;
  readonly transitions: number;
  readonly legs: readonly TourLeg[];
}

interface Edge {
  readonly op: DriverOp;
  /** Open programs: the instructions this transition runs for the first time (null for fixed programs). */
  readonly choice: OpenChoice | null;
  readonly to: number;
}

/** What the tour needs of a model: the successors, labelled with the operation and, for open programs, the choice. */
type TourModel = Pick<ExplorableModel<AtomicNode, AtomicLabel & { readonly choice?: OpenChoice }>, 'width' | 'initial' | 'successors' | 'encode'>;

const modelOf = (space: TourSpace): TourModel => (space.kind === 'fixed' ? atomicModel(space.bounds) : openAtomicModel(space.bounds));

/** The reachable state graph, breadth first: each state's outgoing edges in the model's order. */
function stateGraph(model: TourModel): Edge[][] {
  const buf = new Uint8Array(model.width);
  const key = (n: AtomicNode): string => {
    model.encode(n, buf, 0);
    return Buffer.from(buf).toString('latin1');
  };
  const init = model.initial()[0];
  if (init === undefined) throw new Error('internal: the atomic model has no initial state');
  const ids = new Map<string, number>([[key(init), 0]]);
  const out: Edge[][] = [];
  const nodes = [init];
  for (let id = 0; id < nodes.length; id++) {
    const edges: Edge[] = [];
    for (const t of model.successors(nodes[id] as AtomicNode)) {
      const k = key(t.next);
      let to = ids.get(k);
      if (to === undefined) {
        to = nodes.length;
        ids.set(k, to);
        nodes.push(t.next);
      }
      edges.push({ op: t.label.op, choice: t.label.choice ?? null, to });
    }
    out.push(edges);
  }
  return out;
}

/**
 * A transition tour of one bounded space of the spec: the reachable state graph (breadth-first), then legs
 * from the initial state that together take every transition at least once — each leg walks to the nearest
 * state with an untaken transition, takes it, and goes on until `legLength` operations or until no untaken
 * transition is reachable, then a new leg starts from the initial state. With open programs a leg's
 * programs are the instructions its transitions chose, in order. Run against an adapter, nothing in the
 * bounded space goes untested.
 */
export function buildTour(space: TourSpace, legLength = 40): Tour {
  const out = stateGraph(modelOf(space));
  // The graph in flat arrays: state s's edges are firstEdge[s] .. firstEdge[s + 1], edge i leads to edgeTo[i].
  const firstEdge = new Int32Array(out.length + 1);
  for (let s = 0; s < out.length; s++) firstEdge[s + 1] = (firstEdge[s] as number) + (out[s] as Edge[]).length;
  const total = firstEdge[out.length] as number;
  const edgeTo = new Int32Array(total);
  for (let s = 0, i = 0; s < out.length; s++) for (const e of out[s] as Edge[]) edgeTo[i++] = e.to;
  const taken = new Uint8Array(total);
  let left = total;
  const n = space.bounds.coroutines;
  const config = { contexts: space.bounds.contexts, coroutines: n };
  const prev = new Int32Array(out.length).fill(-2);
  const via = new Int32Array(out.length);
  const queue = new Int32Array(out.length);
  /** Per state, no untaken edge comes before this one. */
  const cursor = firstEdge.slice(0, out.length);
  /** Untaken edges per state. */
  const untaken = Int32Array.from(out, (e) => e.length);
  /** States from which no untaken edge is reachable any more (edges are never untaken again, so this lasts). */
  const exhausted = new Uint8Array(out.length);
  /** Shortest path (edge ids) from `from` to the nearest state with an untaken edge. */
  const pathToUntaken = (from: number): number[] | null => {
    if (untaken[from] !== 0) return [];
    if (exhausted[from] === 1) return null;
    prev[from] = -1;
    queue[0] = from;
    let end = 1;
    let found = -1;
    for (let q = 0; q < end && found === -1; q++) {
      const s = queue[q] as number;
      for (let i = firstEdge[s] as number, last = firstEdge[s + 1] as number; i < last; i++) {
        const to = edgeTo[i] as number;
        if (prev[to] !== -2 || exhausted[to] === 1) continue;
        prev[to] = s;
        via[to] = i;
        queue[end++] = to;
        if (untaken[to] !== 0) {
          found = to;
          break;
        }
      }
    }
    const path: number[] = [];
    for (let t = found; t !== -1 && prev[t] !== -1; t = prev[t] as number) path.push(via[t] as number);
    // Nothing found: everything the search reached is exhausted too.
    for (let q = 0; q < end; q++) {
      if (found === -1) exhausted[queue[q] as number] = 1;
      prev[queue[q] as number] = -2;
    }
    return found === -1 ? null : path.reverse();
  };
  const legs: TourLeg[] = [];
  while (left > 0) {
    const ops: DriverOp[] = [];
    const edgeIds: number[] = [];
    const stateIds: number[] = [];
    const programs: Program[] = space.kind === 'fixed' ? [...space.bounds.programs] : Array.from({ length: n }, () => []);
    let at = 0;
    const take = (id: number): void => {
      const e = (out[at] as Edge[])[id - (firstEdge[at] as number)] as Edge;
      if (taken[id] === 0) {
        taken[id] = 1;
        untaken[at] = (untaken[at] as number) - 1;
        left--;
      }
      ops.push(e.op);
      if (e.choice !== null) for (let c = 0; c < n; c++) if ((e.choice.added[c]?.length ?? 0) > 0) programs[c] = [...(programs[c] as Program), ...(e.choice.added[c] as Program)];
      edgeIds.push(id);
      stateIds.push(e.to);
      at = e.to;
    };
    while (ops.length < legLength && left > 0) {
      const path = pathToUntaken(at);
      if (path === null) break;
      for (const id of path) take(id);
      while (taken[cursor[at] as number] === 1) cursor[at] = (cursor[at] as number) + 1;
      take(cursor[at] as number);
    }
    if (ops.length === 0) break;
    const creates: DriverOp[] = programs.map((program, co) => ({ op: 'create', co, program }));
    legs.push({ scenario: { config, ops: [...creates, ...ops] }, edges: edgeIds, states: stateIds });
  }
  return { space, states: out.length, transitions: total, legs };
}
