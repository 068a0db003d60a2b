import type { Clause } from '../../clauses/Clause';
import { bhReorder, expectedAt, observedAt, show, statusAt } from './facts';

/**
 * ST6 no-entry-after-termination. Upstream frees a coroutine when it terminates (`coroutine_delete`), so
 * entering or scheduling it afterwards is a use after free; the kit keeps profile `cancel`'s contract for it.
 * Violated when a terminated coroutine is entered, or the attempt is not reported as
 * `error(entry-after-termination)`.
 */
export const ST6: Clause = {
  id: 'ST6',
  slug: 'no-entry-after-termination',
  statement: 'A terminated coroutine is never entered (its memory is freed upstream); entering or scheduling it is reported and changes nothing (after QEMU\'s own checks: with its mark still set, it aborts).',
  seed: [],
  upstream: [
    { file: 'util/qemu-coroutine.c', fn: 'qemu_aio_coroutine_enter', quote: 'case COROUTINE_TERMINATE: assert(!to->locks_held); trace_qemu_coroutine_terminate(to); coroutine_delete(to); break;' },
  ],
  level: 1,
  profile: 'strict',
  status: 'active',
  situation: 'enter(c) → c terminates → enter(c), schedule(c, x); or c schedules itself and terminates → poll(x)',
  predicate: (d) => {
    const o = observedAt(d);
    if (o !== undefined && o.ev === 'entered' && statusAt(d, o.co) === 'terminated') return `c${o.co} was entered after it terminated`;
    const e = expectedAt(d);
    // A BH that aborts on the coroutine's own schedule did not clear the mark: ST3's.
    const unclearedBh = d.op.op === 'poll' && o !== undefined && o.ev === 'abort' && o.kind === 'already-scheduled';
    if (d.outcome === 'completed' && bhReorder(d) === null && !unclearedBh && e !== undefined && e.ev === 'error' && e.kind === 'entry-after-termination') {
      return `entering or scheduling terminated c${e.co} was not reported as entry-after-termination (observed ${show(o)})`;
    }
    return null;
  },
};
