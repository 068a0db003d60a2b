import type { Clause } from '../../clauses/Clause';
import { st8Invariant } from '../interleaved/invariants';

/**
 * ST8 one-compare-and-swap (level 2). `aio_co_schedule` sets `co->scheduled` with one `qatomic_cmpxchg` from
 * NULL: of two schedules racing on one coroutine, exactly one wins and the other aborts. A schedule that reads
 * the mark and sets it in a second step lets both win: the coroutine is published twice and the BH enters it
 * twice. Not observable at level 1 (one operation is atomic there): the explorer checks the invariant on the
 * strict interleaved model (`cokit check --model interleaved --profile strict`).
 */
export const ST8: Clause = {
  id: 'ST8',
  slug: 'one-compare-and-swap',
  statement: 'Of two schedules racing on one coroutine, exactly one sets the mark and the other aborts; a pending schedule is never overwritten.',
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'aio_co_schedule', quote: 'const char *scheduled = qatomic_cmpxchg(&co->scheduled, NULL, __func__);' },
  ],
  level: 2,
  profile: 'strict',
  status: 'active',
  situation: 'schedule(c, x) on one thread ‖ schedule(c, y) on another',
  predicate: () => null,
  strictInvariant: st8Invariant,
  strictViolatedBy: 'check-then-set',
};
