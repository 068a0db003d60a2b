import { atomicModel, explore, openAtomicModel } from '../../spec';
import { certify } from '../certify';
import { buildTour } from './transitionTour';
import { DEFAULT_TOUR, describeSpace, YIELD_SPACE } from './tourSpace';
import { toursOf } from './runTour';

describe('transition tour', () => {
  it('takes every transition of each bounded space, over the same states and transitions the explorer counts', () => {
    for (const tour of [...toursOf('default'), buildTour(YIELD_SPACE)]) {
      const explored = tour.space.kind === 'fixed' ? explore(atomicModel(tour.space.bounds)) : explore(openAtomicModel(tour.space.bounds));
      expect(explored.kind).toBe('ok');
      expect([describeSpace(tour.space), tour.states, tour.transitions]).toEqual([describeSpace(tour.space), explored.states, explored.transitions]);
      const taken = new Set(tour.legs.flatMap((l) => l.edges));
      expect(taken.size).toBe(tour.transitions);
      expect(tour.legs.every((l) => l.edges.length === l.scenario.ops.length - tour.space.bounds.coroutines)).toBe(true);
    }
  });

  it("an open space's legs create each coroutine with exactly the instructions the leg runs, within its bounds", () => {
    for (const tour of toursOf('default')) {
      if (tour.space.kind !== 'open') continue;
      const bounds = tour.space.bounds;
      for (const leg of tour.legs) {
        for (const op of leg.scenario.ops) {
          if (op.op !== 'create') continue;
          const allowed = bounds.programs[op.co];
          expect(op.program.length).toBeLessThanOrEqual(allowed?.length ?? 0);
          expect(op.program.every((i) => allowed?.alphabet.includes(i.kind))).toBe(true);
        }
      }
    }
  });

  it('the default tour reaches the situations yield-only programs never do', () => {
    const ops = toursOf('default').flatMap((t) => t.legs.flatMap((l) => l.scenario.ops));
    const programs = ops.flatMap((o) => (o.op === 'create' ? [o.program] : []));
    for (const kind of ['schedule', 'enter', 'wake'] as const) expect(programs.some((p) => p.some((i) => i.kind === kind))).toBe(true);
    // A wake-up fan-out: two wakes in one program.
    expect(programs.some((p) => p.filter((i) => i.kind === 'wake').length === 2)).toBe(true);
    expect(DEFAULT_TOUR.some((s) => s.bounds.schedules >= 2)).toBe(true);
  });

  it('certify reports 100% transition and state coverage for the reference, naming each space', async () => {
    const r = await certify({ kind: 'module', ref: 'reference' }, { adapter: 'reference', runsPerClause: 0, seed: 2, opTimeoutMs: 250 });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('conforms');
    expect(r.coverage?.transitions.covered).toBe(r.coverage?.transitions.total);
    expect(r.coverage?.states.covered).toBe(r.coverage?.states.total);
    expect(r.coverage?.spaces.map((s) => s.space)).toEqual(DEFAULT_TOUR.map(describeSpace));
  });

  it('finds what a single random run misses: lifo fails CO4 through the tour', async () => {
    const r = await certify({ kind: 'module', ref: 'lifo' }, { adapter: 'lifo', runsPerClause: 1, seed: 3, opTimeoutMs: 250 });
    if ('kind' in r) throw new Error(r.problem);
    const co4 = r.clauses.find((c) => c.clause === 'CO4');
    expect(co4?.verdict).toBe('fail');
    expect(co4?.counterexample?.message).toMatch(/found by the transition tour/);
    expect(r.coverage?.transitions.covered).toBeLessThan(r.coverage?.transitions.total ?? 0);
  });
});
