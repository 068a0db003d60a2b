import { explore } from '../explorer/explore';
import { exploreChecked } from '../explorer/exploreReduced';
import { Footprints, persistentThreads } from '../explorer/reduction';
import type { ExplorableModel, ExploreResult } from '../explorer/types';
import { encodeInterleaved } from './encoding';
import { exploreInterleaved } from './exploreRows';
import { interleavedModel, isQuiescent } from './model';
import type { ConcurrentOp } from './program';
import { type IState, type InterleavedBounds, type Variant, VARIANTS } from './state';
import type { ILabel } from './steps';

/**
 * The partial-order reduction (spec/explorer/reduction.ts with the footprints of independence.ts) against
 * the full search, on every variant and every bound the other interleaved tests explore: the same verdict,
 * the same shortest counterexample, never more states, and every end of a run still reached.
 */
const schedule = (co: number, ctx: number): ConcurrentOp => ({ op: 'schedule', co, ctx });
const enter = (co: number, from: number): ConcurrentOp => ({ op: 'enter', co, from });
const BOUNDS: readonly (readonly [string, (v: Variant) => InterleavedBounds])[] = [
  ['2 co, 2 ctx, 2 drivers × 1, 2 yields', (variant) => ({ coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 2, variant })],
  ['1 co, 1 ctx, 2 drivers × 1, 2 yields', (variant) => ({ coroutines: 1, contexts: 1, drivers: 2, ops: 1, yields: 2, variant })],
  ['1 co, 1 ctx, 1 driver × 1, 2 yields', (variant) => ({ coroutines: 1, contexts: 1, drivers: 1, ops: 1, yields: 2, variant })],
  ['1 co, 1 ctx, 3 drivers × 1, 2 yields', (variant) => ({ coroutines: 1, contexts: 1, drivers: 3, ops: 1, yields: 2, variant })],
  ['2 co, 2 ctx, 2 drivers × 1, 1 yield', (variant) => ({ coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 1, variant })],
  ['2 co, 1 ctx, 2 drivers × 2, 0 yields', (variant) => ({ coroutines: 2, contexts: 1, drivers: 2, ops: 2, yields: 0, variant })],
  ['a fixed program of 2 threads', (variant) => ({ coroutines: 2, contexts: 2, drivers: 2, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)]] })],
  ['a fixed program of 3 threads', (variant) => ({ coroutines: 2, contexts: 2, drivers: 3, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)], [schedule(1, 0), schedule(0, 0)]] })],
];
const CASES = VARIANTS.flatMap((v) => BOUNDS.map(([name, b]) => [v, name, b(v)] as const));
/** Small enough to walk the whole space (a few thousand states) four times in a test; the others have ~270,000. */
const SMALL = CASES.filter(([, name]) => !name.includes('× 2') && !name.includes('3 threads'));

/** What a verdict is, without the counts that the reduction changes: kind, invariant, message, trace. */
const verdict = (r: ExploreResult<IState, ILabel>) => (r.kind === 'violation' ? { kind: r.kind, invariant: r.invariant, message: r.message, trace: r.trace } : { kind: r.kind });

/** The ends of every run (states without successors), as encoded rows, reached with or without a reduction. */
function ends(model: ExplorableModel<IState, ILabel>, b: InterleavedBounds, reduce: boolean): Set<string> {
  const ind = model.independence;
  if (ind === undefined) throw new Error('the interleaved model has an independence relation');
  const fp = new Footprints(ind.threads, ind.variables);
  const key = (s: IState): string => {
    const row = new Uint8Array(model.width);
    encodeInterleaved(b, s, row, 0);
    return row.join(',');
  };
  const init = model.initial()[0] as IState;
  const seen = new Set([key(init)]);
  const queue = [init];
  const out = new Set<string>();
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as IState;
    const succ = model.successors(s);
    if (succ.length === 0) out.add(`${key(s)}${isQuiescent(b, s) ? '' : ' (deadlock)'}`);
    ind.footprints(s, fp);
    const kept = reduce ? persistentThreads(fp) : -1;
    for (const t of succ) {
      if (((kept >>> ind.threadOf(t.label)) & 1) === 0) continue;
      const k = key(t.next);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(t.next);
    }
  }
  return out;
}

describe('partial-order reduction of the interleaved model', () => {
  it.each(CASES)('%s, %s: the same verdict and the same shortest counterexample as the full search, in no more states', (_v, _name, b) => {
    // On the packed table (exploreRows.test.ts shows it is explore's search, result for result), for time.
    const full = exploreInterleaved(b);
    const { result, reduced } = exploreChecked((bounds, reduction) => exploreInterleaved(b, bounds, () => 0, reduction), {}, 'por');
    expect(verdict(result)).toEqual(verdict(full));
    expect(reduced?.kind).toBe(full.kind);
    if (full.kind === 'ok') expect(reduced?.states).toBeLessThanOrEqual(full.states);
  }, 60_000);

  it.each(SMALL)('%s, %s: every end of a run (and every deadlock) is reached, in no more states', (_v, _name, b) => {
    const model = interleavedModel(b);
    const full = ends(model, b, false);
    expect(full.size).toBeGreaterThan(0);
    expect(ends(model, b, true)).toEqual(full);
    // The whole reachable space (no invariant stops either search): the reduced one is part of the full one.
    const all = explore({ ...model, invariants: [] });
    expect(explore({ ...model, invariants: [] }, {}, () => 0, 'por').states).toBeLessThanOrEqual(all.states);
  });

  it('is a reduction: 2,056 states of 3,512 at 2 co, 2 ctx, 2 drivers × 1, 2 yields (patch)', () => {
    const b: InterleavedBounds = { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 2, variant: 'patch' };
    expect(explore(interleavedModel(b)).states).toBe(3512);
    expect(explore(interleavedModel(b), {}, () => 0, 'por').states).toBe(2056);
  });

  it('would lose violations with a wrong independence relation (these tests can fail)', () => {
    // Claim every step independent of every other: then one thread runs alone while it can, and the races
    // that break CO7 and CO8 are never interleaved.
    for (const variant of ['publish-before-mark', 'unmark-before-caller'] as const) {
      const model = interleavedModel({ coroutines: 1, contexts: 1, drivers: 2, ops: 1, yields: 2, variant });
      const ind = model.independence;
      if (ind === undefined) throw new Error('the interleaved model has an independence relation');
      const forget = (fp: Footprints): void => {
        const steps = [...fp.steps];
        fp.clear();
        steps.forEach((n, t) => (fp.steps[t] = n));
      };
      const blind: typeof model = {
        ...model,
        independence: {
          ...ind,
          footprints: (s, fp) => {
            ind.footprints(s, fp);
            forget(fp);
          },
          rowFootprints: (buf, src, fp) => {
            ind.rowFootprints?.(buf, src, fp);
            forget(fp);
          },
        },
      };
      expect(explore(model).kind).toBe('violation');
      expect(explore(blind, {}, () => 0, 'por').kind).toBe('ok');
    }
  });

  it('is refused for an invariant its argument does not cover', () => {
    const model = interleavedModel({ coroutines: 1, contexts: 1, drivers: 1, ops: 1, yields: 0, variant: 'patch' });
    const extra = { name: 'never-armed', description: 'no BH is ever armed', check: (s: IState) => (s.armed.some((a) => a) ? 'armed' : null) };
    expect(() => explore({ ...model, invariants: [...model.invariants, extra] }, {}, () => 0, 'por')).toThrow('not argued for the invariant(s) never-armed');
  });
});
