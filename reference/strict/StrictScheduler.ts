import { Scheduler, type Violation } from '../Scheduler';
import type { AioContext, Coroutine } from '../structs';
import type { AbortReason } from '../types';
import { type CoQueue, IntrusiveQueue } from '../queues';

/**
 * Thrown by the strict scheduler where upstream QEMU calls `abort()`: it unwinds every frame (coroutine
 * bodies, the BH, the entry loop) so nothing runs after it, and the session is over.
 */
export class SchedulerAbort extends Error {
  constructor(
    readonly reason: AbortReason,
    readonly co: number,
    message: string,
  ) {
    super(message);
    this.name = 'SchedulerAbort';
  }
}

/** What a check returns when it aborted and `stop` did return (only a broken scheduler's does): the call is refused silently. */
const ABORTED: Violation = { kind: 'recursive-entry', message: 'aborted' };

/**
 * The strict reference scheduler: upstream QEMU since commit 6133b39f ("coroutine: abort if we try to schedule
 * or enter a pending coroutine", QEMU 2.11). `co->scheduled` is set only by `aio_co_schedule`'s
 * compare-and-swap and cleared only by the BH right before it enters the coroutine; nothing is ever
 * cancelled. Scheduling or entering a coroutine whose mark is set aborts, and so does entering a running one.
 * Entering or scheduling a terminated coroutine (a use after free upstream) is reported and refused, as the
 * kit's contract asks. Each override is one decision, so a strict mutant is one override of this class.
 */
export class StrictScheduler extends Scheduler {
  /** `fprintf(stderr, ...); abort();`: report, then stop. */
  protected abort(reason: AbortReason, co: Coroutine, message: string): Violation {
    this.tracer.aborted(reason, co.id, message);
    this.stop(reason, co, message);
    return ABORTED;
  }

  /** `abort()` itself: nothing of this session runs after it. */
  protected stop(reason: AbortReason, co: Coroutine, message: string): void {
    throw new SchedulerAbort(reason, co.id, message);
  }

  /**
   * `aio_co_schedule`: `scheduled = qatomic_cmpxchg(&co->scheduled, NULL, __func__)`; if it was set, abort;
   * else publish and arm the BH (the base class's steps). A terminated coroutine is refused first.
   */
  protected override checkSchedule(ctx: AioContext, co: Coroutine): Violation | null {
    if (co.scheduled !== null) return this.abort('already-scheduled', co, "aio_co_schedule: Co-routine was already scheduled in 'aio_co_schedule'");
    if (co.status === 'terminated') return { kind: 'entry-after-termination', message: `c${co.id} scheduled on x${ctx.id} after it terminated` };
    return null;
  }

  protected override refuseSchedule(co: Coroutine, v: Violation): void {
    if (v !== ABORTED) super.refuseSchedule(co, v);
  }

  /** `co_schedule_bh_cb`: for every coroutine on the list, in order, `qatomic_set(&co->scheduled, NULL)` then enter it. */
  protected override co_schedule_bh_cb(ctx: AioContext): void {
    for (const record of this.walk(ctx)) {
      this.clearMark(record.co);
      this.qemu_aio_coroutine_enter(ctx, record.co, 'bh');
    }
  }

  /** The BH's `qatomic_set(&co->scheduled, NULL)` before it enters the coroutine. */
  protected clearMark(co: Coroutine): void {
    co.scheduled = null;
  }

  /**
   * `qemu_aio_coroutine_enter`'s checks, in upstream's order: `to->scheduled` set aborts ("Co-routine was
   * already scheduled"), then `to->caller` set aborts ("Co-routine re-entered recursively"); a terminated
   * coroutine is refused only after them, where QEMU would go on to use it.
   */
  protected override checkEntry(co: Coroutine): Violation | null {
    if (this.markSeenByEntry(co)) return this.abort('already-scheduled', co, "qemu_aio_coroutine_enter: Co-routine was already scheduled in 'aio_co_schedule'");
    if (co.status === 'running') return this.abort('recursive-entry', co, 'Co-routine re-entered recursively');
    if (co.status === 'terminated') return { kind: 'entry-after-termination', message: `c${co.id} entered after it terminated` };
    return null;
  }

  /** QEMU's wake queues: QSIMPLEQs over each coroutine's one `co_queue_next` link. */
  protected override newQueue(): CoQueue {
    return new IntrusiveQueue();
  }

  protected override refuseEntry(co: Coroutine, v: Violation): void {
    if (v !== ABORTED) super.refuseEntry(co, v);
  }

  /** The entry's `qatomic_mb_read(&to->scheduled)`: whether a schedule is pending. */
  protected markSeenByEntry(co: Coroutine): boolean {
    return co.scheduled !== null;
  }

  /** Upstream cancels nothing: the entry leaves `co->scheduled` alone (it is unset, or the entry aborted). */
  protected override cancel(_co: Coroutine): void {}

  /** `aio_co_enter`: a coroutine waking itself fails `assert(self != co)`, which aborts. */
  override aio_co_wake(co: Coroutine): void {
    if (co === this.self) {
      this.abort('recursive-entry', co, "aio_co_enter: Assertion `self != co' failed.");
      return;
    }
    super.aio_co_wake(co);
  }
}
