import { Footprints, persistentThreads } from './reduction';
import { StateTable } from './stateTable';
import { DEADLOCK, type ExplorableModel, type ExploreBounds, type ExploreResult, type Invariant, type Reduction, type TraceStep } from './types';

/** A clock supplied by the caller (`spec/` does no I/O and reads no clock of its own). */
export type Clock = () => number;

const DEFAULT_BOUNDS: ExploreBounds = { depth: Number.MAX_SAFE_INTEGER, maxStates: 1 << 24 };

/**
 * Explicit-state breadth-first search: every state reachable within the bounds is visited once and every
 * invariant checked on it, so the first violation found has a shortest trace. The queue is the state table
 * itself (states are stored in discovery order), read with a moving head.
 *
 * With `reduction: 'por'` each state expands only the steps of a persistent set of threads (`reduction.ts`):
 * every violation is still found, but its trace is shortest only among the states kept
 * (`exploreShortest` re-searches for a shortest one).
 */
export function explore<S, L>(model: ExplorableModel<S, L>, bounds: Partial<ExploreBounds> = {}, clock: Clock = () => 0, reduction: Reduction = 'none'): ExploreResult<S, L> {
  const keep = reduction === 'por' ? threadSelector(model) : null;
  const { depth: maxDepth, maxStates } = { ...DEFAULT_BOUNDS, ...bounds };
  const t0 = clock();
  // Rows padded to whole words (the padding stays zero): the table hashes and compares them a word at a time.
  const stride = (model.width + 3) & ~3;
  const table = new StateTable(stride);
  let transitions = 0;
  let depth = 0;
  const stats = () => ({ states: table.count, transitions, depth, ms: clock() - t0 });

  const violation = (index: number, inv: string, message: string): ExploreResult<S, L> => ({
    kind: 'violation', invariant: inv, message, trace: rebuild(model, table, index), ...stats(),
  });

  for (const [k, s] of model.initial().entries()) {
    const { buf, offset } = table.scratch();
    model.encode(s, buf, offset);
    const { index, fresh } = table.insert(-1, k);
    if (!fresh) continue;
    const broken = firstBroken(model.invariants, s, null, null);
    if (broken !== null) return violation(index, broken.name, broken.message);
  }

  let head = 0;
  let levelEnd = table.count;
  const rows = model.rows?.(() => table.buffer);
  // Row expansion: what the object loop below does, without decoding a state unless it is new.
  let stop: ExploreResult<S, L> | null = null;
  let ordinal = 0;
  let pre: S | null = null;
  /** The threads whose steps the state under expansion keeps (a bitmask; all of them without a reduction). */
  let kept = -1;
  const threadOfRow = rows === undefined || keep === null ? null : (rows.thread?.bind(rows) ?? (() => keep.threadOf(rows.label())));
  const next = (): number => table.scratchOffset();
  const emit = rows === undefined ? (): void => undefined : (): void => {
    if (stop !== null) return;
    if (threadOfRow !== null && ((kept >>> threadOfRow()) & 1) === 0) {
      ordinal++;
      return;
    }
    transitions++;
    const index = table.intern(head, ordinal++);
    if (index < 0) return;
    if (rows.mayBreak?.(head * stride, index * stride) === false) {
      if (table.count >= maxStates) stop = { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
      return;
    }
    pre ??= model.decode(table.buffer, head * stride);
    const broken = firstBroken(model.invariants, model.decode(table.buffer, index * stride), pre, rows.label());
    if (broken !== null) stop = violation(index, broken.name, broken.message);
    else if (table.count >= maxStates) stop = { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
  };
  while (head < table.count) {
    if (head === levelEnd) {
      depth++;
      levelEnd = table.count;
    }
    if (depth >= maxDepth) return { kind: 'bound-reached', bound: 'depth', ...stats() };
    if (rows !== undefined) {
      ordinal = 0;
      pre = null;
      if (keep !== null) kept = keep.selectRow?.(table.buffer, head * stride) ?? keep.select(model.decode(table.buffer, head * stride));
      const n = rows.expand(head * stride, next, emit);
      if (n > 0 && kept === 0) throw new Error('internal: the reduction kept no step of a state that has some');
      if (stop !== null) return stop;
      if (n === 0 && !rows.isFinal(head * stride)) return violation(head, DEADLOCK, 'no thread can move, yet not every thread is done');
      head++;
      continue;
    }
    const s = model.decode(table.buffer, head * stride);
    const succ = model.successors(s);
    if (succ.length === 0 && !model.isFinal(s)) return violation(head, DEADLOCK, 'no thread can move, yet not every thread is done');
    if (keep !== null) {
      kept = keep.select(s);
      if (succ.length > 0 && kept === 0) throw new Error('internal: the reduction kept no step of a state that has some');
    }
    for (let k = 0; k < succ.length; k++) {
      const t = succ[k] as (typeof succ)[number];
      if (keep !== null && ((kept >>> keep.threadOf(t.label)) & 1) === 0) continue;
      transitions++;
      const { buf, offset } = table.scratch();
      model.encode(t.next, buf, offset);
      const { index, fresh } = table.insert(head, k);
      if (!fresh) continue;
      const broken = firstBroken(model.invariants, t.next, s, t.label);
      if (broken !== null) return violation(index, broken.name, broken.message);
      if (table.count >= maxStates) return { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
    }
    head++;
  }
  return { kind: 'ok', ...stats() };
}

/** The model's reduction: which threads' steps to keep at a state. Refused for invariants it was not argued for. */
function threadSelector<S, L>(model: ExplorableModel<S, L>): { select: (s: S) => number; selectRow?: (buf: Uint8Array, src: number) => number; threadOf: (l: L) => number } {
  const ind = model.independence;
  if (ind === undefined) throw new Error('this model has no partial-order reduction (no independence relation)');
  const uncovered = model.invariants.filter((i) => !ind.covers.includes(i.name)).map((i) => i.name);
  if (uncovered.length > 0) throw new Error(`the partial-order reduction is not argued for the invariant(s) ${uncovered.join(', ')}`);
  const fp = new Footprints(ind.threads, ind.variables);
  return {
    select: (s) => {
      ind.footprints(s, fp);
      return persistentThreads(fp);
    },
    ...(ind.rowFootprints === undefined ? {} : { selectRow: (buf: Uint8Array, src: number) => {
      ind.rowFootprints?.(buf, src, fp);
      return persistentThreads(fp);
    } }),
    threadOf: (l) => ind.threadOf(l),
  };
}

function firstBroken<S, L>(invariants: readonly Invariant<S, L>[], post: S, pre: S | null, label: L | null): { name: string; message: string } | null {
  for (const inv of invariants) {
    const message = inv.check(post, pre, label);
    if (message !== null) return { name: inv.name, message };
  }
  return null;
}

/** Follows parent pointers back to an initial state, then replays the recorded transition ordinals. */
export function rebuild<S, L>(model: ExplorableModel<S, L>, table: Pick<StateTable, 'parentOf' | 'ordinalOf'>, index: number): TraceStep<S, L>[] {
  const path: number[] = [];
  for (let i = index; i !== -1; i = table.parentOf(i)) path.push(i);
  path.reverse();
  const init = model.initial()[table.ordinalOf(path[0] as number)];
  if (init === undefined) throw new Error('internal: trace starts at an unknown initial state');
  const trace: TraceStep<S, L>[] = [{ label: null, state: init }];
  let s: S = init;
  for (const i of path.slice(1)) {
    const t = model.successors(s)[table.ordinalOf(i)];
    if (t === undefined) throw new Error('internal: trace replays a transition that does not exist');
    trace.push({ label: t.label, state: t.next });
    s = t.next;
  }
  return trace;
}
