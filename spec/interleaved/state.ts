/**
 * Level 2: the seed's algorithm as atomic steps on threads. One BH thread per context runs
 * `co_schedule_bh_cb`; driver threads call `aio_co_schedule` and `qemu_aio_coroutine_enter`. State is plain
 * data with a program counter per thread. The lists hold schedule records (the reference's correct list, not the
 * seed's intrusive one) and `co->scheduled` names the record, not only its context: the one correction CO9 needs,
 * as in the level-1 spec and the reference, so a stale record whose context matches is not entered.
 */
import type { ConcurrentOp } from './program';

/** Which order of the seed's steps is modelled. */
export type Variant =
  /** The seed: set the mark before publishing; set the caller before clearing the mark. */
  | 'patch'
  /** `aio_co_schedule` publishes on the list first and sets the mark after (breaks CO7). */
  | 'publish-before-mark'
  /** `qemu_aio_coroutine_enter` clears the mark first and sets the caller after (breaks CO8). */
  | 'unmark-before-caller';

export const VARIANTS: readonly Variant[] = ['patch', 'publish-before-mark', 'unmark-before-caller'];

export interface InterleavedBounds {
  readonly coroutines: number;
  readonly contexts: number;
  /** Driver threads; each issues up to `ops` operations, each `schedule(c, x)` or `enter(c)`, any c and x. */
  readonly drivers: number;
  readonly ops: number;
  /** Each coroutine's program: this many yields, then it terminates. */
  readonly yields: number;
  readonly variant: Variant;
  /**
   * Fixed operations per driver thread (a concurrent program, for checking a trace). Absent: each driver
   * chooses any operation at each of its `ops` starts (model checking). Present: `drivers` and `ops` must
   * match it (see `boundsOfProgram`).
   */
  readonly programs?: readonly (readonly ConcurrentOp[])[];
}

/** Steps of `aio_co_schedule(ctx, co)` (async.c) and of the entry (`qemu_aio_coroutine_enter`). */
export type SchedulePc = 'mark' | 'publish' | 'arm';
export type EntryPc = 'check-caller' | 'set-caller' | 'clear-mark' | 'switch' | 'yield';
/** `take` is the BH's `QSLIST_MOVE_ATOMIC` plus the reversal; `read-mark` is `atomic_mb_read(&co->scheduled)`. */
export type Pc = 'idle' | SchedulePc | 'read-mark' | EntryPc;

export const SCHEDULE_ORDER: Readonly<Record<Variant, readonly SchedulePc[]>> = {
  patch: ['mark', 'publish', 'arm'],
  'publish-before-mark': ['publish', 'mark', 'arm'],
  'unmark-before-caller': ['mark', 'publish', 'arm'],
};

export const ENTRY_ORDER: Readonly<Record<Variant, readonly EntryPc[]>> = {
  patch: ['check-caller', 'set-caller', 'clear-mark', 'switch', 'yield'],
  'publish-before-mark': ['check-caller', 'set-caller', 'clear-mark', 'switch', 'yield'],
  'unmark-before-caller': ['check-caller', 'clear-mark', 'set-caller', 'switch', 'yield'],
};

/** Threads `0 .. contexts - 1` are the BH threads of the contexts; drivers follow. */
export interface ThreadState {
  readonly pc: Pc;
  /** The coroutine of the operation or node under way (-1 when idle). */
  readonly co: number;
  /** The context scheduled on or entered from (driver; -1 for a free driver's entry) or the BH's own context. */
  readonly ctx: number;
  /** The schedule record under way (-1 for an entry). */
  readonly rec: number;
  /** BH: the records still to visit, in delivery order. Drivers: unused. */
  readonly batch: readonly number[];
  /** Drivers: operations started so far. */
  readonly done: number;
}

/**
 * Ghost status of a schedule record, for the invariants only (not in QEMU). `Unmarked`: published or about
 * to be, its mark not yet set (only `publish-before-mark` publishes first). `Live`: its mark is the coroutine's
 * current `co->scheduled`. `Dead`: cancelled by an entry clearing the mark, or overwritten by another mark.
 */
export const RecordStatus = { Unmarked: 0, Live: 1, Dead: 2 } as const;
export type RecordStatus = (typeof RecordStatus)[keyof typeof RecordStatus];

export interface IState {
  /** `co->scheduled`: the record of the pending schedule, or -1 (its context is `recCtx[mark]`). */
  readonly mark: readonly number[];
  /** `co->caller`: the entering thread or -1. */
  readonly caller: readonly number[];
  /** Entries completed; above `yields` the coroutine has terminated. */
  readonly segments: readonly number[];
  /** Threads currently between `switch` and `yield` for each coroutine. */
  readonly running: readonly number[];
  /** `ctx->scheduled_coroutines`, newest first (`QSLIST_INSERT_HEAD_ATOMIC`). */
  readonly lists: readonly (readonly number[])[];
  readonly armed: readonly boolean[];
  readonly threads: readonly ThreadState[];
  /** Per record id (driver d's k-th operation is `d * ops + k`): its coroutine, context and ghost status. */
  readonly recCo: readonly number[];
  readonly recCtx: readonly number[];
  readonly recStatus: readonly RecordStatus[];
  /** Ghost: the record whose mark is current, per coroutine, or -1. */
  readonly liveRec: readonly number[];
}

export function initialInterleaved(b: InterleavedBounds): IState {
  const R = b.drivers * b.ops;
  const fill = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
  const threads: ThreadState[] = [];
  for (let t = 0; t < b.contexts + b.drivers; t++) threads.push({ pc: 'idle', co: -1, ctx: t < b.contexts ? t : -1, rec: -1, batch: [], done: 0 });
  return {
    mark: fill(b.coroutines, -1),
    caller: fill(b.coroutines, -1),
    segments: fill(b.coroutines, 0),
    running: fill(b.coroutines, 0),
    lists: fill(b.contexts, []),
    armed: fill(b.contexts, false),
    threads,
    recCo: fill(R, -1),
    recCtx: fill(R, -1),
    recStatus: fill(R, RecordStatus.Unmarked),
    liveRec: fill(b.coroutines, -1),
  };
}

export const threadName = (b: InterleavedBounds, t: number): string => (t < b.contexts ? `bh@x${t}` : `T${t - b.contexts}`);

/** One line: `c0 mark=x0 caller=T1 seg=1 | x0 armed [#0] | bh@x0 read-mark c0 | T0 idle 1/2`. */
export function interleavedToString(b: InterleavedBounds, s: IState): string {
  const cos = s.mark.map((m, c) => {
    const parts = [`c${c}`, `mark=${m < 0 ? '-' : `x${s.recCtx[m]}#${m}`}`, `caller=${(s.caller[c] ?? -1) < 0 ? '-' : threadName(b, s.caller[c] as number)}`, `seg=${s.segments[c]}`];
    if ((s.running[c] ?? 0) > 0) parts.push(`running×${s.running[c]}`);
    return parts.join(' ');
  });
  const ctxs = s.lists.map((l, x) => `x${x}${s.armed[x] ? ' armed' : ''} [${l.map((r) => `c${s.recCo[r]}#${r}`).join(', ')}]`);
  const ths = s.threads.map((t, i) => {
    const parts = [threadName(b, i), t.pc];
    if (t.co >= 0) parts.push(`c${t.co}`);
    if (i < b.contexts && t.batch.length > 0) parts.push(`batch [${t.batch.map((r) => `#${r}`).join(', ')}]`);
    if (i >= b.contexts) parts.push(`${t.done}/${b.ops}`);
    return parts.join(' ');
  });
  return [...cos, ...ctxs, ...ths].join(' | ');
}
