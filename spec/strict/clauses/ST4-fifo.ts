import type { Clause } from '../../clauses/Clause';
import { bhReorder } from './facts';

/**
 * ST4 fifo. Violated when the BH reaches (enters or refuses) a coroutine scheduled later than the one the
 * spec's BH reaches there: a reorder (what follows from it, a loss or an abort, is the reorder's doing).
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
    const r = bhReorder(d);
    return r === null || d.op.op !== 'poll' ? null : `the BH of x${d.op.ctx} reached c${r.early} before c${r.overtaken}, which was scheduled earlier`;
  },
};
