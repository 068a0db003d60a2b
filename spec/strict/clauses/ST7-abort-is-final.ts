import type { Clause } from '../../clauses/Clause';
import { observedAt, pastAbort, show } from './facts';

/**
 * ST7 abort-is-final. `abort()` ends the process: nothing runs after it. Violated when the adapter reports
 * events after the abort the spec predicts (it went on), or aborts twice.
 */
export const ST7: Clause = {
  id: 'ST7',
  slug: 'abort-is-final',
  statement: 'An abort ends the session: it is the last event; nothing is entered, yielded or reported after it.',
  seed: [],
  upstream: [
    { file: 'util/async.c', fn: 'aio_co_schedule', quote: "fprintf(stderr, \"%s: Co-routine was already scheduled in '%s'\\n\", __func__, scheduled); abort();" },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'a conflict that aborts, inside a BH batch or a coroutine with more to run',
  predicate: (d) => {
    if (d.outcome !== 'completed' || !pastAbort(d)) return null;
    return `after ${show(d.expected[d.expected.length - 1])} the scheduler went on: ${show(observedAt(d))}`;
  },
};
