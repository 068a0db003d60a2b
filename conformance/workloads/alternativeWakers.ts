import fc from 'fast-check';
import type { DriverOp } from '../../spec';
import type { Workload } from './workload';

/**
 * W2 alternative wakers (seed lines 21–23, 29–36): c0 yields with two ways back — a pending schedule and a
 * direct entry. Whichever comes first wakes it; the other must not enter it for the same wait: c0 is entered
 * once to start and once per wait, never more.
 */
export const W2: Workload = {
  id: 'W2',
  slug: 'alternative-wakers',
  statement: 'A yielded coroutine with a pending schedule and a direct waker is woken once per wait, by whichever comes first.',
  seedLines: [21, 36],
  arbitrary: fc
    .record({ waits: fc.integer({ min: 1, max: 3 }), contexts: fc.integer({ min: 1, max: 2 }), directFirst: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) })
    .map(({ waits, contexts, directFirst }) => {
      const ops: DriverOp[] = [{ op: 'create', co: 0, program: Array.from({ length: waits + 1 }, () => ({ kind: 'yield' as const })) }, { op: 'enter', co: 0, from: 0 }];
      const x = contexts - 1;
      for (let w = 0; w < waits; w++) {
        ops.push({ op: 'schedule', co: 0, ctx: x, from: x });
        // The direct waker checks the coroutine's state first (seed lines 24-27): it enters only if it comes
        // before the BH; the BH, coming second, must find the schedule cancelled.
        if (directFirst[w] === true) ops.push({ op: 'enter', co: 0, from: 0 }, { op: 'poll', ctx: x });
        else ops.push({ op: 'poll', ctx: x });
      }
      return { config: { contexts, coroutines: 1 }, ops };
    }),
  property: (ops, history) => {
    const entries = history.filter((e) => e.ev === 'entered' && e.co === 0).length;
    const wakeUps = 1 + ops.filter((o) => o.op === 'schedule').length;
    return entries > wakeUps ? `c0 was entered ${entries} times for ${wakeUps - 1} waits (and its start): a second waker re-entered a wait` : null;
  },
};
