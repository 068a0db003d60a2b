import { Scheduler, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'wakeups-as-stack',
  kills: 'CO0',
  summary: 'The coroutines one coroutine woke (aio_co_wake on its own context) are entered last woken first: the wake-up queue is used as a stack.',
};

/** `co_queue_wakeup` popped from the tail. */
class WakeupsAsStack extends Scheduler {
  protected override queueWakeups(pending: Coroutine[], woken: readonly Coroutine[]): void {
    pending.unshift(...[...woken].reverse());
  }
}

export const adapter = mutantAdapter(info, WakeupsAsStack);
export default adapter;
