import { driverOps } from './atomicModel';
import { type AtomicBounds, maxRecords } from './atomicConfig';
import { type PackedLayout, packedLayout, seqLimit } from './packedLayout';

/*
 * The atomic model's successor function on packed rows of 32-bit words (`packedLayout`), for the
 * explorer's hot loop: the same operations in the same order as `driverOps`, the same canonical renumbering
 * of sequence numbers. It covers programs of yields only (what `cokit check` and the tour explore); `step()`
 * is the definition, and atomicFast.test.ts checks the two agree state by state.
 */

const FRESH = 0;
const RUNNING = 1;
const SUSPENDED = 2;
const TERMINATED = 3;
/** Fields per coroutine (CO), and their offsets; a context's fields follow all coroutines'. */
export const FIELDS = { CO: 7, STATUS: 0, PC: 1, CTX: 2, MARK_CTX: 3, MARK_SEQ: 4, LAST: 5, SCHEDULES: 6 } as const;
const { CO, STATUS, PC, CTX, MARK_CTX, MARK_SEQ, LAST, SCHEDULES } = FIELDS;

/** Kinds of operation in `PackedSuccessors.ops`. */
export const OP_ENTER = 0;
export const OP_SCHEDULE = 1;
export const OP_POLL = 2;

/** A broken state invariant: its name in `ATOMIC_INVARIANTS` and what is wrong. */
export interface PackedViolation {
  readonly name: string;
  readonly message: string;
}

/** What `broken` reports, one function per way a packed row can break the state invariants. */
export const INVARIANT_MESSAGES = {
  running: (c: number): PackedViolation => ({ name: 'none-running-between-ops', message: `c${c} is still running after the operation` }),
  noStatus: (c: number): PackedViolation => ({ name: 'none-running-between-ops', message: `c${c} has no status` }),
  liveRecords: (c: number, live: number): PackedViolation => ({ name: 'one-live-record', message: `c${c} has ${live} live records` }),
  markWithoutRecord: (c: number, x: number, seq: number): PackedViolation => ({ name: 'mark-has-record', message: `c${c} is scheduled for x${x} (#${seq}) but its record is not on the list` }),
  armed: (x: number, armed: number, len: number): PackedViolation => ({ name: 'armed-iff-nonempty', message: `x${x} is ${armed === 1 ? '' : 'not '}armed with ${len} records` }),
};

/** Whether the packed successor covers these bounds: every program is yields only. */
export const packedApplies = (b: AtomicBounds): boolean => b.programs.every((p) => p.every((i) => i.kind === 'yield'));

/** The packed successor function of one bounds: apply operation `k` (of `driverOps`) to a row in place. */
export interface PackedSuccessors {
  /** Interpreted: fields read through the layout's tables; compiled: written out for the bounds (`compiledSuccessors`). */
  readonly kind: 'interpreted' | 'compiled';
  readonly layout: PackedLayout;
  /** Operations in `driverOps` order: kind, coroutine, context. */
  readonly ops: Int8Array;
  readonly count: number;
  /** Whether operation k is offered in the row at `off` (a schedule over its budget is not). */
  offered(a: Int32Array, off: number, k: number): boolean;
  /** Whether operation k would change the row at `off` (false: a refusal or a poll of an idle context). */
  changes(a: Int32Array, off: number, k: number): boolean;
  /** Apply operation k to the row at `off`, in place, and canonicalise it; false when the state is unchanged. */
  apply(a: Int32Array, off: number, k: number): boolean;
  /** For a schedule issued from another context than the first, the operation it repeats exactly (else -1). */
  readonly sameAs: Int32Array;
  /** How many operations right after k repeat it exactly (`sameAs` them): offered when it is, same successor. */
  readonly repeats: Int32Array;
  /**
   * `commutes[a * count + b]` is ALWAYS when, in any state, each of operations a and b leaves unchanged
   * whether the other is offered and whether it changes anything, and when both change it, applying them
   * in either order gives the same canonical state (see `commuting`); IF_NOT_ENTERED when that holds in the
   * states where a (a poll) did not enter b's coroutine; else 0.
   */
  readonly commutes: Uint8Array;
  /**
   * With at most 31 operations (`masks` is null otherwise), a state's operations as bit masks, computed once
   * per state from each coroutine's status, mark and budget and each context's armed flag: `out[0]` the
   * offered ones, `out[1]` those that change the state (first copies of repeated schedules only).
   */
  readonly masks: ((a: Int32Array, off: number, out: Int32Array) => void) | null;
  /**
   * With at most 31 operations (0 otherwise): the operations that commute with `first` in the state before
   * it, seen from the row after it, as a mask (`commutesAfter` for every operation at once).
   */
  commutingAfter(a: Int32Array, off: number, first: number): number;
  /**
   * Whether b commutes with a in the state before a, seen from the row after a: `commutes` for ALWAYS, and
   * for IF_NOT_ENTERED, b's coroutine was not last entered from a's context (a poll enters a coroutine
   * from its context, so otherwise it may have been entered by a).
   */
  commutesAfter(a: Int32Array, off: number, first: number, then: number): boolean;
  /** The state invariants of `ATOMIC_INVARIANTS` on a row: null, or the broken one's name and message. */
  broken(a: Int32Array, off: number): PackedViolation | null;
}

