import type { Clause } from '../../clauses/Clause';
import { expectedAbort, insteadOfAbort } from './facts';

/**
 * ST1 abort-on-pending-entry. Violated when entering a coroutine whose schedule is pending (its mark set) does
 * not abort with `already-scheduled` at that point: it enters it (the seed's cancel, or pre-patch QEMU's second
 * entry), reports an error and goes on, or does nothing.
 */
export const ST1: Clause = {
  id: 'ST1',
  slug: 'abort-on-pending-entry',
  statement: 'Entering a coroutine with a pending schedule aborts (already-scheduled): it is not entered, the schedule is not cancelled.',
  seed: [],
  upstream: [
    { file: 'util/qemu-coroutine.c', fn: 'qemu_aio_coroutine_enter', quote: "const char *scheduled = qatomic_mb_read(&to->scheduled); ... if (scheduled) { fprintf(stderr, \"%s: Co-routine was already scheduled in '%s'\\n\", __func__, scheduled); abort(); }" },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'schedule(c, x) → enter(c) (directly, from a coroutine, or woken)',
  predicate: (d) => {
    const a = expectedAbort(d, 'already-scheduled');
    if (a === null || a.site !== 'entry' || d.outcome !== 'completed') return null;
    return `entering c${a.co} while its schedule is pending must abort (already-scheduled), but ${insteadOfAbort(d)}`;
  },
};
