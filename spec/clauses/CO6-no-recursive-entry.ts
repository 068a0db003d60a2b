import type { Clause } from './Clause';
import { expectedAt, missedError, observedEntry, statusAt } from './facts';

/**
 * CO6 no-recursive-entry. Violated when a running coroutine is entered again, or when the attempt is not
 * reported as `recursive-entry` ("Co-routine re-entered recursively" in QEMU).
 */
export const CO6: Clause = {
  id: 'CO6',
  slug: 'no-recursive-entry',
  statement: 'Entering a running coroutine, directly or from a BH, is reported (recursive-entry) and never runs it twice at once.',
  seed: [
    { lines: [95, 104], quote: 'if aio_co_schedule() would be called after this point, this would be a problem ... reset co->scheduled only after setting co->caller' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'a coroutine whose program enters itself, or enters one that enters it back',
  predicate: (d) => {
    const c = observedEntry(d);
    const e = expectedAt(d);
    const missingExit = e !== undefined && (e.ev === 'yielded' || e.ev === 'terminated') && e.co === c;
    if (c !== null && !missingExit && statusAt(d, c) === 'running') return `c${c} was entered while it was running`;
    const missed = missedError(d, ['recursive-entry']);
    return missed === null ? null : `entering running c${missed.co} was not reported as recursive-entry`;
  },
};
