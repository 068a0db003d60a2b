import { AioContext, Coroutine, type CoroutineBody, type ScheduleRecord } from './structs';
import type { Tracer, ViolationKind } from './types';
import { type CoQueue, ListQueue } from './queues';

/** A contract violation found by a check: reported through the tracer, and the call does nothing. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly message: string;
}

/**
 * The reference scheduler: the patched QEMU semantics of `util/qemu-coroutine.c` and `util/async.c`,
 * with one correction the seed needs for CO9 (marks are schedule records, not contexts). Each `protected`
 * method is one decision of the algorithm, so a broken scheduler (adapters/mutants) is one override.
 */
export class Scheduler {
  readonly contexts: AioContext[] = [];
  readonly coroutines: Coroutine[] = [];
  /** `qemu_coroutine_self()`: the running coroutine, null outside coroutines. */
  protected self: Coroutine | null = null;
  private nextSeq = 0;

  constructor(
    contexts: number,
    protected readonly tracer: Tracer,
  ) {
    for (let i = 0; i < contexts; i++) this.contexts.push(new AioContext(i));
  }

  /** `qemu_coroutine_create(entry)`. */
  create(makeBody: (self: Coroutine) => CoroutineBody): Coroutine {
    const co = new Coroutine(this.coroutines.length, makeBody);
    this.coroutines.push(co);
    return co;
  }

  /** `aio_co_schedule(ctx, co)`: set the mark, then publish on the list, then arm the BH. */
  aio_co_schedule(ctx: AioContext, co: Coroutine): void {
    const v = this.checkSchedule(ctx, co);
    if (v !== null) return this.refuseSchedule(co, v);
    const record: ScheduleRecord = { co, ctx, seq: this.nextSeq++ };
    /* Set co->scheduled before the coroutine becomes visible in the list */
    co.scheduled = record;
    this.publish(ctx, record);
    ctx.bhArmed = true;
  }

  /** `aio_poll(ctx)` once: run the BH if armed. */
  poll(ctx: AioContext): void {
    if (!ctx.bhArmed) return;
    ctx.bhArmed = false;
    this.co_schedule_bh_cb(ctx);
  }

  /**
   * `co_schedule_bh_cb(ctx)`: take the whole list, then enter each coroutine whose mark is still this
   * schedule; skip cancelled and stale ones.
   */
  protected co_schedule_bh_cb(ctx: AioContext): void {
    for (const record of this.walk(ctx)) {
      if (this.bhShouldEnter(ctx, record)) this.qemu_aio_coroutine_enter(ctx, record.co, 'bh');
    }
  }

  /**
   * `qemu_aio_coroutine_enter(ctx, co)`: enter `co`, then depth-first the coroutines queued by `aio_co_wake`
   * while it ran. Each entry sets the caller and the context before it clears the mark (the cancel).
   */
  qemu_aio_coroutine_enter(ctx: AioContext, co: Coroutine, by: 'direct' | 'bh'): void {
    const pending = this.newQueue();
    pending.insertTail(co);
    let how = by;
    for (let to = pending.removeHead(); to !== null; to = pending.removeHead()) {
      const entryHow = how;
      how = 'direct';
      const v = this.checkEntry(to);
      if (v !== null) {
        this.refuseEntry(to, v);
        continue;
      }
      const self = this.self;
      to.caller = self ?? 'outside';
      to.ctx = ctx;
      /* reset co->scheduled only after setting co->caller */
      this.cancel(to);
      to.status = 'running';
      this.tracer.entered(to.id, ctx.id, entryHow);
      this.self = to;
      const action = to.switchTo();
      this.self = self;
      to.caller = null;
      if (action === 'terminate') {
        to.status = 'terminated';
        this.tracer.terminated(to.id);
      } else {
        to.status = 'suspended';
        this.tracer.yielded(to.id);
      }
      if (to.wakeups !== null) pending.prepend(to.wakeups);
    }
  }

  /** `qemu_coroutine_enter(co)` from the running coroutine: a nested direct entry on its context. */
  enterFromCoroutine(co: Coroutine): void {
    const ctx = this.self?.ctx;
    if (ctx === null || ctx === undefined) throw new Error('internal: nested entry outside a coroutine');
    this.qemu_aio_coroutine_enter(ctx, co, 'direct');
  }

  /**
   * `aio_co_wake(co)` from the running coroutine: schedule it on its own context if that is another one;
   * otherwise queue it to be entered once the waker yields (`co_queue_wakeup`).
   */
  aio_co_wake(co: Coroutine): void {
    const self = this.self;
    if (self === null || self.ctx === null) throw new Error('internal: aio_co_wake outside a coroutine');
    const home = co.ctx ?? self.ctx;
    if (home !== self.ctx) return this.aio_co_schedule(home, co);
    if (co === self) return this.tracer.violation('recursive-entry', co.id, `c${co.id} woke itself while running`);
    self.wakeups ??= this.newQueue();
    self.wakeups.insertTail(co);
  }

  /** A new `pending` or `co_queue_wakeup` queue. */
  protected newQueue(): CoQueue {
    return new ListQueue();
  }

  /** Refuse a schedule that breaks the caller contract. */
  protected checkSchedule(ctx: AioContext, co: Coroutine): Violation | null {
    if (co.status === 'terminated') return { kind: 'entry-after-termination', message: `c${co.id} scheduled on x${ctx.id} after it terminated` };
    const mark = co.scheduled;
    if (mark === null) return null;
    return mark.ctx === ctx
      ? { kind: 'double-schedule', message: `c${co.id} scheduled on x${ctx.id} twice` }
      : { kind: 'scheduled-elsewhere', message: `c${co.id} scheduled on x${ctx.id} while scheduled on x${mark.ctx.id}` };
  }

  /** `QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)`. */
  protected publish(ctx: AioContext, record: ScheduleRecord): void {
    ctx.scheduled.unshift(record);
  }

  /** `QSLIST_MOVE_ATOMIC` then the reversal into `straight`: the records in scheduling order. */
  protected *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    const reversed = ctx.scheduled;
    ctx.scheduled = [];
    const straight = [...reversed].reverse();
    yield* straight;
  }

  /** `atomic_mb_read(&co->scheduled) == ctx`: with record marks, the mark must be this very record. */
  protected bhShouldEnter(_ctx: AioContext, record: ScheduleRecord): boolean {
    return record.co.scheduled === record;
  }

  /** "Co-routine re-entered recursively" and entering a terminated coroutine are refused. */
  protected checkEntry(co: Coroutine): Violation | null {
    if (co.status === 'running') return { kind: 'recursive-entry', message: `c${co.id} entered while it is running` };
    if (co.status === 'terminated') return { kind: 'entry-after-termination', message: `c${co.id} entered after it terminated` };
    return null;
  }

  /** Report a refused schedule; nothing is published. */
  protected refuseSchedule(co: Coroutine, v: Violation): void {
    this.tracer.violation(v.kind, co.id, v.message);
  }

  /** Report a refused entry; the coroutine is left as it was. */
  protected refuseEntry(co: Coroutine, v: Violation): void {
    this.tracer.violation(v.kind, co.id, v.message);
  }

  /** The patch: `atomic_set(&co->scheduled, NULL)` on entry cancels a pending `aio_co_schedule()`. */
  protected cancel(co: Coroutine): void {
    co.scheduled = null;
  }
}
