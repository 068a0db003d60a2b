import fc from 'fast-check';
import type { ClauseId, ConcurrentOp, ConcurrentProgram } from '../../spec';

/**
 * Concurrent programs for level 2, small enough for the kit to explore their interleavings: 1–2 coroutines,
 * 1–2 contexts, 2–3 driver threads of 1–2 operations, 0–2 yields. Half are steered to a clause's race:
 * CO7 two schedules on one context (the second publishes while the first has armed the BH); CO8 a schedule
 * racing a direct entry of the same coroutine. The rest are any operations at all.
 */
export function programArbitrary(clause: ClauseId): fc.Arbitrary<ConcurrentProgram> {
  const free = fc
    .record({ coroutines: fc.integer({ min: 1, max: 2 }), contexts: fc.integer({ min: 1, max: 2 }), yields: fc.integer({ min: 0, max: 2 }), threads: fc.integer({ min: 2, max: 3 }) })
    .chain(({ coroutines, contexts, yields, threads }) => {
      const op: fc.Arbitrary<ConcurrentOp> = fc.oneof(
        fc.record({ op: fc.constant('schedule' as const), co: fc.nat(coroutines - 1), ctx: fc.nat(contexts - 1) }),
        fc.record({ op: fc.constant('enter' as const), co: fc.nat(coroutines - 1), from: fc.nat(contexts - 1) }),
      );
      return fc.array(fc.array(op, { minLength: 1, maxLength: 2 }), { minLength: threads, maxLength: threads }).map((drivers) => ({ coroutines, contexts, yields, drivers }));
    });
  const race = situated(clause);
  return race === null ? free : fc.oneof(race, free);
}

/** The race a level-2 clause is about, with an optional third thread doing anything to the same coroutine. */
function situated(clause: ClauseId): fc.Arbitrary<ConcurrentProgram> | null {
  const extra = fc.option(fc.constantFrom<ConcurrentOp>({ op: 'schedule', co: 0, ctx: 0 }, { op: 'enter', co: 0, from: 0 }), { nil: undefined });
  const yields = fc.integer({ min: 0, max: 2 });
  if (clause === 'CO7') {
    return fc.record({ yields, other: fc.nat(1), extra }).map(({ yields: y, other, extra: x }) => ({
      coroutines: other + 1,
      contexts: 1,
      yields: y,
      drivers: [[{ op: 'schedule' as const, co: 0, ctx: 0 }], [{ op: 'schedule' as const, co: other, ctx: 0 }], ...(x === undefined ? [] : [[x]])],
    }));
  }
  if (clause === 'CO8') {
    return fc.record({ yields, again: fc.boolean(), extra }).map(({ yields: y, again, extra: x }) => ({
      coroutines: 1,
      contexts: 1,
      yields: y,
      drivers: [[{ op: 'schedule' as const, co: 0, ctx: 0 }], [{ op: 'enter' as const, co: 0, from: 0 }, ...(again ? [{ op: 'schedule' as const, co: 0, ctx: 0 }] : [])], ...(x === undefined ? [] : [[x]])],
    }));
  }
  return null;
}

/** Small programs whose every interleaving `certify` runs, per clause: the race at its smallest. */
export const EXHAUSTIVE_PROGRAMS: Readonly<Partial<Record<ClauseId, readonly ConcurrentProgram[]>>> = {
  CO7: [
    { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] },
    { coroutines: 2, contexts: 1, yields: 0, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 1, ctx: 0 }]] },
  ],
  CO8: [
    { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] },
  ],
};
