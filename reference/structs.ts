/*
 * QEMU's structs as the patch touches them: `Coroutine` (include/qemu/coroutine_int.h), `AioContext` and a
 * schedule record (util/async.c). They point at each other as the C structs do (a coroutine at its pending
 * record, the record at its context, the context's list at records), so they live in one file.
 */
import type { CoroutineStatus } from './types';
import type { CoQueue } from './queues';

/** What a coroutine body yields: only a plain yield (`qemu_coroutine_yield`). */
export type CoroutineBody = Generator<void, void, void>;

/** Who entered a running coroutine: another coroutine, or null for the driver or a BH (outside coroutines). */
export type CallerRef = Coroutine | 'outside';

/**
 * `struct Coroutine` (include/qemu/coroutine_int.h): a body plus the fields the patch reasons about.
 */
export class Coroutine {
  status: CoroutineStatus = 'fresh';
  /** `co->caller`: set while running. */
  caller: CallerRef | null = null;
  /** `co->ctx`: the context it last ran in; null until first entered. */
  ctx: AioContext | null = null;
  /**
   * `co->scheduled`: the pending schedule. The seed stores the context; we store the record itself so a stale
   * record left on a list by a cancel is never mistaken for a newer schedule of the same coroutine (CO9).
   */
  scheduled: ScheduleRecord | null = null;
  /** `co->co_queue_wakeup`: coroutines woken (same context) while this one ran, entered after it yields (made by the scheduler). */
  wakeups: CoQueue | null = null;
  /** `co->co_queue_next`: the one link every intrusive wake queue threads through (the strict reference's). */
  queueNext: Coroutine | null = null;
  /** The intrusive list link of the seed's literal list (`co_scheduled_next`); only that mutant uses it. */
  scheduledNext: Coroutine | null = null;
  private body: CoroutineBody | null = null;

  constructor(
    readonly id: number,
    private readonly makeBody: (self: Coroutine) => CoroutineBody,
  ) {}

  /**
   * `qemu_coroutine_switch(self, co, COROUTINE_ENTER)`: run the body until it yields or returns.
   * Returns 'yield' or 'terminate' like QEMU's CoroutineAction.
   */
  switchTo(): 'yield' | 'terminate' {
    if (this.body === null) this.body = this.makeBody(this);
    const r = this.body.next();
    return r.done === true ? 'terminate' : 'yield';
  }
}

/** One call of `aio_co_schedule(ctx, co)`: a fresh object each time, so identity tells schedules apart. */
export interface ScheduleRecord {
  readonly co: Coroutine;
  readonly ctx: AioContext;
  readonly seq: number;
}

/**
 * `struct AioContext` (util/async.c), reduced to what the patch touches: the list of scheduled coroutines
 * (`ctx->scheduled_coroutines`) and whether its bottom half (`ctx->co_schedule_bh`) is armed.
 */
export class AioContext {
  /**
   * Newest first, as `QSLIST_INSERT_HEAD_ATOMIC` leaves it; `co_schedule_bh_cb` reverses it to deliver in
   * scheduling order.
   */
  scheduled: ScheduleRecord[] = [];
  /** `qemu_bh_schedule(ctx->co_schedule_bh)` was called and the BH has not run since. */
  bhArmed = false;

  constructor(readonly id: number) {}
}
