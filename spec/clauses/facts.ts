import type { CoroutineId } from '../model/ids';
import { sameEvent, type ContractErrorKind, type Event } from '../model/events';
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
    if (e === undefined || e.ev === 'error' || e.ev === 'abort' || e.co !== c) continue;
    status = e.ev === 'entered' ? 'running' : e.ev === 'yielded' ? 'suspended' : 'terminated';
  }
  return status;
}

/** The records of the BH's walk for `c` it had not yet reached at the divergence point. */
export function remainingVisits(d: Divergence, c: CoroutineId): BhVisit[] {
  if (d.op.op !== 'poll') return [];
  return d.walk.filter((v) => v.record.co === c && v.at >= d.index);
}

/**
 * The coroutine the adapter's BH visited at the divergence point: entered from the BH, or refused with a
 * contract error during a poll.
 */
export function observedBhVisit(d: Divergence): CoroutineId | null {
  const o = observedAt(d);
  if (o === undefined || d.op.op !== 'poll') return null;
  if (o.ev === 'entered' && o.by === 'bh') return o.co;
  if (o.ev === 'error' && (o.kind === 'entry-after-termination' || o.kind === 'recursive-entry')) return o.co;
  return null;
}

/**
 * A BH visit the spec refuses at the divergence point that the adapter never made (a lost schedule): no BH
 * visit of that coroutine from there on (an error raised by a running coroutine's instruction is no visit).
 */
