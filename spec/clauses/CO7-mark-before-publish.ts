import type { Clause } from './Clause';
import { co7Invariant } from '../interleaved/invariants';

/**
 * CO7 mark-before-publish (level 2). `aio_co_schedule` sets `co->scheduled` before it links the coroutine
 * into the list, so a `co_schedule_bh_cb` that takes the list and reads the mark can only find it unset if an
 * entry cancelled the schedule. Publishing first lets a BH (armed by an earlier schedule) take the record,
 * read no mark, skip it as cancelled, and lose the wake-up. Not observable in a level-1 trace: its predicate
 * claims no divergence. The explorer checks its invariant on the interleaved model; at level 2 the kit
 * replays an adapter's own atomic steps in that model and checks it at every step (judgeInterleaved); at
 * level 3 only events are seen, and a lost wake-up that only publish-before-mark explains is CO7's
 * (judgeConcurrent).
 */
export const CO7: Clause = {
  id: 'CO7',
  slug: 'mark-before-publish',
  statement: 'A BH that finds a coroutine on its list finds its mark set (unless a direct entry cancelled the schedule): no wake-up is lost.',
  seed: [
    { lines: [82, 83], quote: 'Set co->scheduled before the coroutine becomes visible in the list: atomic_mb_set(&co->scheduled, ctx);' },
    { lines: [69, 78], quote: 'scheduled_ctx = atomic_mb_read(&co->scheduled); if (scheduled_ctx == ctx) qemu_coroutine_enter(co); else ... a cancelled aio_co_schedule()' },
  ],
  level: 2,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) publishes while an earlier schedule on x has armed its BH; the BH takes the list and reads the mark',
  predicate: () => null,
  invariant: co7Invariant,
  violatedBy: 'publish-before-mark',
};
