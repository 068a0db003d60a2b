import { type AtomicLabel, type AtomicNode, atomicModel } from './atomicModel';
import type { AtomicBounds } from './atomicConfig';
import { type PackedSuccessors, packedApplies } from './atomicPacked';
import { compiledSuccessors } from './atomicCompiled';
import { packRow } from './packedLayout';
import { type Clock, explore, rebuild } from './explore';
import { PackedStateTable, hashWords } from './packedTable';
import type { ExplorableModel, ExploreBounds, ExploreResult } from './types';

const DEFAULT_BOUNDS: ExploreBounds = { depth: Number.MAX_SAFE_INTEGER, maxStates: 1 << 24 };

/** For tests: a successor the search skips as already stored must be stored. */
function verifySkip({ f, table, scratch }: Check, rows: Int32Array, src: number, k: number): void {
  const w = f.layout.words;
  for (let i = 0; i < w; i++) scratch[i] = rows[src + i] as number;
  f.apply(scratch, 0, k);
  const before = table.count;
  if (table.intern(scratch, 0, hashWords(scratch, 0, w), -1, 0) !== -1 || table.count !== before)
    throw new Error(`internal: operation ${k} was skipped as already explored, but its successor was not stored`);
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Where the batch's slot reads go, so that no compiler drops them as unused. */
let touchedSink = 0;

/**
 * The sleep set of a new state t = p·a (its row at `off`), first reached from p by operation a, where p's
 * sleep set is `sleep` (a mask; 0 for an initial state): the operations k that commute with a in p and
 * either come before a or are in p's sleep set. Claim: when t is expanded, t·k is already stored for every
 * k in its sleep set that changes t. By induction over the order of expansion: p·k was stored before t
 * (k < a: p's expansion made it first, or skipped it because k was in p's sleep set; k asleep at p: the
 * claim for p), so p·k was expanded before t, and that expansion stored p·k·a = t·k (or skipped it, a
 * being asleep there: the claim for p·k). Commuting (`commutingAfter`) keeps whether each operation
 * changes the state, so k changes p when it changes t. (Were p·k = t itself, t·k = t·a, and a is never in
 * t's sleep set, since no operation commutes with itself: t's own expansion stores it.) Sleep sets of later
 * paths to t are not merged: t keeps the sleep set of its first path.
 */
function sleepAfter(f: PackedSuccessors, row: Int32Array, off: number, a: number, sleep: number): number {
  return (((1 << a) - 1) | sleep) & f.commutingAfter(row, off, a);
}

/** Source states expanded together: their successors are hashed, then their table slots read, then interned. */
const BATCH = 64;

/**
 * Breadth-first search of the atomic model on packed rows. States are expanded in batches of the same
 * depth: every successor of the batch is computed into a candidate buffer (copy, apply, canonicalise,
 * hash), the table slots of all candidates are read (independent reads, which the processor overlaps),
 * then the candidates are interned in the order a one-at-a-time search would intern them, so states,
 * transitions, depth, parents and the first violation are exactly `explore`'s. The state invariants are
 * checked on every new row; the transition invariants (no bad entry, the BH enters only live records, a
 * poll visits all in order) hold by construction of the packed successor, which the tests check against
 * `step()` and the object model's invariants. A violation's trace is rebuilt with the object model (the
 * same operations in the same order), so it prints like `explore`'s: the search keeps no parents at first
 * (6 bytes per state it would touch), and when it finds a violation it runs again, keeping them, to the same
 * state. Falls back to `explore` for programs with more than yields.
 *
 * Lookups that cannot find anything new are not made: a repeated schedule, an operation that changes
 * nothing, and an operation in the state's sleep set (see `sleepAfter`). Such a skip is still a transition.
 * `successors` replaces the packed successor, and `verifySkips` computes every skipped successor and fails
 * if the table does not already hold it (both for tests).
 */
export function exploreAtomicFast(
  b: AtomicBounds,
  bounds: Partial<ExploreBounds> = {},
  clock: Clock = () => 0,
  successors?: PackedSuccessors,
  verifySkips = false,
): ExploreResult<AtomicNode, AtomicLabel> {
  const t0 = clock();
  const slow = atomicModel(b);
  if (!packedApplies(b) && successors === undefined) return explore(slow, bounds, clock);
  const f = successors ?? compiledSuccessors(b);
  const limits = { ...DEFAULT_BOUNDS, ...bounds };
  const elapsed = () => clock() - t0;
  const first = search(slow, f, limits, elapsed, verifySkips, false);
  return first.kind === 'violation' ? search(slow, f, limits, elapsed, verifySkips, true) : first;
}

/** `exploreAtomicFast` once, keeping paths or not (a violation's trace is then empty). */
function search(
  slow: ExplorableModel<AtomicNode, AtomicLabel>,
  f: PackedSuccessors,
  { depth: maxDepth, maxStates }: ExploreBounds,
  elapsed: () => number,
  verifySkips: boolean,
  keepPaths: boolean,
): ExploreResult<AtomicNode, AtomicLabel> {
  const layout = f.layout;
  const w = layout.words;
  const table = new PackedStateTable(w, maxStates, undefined, keepPaths);
  let transitions = 0;
  let depth = 0;
  const stats = () => ({ states: table.count, transitions, depth, ms: elapsed() });

  const bytes = new Uint8Array(layout.fields);
  const row = new Int32Array(w);
  for (const [k, s] of slow.initial().entries()) {
    slow.encode(s, bytes, 0);
    packRow(layout, bytes, 0, row, 0);
    table.intern(row, 0, hashWords(row, 0, w), -1, k, 0);
  }

  // Verifying skips expands one state at a time, so that everything before it is interned when it is checked.
  const batch = newBatch(verifySkips ? 1 : BATCH, f);
  const check: Check | null = verifySkips ? { f, table, scratch: new Int32Array(w) } : null;

  let head = 0;
  let levelEnd = table.count;
  while (head < table.count) {
    if (head === levelEnd) {
      depth++;
      levelEnd = table.count;
    }
    if (depth >= maxDepth) return { kind: 'bound-reached', bound: 'depth', ...stats() };
    const end = Math.min(levelEnd, head + batch.sources);
    batch.n = 0;
    for (let s = head; s < end; s++) {
      batch.before[s - head] = transitions;
      // The table's tag: with masks, s's sleep set; else one more than the operation that first reached s (0: an initial state).
      const tag = table.tagOf(s);
      transitions += f.masks !== null ? expandByMasks(f, table.rowChunk(s), table.rowOffset(s), s, tag, batch, check) : expandByLoop(f, table.rowChunk(s), table.rowOffset(s), s, tag - 1, batch, check);
    }
    const { keys, hashes, parents, ordinals, opsOf, n } = batch;
    let touched = 0;
    for (let i = 0; i < n; i++) touched |= table.touch(hashes[i] as number);
    for (let i = 0; i < n; i++) {
      const op = opsOf[i] as number;
      const index = table.intern(keys, i * w, hashes[i] as number, parents[i] as number, ordinals[i] as number, op + 1);
      if (index < 0) continue;
      if (f.masks !== null) table.setTag(index, sleepAfter(f, keys, i * w, op, table.tagOf(parents[i] as number)));
      const bad = f.broken(table.rowChunk(index), table.rowOffset(index));
      if (bad === null && table.count < maxStates) continue;
      // Stopped mid-batch: count the transitions up to this one, as a one-at-a-time search would have.
      const source = parents[i] as number;
      transitions = (batch.before[source - head] as number) + (ordinals[i] as number) + 1;
      if (bad !== null) return { kind: 'violation', invariant: bad.name, message: bad.message, trace: keepPaths ? rebuild(slow, table, index) : [], ...stats() };
      return { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
    }
    touchedSink ^= touched;
    head = end;
    table.release(head);
  }
  return { kind: 'ok', ...stats() };
}

/** The successors of a batch of sources, in the order a one-at-a-time search would intern them. */
interface Batch {
  /** Sources at most. */
  readonly sources: number;
  readonly keys: Int32Array;
  readonly hashes: Int32Array;
  readonly parents: Int32Array;
  /** Each successor's place among its source's offered operations (what `rebuild` replays). */
  readonly ordinals: Uint16Array;
  readonly opsOf: Uint16Array;
  /** Transitions counted before each source, so a stop mid-batch reports what `explore` would. */
  readonly before: Float64Array;
  /** Successors so far. */
  n: number;
  /** Scratch of `masks`: offered, changing. */
  readonly masks: Int32Array;
}

function newBatch(sources: number, f: PackedSuccessors): Batch {
  const room = sources * f.count;
  return {
    sources,
    keys: new Int32Array(room * f.layout.words),
    hashes: new Int32Array(room),
    parents: new Int32Array(room),
    ordinals: new Uint16Array(room),
    opsOf: new Uint16Array(room),
    before: new Float64Array(sources),
    n: 0,
    masks: new Int32Array(2),
  };
}

/** For tests: what `verifySkip` needs. */
interface Check {
  readonly f: PackedSuccessors;
  readonly table: PackedStateTable;
  readonly scratch: Int32Array;
}

/** Adds operation `op`'s successor of the row at `src` (source index s) to the batch, as its `ordinal`-th offered operation. */
function add(f: PackedSuccessors, rows: Int32Array, src: number, s: number, op: number, ordinal: number, batch: Batch): void {
  const w = f.layout.words;
  const dst = batch.n * w;
  const keys = batch.keys;
  for (let i = 0; i < w; i++) keys[dst + i] = rows[src + i] as number;
  if (!f.apply(keys, dst, op)) return;
  const n = batch.n++;
  batch.hashes[n] = hashWords(keys, dst, w);
  batch.parents[n] = s;
  batch.ordinals[n] = ordinal;
  batch.opsOf[n] = op;
}

/**
 * Expands source s (its row at `src`, first reached by operation `via`, -1 for an initial state) one
 * operation at a time; returns the transitions it offers. Skipped: a repeated schedule, an operation that
 * changes nothing, and one that commutes with `via` and comes before it.
 */
function expandByLoop(f: PackedSuccessors, rows: Int32Array, src: number, s: number, via: number, batch: Batch, check: Check | null): number {
  let ordinal = 0;
  for (let k = 0; k < f.count; k++) {
    // Operations right after k that repeat it exactly are offered when it is and reach the same state.
    const op = k;
    const copies = f.repeats[op] as number;
    k += copies;
    if (!f.offered(rows, src, op)) continue;
    const at = ordinal;
    ordinal += 1 + copies;
    // An operation that changes nothing reaches a state already seen.
    if (!f.changes(rows, src, op)) continue;
    // s = p·via. An earlier operation that commutes with via reached p·op from p before s was found, so p·op
    // was expanded before s and found p·op·via = s·op: already stored (or skipped there by this same argument).
    if (op < via && f.commutesAfter(rows, src, via, op)) {
      if (check !== null) verifySkip(check, rows, src, op);
      continue;
    }
    add(f, rows, src, s, op, at, batch);
  }
  return ordinal;
}

/**
 * `expandByLoop` with the state's operations as bit masks (at most 31 operations): the same transitions, and
 * the lookups it makes less those of the state's sleep set (`sleep`, which holds every operation
 * `expandByLoop` skips as commuting with the one that first reached the state, and more).
 */
function expandByMasks(f: PackedSuccessors, rows: Int32Array, src: number, s: number, sleep: number, batch: Batch, check: Check | null): number {
  (f.masks as NonNullable<PackedSuccessors['masks']>)(rows, src, batch.masks);
  const offered = batch.masks[0] as number;
  let todo = batch.masks[1] as number;
  let skipped = todo & sleep;
  todo &= ~skipped;
  if (check !== null) for (; skipped !== 0; skipped &= skipped - 1) verifySkip(check, rows, src, 31 - Math.clz32(skipped & -skipped));
  for (; todo !== 0; todo &= todo - 1) {
    const bit = todo & -todo;
    add(f, rows, src, s, 31 - Math.clz32(bit), popcount(offered & (bit - 1)), batch);
  }
  return popcount(offered);
}