export function lostRefusal(d: Divergence): CoroutineId | null {
  const v = d.walk.find((w) => w.at === d.index && w.outcome === 'refused');
  if (v === undefined || d.outcome !== 'completed') return null;
  const c = v.record.co;
  return bhVisitsOf(d, d.observed, c, d.index) > 0 ? null : c;
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

/**
 * The contract error the spec predicted at the divergence point that the adapter did not report, there or
 * later in the step (fewer such errors observed than predicted from here on; an error reported late is a
 * displacement, judged by whatever came first) — when the adapter did attempt the operation: its trace goes
 * on as the spec's would without that report (its next event is the spec's next one, or both end there).
 * An adapter whose trace turns elsewhere at that point (a coroutine that never ran on to the instruction,
 * another coroutine entered instead) never attempted the operation, and is not blamed for its report.
 */
export function missedError(d: Divergence, kinds: readonly ContractErrorKind[]): Event | null {
  if (d.outcome !== 'completed') return null;
  const e = expectedAt(d);
  if (e === undefined || e.ev !== 'error' || !(kinds as readonly string[]).includes(e.kind)) return null;
  const count = (es: readonly Event[]): number => es.slice(d.index).filter((o) => o.ev === 'error' && o.kind === e.kind && o.co === e.co).length;
  if (count(d.observed) >= count(d.expected)) return null;
  // The reports the spec makes right after this one (an operation may break several contracts at once).
  let j = d.index + 1;
  while (d.expected[j]?.ev === 'error') j++;
  const reports = d.expected.slice(d.index + 1, j);
  const next = d.expected[j];
  const got = observedAt(d);
  if (got !== undefined && reports.some((r) => sameEvent(r, got))) return e;
  const attempted = next === undefined || got === undefined ? next === got : sameEvent(next, got);
  return attempted ? e : null;
}

/**
 * A refusal the spec's BH makes at the divergence point, of a coroutine in CO9's situation (scheduled again
 * after a cancel), that the adapter's BH made fewer times from there on: the re-schedule was dropped.
 * (A refusal raised later by a wake-up of the same coroutine is no substitute for the BH's own visit.)
 */
export function lostRescheduleRefusal(d: Divergence): CoroutineId | null {
  const v = d.walk.find((w) => w.at === d.index && w.outcome === 'refused');
  if (v === undefined || d.outcome !== 'completed' || !rescheduledAfterCancel(d, v.record.co)) return null;
  const c = v.record.co;
  // The BH did reach the record and entered the terminated coroutine instead of refusing it: that is CO2's
  // "never entered after it terminated", not a lost re-schedule.
  const refusal = d.expected[d.index];
  const seen = d.observed[d.index];
  if (refusal?.ev === 'error' && refusal.kind === 'entry-after-termination' && seen?.ev === 'entered' && seen.co === c) return null;
  return bhVisitsOf(d, d.observed, c, d.index) < bhVisitsOf(d, d.expected, c, d.index) ? c : null;
}

/**
 * CO9's situation for `c`: its pending schedule was made after a cancel while an older record of it was
 * still on a list (the stale record a direct entry left behind, not yet drained by its BH).
 */
export function rescheduledAfterCancel(d: Divergence, c: CoroutineId): boolean {
  const mark = d.pre.coroutines[c]?.scheduled;
  if (mark === null || mark === undefined) return false;
  return d.pre.contexts.some((x) => x.list.some((r) => r.co === c && r.seq < mark.seq));
}

/** Number of BH entries of `c` in a trace from index `from` on. */
export const bhEntriesOf = (events: readonly Event[], c: CoroutineId, from = 0): number =>
  events.slice(from).filter((e) => e.ev === 'entered' && e.by === 'bh' && e.co === c).length;

/** Whether the step is a poll whose list holds a record left stale by a cancel and a newer live schedule. */
export const hasStaleRecord = (d: Divergence): boolean => d.walk.some((v) => v.outcome === 'stale');

/** Coroutines with a stale record in this poll's walk (scheduled again after that record). */
export const staleCoroutines = (d: Divergence): Set<CoroutineId> =>
  new Set(d.walk.filter((v) => v.outcome === 'stale').map((v) => v.record.co));


/**
 * Whether `c`'s schedule `record` is still live at the divergence point: it was c's mark before the step
 * and the agreed prefix did not enter c (an entry clears the mark).
 */
export function liveAt(d: Divergence, record: BhVisit['record']): boolean {
  const mark = d.pre.coroutines[record.co]?.scheduled;
  if (mark === null || mark === undefined || mark.seq !== record.seq) return false;
  return !d.expected.slice(0, d.index).some((e) => e.ev === 'entered' && e.co === record.co);
}

/** The coroutine whose BH visit the spec makes at the divergence point (its entry, or its refusal). */
export function expectedVisitAt(d: Divergence): CoroutineId | null {
  const v = d.walk.find((w) => w.at === d.index && (w.outcome === 'delivered' || w.outcome === 'refused'));
  return v === undefined ? null : v.record.co;
}

/**
 * Whether the adapter entered `c` (any way) after the divergence point, or its BH refused it there (an error
 * raised by a running coroutine's instruction is no visit).
 */
export const visitedLater = (d: Divergence, c: CoroutineId): boolean =>
  d.observed.slice(d.index + 1).some((o) => o.ev === 'entered' && o.co === c) || bhVisitsOf(d, d.observed, c, d.index + 1) > 0;

/**
 * BH visits of `c` in a poll's trace (from event `from` on): entries from the BH, and refusals the BH
 * itself reported — contract errors raised while no coroutine runs (an error raised by a running
 * coroutine's instruction is not a visit).
 */
export function bhVisitsOf(d: Divergence, events: readonly Event[], c: CoroutineId, from = 0): number {
  if (d.op.op !== 'poll') return 0;
  let depth = 0;
  let visits = 0;
  for (const [i, e] of events.entries()) {
    if (e.ev === 'entered') {
      if (e.by === 'bh' && e.co === c && i >= from) visits++;
      depth++;
    } else if (e.ev === 'yielded' || e.ev === 'terminated') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && e.co === c && i >= from && (e.kind === 'entry-after-termination' || e.kind === 'recursive-entry')) {
      visits++;
    }
  }
  return visits;
}

/**
 * The seed's literal list walks a twice-linked node twice: a coroutine with a stale record and a live
 * newer one on this list, visited by the BH more often than the spec visits it.
 */
export function revisitedStale(d: Divergence, c: CoroutineId): boolean {
  if (!staleCoroutines(d).has(c) || !d.walk.some((v) => v.record.co === c && v.outcome === 'delivered')) return false;
  return bhVisitsOf(d, d.observed, c) > bhVisitsOf(d, d.expected, c);
}

/**
 * The seed's context-valued mark at work: the adapter's BH entered `c` at a stale record of it while c's
 * newer schedule was pending (scheduled again, possibly during this very poll), and no live record of c
 * remains on this list (so it is not a reorder).
 */
export function enteredAtStale(d: Divergence, c: CoroutineId): boolean {
  const here = d.walk.find((v) => v.record.co === c && v.at === d.index && v.outcome === 'stale' && v.newerPending);
  return here !== undefined && !remainingVisits(d, c).some((v) => liveAt(d, v.record));
}
