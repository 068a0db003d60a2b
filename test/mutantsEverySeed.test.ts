import { certify } from '../conformance/certify';
import { MUTANTS } from '../adapters/mutants';

/** Ten fixed seeds: a public mutant must be rejected on each, not by luck of one. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** The level-2 mutants: their clauses run every interleaving of the smallest races whatever the seed. */
const LEVEL2 = new Set(['publish-before-mark', 'unmark-before-caller']);

/**
 * Teeth without luck. The random runs of its clause alone (the default 200, no tour) reject every level-1
 * public mutant on 10 of 10 seeds, and the counterexample is proved shortest within its bounds; the tour
 * alone (`--runs 0`, which does not depend on the seed) rejects every public mutant of profile cancel.
 */
describe('every public mutant is rejected by its clause on every seed', () => {
  it.each(MUTANTS.filter((m) => !LEVEL2.has(m.name)).map((m) => [m.name, m] as const))('%s: its clause\'s random runs, seeds 1..10, with a proved-shortest counterexample', async (_name, m) => {
    const seen: string[] = [];
    for (const seed of SEEDS) {
      const r = await certify({ kind: 'module', ref: m.name }, { adapter: m.name, runsPerClause: 200, seed, opTimeoutMs: 250, clauses: [m.kills] });
      if ('kind' in r) throw new Error(r.problem);
      const c = r.clauses[0];
      seen.push(`seed ${seed}: ${c?.verdict ?? 'none'} ${c?.counterexample?.shortest?.status ?? ''}`);
    }
    expect(seen).toEqual(SEEDS.map((seed) => `seed ${seed}: fail proved`));
  }, 300_000);

  it.each(MUTANTS.filter((m) => m.profile !== 'strict').map((m) => [m.name, m] as const))('%s: the tour alone (--runs 0)', async (_name, m) => {
    const r = await certify({ kind: 'module', ref: m.name }, { adapter: m.name, runsPerClause: 0, seed: 1, opTimeoutMs: 250 });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.clauses.find((c) => c.clause === m.kills)?.verdict).toBe('fail');
  }, 120_000);
});
