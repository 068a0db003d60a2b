import type { AioContext, ScheduleRecord } from './AioContext';
import type { CoroutineStatus } from './types';

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
  /** `co->co_queue_wakeup`: coroutines woken (same context) while this one ran, entered after it yields. */
  wakeups: Coroutine[] = [];
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
