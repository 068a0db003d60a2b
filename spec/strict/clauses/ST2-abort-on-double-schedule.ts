import type { Clause } from '../../clauses/Clause';
import { expectedAbort, insteadOfAbort } from './facts';

/**
 * ST2 abort-on-double-schedule. Violated when scheduling a coroutine whose mark is set (on this context or
 * another) does not abort with `already-scheduled`: a second record is published, or the conflict is
 * reported as an error and the scheduler goes on (profile `cancel`'s answer).
 */
export const ST2: Clause = {
  id: 'ST2',
  slug: 'abort-on-double-schedule',
  statement: 'Scheduling a coroutine whose schedule is pending, on any context, aborts (already-scheduled).',
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'aio_co_schedule', quote: "const char *scheduled = qatomic_cmpxchg(&co->scheduled, NULL, __func__); if (scheduled) { fprintf(stderr, \"%s: Co-routine was already scheduled in '%s'\\n\", __func__, scheduled); abort(); }" },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'schedule(c, x) → schedule(c, y) before x polls (y may equal x)',
  predicate: (d) => {
    const a = expectedAbort(d, 'already-scheduled');
    if (a === null || a.site !== 'schedule' || d.outcome !== 'completed') return null;
    return `scheduling c${a.co} while its schedule is pending must abort (already-scheduled), but ${insteadOfAbort(d)}`;
  },
};
