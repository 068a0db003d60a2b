import { Scheduler, type CoQueue, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'wakeups-as-stack',
  kills: 'CO0',
  summary: 'The coroutines one coroutine woke (aio_co_wake on its own context) are entered last woken first: the wake-up queue is used as a stack.',
};

/** A `co_queue_wakeup` that inserts at the head: removal then takes the last woken first. */
class StackQueue implements CoQueue {
  private items: Coroutine[] = [];
  insertTail(co: Coroutine): void {
    this.items.unshift(co);
  }
  removeHead(): Coroutine | null {
    return this.items.shift() ?? null;
  }
  prepend(from: CoQueue): void {
    const front: Coroutine[] = [];
    for (let co = from.removeHead(); co !== null; co = from.removeHead()) front.push(co);
    this.items.unshift(...front);
  }
}

class WakeupsAsStack extends Scheduler {
  protected override newQueue(): CoQueue {
    return new StackQueue();
  }
}

export const adapter = mutantAdapter(info, WakeupsAsStack);
export default adapter;
