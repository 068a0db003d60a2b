/**
 * Profile `strict` at level 2: upstream QEMU's algorithm (since 6133b39f) as atomic steps on threads. One BH
 * thread per context runs `co_schedule_bh_cb` (take the list; per coroutine: clear the mark, then enter);
 * driver threads call `aio_co_schedule` (one compare-and-swap of the mark, publish, arm the BH) and
 * `qemu_aio_coroutine_enter` (read the mark, check the caller, set it, switch; the coroutine yields). Every
 * conflict aborts the whole process: an aborted state has no successors.
 */
import type { ConcurrentOp } from '../../interleaved/program';

/** Which order of upstream's steps is modelled. */
export type StrictVariant =
  /** Upstream: the mark set by one compare-and-swap, before the record is published. */
  | 'upstream'
  /** `aio_co_schedule` reads the mark, then sets it in a second step (breaks ST8). */
  | 'check-then-set'
  /** `aio_co_schedule` publishes the record before its compare-and-swap sets the mark (breaks ST9). */
  | 'publish-before-mark';

export const STRICT_VARIANTS: readonly StrictVariant[] = ['upstream', 'check-then-set', 'publish-before-mark'];

export interface StrictBounds {
  readonly coroutines: number;
  readonly contexts: number;
  /** Driver threads; each issues up to `ops` operations, each `schedule(c, x)` or `enter(c)`. */
  readonly drivers: number;
  readonly ops: number;
  /** Each coroutine's program: this many yields, then it terminates. */
  readonly yields: number;
  readonly variant: StrictVariant;
  /** Fixed operations per driver (checking a trace); absent: every choice at every start (model checking). */
  readonly programs?: readonly (readonly ConcurrentOp[])[];
}

/** A driver's schedule steps, a BH's own step, and the entry's steps (shared by drivers and BHs). */
export type StrictPc =
  | 'idle'
  | 'cas' | 'read' | 'set' | 'publish' | 'arm'
  | 'clear-mark'
  | 'read-mark' | 'check-caller' | 'set-caller' | 'switch' | 'yield' | 'delete'
  /** A thread that read a conflict prints QEMU's message, then calls `abort()`: other threads run meanwhile. */
  | 'abort-scheduled' | 'abort-recursive';

export const STRICT_PCS: readonly StrictPc[] = ['idle', 'cas', 'read', 'set', 'publish', 'arm', 'clear-mark', 'read-mark', 'check-caller', 'set-caller', 'switch', 'yield', 'delete', 'abort-scheduled', 'abort-recursive'];

export const SCHEDULE_STEPS: Readonly<Record<StrictVariant, readonly StrictPc[]>> = {
  upstream: ['cas', 'publish', 'arm'],
  'check-then-set': ['read', 'set', 'publish', 'arm'],
  'publish-before-mark': ['publish', 'cas', 'arm'],
};
export const ENTRY_STEPS: readonly StrictPc[] = ['read-mark', 'check-caller', 'set-caller', 'switch', 'yield'];

export interface SThread {
  readonly pc: StrictPc;
  /** The coroutine under way (-1 idle). */
  readonly co: number;
  /** A driver's scheduled-on context or entry's `from`; a BH's own context. */
  readonly ctx: number;
  /** The schedule record under way (-1 for an entry). */
  readonly rec: number;
  /** BH: the records still to deliver, in order (the current one first). */
  readonly batch: readonly number[];
  /** Drivers: operations started. */
  readonly done: number;
}

export interface SState {
  /** `co->scheduled`: the record of the pending schedule (-1: NULL). */
  readonly mark: readonly number[];
  /** `co->caller`: the entering thread (-1: NULL). */
  readonly caller: readonly number[];
  /** Entries completed; above `yields` the coroutine has terminated. */
  readonly segments: readonly number[];
  /** Threads between `switch` and `yield` of each coroutine: two at once is a double entry. */
  readonly running: readonly number[];
  /** `ctx->scheduled_coroutines`, newest first. */
  readonly lists: readonly (readonly number[])[];
  readonly armed: readonly boolean[];
  readonly threads: readonly SThread[];
  /** Per record id (driver d's k-th operation is `d * ops + k`): its coroutine and context. */
  readonly recCo: readonly number[];
  readonly recCtx: readonly number[];
  /** QEMU aborted (the thread that did): nothing moves any more. -1: running. */
  readonly aborted: number;
}

export const strictThreadName = (b: StrictBounds, t: number): string => (t < b.contexts ? `bh@x${t}` : `T${t - b.contexts}`);

export function initialStrict(b: StrictBounds): SState {
  const R = b.drivers * b.ops;
  const fill = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
  const threads: SThread[] = [];
  for (let t = 0; t < b.contexts + b.drivers; t++) threads.push({ pc: 'idle', co: -1, ctx: t < b.contexts ? t : -1, rec: -1, batch: [], done: 0 });
  return { mark: fill(b.coroutines, -1), caller: fill(b.coroutines, -1), segments: fill(b.coroutines, 0), running: fill(b.coroutines, 0), lists: fill(b.contexts, []), armed: fill(b.contexts, false), threads, recCo: fill(R, -1), recCtx: fill(R, -1), aborted: -1 };
}

/** One line: `c0 mark=#1 caller=T0 seg=0 | x0 armed [c0#1] | bh@x0 clear-mark c0 | T0 idle 1/1`. */
export function strictStateToString(b: StrictBounds, s: SState): string {
  const cos = s.mark.map((m, c) => [`c${c}`, `mark=${m < 0 ? '-' : `#${m}`}`, `caller=${(s.caller[c] ?? -1) < 0 ? '-' : strictThreadName(b, s.caller[c] as number)}`, `seg=${s.segments[c]}`, ...((s.running[c] ?? 0) > 0 ? [`running×${s.running[c]}`] : [])].join(' '));
  const ctxs = s.lists.map((l, x) => `x${x}${s.armed[x] ? ' armed' : ''} [${l.map((r) => `c${s.recCo[r]}#${r}`).join(', ')}]`);
  const ths = s.threads.map((t, i) => [strictThreadName(b, i), t.pc, ...(t.co >= 0 ? [`c${t.co}`] : []), ...(i >= b.contexts ? [`${t.done}/${b.ops}`] : t.batch.length > 1 ? [`then [${t.batch.slice(1).map((r) => `#${r}`).join(', ')}]`] : [])].join(' '));
  return [...cos, ...ctxs, ...ths, ...(s.aborted >= 0 ? [`ABORTED by ${strictThreadName(b, s.aborted)}`] : [])].join(' | ');
}
