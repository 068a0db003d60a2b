import type { Clause } from '../../clauses/Clause';
import { entersLater, expectedAt, observedAt, remainingVisits } from './facts';

/**
 * ST4 fifo. Violated when the BH enters a coroutine scheduled later than the one the spec's BH enters next,
 * and the overtaken one is still entered later in the step: a reorder, not a loss.
 */
export const ST4: Clause = {
  id: 'ST4',
  slug: 'fifo',
  statement: "A context's BH enters the coroutines scheduled on it in the order they were scheduled.",
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'co_schedule_bh_cb', quote: 'QSLIST_MOVE_ATOMIC(&reversed, &ctx->scheduled_coroutines); QSLIST_INIT(&straight); while (!QSLIST_EMPTY(&reversed)) { ... QSLIST_INSERT_HEAD(&straight, co, co_scheduled_next); }' },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'schedule(a, x) → schedule(b, x) → poll(x)',
  predicate: (d) => {
    if (d.outcome !== 'completed' || d.op.op !== 'poll') return null;
    const e = expectedAt(d);
    const o = observedAt(d);
    if (e === undefined || o === undefined || e.ev !== 'entered' || o.ev !== 'entered' || e.by !== 'bh' || o.by !== 'bh' || e.co === o.co) return null;
    if (remainingVisits(d, o.co).length === 0 || !entersLater(d, e.co)) return null;
    return `the BH of x${d.op.ctx} entered c${o.co} before c${e.co}, which was scheduled earlier`;
  },
};
