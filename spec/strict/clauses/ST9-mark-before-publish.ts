import type { Clause } from '../../clauses/Clause';
import { st9Invariant } from '../interleaved/invariants';

/**
 * ST9 mark-before-publish (level 2). `aio_co_schedule` sets the mark (its compare-and-swap) before
 * `QSLIST_INSERT_HEAD_ATOMIC` makes the coroutine visible to the BH, and the BH clears the mark before it
 * enters: so a set mark always belongs to a pending schedule. Publishing first lets the BH deliver the
 * schedule (clearing an unset mark) before the mark is set; the mark then stays set forever and every later
 * entry or schedule of the coroutine aborts. Checked on the strict interleaved model.
 */
export const ST9: Clause = {
  id: 'ST9',
  slug: 'mark-before-publish',
  statement: 'A set mark always belongs to a pending schedule: no delivered schedule leaves its mark behind.',
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'aio_co_schedule', quote: 'qatomic_cmpxchg(&co->scheduled, NULL, __func__) ... QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next); qemu_bh_schedule(ctx->co_schedule_bh);' },
    { file: 'util/async.c', fn: 'co_schedule_bh_cb', quote: '/* Protected by write barrier in qemu_aio_coroutine_enter */ qatomic_set(&co->scheduled, NULL); qemu_aio_coroutine_enter(ctx, co);' },
  ],
  level: 2,
  profile: 'strict',
  status: 'active',
  situation: 'schedule(c, x) on one thread while the BH of x runs',
  predicate: () => null,
  strictInvariant: st9Invariant,
  strictViolatedBy: 'publish-before-mark',
};
