import { type AtomicLabel, type AtomicNode, atomicModel, atomicWidth, driverOps } from './atomicModel';
import { type AtomicBounds, maxRecords } from './atomicConfig';
import { type Clock, explore, rebuild } from './explore';
import { StateTable } from './stateTable';
import type { ExploreBounds, ExploreResult } from './types';

/*
 * The atomic model's successor function on packed bytes, for the explorer's hot loop. Same encoding as
 * `atomicModel` (7 bytes per coroutine: status, pc, ctx+1, mark ctx+1, mark seq+1, lastSeq+1, schedules;
 * per context: armed, length, then (co, seq) pairs), same operations in the same order, same canonical
 * renumbering of sequence numbers. It covers programs of yields only (what `cokit check` and the tour
 * explore); `step()` is the definition, and atomicFast.test.ts checks the two agree state by state.
 */

const FRESH = 0;
const RUNNING = 1;
const SUSPENDED = 2;
const TERMINATED = 3;
const CO = 7;

const OP_ENTER = 0;
const OP_SCHEDULE = 1;
const OP_POLL = 2;

/** Whether the byte successor covers these bounds: every program is yields only. */
export const fastApplies = (b: AtomicBounds): boolean => b.programs.every((p) => p.every((i) => i.kind === 'yield'));

/** The packed successor function of one bounds: apply operation `k` (of `driverOps`) to a row in place. */
export interface ByteSuccessors {
  readonly width: number;
  /** Operations in `driverOps` order: kind, coroutine, context. */
  readonly ops: Int8Array;
  readonly count: number;
  /** Whether operation k is offered in the row at `off` (a schedule over its budget is not). */
  offered(buf: Uint8Array, off: number, k: number): boolean;
  /** Whether operation k would change the row at `off` (false: a refusal or a poll of an idle context). */
  changes(buf: Uint8Array, off: number, k: number): boolean;
  /** Apply operation k to the row at `off`, in place, and canonicalise it; false when the state is unchanged. */
  apply(buf: Uint8Array, off: number, k: number): boolean;
  /** For a schedule issued from another context than the first, the operation it repeats exactly (else -1). */
  readonly sameAs: Int32Array;
  /** The state invariants of `ATOMIC_INVARIANTS` on a row: null, or the broken one's name and message. */
  broken(buf: Uint8Array, off: number): { readonly name: string; readonly message: string } | null;
}

