import fc from 'fast-check';
import { initialState, step, whyNotEnabled, type ClauseId, type Event, type BhVisit, type State } from '../../spec';
import { clauseArbitrary, type Scenario } from '.';

interface Trace {
  readonly steps: { readonly pre: State; readonly events: readonly Event[]; readonly walk: readonly BhVisit[] }[];
  readonly allEnabled: boolean;
}

function trace(s: Scenario): Trace {
  let state = initialState(s.config);
  const steps: Trace['steps'] = [];
  let allEnabled = true;
  for (const op of s.ops) {
    if (whyNotEnabled(state, op) !== null) allEnabled = false;
    const r = step(state, op);
    if (r.kind !== 'ok') continue;
    steps.push({ pre: state, events: r.events, walk: r.walk });
    state = r.state;
  }
  return { steps, allEnabled };
}

const errorOf = (t: Trace, kinds: readonly string[]): boolean => t.steps.some((s) => s.events.some((e) => e.ev === 'error' && kinds.includes(e.kind)));
const visits = (t: Trace, p: (v: BhVisit, pre: State) => boolean): boolean => t.steps.some((s) => s.walk.some((v) => p(v, s.pre)));
const delivering = (t: Trace, distinct: boolean): boolean =>
  t.steps.some((s) => {
    const cos = s.walk.filter((v) => v.outcome === 'delivered').map((v) => v.record.co);
    return (distinct ? new Set(cos).size : cos.length) >= 2;
  });

/** Whether a scenario puts the spec in the situation each clause judges (measured with the spec itself). */
const SITUATION: Readonly<Partial<Record<ClauseId, (t: Trace) => boolean>>> = {
  CO1: (t) => visits(t, (v, pre) => v.outcome === 'cancelled' && pre.coroutines[v.record.co]?.status !== 'terminated'),
  CO2: (t) => errorOf(t, ['entry-after-termination']) || visits(t, (v, pre) => v.outcome === 'cancelled' && pre.coroutines[v.record.co]?.status === 'terminated'),
  CO3: (t) => delivering(t, false),
  CO4: (t) => delivering(t, true),
  CO5: (t) => errorOf(t, ['scheduled-elsewhere', 'double-schedule']),
  CO6: (t) => errorOf(t, ['recursive-entry']),
  CO9: (t) => visits(t, (v) => v.outcome === 'stale'),
};

describe('clause arbitraries', () => {
  it.each(Object.keys(SITUATION) as ClauseId[])('%s: its situation occurs in at least 30% of scenarios, every op enabled', (id) => {
    const samples = fc.sample(clauseArbitrary(id), { numRuns: 500, seed: 17 }).map(trace);
    const hits = samples.filter((t) => (SITUATION[id] as (t: Trace) => boolean)(t)).length;
    expect(samples.every((t) => t.allEnabled)).toBe(true);
    expect(hits / samples.length).toBeGreaterThanOrEqual(0.3);
  });

  it('is deterministic for a seed', () => {
    expect(fc.sample(clauseArbitrary('CO9'), { numRuns: 50, seed: 5 })).toEqual(fc.sample(clauseArbitrary('CO9'), { numRuns: 50, seed: 5 }));
  });
});
