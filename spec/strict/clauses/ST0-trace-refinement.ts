import type { Clause } from '../../clauses/Clause';
import { expectedAt, observedAt, show } from './facts';

/**
 * ST0 trace-refinement (profile `strict`): the refinement claim. Every step's trace is the strict spec's
 * prediction; ST0 gets only what no specific strict clause claims.
 */
export const ST0: Clause = {
  id: 'ST0',
  slug: 'trace-refinement',
  statement: 'Every driver operation produces exactly the events the strict spec predicts, in order.',
  seed: [],
  upstream: [
    { file: 'util/qemu-coroutine.c', fn: 'qemu_aio_coroutine_enter', quote: 'if the Coroutine has already been scheduled, entering it again will cause us to enter it twice, potentially even after the coroutine has been deleted' },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'any sequence of driver operations',
  predicate: (d) => (d.outcome !== 'completed' ? null : `event ${d.index}: expected ${show(expectedAt(d))}, observed ${show(observedAt(d))}`),
};
