import type { CoroutineId } from '../../model/ids';
import type { AbortKind, Event } from '../../model/events';
import { eventToString } from '../../model/events';
import type { Divergence } from '../../clauses/Clause';
import { expectedAt, observedAt, remainingVisits, statusAt } from '../../clauses/facts';

/** Facts of a divergence that profile `strict`'s predicates read. Pure helpers, no clause logic. */

/** Where a predicted abort comes from: `aio_co_schedule`'s compare-and-swap, or an entry's checks. */
export type AbortSite = 'schedule' | 'entry';

/** The abort the spec predicted at the divergence point, with its site (from the spec's own message). */
export function expectedAbort(d: Divergence, kind: AbortKind): { co: CoroutineId; site: AbortSite } | null {
  const e = expectedAt(d);
  if (e === undefined || e.ev !== 'abort' || e.kind !== kind) return null;
  return { co: e.co, site: e.message.startsWith('aio_co_schedule') ? 'schedule' : 'entry' };
}

/** What the adapter did instead of a predicted abort, in words. */
export function insteadOfAbort(d: Divergence): string {
  const o = observedAt(d);
  if (o === undefined) return 'it reported nothing and went on';
  if (o.ev === 'abort') return `it aborted with ${eventToString(o)}`;
  if (o.ev === 'error') return `it reported ${eventToString(o)} and went on (a scheduler that continues after the conflict)`;
  return `it went on: ${eventToString(o)}`;
}

export { expectedAt, observedAt, remainingVisits, statusAt };

/** Whether the adapter's step entered `c` anywhere at or after the divergence point. */
export const entersLater = (d: Divergence, c: CoroutineId): boolean => d.observed.slice(d.index).some((o) => o.ev === 'entered' && o.co === c);

/**
 * A reorder by the BH: at the divergence point of a poll, the adapter's BH reached (entered or refused) a
 * coroutine whose record comes later in the spec's walk than the one the spec's BH reaches there.
 */
export function bhReorder(d: Divergence): { early: CoroutineId; overtaken: CoroutineId } | null {
  if (d.op.op !== 'poll' || d.outcome !== 'completed' || pastAbort(d)) return null;
  const o = observedAt(d);
  if (o === undefined || !((o.ev === 'entered' && o.by === 'bh') || (o.ev === 'error' && o.kind === 'entry-after-termination'))) return null;
  // The records the BH took, in delivery order (the spec's walk stops at an abort; the list does not).
  const list = d.pre.contexts[d.op.ctx]?.list ?? [];
  // The next record the spec's BH reaches at or after this point (past its walk when an abort cut the walk short).
  const next = d.walk.find((v) => v.at >= d.index);
  const k = next === undefined ? d.walk.length : list.findIndex((r) => r.seq === next.record.seq);
  const overtaken = list[k];
  if (overtaken === undefined || overtaken.co === o.co) return null;
  return list.slice(k + 1).some((r) => r.co === o.co) ? { early: o.co, overtaken: overtaken.co } : null;
}

/** Whether the divergence lies past an abort the spec predicted last in the step (the scheduler went on: ST7's). */
export function pastAbort(d: Divergence): boolean {
  const last = d.expected[d.expected.length - 1];
  return d.index >= d.expected.length && last !== undefined && last.ev === 'abort';
}

/** The event as printed, or `nothing`. */
export const show = (e: Event | undefined): string => (e === undefined ? 'nothing' : eventToString(e));
