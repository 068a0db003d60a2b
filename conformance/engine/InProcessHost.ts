import type { ConcurrentProgram, DriverOp, Event, SessionConfig } from '../../spec';
import { driveInterleaved } from '../level2/drive';
import { checkSession, type Adapter } from '../../adapters/contract';
import { classifyConcurrentEvents, classifyEvents } from './classifyEvents';
import type { ConcurrentReply, Host, InterleavedReply, RunReply, StepReply } from './host';
import { timeLimits, type TimeLimits } from './timeLimits';

type Raced<T> = { readonly kind: 'value'; readonly value: T } | { readonly kind: 'timeout' } | { readonly kind: 'throw'; readonly message: string };

async function race<T>(work: () => T | Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Raced<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), ms);
  });
  const value = (async (): Promise<Raced<T>> => {
    try {
      return { kind: 'value', value: await work() };
    } catch (e) {
      return { kind: 'throw', message: e instanceof Error ? e.message : String(e) };
    }
  })();
  try {
    return await Promise.race([value, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drives an adapter object in this thread: for adapters given as objects (the jest integration, the
 * process adapter). The per-operation timeout catches a promise that never settles; it cannot stop a
 * synchronous infinite loop — modules certified by path run in a `WorkerHost`, which can.
 */
export class InProcessHost implements Host {
  readonly limits: TimeLimits;

  constructor(
    private readonly adapter: Adapter,
    readonly label: string,
    /** `--timeout`, or the time limits shared with the adapter (a process adapter times its child by them). */
    limits: number | TimeLimits,
    /** Called by `dispose`: a host that owns its adapter (a process adapter it started) stops it here. */
    private readonly onDispose?: () => void,
    /**
     * The adapter's `runSession` answers each operation as far as it got and pins a hang or crash to its
     * operation (the process adapter, pipelined): its faults are final, not replayed one operation at a time.
     */
    private readonly sessionsPinFaults = false,
  ) {
    this.limits = timeLimits(limits);
  }

  async run(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply> {
    const whole = this.adapter.runSession;
    // A confirmation run goes one operation at a time: it must say which operation hung.
    if (whole === undefined || (this.limits.mode === 'confirm' && !this.sessionsPinFaults)) return this.runStepwise(config, ops);
    // A child to (re)start is not the session's time: the adapter gets ready first.
    await this.adapter.ready?.();
    const r = await this.runWhole(() => whole.call(this.adapter, config, ops), ops.length);
    // A session that hung or crashed says which operation did only when run one operation at a time.
    if (!this.sessionsPinFaults && r.kind === 'replies' && r.replies.some((x) => x.outcome !== 'completed')) return this.runStepwise(config, ops);
    return r;
  }

  /**
   * A session in one call: each operation's events classified in order, stopping at the first fault. The
   * limit here is a backstop, a second longer than the session's own budget (one operation's time per
   * operation, plus open and close): an adapter that keeps time itself (the process adapter) reports its own
   * fault first and is done with the session before the kit replays it one operation at a time.
   */
  private async runWhole(work: () => Promise<readonly (readonly Event[])[]>, count: number): Promise<RunReply> {
    const started = performance.now();
    // An adapter that pins its faults times each operation itself: this is only a backstop over all of them.
    const limit = this.sessionsPinFaults ? this.limits.op() * Math.max(1, count + 2) : this.limits.session(count);
    const r = await race(work, limit + 1000);
    if (r.kind === 'timeout') return { kind: 'replies', replies: [{ outcome: 'timeout', ms: limit }] };
    const ms = performance.now() - started;
    if (r.kind === 'throw') return { kind: 'replies', replies: [{ outcome: 'crash', message: `runSession() threw: ${r.message}` }] };
    if (!Array.isArray(r.value) || r.value.length !== count) return { kind: 'malformed', problem: `${this.label}: runSession() returned ${Array.isArray(r.value) ? r.value.length : 'no'} event lists for ${count} operations` };
    const replies: StepReply[] = [];
    for (const events of r.value) {
      const reply = classifyEvents(events, this.label);
      if (typeof reply === 'string') return { kind: 'malformed', problem: reply };
      replies.push(reply);
      if (reply.outcome !== 'completed') break;
    }
    if (replies.every((x) => x.outcome === 'completed')) this.limits.observeSession(ms);
    return { kind: 'replies', replies };
  }

  private async runStepwise(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply> {
    const openLimit = this.limits.op();
    const opened = await race(() => this.adapter.open(config), openLimit);
    if (opened.kind === 'timeout') return { kind: 'replies', replies: [{ outcome: 'timeout', ms: openLimit, stage: 'open' }] };
    if (opened.kind === 'throw') return { kind: 'replies', replies: [{ outcome: 'crash', message: `open() threw: ${opened.message}` }] };
    const session = opened.value;
    const bad = checkSession(session, this.label);
    if (bad !== null) return { kind: 'malformed', problem: bad };
    const replies: StepReply[] = [];
    for (const op of ops) {
      const limit = this.limits.op();
      const started = performance.now();
      const r = await race(() => session.apply(op), limit);
      if (r.kind === 'timeout') return { kind: 'replies', replies: [...replies, { outcome: 'timeout', ms: limit }] };
      if (r.kind === 'throw') return { kind: 'replies', replies: [...replies, { outcome: 'crash', message: `apply() threw: ${r.message}` }] };
      const reply = classifyEvents(r.value, this.label);
      if (typeof reply === 'string') return { kind: 'malformed', problem: reply };
      replies.push(reply);
      if (reply.outcome !== 'completed') return { kind: 'replies', replies };
      this.limits.observeOp(performance.now() - started);
    }
    const closed = await race(() => session.close(), this.limits.op());
    if (closed.kind !== 'value' && replies.length > 0) return { kind: 'replies', replies: [...replies.slice(0, -1), { outcome: 'crash', message: `close() ${closed.kind === 'timeout' ? 'timed out' : `threw: ${closed.message}`}` }] };
    return { kind: 'replies', replies };
  }

  runInterleaved(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedReply> {
    return driveInterleaved(this.adapter, this.label, program, choices, maxSteps, (work, operations) => race(work, this.limits.steps(operations ?? 1)));
  }

  /** Level 3: one concurrent run; the adapter's own fault events (crash, timeout, protocol) become the reply's fault. */
  async runConcurrent(program: ConcurrentProgram, seed: number, runTimeoutMs: number): Promise<ConcurrentReply> {
    const run = this.adapter.runConcurrent;
    if (run === undefined) return { kind: 'malformed', problem: `${this.label}: the adapter has no 'runConcurrent(program, seed)' function (level 3)` };
    const r = await race(() => run.call(this.adapter, program, seed), runTimeoutMs);
    if (r.kind === 'timeout') return { kind: 'fault', outcome: 'timeout', message: `the concurrent run did not finish within ${runTimeoutMs} ms` };
    if (r.kind === 'throw') return { kind: 'fault', outcome: 'crash', message: `runConcurrent() threw: ${r.message}` };
    return classifyConcurrentEvents(r.value, this.label);
  }

  async dispose(): Promise<void> {
    this.onDispose?.();
  }
}
