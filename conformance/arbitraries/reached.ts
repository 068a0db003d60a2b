import { initialState, step, type BhVisit, type ClauseId, type Event, type State } from '../../spec';
import type { Scenario } from './scenario';

/** A scenario as the spec runs it: each enabled step's pre-state, events and BH walk. */
interface Trace {
  readonly steps: readonly { readonly pre: State; readonly events: readonly Event[]; readonly walk: readonly BhVisit[] }[];
}

function trace(s: Scenario): Trace {
  let state = initialState(s.config);
  const steps: Trace['steps'][number][] = [];
  for (const op of s.ops) {
    const r = step(state, op);
    if (r.kind !== 'ok') continue;
    steps.push({ pre: state, events: r.events, walk: r.walk });
    state = r.state;
  }
  return { steps };
}

const errorOf = (t: Trace, kinds: readonly string[]): boolean => t.steps.some((s) => s.events.some((e) => e.ev === 'error' && kinds.includes(e.kind)));
const visits = (t: Trace, p: (v: BhVisit, pre: State) => boolean): boolean => t.steps.some((s) => s.walk.some((v) => p(v, s.pre)));
const delivering = (t: Trace, distinct: boolean): boolean =>
  t.steps.some((s) => {
    const cos = s.walk.filter((v) => v.outcome === 'delivered').map((v) => v.record.co);
    return (distinct ? new Set(cos).size : cos.length) >= 2;
  });
/** A step whose entries after the first are wake-ups or nested entries: two or more after it. */
const fansOut = (t: Trace): boolean => t.steps.some((s) => s.events.filter((e) => e.ev === 'entered' && e.by === 'direct').length >= 3);

/** One clause's situation, measured with the spec on the scenario itself: what it is, in words, and the test. */
export interface SituationMeasure {
  readonly what: string;
  readonly reached: (t: Trace) => boolean;
}

/**
 * The situation each level-1 clause judges, as the statistics of a certification count it (`reached` runs
 * of `runs` in a clause's result) and the generators' tests require it.
 */
export const SITUATION_MEASURES: Readonly<Partial<Record<ClauseId, SituationMeasure>>> = {
  CO0: { what: 'one operation entering three or more coroutines directly (wake-up fan-outs and chains, nested entries)', reached: fansOut },
  CO1: { what: 'a BH reaching a record a direct entry cancelled, its coroutine still alive', reached: (t) => visits(t, (v, pre) => v.outcome === 'cancelled' && pre.coroutines[v.record.co]?.status !== 'terminated') },
  CO2: {
    what: 'an entry or schedule of a terminated coroutine, or a BH reaching its cancelled record',
    reached: (t) => errorOf(t, ['entry-after-termination']) || visits(t, (v, pre) => v.outcome === 'cancelled' && pre.coroutines[v.record.co]?.status === 'terminated'),
  },
  CO3: { what: 'a BH run delivering two or more records', reached: (t) => delivering(t, false) },
  CO4: { what: 'a BH run delivering two or more coroutines', reached: (t) => delivering(t, true) },
  CO5: { what: 'a second schedule of a coroutine still scheduled', reached: (t) => errorOf(t, ['scheduled-elsewhere', 'double-schedule']) },
  CO6: { what: 'an entry of a running coroutine', reached: (t) => errorOf(t, ['recursive-entry']) },
  CO9: { what: 'a BH reaching a record superseded by a re-schedule after a cancel', reached: (t) => visits(t, (v) => v.outcome === 'stale') },
};

/** Whether a scenario reaches `clause`'s situation (null: the clause has no measure, e.g. a level-2 clause). */
export function situationReached(clause: ClauseId, s: Scenario): boolean | null {
  const m = SITUATION_MEASURES[clause];
  return m === undefined ? null : m.reached(trace(s));
}

/** Four or more records on the list a BH run takes (whatever their outcome). */
export const longBhRun = (s: Scenario): boolean => trace(s).steps.some((st) => st.walk.length >= 4);

/** How often a clause's runs reached its situation (what a certification reports per clause). */
export interface SituationCount {
  /** The situation, in words (`SITUATION_MEASURES`). */
  readonly what: string;
  /** Runs that reached it, among the clause's random runs up to its first failure. */
  readonly reached: number;
}

/**
 * Counts, for one clause's property, the runs that reach its situation. Calls after the first failing run
 * are fast-check's shrinking and are not counted. `result()` is null for a clause without a measure.
 */
export function situationCounter(clause: ClauseId): { count(s: Scenario, passed: boolean): void; result(): SituationCount | null } {
  const m = SITUATION_MEASURES[clause];
  let reached = 0;
  let failed = false;
  return {
    count: (s, passed) => {
      if (m === undefined || failed) return;
      if (m.reached(trace(s))) reached++;
      failed = !passed;
    },
    result: () => (m === undefined ? null : { what: m.what, reached }),
  };
}
