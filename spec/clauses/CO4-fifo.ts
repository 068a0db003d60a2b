import type { Clause } from './Clause';
import { expectedAt, observedBhEntry, remainingVisits } from './facts';

/**
 * CO4 fifo. Violated when the BH enters a coroutine whose live schedule is later on the list than the one
 * the spec enters next, and the overtaken coroutine still runs later in the step (a reorder, not a loss).
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
    const b = observedBhEntry(d);
    const e = expectedAt(d);
    if (b === null || e === undefined || e.ev !== 'entered' || e.by !== 'bh' || e.co === b) return null;
    if (!remainingVisits(d, b).some((v) => v.outcome === 'delivered')) return null;
    const overtakenRunsLater = d.observed.slice(d.index + 1).some((o) => o.ev === 'entered' && o.co === e.co);
    if (!overtakenRunsLater) return null;
    return `the BH of x${e.ctx} entered c${b} before c${e.co}, which was scheduled earlier`;
  },
};
