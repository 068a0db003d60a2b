import type { Clause } from './Clause';
import { enteredAtStale, liveAt, observedBhEntry, remainingVisits, statusAt } from './facts';

/**
 * CO1 cancel-on-direct-entry. Violated when a BH enters a live (not terminated) coroutine for a schedule
 * that a direct entry cancelled, and no live schedule of that coroutine remains on the list (with one
 * remaining, entering early is CO4's or CO9's concern).
 */
export const CO1: Clause = {
  id: 'CO1',
  slug: 'cancel-on-direct-entry',
  statement: 'A direct entry of a coroutine with a pending schedule cancels it: the BH does not enter it for that schedule.',
  seed: [
    { lines: [29, 36], quote: 'the coroutine may be scheduled before it is (directly) entered from a second place ... we\'ll cancel any pending aio_co_schedule()' },
    { lines: [69, 78], quote: 'scheduled_ctx = atomic_mb_read(&co->scheduled); if (scheduled_ctx == ctx) qemu_coroutine_enter(co); else /* a cancelled aio_co_schedule() */' },
    { lines: [90, 105], quote: 'This is achieved by cancelling the pending aio_co_schedule(). ... atomic_set(&co->scheduled, NULL);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) → enter(c) → c yields → poll(x)',
  predicate: (d) => {
    const c = observedBhEntry(d);
    if (c === null) return null;
    const status = statusAt(d, c);
    if (status === 'terminated' || status === 'running') return null;
    const visits = remainingVisits(d, c);
    if (visits.length === 0 || visits.some((v) => liveAt(d, v.record)) || enteredAtStale(d, c)) return null;
    const v = visits[0];
    return `the BH of x${v?.record.ctx} entered c${c} for schedule #${v?.record.seq}, which a direct entry had cancelled${v?.outcome === 'stale' ? ' (and a later schedule superseded)' : ''}`;
  },
};
