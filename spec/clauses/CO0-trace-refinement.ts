import type { Clause } from './Clause';
import { eventToString } from '../model/events';
import { expectedAt, observedAt } from './facts';

/**
 * CO0 trace-refinement: the refinement claim. Every step's trace is the spec's prediction. The specific
 * clauses name the divergences they recognise; the judge gives CO0 only what no specific clause claims,
 * so a scheduler that goes wrong in a way no clause foresaw is still rejected, and by a clause that says so.
 */
export const CO0: Clause = {
  id: 'CO0',
  slug: 'trace-refinement',
  statement: 'Every driver operation produces exactly the events the spec predicts, in order.',
  seed: [{ lines: [34, 36], quote: "we'll cancel any pending aio_co_schedule() when the coroutine is actually entered. Reentering it once is enough" }],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'any sequence of driver operations',
  predicate: (d) => {
    if (d.outcome !== 'completed') return null;
    const e = expectedAt(d);
    const o = observedAt(d);
    return `event ${d.index}: expected ${e ? eventToString(e) : 'no more events'}, observed ${o ? eventToString(o) : 'no more events'}`;
  },
};
