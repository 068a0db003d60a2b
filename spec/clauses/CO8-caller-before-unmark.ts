import type { Clause } from './Clause';
import { co8Invariant } from '../interleaved/invariants';

/**
 * CO8 caller-before-unmark (level 2). `qemu_aio_coroutine_enter` sets `co->caller` before it clears
 * `co->scheduled`, so a schedule that slips in after the clear (the seed's "second case", which callers'
 * AioContext locking should already prevent) is caught: the BH's entry finds the caller set and reports
 * recursive entry. Clearing first opens a window in which the BH finds the mark and no caller and enters the
 * coroutine that the direct entry is about to switch to. Not observable in a level-1 trace, nor in events
 * alone (the patch's own check-then-set of the caller allows the same double entry): the explorer checks
 * the invariant on the interleaved model, and at level 2 the kit replays an adapter's atomic steps in it.
 */
export const CO8: Clause = {
  id: 'CO8',
  slug: 'caller-before-unmark',
  statement: 'A BH racing a direct entry either skips the coroutine or sees the caller set and reports recursive-entry; it never enters it a second time.',
  seed: [
    { lines: [102, 105], quote: 'reset co->scheduled only after setting co->caller to make the above check effective for the co_schedule_bh_cb() case. atomic_set(&co->scheduled, NULL);' },
    { lines: [95, 97], quote: 'The other way round, if aio_co_schedule() would be called after this point, this would be a problem, too' },
  ],
  level: 2,
  profile: 'cancel',
  status: 'active',
  situation: 'enter(c) on one thread clears the mark; schedule(c, x) on another; x\'s BH reads the mark and checks the caller',
  predicate: () => null,
  invariant: co8Invariant,
  violatedBy: 'unmark-before-caller',
};
