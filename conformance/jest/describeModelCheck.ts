import { clauseById, clauseTitle, explore, interleavedModel, type ClauseId, type InterleavedBounds } from '../../spec';

/** Bounds the generated suites model-check level-2 clauses at (seconds at most, on two cores). */
export const MODEL_BOUNDS: InterleavedBounds = { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 2, variant: 'patch' };
const SMALL: InterleavedBounds = { ...MODEL_BOUNDS, coroutines: 1, contexts: 1 };

/**
 * For a level-2 clause: the patch's order of the seed's steps keeps it in every reachable state of the
 * interleaved model, and the swapped order the clause names breaks it, with a shortest counterexample.
 */
export function describeModelCheck(id: ClauseId): void {
  const clause = clauseById(id);
  if (clause === undefined || clause.violatedBy === undefined) throw new Error(`${id} is not a level-2 clause with a violating order`);
  const violatedBy = clause.violatedBy;
  describe(`${clauseTitle(clause)} in the interleaved model`, () => {
    it("holds in every reachable state of the patch's order", () => {
      expect(explore(interleavedModel(MODEL_BOUNDS)).kind).toBe('ok');
    });
    it(`is violated by the swapped order ${violatedBy}, with a shortest counterexample`, () => {
      const r = explore(interleavedModel({ ...SMALL, variant: violatedBy }));
      if (r.kind !== 'violation') throw new Error(`${violatedBy} kept ${id}: ${r.kind}`);
      expect(r.invariant.startsWith(id)).toBe(true);
      expect(r.trace.length).toBeGreaterThan(1);
    });
  });
}
