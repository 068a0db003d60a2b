import type { ConcurrentProgram, CoroutineId, DriverOp, Event, ILabel, Level, Profile, SessionConfig } from '../spec';
import { checkMeta } from './schema';

/**
 * The adapter contract: how cokit drives a scheduler. Everything crossing it is plain JSON-serialisable
 * data (driver operations in, events out), so the same contract is spoken over a pipe by schedulers in
 * other languages (`adapters/process/`).
 */

/** What an adapter says about the scheduler it drives. Reports and badges print it. */
export interface AdapterMeta {
  readonly name: string;
  readonly version: string;
  /** The semantics it claims: `cancel` (the seed's patch) or `strict` (upstream QEMU since 6133b39f). `certify` judges against it. */
  readonly profile: Profile;
  /** The levels it supports: 1 atomic operations; 2 injected interleaver; 3 real threads. */
  readonly levels: readonly Level[];
  readonly description?: string;
}

/** One scheduler instance with `config.contexts` AioContexts; operations are applied one at a time. */
export interface Session {
  /**
   * Apply one driver operation atomically and return the events it caused, in order. Caller-contract
   * violations are returned as `error` events, never thrown; a throw is judged a crash of the adapter.
   */
  apply(op: DriverOp): readonly Event[] | Promise<readonly Event[]>;
  close(): void | Promise<void>;
}

/** The name of one of the seed's atomic steps (as in `spec/interleaved`): `mark`, `publish`, `check-caller`, … */
export type StepName = ILabel['step'];

/** What one atomic step of a level-2 session did: which of the seed's steps, on which coroutine, with its events. */
export interface StepReport {
  readonly step: StepName;
  /** The coroutine the step concerns (-1 for a BH's `take` of its list). */
  readonly co: CoroutineId;
  /** Events the step caused (`entered` at `switch`, `yielded`/`terminated` at `yield`, refusals as `error`). */
  readonly events: readonly Event[];
}

/**
 * Level 2: one scheduler instance running a concurrent program whose threads stop at every one of the seed's
 * atomic steps and wait for the kit to say who moves next (an injected interleaver). Threads are numbered as
 * in the interleaved model: `0 .. contexts-1` the contexts' BH threads, then the program's driver threads.
 */
export interface InterleavedSession {
  /** The threads that can take a step now, ascending. Empty when every driver is done and every BH idle. */
  runnable(): readonly number[] | Promise<readonly number[]>;
  /** Let `thread` (one of `runnable()`) take its next atomic step. */
  step(thread: number): StepReport | Promise<StepReport>;
  close(): void | Promise<void>;
}

/** One step of a whole level-2 run (`Adapter.runInterleaved`): the threads that could move, the one moved, its report. */
export interface InterleavedRunStep {
  readonly runnable: readonly number[];
  readonly thread: number;
  readonly report: StepReport;
}

/**
 * A whole level-2 run, as the adapter took it: every step, and how the run ended. `completed`: no thread could
 * move; `step-limit`: `maxSteps` steps were taken and some thread could still move. A fault (the process
 * adapter's child crashed, hung or garbled its reply) ends the run with what went wrong.
 */
export type InterleavedRun =
  | { readonly end: 'completed' | 'step-limit'; readonly steps: readonly InterleavedRunStep[] }
  | { readonly end: 'crash' | 'timeout' | 'protocol'; readonly steps: readonly InterleavedRunStep[]; readonly message: string };

export interface Adapter {
  readonly meta: AdapterMeta;
  open(config: SessionConfig): Session | Promise<Session>;
  /**
   * Optional: a whole session at once (open, every operation in order, close), returning each operation's
   * events. The kit uses it instead of `open`/`apply` when present: a process adapter saves round trips.
   * A fault is reported as adapter `error` events on the operations it hit, as `apply` would.
   */
  runSession?(config: SessionConfig, ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]>;
  /**
   * Level 2 (this or `runInterleaved` is required when `meta.levels` has 2): open `program` with every thread
   * stopped before its first step; the kit then asks `runnable()` and calls `step(thread)` one step at a time.
   */
  openInterleaved?(program: ConcurrentProgram): InterleavedSession | Promise<InterleavedSession>;
  /**
   * Level 2, a whole run at once (the process adapter: one round trip per run). The adapter moves threads
   * itself by the kit's rule: at step i, of the runnable threads in ascending order, the one at
   * `choices[i] % count` (the first once the choices run out); at most `maxSteps` steps. The kit checks that
   * every step followed the rule. Used instead of `openInterleaved` when present.
   */
  runInterleaved?(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedRun>;
  /**
   * Level 3 (required when `meta.levels` has 3): run `program` on real threads at once (drivers concurrently,
   * each context's BH on its own thread) until every thread is done, and return every event in the order the
   * scheduler observed them. `seed` may vary timing (spins, yields) so that runs differ.
   */
  runConcurrent?(program: ConcurrentProgram, seed: number): readonly Event[] | Promise<readonly Event[]>;
  /**
   * Optional: called once before anything else, for an adapter that must start something to know its own
   * meta (the process adapter greets its child). Returns null when ready, or the problem that makes the
   * adapter unusable.
   */
  ready?(): Promise<string | null> | string | null;
}

export type { SessionConfig };

export type AdapterCheck = { readonly ok: true; readonly adapter: Adapter } | { readonly ok: false; readonly problem: string };

/**
 * Check, at run time, that `value` (what a module exported) is an adapter. The problem names the missing or
 * malformed member, and `where` (the module it came from).
 */
export function checkAdapter(value: unknown, where: string): AdapterCheck {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, problem: `${where}: the adapter must be an object with 'meta' and 'open', got ${value === null ? 'null' : typeof value}` };
  }
  const v = value as { meta?: unknown; open?: unknown };
  if (!('meta' in v) || v.meta === undefined) return { ok: false, problem: `${where}: the adapter has no 'meta' (name, version, profile, levels)` };
  const metaProblem = checkMeta(v.meta);
  if (metaProblem !== null) return { ok: false, problem: `${where}: adapter 'meta' is malformed: ${metaProblem.startsWith('/') ? `meta${metaProblem}` : metaProblem.replace('the value', 'meta')}` };
  if (typeof v.open !== 'function') return { ok: false, problem: `${where}: the adapter has no 'open(config)' function` };
  const levels = (v.meta as AdapterMeta).levels;
  const w = value as { openInterleaved?: unknown; runInterleaved?: unknown; runConcurrent?: unknown };
  if (levels.includes(2) && typeof w.openInterleaved !== 'function' && typeof w.runInterleaved !== 'function') {
    return { ok: false, problem: `${where}: the adapter claims level 2 but has neither an 'openInterleaved(program)' nor a 'runInterleaved(program, choices, maxSteps)' function` };
  }
  if (levels.includes(3) && typeof w.runConcurrent !== 'function') return { ok: false, problem: `${where}: the adapter claims level 3 but has no 'runConcurrent(program, seed)' function` };
  return { ok: true, adapter: value as Adapter };
}

/** Check that what `open` returned is a session (has `apply` and `close` functions). */
export function checkSession(value: unknown, where: string): string | null {
  if (typeof value !== 'object' || value === null) return `${where}: open() must return a session object, got ${value === null ? 'null' : typeof value}`;
  const s = value as { apply?: unknown; close?: unknown };
  if (typeof s.apply !== 'function') return `${where}: the session returned by open() has no 'apply(op)' function`;
  if (typeof s.close !== 'function') return `${where}: the session returned by open() has no 'close()' function`;
  return null;
}
