import fc from 'fast-check';
import { initialState, step, whyNotEnabled, type ClauseId } from '../../spec';
import { clauseArbitrary, longBhRun, SITUATION_MEASURES, situationReached, type Scenario } from '.';

const allEnabled = (s: Scenario): boolean => {
  let state = initialState(s.config);
  for (const op of s.ops) {
    if (whyNotEnabled(state, op) !== null) return false;
    const r = step(state, op);
    if (r.kind === 'ok') state = r.state;
  }
  return true;
};

const sample = (id: ClauseId): Scenario[] => fc.sample(clauseArbitrary(id), { numRuns: 500, seed: 17 });

describe('clause arbitraries', () => {
  it.each(Object.keys(SITUATION_MEASURES) as ClauseId[])('%s: its situation occurs in at least 30% of scenarios, every op enabled', (id) => {
    const samples = sample(id);
    const hits = samples.filter((s) => situationReached(id, s) === true).length;
    expect(samples.every(allEnabled)).toBe(true);
    expect(hits / samples.length).toBeGreaterThanOrEqual(0.3);
  });

  it('CO4 builds BH runs of four or more records, and schedules made while a BH runs', () => {
    const samples = sample('CO4');
    expect(samples.filter(longBhRun).length / samples.length).toBeGreaterThanOrEqual(0.1);
    const duringBh = samples.filter((s) => s.ops.some((o) => o.op === 'create' && o.program[0]?.kind === 'schedule'));
    expect(duringBh.length / samples.length).toBeGreaterThanOrEqual(0.1);
  });

  it('CO9 re-schedules after a cancel on the same context and on another, from the driver and from the program', () => {
    const samples = sample('CO9').filter((s) => s.config.contexts > 1);
    const inside = samples.filter((s) => s.ops.some((o) => o.op === 'create' && o.program[0]?.kind === 'schedule' && o.program[0].target === o.co));
    const elsewhere = inside.filter((s) => s.ops.some((o) => o.op === 'create' && o.program[0]?.kind === 'schedule' && o.program[0].target === o.co && s.ops.filter((p) => p.op === 'poll').length >= 2));
    expect(inside.length).toBeGreaterThanOrEqual(20);
    expect(elsewhere.length).toBeGreaterThanOrEqual(10);
  });

  it('CO0 builds wake-up fan-outs of two or more and chains', () => {
    const samples = sample('CO0');
    const fanOut = samples.filter((s) => s.ops.some((o) => o.op === 'create' && o.program.filter((i) => i.kind === 'wake').length >= 2));
    expect(fanOut.length / samples.length).toBeGreaterThanOrEqual(0.2);
  });

  it('is deterministic for a seed', () => {
    expect(fc.sample(clauseArbitrary('CO9'), { numRuns: 50, seed: 5 })).toEqual(fc.sample(clauseArbitrary('CO9'), { numRuns: 50, seed: 5 }));
  });
});
