import type { Clause } from '../../clauses/Clause';
import { expectedAbort, insteadOfAbort } from './facts';

/**
 * ST5 abort-on-recursive-entry. Violated when entering a running coroutine (its caller set; or a coroutine
 * waking itself, `assert(self != co)` in `aio_co_enter`) does not abort with `recursive-entry`.
 */
export const ST5: Clause = {
  id: 'ST5',
  slug: 'abort-on-recursive-entry',
  statement: 'Entering a running coroutine aborts (recursive-entry); so does a coroutine waking itself.',
  seed: [],
  upstream: [
    { file: 'util/qemu-coroutine.c', fn: 'qemu_aio_coroutine_enter', quote: 'if (to->caller) { fprintf(stderr, "Co-routine re-entered recursively\\n"); abort(); } to->caller = from; to->ctx = ctx;' },
    { file: 'util/async.c', fn: 'aio_co_enter', quote: 'if (qemu_in_coroutine()) { Coroutine *self = qemu_coroutine_self(); assert(self != co); QSIMPLEQ_INSERT_TAIL(&self->co_queue_wakeup, co, co_queue_next); }' },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'a program that enters itself, two that enter each other, or one that wakes itself',
  predicate: (d) => {
    const a = expectedAbort(d, 'recursive-entry');
    if (a === null || d.outcome !== 'completed') return null;
    return `entering running c${a.co} must abort (recursive-entry), but ${insteadOfAbort(d)}`;
  },
};
