import type { SeedStep, SteppedEvent, SteppedOp, SteppedProgram, SteppedViolation, StepOutcome } from './types';

/** One call of `aio_co_schedule(ctx, co)`: a fresh object per call, so identity tells schedules apart. */
export interface StepRecord {
  readonly co: number;
  readonly ctx: number;
}

/** `struct Coroutine`, reduced to what the seed's steps read and write. */
class SteppedCoroutine {
  /** `co->scheduled`: the pending schedule's record (not only its context: the correction CO9 needs). */
  mark: StepRecord | null = null;
  /** `co->caller`: the thread inside an entry of it, or null. */
  caller: number | null = null;
  /** Entries completed; after `yields + 1` the coroutine has terminated. */
  segments = 0;
}

/** Where a thread is stopped: before one of its steps (`PAUSE`), or a BH waiting for its context to be armed. */
export const PAUSE = 0;
const IDLE = 1;
export type StepPoint = typeof PAUSE | typeof IDLE;
type Point = StepPoint;

/**
 * The reference scheduler at level 2: the same patched semantics as `Scheduler`, with every one of the seed's
 * atomic steps a stop point. Each thread (a BH per context, then the program's drivers) is a generator
 * stopped before its next step; `step(thread)` runs exactly one step and says what it did, so an injected
 * interleaver (the kit) decides who moves next. Each `protected` method is one decision of the algorithm, so
 * a broken order is one override (adapters/mutants).
 */
export class SteppedScheduler {
  protected readonly cos: SteppedCoroutine[] = [];
  /** `ctx->scheduled_coroutines`, newest first (`QSLIST_INSERT_HEAD_ATOMIC`). */
  protected readonly lists: StepRecord[][] = [];
  protected readonly armed: boolean[] = [];
  private readonly threads: Generator<Point, void, void>[] = [];
  private readonly at: (Point | 'done')[] = [];
  private out: StepOutcome | null = null;

  constructor(protected readonly program: SteppedProgram) {
    for (let c = 0; c < program.coroutines; c++) this.cos.push(new SteppedCoroutine());
    for (let x = 0; x < program.contexts; x++) {
      this.lists.push([]);
      this.armed.push(false);
      this.threads.push(this.bh(x));
    }
    for (const [d, ops] of program.drivers.entries()) this.threads.push(this.driver(program.contexts + d, ops));
    for (const g of this.threads) {
      const r = g.next();
      this.at.push(r.done === true ? 'done' : r.value);
    }
  }

  /** The threads that can take a step: stopped before one, or a BH waiting whose context is armed. */
  runnable(): number[] {
    const out: number[] = [];
    for (const [t, p] of this.at.entries()) if (p === PAUSE || (p === IDLE && this.armed[t] === true)) out.push(t);
    return out;
  }

  /** Let `thread` take its next step. */
  step(thread: number): StepOutcome {
    if (!this.runnable().includes(thread)) throw new Error(`thread ${thread} cannot move now (runnable: ${this.runnable().join(', ') || 'none'})`);
    this.out = null;
    const r = (this.threads[thread] as Generator<Point, void, void>).next();
    this.at[thread] = r.done === true ? 'done' : r.value;
    const out = this.out as StepOutcome | null;
    if (out === null) throw new Error(`internal: thread ${thread} took no step`);
    return out;
  }

  protected emit(step: SeedStep, co: number, events: readonly SteppedEvent[] = []): void {
    if (this.out !== null) throw new Error(`internal: two steps (${this.out.step}, ${step}) without a stop between them`);
    this.out = { step, co, events };
  }

  protected get yields(): number {
    return this.program.yields;
  }

  /** `co_schedule_bh_cb(ctx)` on context x's thread, whenever its BH is armed. */
  private *bh(x: number): Generator<Point, void, void> {
    for (;;) {
      yield IDLE;
      this.take(x);
      const batch = this.taken;
      for (const rec of batch) {
        yield PAUSE;
        const enter = this.bhShouldEnter(rec);
        this.emit('read-mark', rec.co);
        if (enter) yield* this.entry(x, rec.co, x, 'bh');
      }
    }
  }

  private taken: StepRecord[] = [];

