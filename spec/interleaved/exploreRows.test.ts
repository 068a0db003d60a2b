import { explore } from '../explorer/explore';
import { exploreInterleaved } from './exploreRows';
import { interleavedModel } from './model';
import type { ConcurrentOp } from './program';
import { type InterleavedBounds, VARIANTS } from './state';

/**
 * The search on the packed table must be `explore`'s on the same model, result for result: states,
 * transitions, depth, verdict, message and trace, with and without the reduction, and at every bound.
 */
const schedule = (co: number, ctx: number): ConcurrentOp => ({ op: 'schedule', co, ctx });
const enter = (co: number, from: number): ConcurrentOp => ({ op: 'enter', co, from });
const CASES = VARIANTS.flatMap((variant) => [
  { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 2, variant },
  { coroutines: 1, contexts: 1, drivers: 3, ops: 1, yields: 2, variant },
  { coroutines: 2, contexts: 2, drivers: 2, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)]] },
  { coroutines: 2, contexts: 1, drivers: 2, ops: 2, yields: 0, variant },
] as InterleavedBounds[]).map((b) => [`${b.variant}, ${b.coroutines} co, ${b.contexts} ctx, ${b.drivers} × ${b.ops}${b.programs ? ' (a program)' : ''}`, b] as const);

describe('the interleaved search on the packed state table', () => {
  it.each(CASES)('%s: the same result as explore, with and without the reduction', (_name, b) => {
    // At most 40,000 states (the 2-op free spaces have ~270,000): where a state bound stops is compared too.
    for (const reduction of ['none', 'por'] as const) {
      expect(JSON.stringify(exploreInterleaved(b, { maxStates: 40_000 }, () => 0, reduction))).toBe(JSON.stringify(explore(interleavedModel(b), { maxStates: 40_000 }, () => 0, reduction)));
    }
  }, 60_000);

  it('stops at the same state and depth bounds', () => {
    const b: InterleavedBounds = { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 1, variant: 'patch' };
    for (const reduction of ['none', 'por'] as const) {
      for (const maxStates of [1, 7, 1000]) expect(exploreInterleaved(b, { maxStates }, () => 0, reduction)).toEqual(explore(interleavedModel(b), { maxStates }, () => 0, reduction));
      for (const depth of [0, 1, 5, 9]) expect(exploreInterleaved(b, { depth }, () => 0, reduction)).toEqual(explore(interleavedModel(b), { depth }, () => 0, reduction));
    }
  });
});
