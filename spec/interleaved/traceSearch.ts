import { type Event, sameEvent } from '../model/events';
import { StateTable } from '../explorer/stateTable';
import type { ExplorableModel, Invariant, Transition } from '../explorer/types';

/** A clock supplied by the caller (`spec/` reads no clock of its own). */
export type Clock = () => number;

/** What a trace search needs of an interleaved model: its states, when a run is over, and what each step shows. */
export interface TraceModel<S, L> {
  readonly model: ExplorableModel<S, L>;
  /** Every thread is done (or the run ended otherwise, e.g. an abort). */
  isDone(s: S): boolean;
  /** The events a step shows an observer. */
  events(label: L, next: S): readonly Event[];
}

export interface SearchOptions<S, L> {
  /** Only count an explanation along which this invariant breaks at some step (for attribution). */
  readonly mustBreak?: Invariant<S, L>;
  /** Distinct (state, events consumed) pairs searched at most. Default 2,000,000. */
  readonly maxStates?: number;
  /** Give up after this many milliseconds of `clock`. Default: no limit. */
  readonly maxMs?: number;
  readonly clock?: Clock;
}

/** The size of a search, for reports: distinct (state, position in the trace) pairs visited, and time. */
export interface SearchStats {
  readonly searched: number;
  readonly ms: number;
}

export type TraceSearch<L> =
  | ({ readonly kind: 'explained'; readonly witness: readonly L[] } & SearchStats)
  | ({ readonly kind: 'unexplained'; readonly matched: number; readonly nearest: readonly L[]; readonly expected: readonly Event[] } & SearchStats)
  | ({ readonly kind: 'gave-up'; readonly limit: 'states' | 'time'; readonly matched: number } & SearchStats);

interface Frame<S, L> {
  readonly s: S;
  readonly idx: number;
  readonly broke: boolean;
  readonly label: L | null;
  succ: readonly Transition<S, L>[] | null;
  k: number;
}

/**
 * Trace validation against an interleaved model (levels 2 and 3): is there an order of the model's atomic
 * steps that shows exactly `observed` (same events, same order) and ends with the run over? Depth-first, each
 * (state, events consumed) pair visited once, so the search is bounded by the model's reachable states times
 * the trace's length.
 */
export function searchTrace<S, L>(tm: TraceModel<S, L>, observed: readonly Event[], o: SearchOptions<S, L> = {}): TraceSearch<L> {
  const clock = o.clock ?? (() => 0);
  const t0 = clock();
  const maxStates = o.maxStates ?? 2_000_000;
  if (observed.length > 0xffff) throw new Error(`a trace of ${observed.length} events is too long to check (at most 65,535)`);
  const model = tm.model;
  const table = new StateTable(model.width + 3);
  const seen = (s: S, idx: number, broke: boolean): boolean => {
    const { buf, offset } = table.scratch();
    model.encode(s, buf, offset);
    buf[offset + model.width] = idx & 0xff;
    buf[offset + model.width + 1] = idx >>> 8;
    buf[offset + model.width + 2] = broke ? 1 : 0;
    return !table.insert(-1, 0).fresh;
  };
  const stats = (): SearchStats => ({ searched: table.count, ms: clock() - t0 });
  const labels = (stack: readonly Frame<S, L>[]): L[] => stack.flatMap((f) => (f.label === null ? [] : [f.label]));

  let best = { matched: -1, nearest: [] as L[], expected: [] as Event[] };
  const stack: Frame<S, L>[] = [];
  for (const s of model.initial()) if (!seen(s, 0, false)) stack.push({ s, idx: 0, broke: false, label: null, succ: null, k: 0 });
  let steps = 0;
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame<S, L>;
    if (f.succ === null) {
      f.succ = model.successors(f.s);
      if (f.idx > best.matched) best = { matched: f.idx, nearest: labels(stack), expected: [] };
      if (f.succ.length === 0 && tm.isDone(f.s) && f.idx === observed.length && (o.mustBreak === undefined || f.broke)) {
        return { kind: 'explained', witness: labels(stack), ...stats() };
      }
    }
    if (f.k >= f.succ.length) {
      stack.pop();
      continue;
    }
    const t = f.succ[f.k++] as Transition<S, L>;
    if ((++steps & 0x3ff) === 0 && o.maxMs !== undefined && clock() - t0 > o.maxMs) return { kind: 'gave-up', limit: 'time', matched: best.matched, ...stats() };
    const events = tm.events(t.label, t.next);
    let idx = f.idx;
    let fits = true;
    for (const e of events) {
      const seenEvent = observed[idx];
      if (seenEvent === undefined || !sameEvent(e, seenEvent)) {
        fits = false;
        if (f.idx === best.matched && best.expected.length < 8 && !best.expected.some((x) => sameEvent(x, e))) best.expected.push(e);
        break;
      }
      idx++;
    }
    if (!fits) continue;
    const broke = f.broke || (o.mustBreak !== undefined && o.mustBreak.check(t.next, f.s, t.label) !== null);
    if (seen(t.next, idx, broke)) continue;
    if (table.count >= maxStates) return { kind: 'gave-up', limit: 'states', matched: best.matched, ...stats() };
    stack.push({ s: t.next, idx, broke, label: t.label, succ: null, k: 0 });
  }
  return { kind: 'unexplained', matched: Math.max(0, best.matched), nearest: best.nearest, expected: best.expected, ...stats() };
}
