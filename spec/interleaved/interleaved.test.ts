import { LEVEL2_CLAUSES } from '..';
import { explore } from '../explorer/explore';
import { interleavedModel } from './model';
import { iLabelToString } from './print';
import type { InterleavedBounds, Variant } from './state';

const bounds = (variant: Variant, drivers = 2): InterleavedBounds => ({ coroutines: 2, contexts: 2, drivers, ops: 1, yields: 2, variant });
const labels = (b: InterleavedBounds) => {
  const r = explore(interleavedModel(b));
  if (r.kind !== 'violation') throw new Error(`expected a violation, got ${r.kind}`);
  return { invariant: r.invariant, steps: r.trace.flatMap((t) => (t.label === null ? [] : [iLabelToString(b, t.label)])) };
};

describe('interleaved model (level 2)', () => {
  it('finds no violation in the patch order (2 coroutines, 2 contexts, 2 driver threads)', () => {
    const r = explore(interleavedModel(bounds('patch')));
    expect(r).toMatchObject({ kind: 'ok', states: 3512, depth: 22 });
  });

  it('finds no violation in the patch order with 3 driver threads on one coroutine and one context', () => {
    const r = explore(interleavedModel({ coroutines: 1, contexts: 1, drivers: 3, ops: 1, yields: 2, variant: 'patch' }));
    expect(r.kind).toBe('ok');
  });

  it('publishing before setting the mark loses a wake-up (CO7), shortest counterexample', () => {
    const { invariant, steps } = labels({ ...bounds('publish-before-mark'), coroutines: 1, contexts: 1 });
    expect(invariant).toBe('CO7 mark-before-publish');
    expect(steps).toEqual([
      'T0 begins schedule(c0, x0) #0',
      'T0 schedule(c0, x0) #0: publish',
      'T1 begins schedule(c0, x0) #1',
      'T1 schedule(c0, x0) #1: publish',
      'T1 schedule(c0, x0) #1: mark',
      'T1 schedule(c0, x0) #1: arm',
      'bh@x0 take the list of x0',
      'bh@x0 read-mark c0 #0',
    ]);
  });

  it('clearing the mark before setting the caller lets a BH enter a coroutine a direct entry is entering (CO8)', () => {
    const { invariant, steps } = labels(bounds('unmark-before-caller'));
    expect(invariant).toBe('CO8 caller-before-unmark');
    expect(steps).toEqual([
      'T0 begins schedule(c0, x0) #0',
      'T1 begins enter(c0)',
      'T1 enter(c0): check-caller',
      'T1 enter(c0): clear-mark',
      'T0 schedule(c0, x0) #0: mark',
      'T0 schedule(c0, x0) #0: publish',
      'T0 schedule(c0, x0) #0: arm',
      'bh@x0 take the list of x0',
      'bh@x0 read-mark c0 #0',
      'bh@x0 enter(c0): check-caller',
    ]);
  });

  it('the shortest violation of each swapped order at the default bounds is its own clause', () => {
    expect(labels(bounds('publish-before-mark')).invariant).toBe('CO7 mark-before-publish');
    expect(labels(bounds('unmark-before-caller')).invariant).toBe('CO8 caller-before-unmark');
  });

  it('a single driver cannot break the patch: one schedule arms its BH only after its mark is set', () => {
    expect(explore(interleavedModel({ ...bounds('publish-before-mark', 1), coroutines: 1, contexts: 1 })).kind).toBe('ok');
  });
});

describe('level-2 clauses', () => {
  it('CO7 and CO8 carry the invariants the explorer checks, and claim no level-1 divergence', () => {
    const b = bounds('patch');
    expect(LEVEL2_CLAUSES.map((c) => [c.id, c.level, c.invariant?.(b).name])).toEqual([
      ['CO7', 2, 'CO7 mark-before-publish'],
      ['CO8', 2, 'CO8 caller-before-unmark'],
    ]);
  });
});
