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

/** The event as printed, or `nothing`. */
export const show = (e: Event | undefined): string => (e === undefined ? 'nothing' : eventToString(e));
