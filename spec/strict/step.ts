import type { ContextId, CoroutineId } from '../model/ids';
import type { AbortKind } from '../model/events';
import type { DriverOp } from '../model/ops';
import type { CoroutineState, ScheduleRecord, State } from '../model/state';
import { Machine, type StepResult, stepWith } from '../model/step';
import { whyNotEnabled } from '../model/enabled';
import { IntrusiveQueues } from './intrusiveQueues';

/** QEMU's stderr line for an abort, by the function that aborts (`__func__`) and the reason. */
export function abortMessage(fn: 'aio_co_schedule' | 'qemu_aio_coroutine_enter' | 'aio_co_enter', kind: AbortKind): string {
  if (kind === 'recursive-entry') return fn === 'aio_co_enter' ? 'aio_co_enter: Assertion `self != co\' failed.' : 'Co-routine re-entered recursively';
  return `${fn}: Co-routine was already scheduled in 'aio_co_schedule'`;
}

/**
 * Profile `strict`: upstream QEMU since 6133b39f ("coroutine: abort if we try to schedule or enter a pending
 * coroutine", QEMU 2.11). `co->scheduled` is set by a compare-and-swap in `aio_co_schedule` and cleared only
 * by the BH, just before it enters the coroutine; nothing is ever cancelled. Scheduling a coroutine whose
 * mark is set, or entering one, aborts; so does entering a running one. An abort ends the session.
 *
 * Entering or scheduling a terminated coroutine is a use after free upstream (`coroutine_delete`); the kit
 * keeps profile `cancel`'s contract for it: reported as `error(entry-after-termination)`, nothing changes,
 * but only after QEMU's own checks (a terminated coroutine whose mark is still set aborts, as QEMU does).
 * Wake queues are QEMU's intrusive QSIMPLEQs (`IntrusiveQueues`).
 */
export class StrictMachine extends Machine {
  protected override readonly queues = new IntrusiveQueues();

  private abort(kind: AbortKind, co: CoroutineId, message: string): void {
    this.events.push({ ev: 'abort', kind, co, message });
    this.aborted = { kind, co };
  }

  /** `aio_co_schedule`: `qatomic_cmpxchg(&co->scheduled, NULL, __func__)`; already set: abort. */
  override schedule(c: CoroutineId, x: ContextId): void {
    if (this.aborted !== undefined) return;
    const s = this.co(c);
    if (s.scheduled !== null) return this.abort('already-scheduled', c, abortMessage('aio_co_schedule', 'already-scheduled'));
    if (s.status === 'terminated') return this.error('entry-after-termination', c, `c${c} scheduled on x${x} after it terminated`);
    const record: ScheduleRecord = { co: c, ctx: x, seq: this.nextSeq++ };
    this.coroutines[c] = { ...s, scheduled: record, lastSeq: record.seq };
    const ctx = this.ctx(x);
    this.contexts[x] = { list: [...ctx.list, record], armed: true };
  }

  /**
   * `co_schedule_bh_cb`: take the list, and for every record, in scheduling order, `qatomic_set(&co->scheduled,
   * NULL)` then `qemu_aio_coroutine_enter(ctx, co)`. No record is skipped.
   */
  override poll(x: ContextId): void {
    const ctx = this.ctx(x);
    if (!ctx.armed) return;
    this.contexts[x] = { list: [], armed: false };
    for (const record of ctx.list) {
      if (this.aborted !== undefined) return;
      const at = this.events.length;
      this.coroutines[record.co] = { ...this.co(record.co), scheduled: null };
      const entered = this.enterLoop(record.co, x, 'bh', { kind: 'bh', ctx: x });
      this.walk.push({ record, outcome: entered ? 'delivered' : 'refused', at, newerPending: false });
    }
  }

  /**
   * `qemu_aio_coroutine_enter`'s checks in QEMU's order: the mark set aborts ("Co-routine was already
   * scheduled"), then a caller set aborts ("Co-routine re-entered recursively"); only then is a terminated
   * coroutine refused (the kit's contract, see the class comment), where QEMU would go on to use it.
   */
  protected override refuseEntry(c: CoroutineId, s: CoroutineState): boolean {
    if (s.scheduled !== null) {
      this.abort('already-scheduled', c, abortMessage('qemu_aio_coroutine_enter', 'already-scheduled'));
      return true;
    }
    if (s.status === 'running') {
      this.abort('recursive-entry', c, abortMessage('qemu_aio_coroutine_enter', 'recursive-entry'));
      return true;
    }
    if (s.status === 'terminated') {
      this.error('entry-after-termination', c, `c${c} entered after it terminated`);
      return true;
    }
    return false;
  }

  /** `aio_co_enter`: `assert(self != co)`, a failed assertion aborts. */
  protected override wakeSelf(c: CoroutineId): void {
    this.abort('recursive-entry', c, abortMessage('aio_co_enter', 'recursive-entry'));
  }
}

/** Why `op` is not enabled in profile `strict`: as in `cancel`, and nothing after an abort. */
export function whyNotEnabledStrict(state: State, op: DriverOp): string | null {
  if (state.aborted !== undefined) return `the session aborted (${state.aborted.kind} on c${state.aborted.co}): nothing follows an abort`;
  return whyNotEnabled(state, op);
}

/** The level-1 semantics of profile `strict`: one driver operation as one atomic step. */
export function stepStrict(state: State, op: DriverOp): StepResult {
  if (state.aborted !== undefined) return { kind: 'disabled', reason: whyNotEnabledStrict(state, op) ?? '' };
  return stepWith(state, op, (s) => new StrictMachine(s));
}