export function byteSuccessors(b: AtomicBounds): ByteSuccessors {
  if (!fastApplies(b)) throw new Error('internal: the byte successor covers programs of yields only');
  const N = b.coroutines;
  const M = b.contexts;
  const R = maxRecords(b);
  const ctxBytes = 2 + 2 * R;
  const ctxBase = N * CO;
  const width = atomicWidth(b);
  const lengths = b.programs.map((p) => p.length);
  const list = driverOps(b);
  const ops = new Int8Array(list.length * 3);
  for (const [k, op] of list.entries()) {
    if (op.op === 'create') throw new Error('internal: creates are not explored');
    ops[3 * k] = op.op === 'enter' ? OP_ENTER : op.op === 'schedule' ? OP_SCHEDULE : OP_POLL;
    ops[3 * k + 1] = op.op === 'poll' ? -1 : op.co;
    ops[3 * k + 2] = op.op === 'enter' ? op.from : op.ctx;
  }
  // schedule(c, x, from y) does not depend on y: the copies for y > 0 repeat the one from x0.
  const sameAs = new Int32Array(list.length).fill(-1);
  for (const [k, op] of list.entries()) {
    if (op.op !== 'schedule' || op.from === 0) continue;
    sameAs[k] = list.findIndex((o) => o.op === 'schedule' && o.co === op.co && o.ctx === op.ctx && o.from === 0);
  }
  const taken = new Uint8Array(2 * R);
  /** Sequence numbers are ranks of the ones referenced: at most a mark and a last schedule per coroutine, plus the records. */
  const seqs = Math.min(256, 2 * N + R + 1);
  const rank = new Int16Array(seqs);

  const enter = (buf: Uint8Array, off: number, c: number, x: number): boolean => {
    const p = off + c * CO;
    if (buf[p] === TERMINATED) return false;
    buf[p + 2] = x + 1;
    buf[p + 3] = 0;
    buf[p + 4] = 0;
    const pc = buf[p + 1] as number;
    if (pc < (lengths[c] as number)) {
      buf[p + 1] = pc + 1;
      buf[p] = SUSPENDED;
    } else buf[p] = TERMINATED;
    return true;
  };

  const schedule = (buf: Uint8Array, off: number, c: number, x: number): boolean => {
    const p = off + c * CO;
    if (buf[p] === TERMINATED || buf[p + 3] !== 0) return false;
    let next = 0;
    for (let i = 0; i < N; i++) next = Math.max(next, buf[off + i * CO + 5] as number);
    buf[p + 3] = x + 1;
    buf[p + 4] = next + 1;
    buf[p + 5] = next + 1;
    buf[p + 6] = (buf[p + 6] as number) + 1;
    const q = off + ctxBase + x * ctxBytes;
    const len = buf[q + 1] as number;
    buf[q + 2 + 2 * len] = c;
    buf[q + 3 + 2 * len] = next;
    buf[q + 1] = len + 1;
    buf[q] = 1;
    return true;
  };

  const poll = (buf: Uint8Array, off: number, x: number): boolean => {
    const q = off + ctxBase + x * ctxBytes;
    if (buf[q] === 0) return false;
    const len = buf[q + 1] as number;
    for (let i = 0; i < 2 * len; i++) taken[i] = buf[q + 2 + i] as number;
    buf.fill(0, q, q + 2 + 2 * len);
    for (let i = 0; i < len; i++) {
      const c = taken[2 * i] as number;
      const p = off + c * CO;
      if (buf[p + 3] !== 0 && (buf[p + 4] as number) - 1 === taken[2 * i + 1]) enter(buf, off, c, x);
    }
    return true;
  };

  /** Renumber the sequence numbers still referenced by rank, as `canonical` does. */
  const canonicalise = (buf: Uint8Array, off: number): void => {
    rank.fill(-1);
    for (let c = 0; c < N; c++) {
      const p = off + c * CO;
      if (buf[p + 3] !== 0) rank[(buf[p + 4] as number) - 1] = 0;
      if (buf[p + 5] !== 0) rank[(buf[p + 5] as number) - 1] = 0;
    }
    for (let x = 0; x < M; x++) {
      const q = off + ctxBase + x * ctxBytes;
      const len = buf[q + 1] as number;
      for (let i = 0; i < len; i++) rank[buf[q + 3 + 2 * i] as number] = 0;
    }
    let n = 0;
    let identity = true;
    for (let s = 0; s < seqs; s++) {
      if (rank[s] !== 0) continue;
      if (s !== n) identity = false;
      rank[s] = n++;
    }
    if (identity) return;
    for (let c = 0; c < N; c++) {
      const p = off + c * CO;
      if (buf[p + 3] !== 0) buf[p + 4] = (rank[(buf[p + 4] as number) - 1] as number) + 1;
      if (buf[p + 5] !== 0) buf[p + 5] = (rank[(buf[p + 5] as number) - 1] as number) + 1;
    }
    for (let x = 0; x < M; x++) {
      const q = off + ctxBase + x * ctxBytes;
      const len = buf[q + 1] as number;
      for (let i = 0; i < len; i++) buf[q + 3 + 2 * i] = rank[buf[q + 3 + 2 * i] as number] as number;
    }
  };

  return {
    width,
    ops,
    count: list.length,
    offered: (buf, off, k) => ops[3 * k] !== OP_SCHEDULE || (buf[off + (ops[3 * k + 1] as number) * CO + 6] as number) < b.schedules,
    sameAs,
    changes: (buf, off, k) => {
      const kind = ops[3 * k];
      if (kind === OP_POLL) return buf[off + ctxBase + (ops[3 * k + 2] as number) * ctxBytes] !== 0;
      const p = off + (ops[3 * k + 1] as number) * CO;
      return buf[p] !== TERMINATED && (kind === OP_ENTER || buf[p + 3] === 0);
    },
    apply: (buf, off, k) => {
      const kind = ops[3 * k];
      // An entry keeps every sequence number referenced (the mark's is the last schedule's): no renumbering.
      if (kind === OP_ENTER) return enter(buf, off, ops[3 * k + 1] as number, ops[3 * k + 2] as number);
      const changed = kind === OP_SCHEDULE ? schedule(buf, off, ops[3 * k + 1] as number, ops[3 * k + 2] as number) : poll(buf, off, ops[3 * k + 2] as number);
      if (changed) canonicalise(buf, off);
      return changed;
    },
    broken: (buf, off) => {
      for (let c = 0; c < N; c++) {
        const p = off + c * CO;
        if (buf[p] === RUNNING) return { name: 'none-running-between-ops', message: `c${c} is still running after the operation` };
        if (buf[p] !== FRESH && buf[p] !== SUSPENDED && buf[p] !== TERMINATED) return { name: 'none-running-between-ops', message: `c${c} has no status` };
        if (buf[p + 3] === 0) continue;
        const x = (buf[p + 3] as number) - 1;
        const seq = (buf[p + 4] as number) - 1;
        let live = 0;
        let onItsList = 0;
        for (let y = 0; y < M; y++) {
          const q = off + ctxBase + y * ctxBytes;
          for (let i = 0; i < (buf[q + 1] as number); i++) {
            if (buf[q + 2 + 2 * i] !== c || buf[q + 3 + 2 * i] !== seq) continue;
            live++;
            if (y === x) onItsList++;
          }
        }
        if (live > 1) return { name: 'one-live-record', message: `c${c} has ${live} live records` };
        if (onItsList === 0) return { name: 'mark-has-record', message: `c${c} is scheduled for x${x} (#${seq}) but its record is not on the list` };
      }
      for (let x = 0; x < M; x++) {
        const q = off + ctxBase + x * ctxBytes;
        if ((buf[q] === 1) !== (buf[q + 1] as number) > 0) return { name: 'armed-iff-nonempty', message: `x${x} is ${buf[q] === 1 ? '' : 'not '}armed with ${buf[q + 1]} records` };
      }
      return null;
    },
  };
}

