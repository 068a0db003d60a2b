import type { CoroutineId } from '../model/ids';
import type { ContractErrorKind, Event } from '../model/events';
import type { BhVisit } from '../model/step';
import type { CoroutineStatus } from '../model/state';
import type { Divergence } from './Clause';

/** Facts about a divergence that several clauses' predicates read. Pure helpers, no clause logic. */

/** The event the spec predicted at the divergence point, if any. */
export const expectedAt = (d: Divergence): Event | undefined => d.expected[d.index];
/** The event the adapter produced at the divergence point, if any. */
export const observedAt = (d: Divergence): Event | undefined => d.observed[d.index];

/** Status of `c` at the divergence point, per the spec: its pre-state status updated by the agreed prefix. */
export function statusAt(d: Divergence, c: CoroutineId): CoroutineStatus | undefined {
  let status = d.pre.coroutines[c]?.status;
  for (let i = 0; i < d.index; i++) {
    const e = d.expected[i];
    if (e === undefined || e.ev === 'error' || e.co !== c) continue;
    status = e.ev === 'entered' ? 'running' : e.ev === 'yielded' ? 'suspended' : 'terminated';
  }
  return status;
}

/** The records of the BH's walk for `c` it had not yet reached at the divergence point. */
export function remainingVisits(d: Divergence, c: CoroutineId): BhVisit[] {
  if (d.op.op !== 'poll') return [];
  return d.walk.filter((v) => v.record.co === c && v.at >= d.index);
}

/** Whether the adapter entered `c` from the BH at the divergence point. */
export function observedBhEntry(d: Divergence): CoroutineId | null {
  const o = observedAt(d);
  return o !== undefined && o.ev === 'entered' && o.by === 'bh' && d.op.op === 'poll' ? o.co : null;
}

/** Whether the adapter entered `c` (any way) at the divergence point. */
export function observedEntry(d: Divergence): CoroutineId | null {
  const o = observedAt(d);
  return o !== undefined && o.ev === 'entered' ? o.co : null;
}

/** The contract error the spec predicted at the divergence point that the adapter did not report there. */
export function missedError(d: Divergence, kinds: readonly ContractErrorKind[]): Event | null {
  const e = expectedAt(d);
  if (e === undefined || e.ev !== 'error' || !(kinds as readonly string[]).includes(e.kind)) return null;
  return e;
}

/** Number of BH entries of `c` in a trace from index `from` on. */
export const bhEntriesOf = (events: readonly Event[], c: CoroutineId, from = 0): number =>
  events.slice(from).filter((e) => e.ev === 'entered' && e.by === 'bh' && e.co === c).length;

/** Whether the step is a poll whose list holds a record left stale by a cancel and a newer live schedule. */
export const hasStaleRecord = (d: Divergence): boolean => d.walk.some((v) => v.outcome === 'stale');
