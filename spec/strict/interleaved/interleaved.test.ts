import { explore } from '../../explorer/explore';
import { noDoubleEntry } from './invariants';
import { strictInterleavedModel } from './model';
import { raceOutcomes } from './raceOutcomes';
import type { StrictBounds, StrictVariant } from './state';

const bounds = (variant: StrictVariant, over: Partial<StrictBounds> = {}): StrictBounds => ({ coroutines: 1, contexts: 1, drivers: 2, ops: 1, yields: 1, variant, ...over });

describe('profile strict, level 2: the interleaved model of upstream QEMU', () => {
  it("upstream's order keeps ST8 and ST9 in every reachable state (two bounds)", () => {
    expect(explore(strictInterleavedModel(bounds('upstream'))).kind).toBe('ok');
    expect(explore(strictInterleavedModel(bounds('upstream', { contexts: 2, ops: 2 }))).kind).toBe('ok');
  });

  it('a schedule that reads the mark then sets it breaks ST8 (two racing schedules both win)', () => {
    const r = explore(strictInterleavedModel(bounds('check-then-set')));
    expect(r).toMatchObject({ kind: 'violation', invariant: 'ST8 one-compare-and-swap' });
  });

  it('a schedule that publishes before its compare-and-swap breaks ST9 (a mark left behind)', () => {
    const r = explore(strictInterleavedModel(bounds('publish-before-mark')));
    expect(r).toMatchObject({ kind: 'violation', invariant: 'ST9 mark-before-publish' });
  });

  it("a BH delivery racing a direct entry CAN enter the coroutine twice: upstream's caller check is a check then a set", () => {
    const r = explore(strictInterleavedModel(bounds('upstream'), [noDoubleEntry(bounds('upstream'))]));
    expect(r).toMatchObject({ kind: 'violation', invariant: 'no-double-entry-bh-direct' });
    if (r.kind !== 'violation') return;
    expect(r.trace).toHaveLength(16);
  });

  it('counts every interleaving of schedule(c0, x0) ‖ enter(c0) with the BH of x0 by how it ends', () => {
    expect(raceOutcomes({ coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] })).toEqual({
      'double-entry': 852,
      'abort:already-scheduled': 148,
      'abort:recursive-entry': 1218,
      'no-conflict': 1421,
    });
    expect(raceOutcomes({ coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] })).toEqual({
      'double-entry': 0,
      'abort:already-scheduled': 380,
      'abort:recursive-entry': 0,
      'no-conflict': 630,
    });
  });
});