export const ALWAYS = 1;
export const IF_NOT_ENTERED = 2;

/**
 * Whether operations a and b (indices into `ops`) commute. Entries and schedules of different coroutines,
 * unless both are schedules (the later gets the higher sequence number): an entry touches only its
 * coroutine's fields and keeps the set of sequence numbers referenced (a mark's number is also its
 * coroutine's last), a schedule reads the last numbers and renumbers by that set. Polls of different
 * contexts: a coroutine has at most one live record, so they enter different coroutines, and each clears
 * only its own list. A poll of x and an entry of c, or a schedule of c for another context than x,
 * commute when the poll does not enter c (IF_NOT_ENTERED): the poll then leaves c's fields alone, and c's
 * entry only makes c's record stale; without that condition the poll may enter c (so the entry's outcome
 * changes) or, by entering a marked c, enable the schedule. A schedule for x and a poll of x never commute.
 */
function commuting(ops: Int8Array, a: number, b: number): number {
  const ka = ops[3 * a] as number;
  const kb = ops[3 * b] as number;
  if (ka === OP_POLL && kb === OP_POLL) return ops[3 * a + 2] !== ops[3 * b + 2] ? ALWAYS : 0;
  if (ka === OP_POLL || kb === OP_POLL) {
    const [poll, other] = ka === OP_POLL ? [a, b] : [b, a];
    if (ops[3 * other] === OP_SCHEDULE && ops[3 * other + 2] === ops[3 * poll + 2]) return 0;
    return IF_NOT_ENTERED;
  }
  if (ka === OP_SCHEDULE && kb === OP_SCHEDULE) return 0;
  return ops[3 * a + 1] !== ops[3 * b + 1] ? ALWAYS : 0;
}

/** Why the packed successor cannot take these bounds (a program with another instruction than `yield`), or null. */
export function whyNotPacked(b: AtomicBounds): string | null {
  for (const [c, p] of b.programs.entries()) {
    const i = p.findIndex((ins) => ins.kind !== 'yield');
    if (i !== -1) return `the packed successor covers programs of yields only, and c${c}'s instruction ${i} is '${p[i]?.kind ?? ''}': explore these bounds with atomicModel (exploreAtomicFast falls back to it); open programs (the tour's) use openAtomicModel`;
  }
  return null;
}