  /** `QSLIST_MOVE_ATOMIC(&reversed, &ctx->scheduled_coroutines)` and the reversal into scheduling order. */
  protected take(x: number): void {
    this.armed[x] = false;
    this.taken = [...(this.lists[x] as StepRecord[])].reverse();
    this.lists[x] = [];
    this.emit('take', -1);
  }

  /** `atomic_mb_read(&co->scheduled) == ctx`: with record marks, the mark must be this very record. */
  protected bhShouldEnter(rec: StepRecord): boolean {
    return (this.cos[rec.co] as SteppedCoroutine).mark === rec;
  }

  /** A driver thread: its operations in order. */
  private *driver(t: number, ops: readonly SteppedOp[]): Generator<Point, void, void> {
    for (const op of ops) {
      yield PAUSE;
      if (op.op === 'schedule') {
        this.emit('start-schedule', op.co);
        yield* this.schedule({ co: op.co, ctx: op.ctx });
      } else {
        this.emit('start-enter', op.co);
        yield* this.entry(t, op.co, op.from, 'direct');
      }
    }
  }

  /** `aio_co_schedule(ctx, co)`: set the mark (refusing a terminated or already scheduled coroutine), publish, arm. */
  protected *schedule(rec: StepRecord): Generator<Point, void, void> {
    yield PAUSE;
    /* Set co->scheduled before the coroutine becomes visible in the list */
    if (!this.mark(rec)) return;
    yield PAUSE;
    this.publish(rec);
    yield PAUSE;
    this.arm(rec);
  }

  /** The mark, as a compare-and-swap from unset: a refusal is reported and the mark left alone. */
  protected mark(rec: StepRecord): boolean {
    const co = this.cos[rec.co] as SteppedCoroutine;
    const refusal: SteppedViolation | null = co.segments > this.yields ? 'entry-after-termination' : co.mark === null ? null : co.mark.ctx === rec.ctx ? 'double-schedule' : 'scheduled-elsewhere';
    if (refusal !== null) {
      this.emit('mark', rec.co, [{ ev: 'error', kind: refusal, co: rec.co, message: `c${rec.co} scheduled on x${rec.ctx}: ${refusal}` }]);
      return false;
    }
    co.mark = rec;
    this.emit('mark', rec.co);
    return true;
  }

  /** `QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)`. */
  protected publish(rec: StepRecord): void {
    (this.lists[rec.ctx] as StepRecord[]).unshift(rec);
    this.emit('publish', rec.co);
  }

  /** `qemu_bh_schedule(ctx->co_schedule_bh)`. */
  protected arm(rec: StepRecord): void {
    this.armed[rec.ctx] = true;
    this.emit('arm', rec.co);
  }

  /** `qemu_aio_coroutine_enter(ctx, co)` on thread t: check, claim (caller, then cancel), switch, run to the yield. */
  protected *entry(t: number, co: number, ctx: number, by: 'direct' | 'bh'): Generator<Point, void, void> {
    yield PAUSE;
    const c = this.cos[co] as SteppedCoroutine;
    const refusal: SteppedViolation | null = c.segments > this.yields ? 'entry-after-termination' : c.caller !== null ? 'recursive-entry' : null;
    if (refusal !== null) return this.emit('check-caller', co, [{ ev: 'error', kind: refusal, co, message: `c${co} entered: ${refusal}` }]);
    this.emit('check-caller', co);
    yield* this.claim(t, co);
    yield PAUSE;
    this.emit('switch', co, [{ ev: 'entered', co, ctx, by }]);
    yield PAUSE;
    c.segments++;
    c.caller = null;
    this.emit('yield', co, [c.segments > this.yields ? { ev: 'terminated', co } : { ev: 'yielded', co }]);
  }

  /** Set the caller, then clear the mark: "reset co->scheduled only after setting co->caller". */
  protected *claim(t: number, co: number): Generator<Point, void, void> {
    yield PAUSE;
    this.setCaller(t, co);
    yield PAUSE;
    this.cancel(co);
  }

  protected setCaller(t: number, co: number): void {
    (this.cos[co] as SteppedCoroutine).caller = t;
    this.emit('set-caller', co);
  }

  /** The patch: `atomic_set(&co->scheduled, NULL)` cancels a pending `aio_co_schedule()`. */
  protected cancel(co: number): void {
    (this.cos[co] as SteppedCoroutine).mark = null;
    this.emit('clear-mark', co);
  }
}
