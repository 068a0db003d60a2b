import { type Event, sameEvent } from '../model/events';
import { StateTable } from '../explorer/stateTable';
import type { Invariant, Transition } from '../explorer/types';
import { boundsOfProgram, interleavedModel, isQuiescent, whyInterleavedBoundsInvalid } from './model';
import { stepEvents } from './observe';
import type { ConcurrentProgram } from './program';
import type { IState, InterleavedBounds, Variant } from './state';
import type { ILabel } from './steps';

/** A clock supplied by the caller (`spec/` reads no clock of its own). */
export type Clock = () => number;

export interface ExplainOptions {
  /** Which order of the seed's steps explains the trace (default the patch's). */
  readonly variant?: Variant;
  /** Only count an explanation along which this invariant breaks at some step (for attribution). */
  readonly mustBreak?: Invariant<IState, ILabel>;
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

export type Explanation =
  /** An interleaving of the model's atomic steps that produces exactly the observed events and ends quiescent. */
  | ({ readonly kind: 'explained'; readonly bounds: InterleavedBounds; readonly witness: readonly ILabel[] } & SearchStats)
  /**
   * No interleaving produces the trace. `matched` events (a prefix) are the most any interleaving produces;
   * `nearest` is one that does, and `expected` what the model could show next there instead.
   */
  | ({
      readonly kind: 'unexplained';
      readonly bounds: InterleavedBounds;
      readonly matched: number;
      readonly nearest: readonly ILabel[];
      readonly expected: readonly Event[];
    } & SearchStats)
  /** A limit stopped the search before it could say either. */
  | ({ readonly kind: 'gave-up'; readonly bounds: InterleavedBounds; readonly limit: 'states' | 'time'; readonly matched: number } & SearchStats);

interface Frame {
  readonly s: IState;
  readonly idx: number;
  readonly broke: boolean;
  readonly label: ILabel | null;
  succ: readonly Transition<IState, ILabel>[] | null;
  k: number;
}

/**
 * Trace validation against the interleaved model (levels 2 and 3): is there an order of the model's atomic
 * steps, the drivers issuing exactly `program`'s operations, that shows exactly `observed` (same events, same
 * order) and ends with every thread done? Depth-first, each (state, events consumed) pair visited once, so the
 * search is bounded by the model's reachable states times the trace's length.
 */
export function explainTrace(program: ConcurrentProgram, observed: readonly Event[], o: ExplainOptions = {}): Explanation {
  const clock = o.clock ?? (() => 0);
  const t0 = clock();
  const maxStates = o.maxStates ?? 2_000_000;
  const b = boundsOfProgram(program, o.variant ?? 'patch');
  const why = whyInterleavedBoundsInvalid(b);
  if (why !== null) throw new Error(`the concurrent program cannot be checked: ${why}`);
  if (observed.length > 0xffff) throw new Error(`a trace of ${observed.length} events is too long to check (at most 65,535)`);
  const model = interleavedModel(b);
  const table = new StateTable(model.width + 3);
  const seen = (s: IState, idx: number, broke: boolean): boolean => {
    const { buf, offset } = table.scratch();
    model.encode(s, buf, offset);
    buf[offset + model.width] = idx & 0xff;
    buf[offset + model.width + 1] = idx >>> 8;
    buf[offset + model.width + 2] = broke ? 1 : 0;
    return !table.insert(-1, 0).fresh;
  };
  const stats = (): SearchStats => ({ searched: table.count, ms: clock() - t0 });
  const labels = (stack: readonly Frame[]): ILabel[] => stack.flatMap((f) => (f.label === null ? [] : [f.label]));

  let best = { matched: -1, nearest: [] as ILabel[], expected: [] as Event[] };
  const stack: Frame[] = [];
  for (const s of model.initial()) if (!seen(s, 0, false)) stack.push({ s, idx: 0, broke: false, label: null, succ: null, k: 0 });
  let steps = 0;
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.succ === null) {
      f.succ = model.successors(f.s);
      if (f.idx > best.matched) best = { matched: f.idx, nearest: labels(stack), expected: [] };
      if (f.succ.length === 0 && isQuiescent(b, f.s) && f.idx === observed.length && (o.mustBreak === undefined || f.broke)) {
        return { kind: 'explained', bounds: b, witness: labels(stack), ...stats() };
      }
    }
    if (f.k >= f.succ.length) {
      stack.pop();
      continue;
    }
    const t = f.succ[f.k++] as Transition<IState, ILabel>;
    if ((++steps & 0x3ff) === 0 && o.maxMs !== undefined && clock() - t0 > o.maxMs) return { kind: 'gave-up', bounds: b, limit: 'time', matched: best.matched, ...stats() };
    const events = stepEvents(b, t.label, t.next);
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
    if (table.count >= maxStates) return { kind: 'gave-up', bounds: b, limit: 'states', matched: best.matched, ...stats() };
    stack.push({ s: t.next, idx, broke, label: t.label, succ: null, k: 0 });
  }
  return { kind: 'unexplained', bounds: b, matched: Math.max(0, best.matched), nearest: best.nearest, expected: best.expected, ...stats() };
}
