import type { Clause } from './Clause';
import { bhEntriesOf, expectedAt, lostRefusal, observedAt, remainingVisits, rescheduledAfterCancel } from './facts';

/**
 * CO3 delivery. Violated when a poll completes without entering a coroutine whose schedule was live (a lost
 * wake-up: the coroutine is not entered at all in the rest of the step), or when the BH enters a coroutine a
 * second time for one schedule. A schedule made after a cancel while the stale record was still queued is
 * CO9's (its statement names that delivery); CO3 judges every other.
 */
export const CO3: Clause = {
  id: 'CO3',
  slug: 'delivery',
  statement: 'A schedule that is not cancelled is delivered: the next poll of its context enters the coroutine exactly once for it (a schedule made after a cancel, before the stale record was drained, is CO9\'s).',
  seed: [
    { lines: [80, 84], quote: 'void aio_co_schedule(AioContext *ctx, Coroutine *co) ... QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)' },
    { lines: [64, 71], quote: 'QSLIST_MOVE_ATOMIC(&reversed, &ctx->scheduled_coroutines); ... if (scheduled_ctx == ctx) qemu_coroutine_enter(co);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'several schedules on one context, some while its BH is already armed → poll',
  predicate: (d) => {
    if (d.outcome !== 'completed' || d.op.op !== 'poll') return null;
    const e = expectedAt(d);
    if (e !== undefined && e.ev === 'entered' && e.by === 'bh') {
      const enteredLater = d.observed.slice(d.index).some((o) => o.ev === 'entered' && o.co === e.co);
      if (!enteredLater && !rescheduledAfterCancel(d, e.co)) return `schedule of c${e.co} on x${e.ctx} was not delivered by poll(x${e.ctx})`;
    }
    const refused = lostRefusal(d);
    if (refused !== null && !rescheduledAfterCancel(d, refused)) return `schedule of c${refused} was not delivered by poll (the BH never reached it to refuse it)`;
    const o = observedAt(d);
    if (o !== undefined && o.ev === 'entered' && o.by === 'bh') {
      const passed = d.walk.filter((v) => v.record.co === o.co && v.at < d.index);
      const stale = d.walk.some((v) => v.record.co === o.co && v.outcome === 'stale');
      if (!stale && remainingVisits(d, o.co).length === 0 && passed.some((v) => v.outcome === 'delivered')) {
        return `c${o.co} was entered by the BH of x${o.ctx} ${bhEntriesOf(d.observed, o.co)} times for one schedule`;
      }
    }
    return null;
  },
};