export function packedSuccessors(b: AtomicBounds): PackedSuccessors {
  const refused = whyNotPacked(b);
  if (refused !== null) throw new Error(refused);
  const N = b.coroutines;
  const M = b.contexts;
  const R = maxRecords(b);
  const ctxFields = 2 + 2 * R;
  const ctxBase = N * CO;
  const layout = packedLayout(b);
  const { word, shift, mask } = layout;
  const get = (a: Int32Array, off: number, f: number): number => ((a[off + (word[f] as number)] as number) >>> (shift[f] as number)) & (mask[f] as number);
  const set = (a: Int32Array, off: number, f: number, v: number): void => {
    const j = off + (word[f] as number);
    const s = shift[f] as number;
    a[j] = ((a[j] as number) & ~((mask[f] as number) << s)) | (v << s);
  };
  const lengths = Int32Array.from(b.programs.map((p) => p.length));
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
  const repeats = new Int32Array(list.length);
  for (let k = 0; k < list.length; k++) {
    let r = 0;
    while (sameAs[k + r + 1] === k) r++;
    repeats[k] = r;
  }
  const commutes = new Uint8Array(list.length * list.length);
  for (let a = 0; a < list.length; a++)
    for (let c = 0; c < list.length; c++) commutes[a * list.length + c] = commuting(ops, a, c);
  const alwaysWith = new Int32Array(list.length);
  const ifNotEnteredWith = new Int32Array(list.length);
  const small = list.length <= 31;
  if (small)
    for (let a = 0; a < list.length; a++)
      for (let k = 0; k < list.length; k++) {
        const kind = commutes[a * list.length + k];
        if (kind === ALWAYS) alwaysWith[a] = (alwaysWith[a] as number) | (1 << k);
        if (kind === IF_NOT_ENTERED) ifNotEnteredWith[a] = (ifNotEnteredWith[a] as number) | (1 << k);
      }
  /** Per coroutine: its entries, all its schedules, its schedules' first copies; per context: its poll. */
  const enterBits = new Int32Array(N);
  const scheduleBits = new Int32Array(N);
  const firstScheduleBits = new Int32Array(N);
  const pollBits = new Int32Array(M);
  let alwaysOffered = 0;
  if (small)
    for (let k = 0; k < list.length; k++) {
      const kind = ops[3 * k];
      const bit = 1 << k;
      if (kind === OP_POLL) {
        pollBits[ops[3 * k + 2] as number] = bit;
        alwaysOffered |= bit;
        continue;
      }
      const c = ops[3 * k + 1] as number;
      if (kind === OP_ENTER) {
        enterBits[c] = (enterBits[c] as number) | bit;
        alwaysOffered |= bit;
        continue;
      }
      scheduleBits[c] = (scheduleBits[c] as number) | bit;
      if (sameAs[k] === -1) firstScheduleBits[c] = (firstScheduleBits[c] as number) | bit;
    }
  const masks = (a: Int32Array, off: number, out: Int32Array): void => {
    let offered = alwaysOffered;
    let changing = 0;
    for (let c = 0; c < N; c++) {
      const f = c * CO;
      const under = get(a, off, f + SCHEDULES) < b.schedules;
      if (under) offered |= scheduleBits[c] as number;
      if (get(a, off, f + STATUS) === TERMINATED) continue;
      changing |= enterBits[c] as number;
      if (under && get(a, off, f + MARK_CTX) === 0) changing |= firstScheduleBits[c] as number;
    }
    for (let x = 0; x < M; x++) if (get(a, off, ctxBase + x * ctxFields) !== 0) changing |= pollBits[x] as number;
    out[0] = offered;
    out[1] = changing;
  };
  const taken = new Int32Array(2 * R);
  const seqs = seqLimit(b);
  const present = new Uint8Array(seqs);
  const rank = new Int32Array(seqs);

  const enter = (a: Int32Array, off: number, c: number, x: number): boolean => {
    const f = c * CO;
    if (get(a, off, f + STATUS) === TERMINATED) return false;
    set(a, off, f + CTX, x + 1);
    set(a, off, f + MARK_CTX, 0);
    set(a, off, f + MARK_SEQ, 0);
    const pc = get(a, off, f + PC);
    if (pc < (lengths[c] as number)) {
      set(a, off, f + PC, pc + 1);
      set(a, off, f + STATUS, SUSPENDED);
    } else set(a, off, f + STATUS, TERMINATED);
    return true;
  };

  const schedule = (a: Int32Array, off: number, c: number, x: number): boolean => {
    const f = c * CO;
    if (get(a, off, f + STATUS) === TERMINATED || get(a, off, f + MARK_CTX) !== 0) return false;
    let next = 0;
    for (let i = 0; i < N; i++) next = Math.max(next, get(a, off, i * CO + LAST));
    const old = get(a, off, f + LAST);
    set(a, off, f + MARK_CTX, x + 1);
    set(a, off, f + MARK_SEQ, next + 1);
    set(a, off, f + LAST, next + 1);
    set(a, off, f + SCHEDULES, get(a, off, f + SCHEDULES) + 1);
    const q = ctxBase + x * ctxFields;
    const len = get(a, off, q + 1);
    set(a, off, q + 2 + 2 * len, c);
    set(a, off, q + 3 + 2 * len, next);
    set(a, off, q + 1, len + 1);
    set(a, off, q, 1);
    // The numbers were 0..n-1 and n is added; c's previous number is the only one that can go unreferenced
    // (c was unmarked), and it stays referenced while its record is on a list.
    if (old !== 0 && !onAList(a, off, old - 1)) canonicalise(a, off);
    return true;
  };

  const onAList = (a: Int32Array, off: number, seq: number): boolean => {
    for (let y = 0; y < M; y++) {
      const q = ctxBase + y * ctxFields;
      const len = get(a, off, q + 1);
      for (let i = 0; i < len; i++) if (get(a, off, q + 3 + 2 * i) === seq) return true;
    }
    return false;
  };

  const poll = (a: Int32Array, off: number, x: number): boolean => {
    const q = ctxBase + x * ctxFields;
    if (get(a, off, q) === 0) return false;
    const len = get(a, off, q + 1);
    for (let i = 0; i < 2 * len; i++) {
      taken[i] = get(a, off, q + 2 + i);
      set(a, off, q + 2 + i, 0);
    }
    set(a, off, q, 0);
    set(a, off, q + 1, 0);
    // A record's number stays referenced when it is its coroutine's last; an older (stale) one goes with it.
    let gone = false;
    for (let i = 0; i < len; i++) {
      const c = taken[2 * i] as number;
      const f = c * CO;
      const seq = taken[2 * i + 1] as number;
      if (get(a, off, f + LAST) - 1 !== seq) gone = true;
      if (get(a, off, f + MARK_CTX) !== 0 && get(a, off, f + MARK_SEQ) - 1 === seq) enter(a, off, c, x);
    }
    if (gone) canonicalise(a, off);
    return true;
  };

  /**
   * Renumber the sequence numbers still referenced by rank, as `canonical` does. The referenced set is a
   * bit mask when the bounds allow at most 31 numbers (nothing to do when it is 0..n-1, the usual case),
   * else a table of ranks.
   */
  const renumber = (a: Int32Array, off: number): void => {
    for (let c = 0; c < N; c++) {
      const f = c * CO;
      if (get(a, off, f + MARK_CTX) !== 0) set(a, off, f + MARK_SEQ, (rank[get(a, off, f + MARK_SEQ) - 1] as number) + 1);
      const last = get(a, off, f + LAST);
      if (last !== 0) set(a, off, f + LAST, (rank[last - 1] as number) + 1);
    }
    for (let x = 0; x < M; x++) {
      const q = ctxBase + x * ctxFields;
      const len = get(a, off, q + 1);
      for (let i = 0; i < len; i++) set(a, off, q + 3 + 2 * i, rank[get(a, off, q + 3 + 2 * i)] as number);
    }
  };

  const canonicaliseMask = (a: Int32Array, off: number): void => {
    let seen = 0;
    for (let c = 0; c < N; c++) {
      const f = c * CO;
      if (get(a, off, f + MARK_CTX) !== 0) seen |= 1 << (get(a, off, f + MARK_SEQ) - 1);
      const last = get(a, off, f + LAST);
      if (last !== 0) seen |= 1 << (last - 1);
    }
    for (let x = 0; x < M; x++) {
      const q = ctxBase + x * ctxFields;
      const len = get(a, off, q + 1);
      for (let i = 0; i < len; i++) seen |= 1 << get(a, off, q + 3 + 2 * i);
    }
    if ((seen & (seen + 1)) === 0) return;
    let n = 0;
    for (let s = 0; seen >>> s !== 0; s++) if (((seen >>> s) & 1) !== 0) rank[s] = n++;
    renumber(a, off);
  };

  const canonicaliseTable = (a: Int32Array, off: number): void => {
    present.fill(0);
    let top = -1;
    const see = (s: number): void => {
      present[s] = 1;
      if (s > top) top = s;
    };
    for (let c = 0; c < N; c++) {
      const f = c * CO;
      if (get(a, off, f + MARK_CTX) !== 0) see(get(a, off, f + MARK_SEQ) - 1);
      const last = get(a, off, f + LAST);
      if (last !== 0) see(last - 1);
    }
    for (let x = 0; x < M; x++) {
      const q = ctxBase + x * ctxFields;
      const len = get(a, off, q + 1);
      for (let i = 0; i < len; i++) see(get(a, off, q + 3 + 2 * i));
    }
    let n = 0;
    for (let s = 0; s <= top; s++) if (present[s] !== 0) rank[s] = n++;
    if (n !== top + 1) renumber(a, off);
  };
  const canonicalise = seqs <= 31 ? canonicaliseMask : canonicaliseTable;

  const commutesAfter = (a: Int32Array, off: number, first: number, then: number): boolean => {
    const kind = commutes[first * list.length + then];
    if (kind !== IF_NOT_ENTERED) return kind === ALWAYS;
    const [poll, other] = ops[3 * first] === OP_POLL ? [first, then] : [then, first];
    return get(a, off, (ops[3 * other + 1] as number) * CO + CTX) !== (ops[3 * poll + 2] as number) + 1;
  };

  return {
    kind: 'interpreted',
    layout,
    ops,
    count: list.length,
    offered: (a, off, k) => ops[3 * k] !== OP_SCHEDULE || get(a, off, (ops[3 * k + 1] as number) * CO + SCHEDULES) < b.schedules,
    sameAs,
    repeats,
    commutes,
    masks: small ? masks : null,
    commutesAfter,
    commutingAfter: (a, off, first) => {
      if (!small) return 0;
      let out = alwaysWith[first] as number;
      for (let maybe = ifNotEnteredWith[first] as number; maybe !== 0; maybe &= maybe - 1)
        if (commutesAfter(a, off, first, 31 - Math.clz32(maybe & -maybe))) out |= maybe & -maybe;
      return out;
    },
    changes: (a, off, k) => {
      const kind = ops[3 * k];
      if (kind === OP_POLL) return get(a, off, ctxBase + (ops[3 * k + 2] as number) * ctxFields) !== 0;
      const f = (ops[3 * k + 1] as number) * CO;
      return get(a, off, f + STATUS) !== TERMINATED && (kind === OP_ENTER || get(a, off, f + MARK_CTX) === 0);
    },
    apply: (a, off, k) => {
      const kind = ops[3 * k];
      // An entry keeps every sequence number referenced (the mark's is the last schedule's): no renumbering.
      // A schedule and a poll renumber only when a number went unreferenced.
      if (kind === OP_ENTER) return enter(a, off, ops[3 * k + 1] as number, ops[3 * k + 2] as number);
      if (kind === OP_SCHEDULE) return schedule(a, off, ops[3 * k + 1] as number, ops[3 * k + 2] as number);
      return poll(a, off, ops[3 * k + 2] as number);
    },
    broken: (a, off) => {
      for (let c = 0; c < N; c++) {
        const f = c * CO;
        const status = get(a, off, f + STATUS);
        if (status === RUNNING) return INVARIANT_MESSAGES.running(c);
        if (status !== FRESH && status !== SUSPENDED && status !== TERMINATED) return INVARIANT_MESSAGES.noStatus(c);
        if (get(a, off, f + MARK_CTX) === 0) continue;
        const x = get(a, off, f + MARK_CTX) - 1;
        const seq = get(a, off, f + MARK_SEQ) - 1;
        let live = 0;
        let onItsList = 0;
        for (let y = 0; y < M; y++) {
          const q = ctxBase + y * ctxFields;
          const len = get(a, off, q + 1);
          for (let i = 0; i < len; i++) {
            if (get(a, off, q + 2 + 2 * i) !== c || get(a, off, q + 3 + 2 * i) !== seq) continue;
            live++;
            if (y === x) onItsList++;
          }
        }
        if (live > 1) return INVARIANT_MESSAGES.liveRecords(c, live);
        if (onItsList === 0) return INVARIANT_MESSAGES.markWithoutRecord(c, x, seq);
      }
      for (let x = 0; x < M; x++) {
        const q = ctxBase + x * ctxFields;
        const armed = get(a, off, q);
        const len = get(a, off, q + 1);
        if ((armed === 1) !== len > 0) return INVARIANT_MESSAGES.armed(x, armed, len);
      }
      return null;
    },
  };
}