const DEFAULT_BOUNDS: ExploreBounds = { depth: Number.MAX_SAFE_INTEGER, maxStates: 1 << 24 };

/**
 * Breadth-first search of the atomic model on packed bytes: each successor is written straight into the
 * state table's next free row, canonicalised there, and kept only if new. The state invariants are checked
 * on every new row in bytes; the transition invariants (no bad entry, the BH enters only live records, a
 * poll visits all in order) hold by construction of the byte successor, which the tests check against
 * `step()` and the object model's invariants. A violation's trace is rebuilt with the object model (the same
 * operations in the same order), so it prints like `explore`'s. Falls back to `explore` for programs with
 * more than yields. `successors` replaces the byte successor (for tests).
 */
export function exploreAtomicFast(b: AtomicBounds, bounds: Partial<ExploreBounds> = {}, clock: Clock = () => 0, successors?: ByteSuccessors): ExploreResult<AtomicNode, AtomicLabel> {
  const { depth: maxDepth, maxStates } = { ...DEFAULT_BOUNDS, ...bounds };
  const t0 = clock();
  const slow = atomicModel(b);
  if (!fastApplies(b) && successors === undefined) return explore(slow, bounds, clock);
  const f = successors ?? byteSuccessors(b);
  const w = f.width;
  const table = new StateTable(w, 1 << 16);
  let transitions = 0;
  let depth = 0;
  const stats = () => ({ states: table.count, transitions, depth, ms: clock() - t0 });
  for (const [k, s] of slow.initial().entries()) {
    const { buf, offset } = table.scratch();
    slow.encode(s, buf, offset);
    table.insert(-1, k);
  }
  let head = 0;
  let levelEnd = table.count;
  while (head < table.count) {
    if (head === levelEnd) {
      depth++;
      levelEnd = table.count;
    }
    if (depth >= maxDepth) return { kind: 'bound-reached', bound: 'depth', ...stats() };
    let ordinal = 0;
    let offset = table.scratchOffset();
    let buf = table.buffer;
    const src = head * w;
    for (let k = 0; k < f.count; k++) {
      if (!f.offered(buf, src, k)) continue;
      transitions++;
      // A repeat of an earlier operation, or an operation that changes nothing, reaches a state already seen.
      if (f.sameAs[k] !== -1 || !f.changes(buf, src, k)) {
        ordinal++;
        continue;
      }
      for (let i = 0; i < w; i++) buf[offset + i] = buf[src + i] as number;
      if (!f.apply(buf, offset, k)) {
        ordinal++;
        continue;
      }
      const index = table.intern(head, ordinal++);
      if (index < 0) continue;
      const bad = f.broken(buf, offset);
      if (bad !== null) return { kind: 'violation', invariant: bad.name, message: bad.message, trace: rebuild(slow, table, index), ...stats() };
      if (table.count >= maxStates) return { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
      offset = table.scratchOffset();
      buf = table.buffer;
    }
    head++;
  }
  return { kind: 'ok', ...stats() };
}
