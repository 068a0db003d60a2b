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
    return Math.min(cap, Math.max(SUSPECT_FLOOR_MS, SUSPECT_FACTOR * Math.max(...this.recent)));
  }
}

export class TimeLimits {
  readonly confirmMs: number;
  private readonly ops = new Latencies();
  private readonly sessions = new Latencies();
  /** The mode of the run in progress (hosts run one run at a time). */
  mode: LimitMode = 'suspect';

  constructor(
    /** `--timeout`: the most one operation may take before it is suspected of hanging. */
    readonly opMs: number,
    confirmMs?: number,
  ) {
    this.confirmMs = Math.max(opMs, confirmMs ?? confirmLimitFor(opMs));
  }

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

  /** Run `work` with every limit at the confirmation limit. */
  async confirming<T>(work: () => Promise<T>): Promise<T> {
    const before = this.mode;
    this.mode = 'confirm';
    try {
      return await work();
    } finally {
      this.mode = before;
    }
  }
}

/** Accept a number (`--timeout`) where time limits are expected, as the hosts' constructors do. */
export const timeLimits = (l: number | TimeLimits): TimeLimits => (typeof l === 'number' ? new TimeLimits(l) : l);
