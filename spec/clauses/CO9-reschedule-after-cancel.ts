import type { Clause } from './Clause';
import { bhVisitsOf, enteredAtStale, hasStaleRecord, observedBhEntry, observedBhVisit, revisitedStale } from './facts';

/**
 * CO9 reschedule-after-cancel. In a poll whose list holds a record left stale by a cancel (its coroutine
 * scheduled again since), violated when the step hangs or crashes — the seed's intrusive list links the node
 * twice and loops — or when the BH visits a coroutine with a stale record and a live one more often than the
 * spec does (the stale record was not skipped). A delivery lost behind a stale record is indistinguishable
 * in the trace from a lost wake-up and is judged by CO3.
 */
export const CO9: Clause = {
  id: 'CO9',
  slug: 'reschedule-after-cancel',
  statement: 'A coroutine whose schedule was cancelled may be scheduled again before the stale record is drained; the new schedule is delivered exactly once, the stale record never.',
  seed: [
    { lines: [80, 84], quote: 'atomic_mb_set(&co->scheduled, ctx); QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)' },
    { lines: [72, 78], quote: 'This must be a cancelled aio_co_schedule() ... assert(scheduled_ctx == NULL);' },
  ],
  level: 1,
  profile: 'cancel',
  status: 'active',
  situation: 'schedule(c, x) → enter(c) → c yields → schedule(c, x) → poll(x)',
  predicate: (d) => {
    if (d.op.op !== 'poll' || !hasStaleRecord(d)) return null;
    if (d.outcome === 'timeout') return `poll(x${d.op.ctx}) never returned with a stale record on its list`;
    if (d.outcome === 'crash') return `poll(x${d.op.ctx}) crashed with a stale record on its list`;
    const early = observedBhEntry(d);
    if (early !== null && enteredAtStale(d, early)) return `the BH of x${d.op.ctx} entered c${early} for a stale record while its newer schedule was pending`;
    const c = observedBhVisit(d);
    if (c === null || !revisitedStale(d, c)) return null;
    return `the BH visited c${c} ${bhVisitsOf(d, d.observed, c)} times, ${bhVisitsOf(d, d.expected, c)} expected: its stale record was not skipped`;
  },
};
