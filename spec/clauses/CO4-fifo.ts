import type { Clause } from './Clause';
import { expectedVisitAt, liveAt, lostRescheduleRefusal, observedBhVisit, remainingVisits, revisitedStale, visitedLater } from './facts';

/**
 * CO4 fifo. Violated when the BH enters a coroutine whose schedule, still live, is later on the list than
 * the record the spec's BH reaches next, and the overtaken coroutine is still entered (or refused) later in
 * the step: a reorder, not a loss.
 */
export const CO4: Clause = {
  id: 'CO4',
  slug: 'fifo',
  statement: "A context's BH enters the coroutines scheduled on it in the order they were scheduled.",
  seed: [
    { lines: [63, 66], quote: 'QSLIST_HEAD(, Coroutine) straight, reversed; QSLIST_MOVE_ATOMIC(&reversed, &ctx->scheduled_coroutines); ... QSLIST_REMOVE_HEAD(&straight, co_scheduled_next);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(a, x) → schedule(b, x) → poll(x)',
  predicate: (d) => {
    if (d.outcome !== 'completed') return null;
    const b = observedBhVisit(d);
    const a = expectedVisitAt(d);
    if (b === null || a === null || a === b || d.op.op !== 'poll') return null;
    if (!remainingVisits(d, b).some((v) => liveAt(d, v.record))) return null;
    // A re-schedule the BH never reached is CO9's loss, not a reorder.
    if (!visitedLater(d, a) || revisitedStale(d, b) || lostRescheduleRefusal(d) === a) return null;
    return `the BH of x${d.op.ctx} reached c${b} before c${a}, which was scheduled earlier`;
  },
};
