import { availableParallelism, loadavg } from 'node:os';

/**
 * The kit's time limits for level-1 runs, in two tiers (PROTOCOL.md, "Time limits").
 *
 * - **Suspicion.** An operation that has not returned after the *suspicion limit* is stopped (the worker
 *   terminated, the child killed) and the run is a *suspected* hang. The limit adapts to the adapter's measured
 *   speed on this machine: 50 × the slowest of its recent operations, never below `SUSPECT_FLOOR_MS` and never
 *   above `--timeout`. So a hanging scheduler costs a fraction of a second per hang on an idle machine, and the
 *   limit rises by itself when a loaded machine slows every operation down.
 * - **Confirmation.** A suspected hang becomes a verdict only after the same operations were run again with
 *   the *confirmation limit* on every operation (`confirmLimitFor(--timeout)`, at least 2.5 s) and hung again.
 *   A run that completes when given that time is a slow run: it is judged by its events, never an `error`.
 *
 * A suspicion only ever stops a run early; every verdict that rests on a hang names the limit that confirmed it.
 */

/** The suspicion limit never goes below this (scheduling hiccups of a loaded machine stay under it). */
export const SUSPECT_FLOOR_MS = 100;
/** The suspicion limit is this many times the slowest recent operation (or session) of the adapter. */
export const SUSPECT_FACTOR = 50;
/** Completed operations measured before the suspicion limit leaves `--timeout`. */
const WARM_UP = 20;
/** How many recent latencies the suspicion limit looks at. */
const WINDOW = 64;

/** The confirmation limit for a given `--timeout`: ten times it, at least 2.5 s. */
export const confirmLimitFor = (opMs: number): number => Math.max(10 * opMs, 2500);

/** `suspect`: the adaptive first-pass limits; `confirm`: the confirmation limit on every operation. */
export type LimitMode = 'suspect' | 'confirm';

/** Recent latencies of one kind of request (single operations, or whole sessions). */
class Latencies {
  private readonly recent: number[] = [];
  private next = 0;
  count = 0;

  observe(ms: number): void {
    if (this.recent.length < WINDOW) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % WINDOW;
    this.count++;
  }

  /** The adaptive limit, between the floor and `cap`; `cap` itself until enough requests were measured. */
  limit(cap: number): number {
    if (this.count < WARM_UP) return cap;
    return Math.min(cap, Math.max(SUSPECT_FLOOR_MS, Math.round(SUSPECT_FACTOR * Math.max(...this.recent))));
  }
}

/**
 * How many runnable threads wait for each core (the 1-minute load average over the cores), between 1 and
 * `MAX_LOAD_FACTOR`: 1 on an idle machine.
 */
export function loadFactor(): number {
  const cores = Math.max(1, availableParallelism());
  return Math.min(MAX_LOAD_FACTOR, Math.max(1, (loadavg()[0] ?? 0) / cores));
}

/** The confirmation limit grows with the load at most this many times (2.5 s → 20 s by default). */
export const MAX_LOAD_FACTOR = 8;

export class TimeLimits {
  private readonly fixedConfirmMs: number | null;
  private readonly ops = new Latencies();
  private readonly sessions = new Latencies();
  /** The mode of the run in progress (hosts run one run at a time). */
  mode: LimitMode = 'suspect';

  constructor(
    /** `--timeout`: the most one operation may take before it is suspected of hanging. */
    readonly opMs: number,
    confirmMs?: number,
  ) {
    this.fixedConfirmMs = confirmMs === undefined ? null : Math.max(opMs, confirmMs);
  }

  /**
   * The confirmation limit: as given (`--confirm-timeout`), else `confirmLimitFor(--timeout)` times how
   * oversubscribed this machine's cores are right now (`loadFactor`). Read when a confirmation starts, so a run
   * confirmed on a loaded machine gets the time an idle one would need times the queue in front of it; a
   * scheduler that truly hangs hangs through any limit, so only the time to say so grows, never the verdict.
   */
  get confirmMs(): number {
    return this.fixedConfirmMs ?? this.heldConfirmMs ?? Math.max(this.opMs, Math.round(confirmLimitFor(this.opMs) * loadFactor()));
  }

  /** The confirmation limit read when the confirmation in progress started: one confirmation, one limit. */
  private heldConfirmMs: number | null = null;

  /** Record how long a completed operation took (ms). */
  observeOp(ms: number): void {
    this.ops.observe(ms);
  }

  /** Record how long a completed whole session (one request for every operation) took (ms). */
  observeSession(ms: number): void {
    this.sessions.observe(ms);
  }

  /**
   * The limit of one operation (or open, or close) in the current mode. A whole session's time bounds each
   * of its operations' too, so sessions count as measurements of operations as well.
   */
  op(): number {
    if (this.mode === 'confirm') return this.confirmMs;
    return Math.min(this.ops.limit(this.opMs), this.sessions.limit(this.opMs));
  }

  /**
   * The limit of a whole session of `count` operations in one request: in `suspect` mode adaptive from the
   * adapter's recent sessions, never more than one operation's `--timeout` per operation (plus open and close).
   */
  session(count: number): number {
    const cap = this.opMs * Math.max(1, count + 2);
    return this.mode === 'confirm' ? this.confirmMs * Math.max(1, count + 2) : this.sessions.limit(cap);
  }

  /**
   * The limit of `n` level-2 steps taken in one call (one step, or a whole run the adapter takes itself):
   * `n` × `--timeout`; while confirming, at least the confirmation limit and that budget scaled by the load.
   */
  steps(n: number): number {
    const budget = this.opMs * Math.max(1, n);
    return this.mode === 'confirm' ? Math.max(this.confirmMs, Math.round(budget * loadFactor())) : budget;
  }

  /** Run `work` with every limit at the confirmation limit. */
  async confirming<T>(work: () => Promise<T>): Promise<T> {
    const before = this.mode;
    const held = this.heldConfirmMs;
    this.heldConfirmMs = this.confirmMs;
    this.mode = 'confirm';
    try {
      return await work();
    } finally {
      this.mode = before;
      this.heldConfirmMs = held;
    }
  }
}

/** Accept a number (`--timeout`) where time limits are expected, as the hosts' constructors do. */
export const timeLimits = (l: number | TimeLimits): TimeLimits => (typeof l === 'number' ? new TimeLimits(l) : l);
