import type { Clause } from './Clause';
import { bhVisitsOf, enteredAtStale, expectedAt, hasStaleRecord, lostRefusal, observedBhEntry, observedBhVisit, rescheduledAfterCancel, revisitedStale } from './facts';

/**
 * CO9 reschedule-after-cancel. Violated when a poll does not deliver a schedule made after a cancel while
 * the stale record was still queued (the coroutine is not entered at all in the rest of the step: the new
 * schedule was dropped), and, in a poll whose list holds a stale record, when
 * the step hangs or crashes — the seed's intrusive list links the node twice and loops — or when the BH
 * visits a coroutine with a stale record and a live one more often than the spec does (the stale record was
 * not skipped). A delivery lost for a coroutine with no stale record is CO3's.
 */
export const CO9: Clause = {
  id: 'CO9',
  slug: 'reschedule-after-cancel',
  statement: 'A coroutine whose schedule was cancelled may be scheduled again before the stale record is drained; the new schedule is delivered exactly once, the stale record never.',
  seed: [
    { lines: [80, 84], quote: 'atomic_mb_set(&co->scheduled, ctx); QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)' },
    { lines: [72, 78], quote: 'This must be a cancelled aio_co_schedule() ... assert(scheduled_ctx == NULL);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) → enter(c) → c yields → schedule(c, x or z) → poll(x), poll(z)',
  predicate: (d) => {
    if (d.op.op !== 'poll') return null;
    const e = expectedAt(d);
    if (d.outcome === 'completed' && e !== undefined && e.ev === 'entered' && e.by === 'bh' && rescheduledAfterCancel(d, e.co) && !d.observed.slice(d.index).some((o) => o.ev === 'entered' && o.co === e.co)) {
      return `the schedule of c${e.co} on x${e.ctx}, made after a cancel while its stale record was still queued, was not delivered by poll(x${e.ctx})`;
    }
    const refused = lostRefusal(d);
    if (refused !== null && rescheduledAfterCancel(d, refused)) return `the schedule of c${refused} on x${d.op.ctx}, made after a cancel while its stale record was still queued, was never reached by the BH of x${d.op.ctx} (it would have been refused)`;
    if (!hasStaleRecord(d)) return null;
    if (d.outcome === 'timeout') return `poll(x${d.op.ctx}) never returned with a stale record on its list`;
    if (d.outcome === 'crash') return `poll(x${d.op.ctx}) crashed with a stale record on its list`;
    const early = observedBhEntry(d);
    if (early !== null && enteredAtStale(d, early)) return `the BH of x${d.op.ctx} entered c${early} for a stale record while its newer schedule was pending`;
    const c = observedBhVisit(d);
    if (c === null || !revisitedStale(d, c)) return null;
    return `the BH visited c${c} ${bhVisitsOf(d, d.observed, c)} times, ${bhVisitsOf(d, d.expected, c)} expected: its stale record was not skipped`;
  },
};
