import type fc from 'fast-check';
import type { DriverOp, Event } from '../../spec';
import type { Scenario } from '../arbitraries';

/**
 * A workload from the seed's two motivating cases, checked on top of the clauses: a generator of scenarios
 * and a property of the observed history (all events of a run, in order).
 */
export interface Workload {
  readonly id: 'W1' | 'W2';
  readonly slug: string;
  readonly statement: string;
  /** Lines of the seed the workload comes from. */
  readonly seedLines: readonly [number, number];
  readonly arbitrary: fc.Arbitrary<Scenario>;
  /**
   * A message when the history breaks the workload's promise, else null. `ops` are the driver operations
   * applied so far and `history` all the events they caused, in order.
   */
  readonly property: (ops: readonly DriverOp[], history: readonly Event[]) => string | null;
}

/** The coroutine must terminate at most once and never be entered after it terminated. */
export function enteredOnceAfterEnd(history: readonly Event[], c: number): string | null {
  let ended = false;
  for (const e of history) {
    if (e.co !== c) continue;
    if (e.ev === 'terminated') {
      if (ended) return `c${c} terminated twice`;
      ended = true;
    } else if (e.ev === 'entered' && ended) return `c${c} was entered after it terminated`;
  }
  return null;
}
