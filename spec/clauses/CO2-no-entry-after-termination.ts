import type { Clause } from './Clause';
import { lostRefusal, lostRescheduleRefusal, missedError, observedEntry, statusAt } from './facts';

/**
 * CO2 no-entry-after-termination. Violated when a terminated coroutine is entered (by the BH for an old
 * schedule, or directly), or when entering or scheduling it is not reported as `entry-after-termination`.
 */
export const CO2: Clause = {
  id: 'CO2',
  slug: 'no-entry-after-termination',
  statement: 'A coroutine is never entered after it terminated, in particular not by a BH for a schedule made before; the attempt is reported.',
  seed: [
    { lines: [18, 19], quote: 'When the loop condition becomes false and the first reenter already leaves the loop, we must not do a second reenter.' },
    { lines: [73, 77], quote: 'This must be a cancelled aio_co_schedule() because the coroutine was already entered before this BH had a chance to run.' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) → enter(c) → c terminates → poll(x)',
  predicate: (d) => {
    const c = observedEntry(d);
    if (c !== null && statusAt(d, c) === 'terminated') return `c${c} was entered after it terminated`;
    const missed = missedError(d, ['entry-after-termination']);
    if (missed !== null && lostRefusal(d) === null && lostRescheduleRefusal(d) === null) return `entering or scheduling terminated c${missed.co} was not reported as entry-after-termination`;
    return null;
  },
};
