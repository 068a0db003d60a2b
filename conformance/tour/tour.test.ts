import { atomicModel, explore } from '../../spec';
import { certify } from '../certify';
import { buildTour, DEFAULT_TOUR_BOUNDS } from './transitionTour';

describe('transition tour', () => {
  it('takes every transition of the bounded atomic spec, over the same states the explorer counts', () => {
    const tour = buildTour(DEFAULT_TOUR_BOUNDS);
    const explored = explore(atomicModel(DEFAULT_TOUR_BOUNDS));
    expect(explored.kind).toBe('ok');
    expect(tour.states).toBe(explored.states);
    expect(tour.transitions).toBe(explored.transitions);
    const taken = new Set(tour.legs.flatMap((l) => l.edges));
    expect(taken.size).toBe(tour.transitions);
    expect(tour.legs.every((l) => l.edges.length === l.scenario.ops.length - DEFAULT_TOUR_BOUNDS.coroutines)).toBe(true);
  });

  it('certify reports 100% transition and state coverage for the reference', async () => {
    const r = await certify({ kind: 'module', ref: 'reference' }, { adapter: 'reference', runsPerClause: 20, seed: 2, opTimeoutMs: 250 });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('conforms');
    expect(r.coverage?.transitions.covered).toBe(r.coverage?.transitions.total);
    expect(r.coverage?.states.covered).toBe(r.coverage?.states.total);
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
