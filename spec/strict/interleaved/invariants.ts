import type { Invariant } from '../../explorer/types';
import { type SState, type StrictBounds, strictThreadName } from './state';
import type { SLabel } from './steps';

export type StrictInvariant = Invariant<SState, SLabel>;

/**
 * ST8 one-compare-and-swap, as a property of a step that sets the mark: it never overwrites another pending
 * schedule's mark. Upstream's `qatomic_cmpxchg(&co->scheduled, NULL, __func__)` makes that so: of two racing
 * schedules one wins and the other aborts. A read then a separate set lets both win: the coroutine is
 * published twice and delivered twice.
 */
export const st8Invariant = (b: StrictBounds): StrictInvariant => ({
  name: 'ST8 one-compare-and-swap',
  description: 'a schedule sets the mark only where it is unset: of two racing schedules one wins, the other aborts',
  check: (_post, pre, label) => {
    if (pre === null || label === null || label.step !== 'set' || (pre.mark[label.co] as number) < 0) return null;
    return `${strictThreadName(b, label.thread)} set c${label.co}'s mark to its schedule #${label.rec} over pending schedule #${pre.mark[label.co]}: both schedules are published, the coroutine is entered twice`;
  },
});

/** The records of coroutine `c` on the lists or in a BH's batch whose mark the BH has not cleared yet. */
function pendingRecords(b: StrictBounds, s: SState): Set<number> {
  const out = new Set<number>();
  for (const l of s.lists) for (const r of l) out.add(r);
  for (let t = 0; t < b.contexts; t++) {
    const th = s.threads[t];
    if (th === undefined) continue;
    th.batch.forEach((r, i) => {
      if (i > 0 || th.pc === 'clear-mark') out.add(r);
    });
  }
  return out;
}

/**
 * ST9 mark-before-publish, as a state property: a set mark belongs to a schedule that is pending (on a list,
 * or taken by a BH that has not cleared it yet) or about to be published by its thread. Publishing before the
 * compare-and-swap lets a BH deliver the schedule first; the mark then set stays forever, and every later
 * entry or schedule of the coroutine aborts.
 */
export const st9Invariant = (b: StrictBounds): StrictInvariant => ({
  name: 'ST9 mark-before-publish',
  description: 'a set mark always belongs to a pending schedule (none is left behind once its schedule was delivered)',
  check: (post) => {
    const pending = pendingRecords(b, post);
    for (const [c, m] of post.mark.entries()) {
      if (m < 0 || pending.has(m)) continue;
      const publishing = post.threads.some((th, t) => t >= b.contexts && th.rec === m && th.pc === 'publish');
      if (!publishing) return `c${c}'s mark names schedule #${m}, which is no longer pending: c${c} can never be entered or scheduled again without an abort`;
    }
    return null;
  },
});

/**
 * Not a promise of upstream's: a BH delivering a coroutine and a direct entry never run it at once (one of
 * them aborts instead). The explorer finds whether that holds (SPEC.md, profile strict, level 2). With
 * `anyThreads`, any two threads (two direct entries too).
 */
export const noDoubleEntry = (b: StrictBounds, anyThreads = false): StrictInvariant => ({
  name: anyThreads ? 'no-double-entry' : 'no-double-entry-bh-direct',
  description: anyThreads ? 'no coroutine is entered by two threads at once' : 'a BH delivery and a direct entry never both enter a coroutine at once: one of them aborts',
  check: (post) => {
    for (const [c, n] of post.running.entries()) {
      if (n < 2) continue;
      const inside = post.threads.flatMap((th, t) => (th.co === c && th.pc === 'yield' ? [t] : []));
      const bh = inside.find((t) => t < b.contexts);
      const driver = inside.find((t) => t >= b.contexts);
      if (anyThreads || (bh !== undefined && driver !== undefined)) return `c${c} is running on ${inside.map((t) => strictThreadName(b, t)).join(' and ')} at once: entered twice, and nobody aborted`;
    }
    return null;
  },
});

/** The strict interleaved model's invariants: the level-2 clauses'. */
export const strictInvariants = (b: StrictBounds): readonly StrictInvariant[] => [st8Invariant(b), st9Invariant(b)];
