import type { Clause } from '../../clauses/Clause';
import { bhReorder, pastAbort, entersLater, expectedAt, observedAt, remainingVisits } from './facts';

/**
 * ST3 delivery. Violated when a poll completes without entering a coroutine the spec's BH enters (nothing is
 * ever cancelled upstream: a BH that skips a record, e.g. because it still checks a mark, loses the wake-up),
 * or when the BH enters a coroutine it has no schedule left for (a second entry for one schedule). A reorder
 * is ST4's.
 */
export const ST3: Clause = {
  id: 'ST3',
  slug: 'delivery',
  statement: 'Every schedule is delivered: the next poll of its context clears the mark and enters the coroutine exactly once for it; nothing is skipped.',
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'co_schedule_bh_cb', quote: 'while (!QSLIST_EMPTY(&straight)) { Coroutine *co = QSLIST_FIRST(&straight); ... /* Protected by write barrier in qemu_aio_coroutine_enter */ qatomic_set(&co->scheduled, NULL); qemu_aio_coroutine_enter(ctx, co); }' },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'several schedules on one context, some while its BH is already armed → poll',
  predicate: (d) => {
    if (d.outcome !== 'completed' || d.op.op !== 'poll' || bhReorder(d) !== null || pastAbort(d)) return null;
    const e = expectedAt(d);
    if (e !== undefined && e.ev === 'entered' && e.by === 'bh' && !entersLater(d, e.co)) return `schedule of c${e.co} on x${e.ctx} was not delivered by poll(x${e.ctx})`;
    const o = observedAt(d);
    if (o !== undefined && o.ev === 'entered' && o.by === 'bh' && remainingVisits(d, o.co).length === 0) {
      return `the BH of x${o.ctx} entered c${o.co} with no schedule of it left on its list (a second entry for one schedule)`;
    }
    const bhVisit = e !== undefined && ((e.ev === 'entered' && e.by === 'bh') || (e.ev === 'error' && e.kind === 'entry-after-termination'));
    if (o !== undefined && o.ev === 'abort' && o.kind === 'already-scheduled' && e !== undefined && bhVisit && o.co === e.co) {
      return `the BH of x${d.op.ctx} aborted (${o.kind}) entering c${o.co} for its own schedule: it must clear the mark before it enters`;
    }
    return null;
  },
};
