import fc from 'fast-check';
import type { DriverOp, Instruction } from '../../spec';
import { enteredOnceAfterEnd, type Workload } from './workload';

/**
 * W1 fan-in (seed lines 12–19): coroutine c0 spawns k jobs and waits for all of them, looping around a
 * yield; each job's completion wakes c0 (a schedule on c0's context from the job's context, or a wake).
 * Entering c0 twice is fine, but once the loop is left it must not be entered again.
 */
export const W1: Workload = {
  id: 'W1',
  slug: 'fan-in',
  statement: 'A coroutine waiting for k jobs, each of whose completions wakes it, terminates exactly once and is never entered after terminating.',
  seedLines: [12, 19],
  arbitrary: fc
    .record({
      k: fc.integer({ min: 2, max: 3 }),
      contexts: fc.integer({ min: 1, max: 2 }),
      how: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      order: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 14 }),
    })
    .map(({ k, contexts, how, order }) => {
      const waiter: Instruction[] = Array.from({ length: k }, () => ({ kind: 'yield' }));
      const jobs = Array.from({ length: k }, (_, j): Instruction[] => [how[j] === true ? { kind: 'wake', target: 0 } : { kind: 'schedule', target: 0, ctx: 0 }]);
      const ops: DriverOp[] = [{ op: 'create', co: 0, program: waiter }, ...jobs.map((program, j): DriverOp => ({ op: 'create', co: j + 1, program }))];
      ops.push({ op: 'enter', co: 0, from: 0 });
      for (const [i, pick] of order.entries()) {
        const ctx = pick % contexts;
        if (pick < 4) ops.push({ op: 'schedule', co: 1 + (i % k), ctx, from: ctx });
        else if (pick < 8) ops.push({ op: 'poll', ctx });
        else ops.push({ op: 'enter', co: 0, from: ctx });
      }
      for (let x = 0; x < contexts; x++) ops.push({ op: 'poll', ctx: x }, { op: 'poll', ctx: x });
      return { config: { contexts, coroutines: k + 1 }, ops };
    }),
  property: (_ops, history) => enteredOnceAfterEnd(history, 0),
};
