import type { Adapter } from '../../adapters/contract';
import { PromiseScheduler, type Instr } from './scheduler';

/**
 * The adapter: cokit's operations in, the scheduler's events out. `apply` is async, which the contract
 * allows. Copy this file next to your own scheduler and change the four lines of `apply`.
 */
export function makeAdapter(Impl: typeof PromiseScheduler = PromiseScheduler, name = 'promise-scheduler'): Adapter {
  return {
    meta: { name, version: '1.0.0', profile: 'cancel', levels: [1], description: 'async/await coroutines (an example of a third-party scheduler)' },
    open({ contexts }) {
      const s = new Impl(contexts);
      return {
        async apply(op) {
          if (op.op === 'create') s.create(op.program as readonly Instr[]);
          else if (op.op === 'enter') await s.enter(op.co, op.from, 'direct');
          else if (op.op === 'schedule') s.schedule(op.co, op.ctx);
          else await s.poll(op.ctx);
          return s.drain();
        },
        close() {},
      };
    },
  };
}

export const adapter = makeAdapter();
export default adapter;
