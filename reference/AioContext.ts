import type { Coroutine } from './Coroutine';

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
