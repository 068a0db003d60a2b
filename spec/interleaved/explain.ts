import type { Event } from '../model/events';
import type { Invariant } from '../explorer/types';
import { searchTrace } from './traceSearch';
import { boundsOfProgram, interleavedModel, isQuiescent, whyInterleavedBoundsInvalid } from './model';
import { stepEvents } from './observe';
import type { ConcurrentProgram } from './program';
import type { IState, InterleavedBounds, Variant } from './state';
import type { ILabel } from './steps';

export type { Clock } from './traceSearch';
import type { Clock } from './traceSearch';

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

export type { SearchStats } from './traceSearch';
import type { SearchStats } from './traceSearch';

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

/**
 * Trace validation against the interleaved model (levels 2 and 3): is there an order of the model's atomic
 * steps, the drivers issuing exactly `program`'s operations, that shows exactly `observed` (same events, same
 * order) and ends with every thread done? (`searchTrace` does the search.)
 */
export function explainTrace(program: ConcurrentProgram, observed: readonly Event[], o: ExplainOptions = {}): Explanation {
  const b = boundsOfProgram(program, o.variant ?? 'patch');
  const why = whyInterleavedBoundsInvalid(b);
  if (why !== null) throw new Error(`the concurrent program cannot be checked: ${why}`);
  const r = searchTrace({ model: interleavedModel(b), isDone: (s) => isQuiescent(b, s), events: (l, next) => stepEvents(b, l, next) }, observed, o);
  return { ...r, bounds: b };
}
