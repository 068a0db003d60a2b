import type { Clause } from './Clause';
import { missedError } from './facts';

/**
 * CO5 one-context. A coroutine has at most one pending schedule. Violated when a second schedule while one
 * is pending — on another context (`scheduled-elsewhere`) or on the same (`double-schedule`) — is not
 * reported, which is what lets two BHs (or one, twice) enter it.
 */
export const CO5: Clause = {
  id: 'CO5',
  slug: 'one-context',
  statement: 'A coroutine is never scheduled on two contexts at once (nor twice on one); the attempt is reported and not delivered.',
  seed: [
    { lines: [74, 77], quote: 'If a coroutine is scheduled for two different AioContexts, something is very wrong. assert(scheduled_ctx == NULL);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) → schedule(c, y) before x polls',
  predicate: (d) => {
    const missed = missedError(d, ['scheduled-elsewhere', 'double-schedule']);
    return missed === null ? null : `second pending schedule of c${missed.co} was not reported as ${missed.ev === 'error' ? missed.kind : ''}`;
  },
};
