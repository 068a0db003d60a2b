import { clauseById, clauseTitle, explore, type ClauseId } from '../../spec';
import { strictInterleavedModel } from '../../spec/strict/interleaved/model';
import type { StrictBounds } from '../../spec/strict/interleaved/state';

/** Bounds the generated suites model-check profile strict's level-2 clauses at (seconds at most). */
export const STRICT_MODEL_BOUNDS: StrictBounds = { coroutines: 1, contexts: 2, drivers: 2, ops: 2, yields: 1, variant: 'upstream' };
const SMALL: StrictBounds = { ...STRICT_MODEL_BOUNDS, contexts: 1, ops: 1 };

/**
 * For a level-2 clause of profile strict: upstream's order keeps it in every reachable state of the strict
 * interleaved model, and the swapped order the clause names breaks it, with a shortest counterexample.
 */
export function describeStrictModelCheck(id: ClauseId): void {
  const clause = clauseById(id);
  const violatedBy = clause?.strictViolatedBy;
  if (clause === undefined || violatedBy === undefined) throw new Error(`${id} is not a level-2 clause of profile strict with a violating order`);
  describe(`${clauseTitle(clause)} in the strict interleaved model`, () => {
    it("holds in every reachable state of upstream's order", () => {
      expect(explore(strictInterleavedModel(STRICT_MODEL_BOUNDS)).kind).toBe('ok');
    });
    it(`is violated by the swapped order ${violatedBy}, with a shortest counterexample`, () => {
      const r = explore(strictInterleavedModel({ ...SMALL, variant: violatedBy }));
      if (r.kind !== 'violation') throw new Error(`${violatedBy} kept ${id}: ${r.kind}`);
      expect(r.invariant.startsWith(id)).toBe(true);
      expect(r.trace.length).toBeGreaterThan(1);
    });
  });
}
