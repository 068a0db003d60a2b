import { Scheduler, type CoQueue, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'wakeups-appended',
  kills: 'CO0',
  summary: 'The coroutines a woken coroutine wakes in turn are entered after every wake-up already pending (breadth-first), not right after it (depth-first, as QEMU does).',
};

/** `QSIMPLEQ_CONCAT` where QEMU has `QSIMPLEQ_PREPEND`: a coroutine's wake-ups join the back of `pending`. */
class AppendingQueue implements CoQueue {
  private items: Coroutine[] = [];
  insertTail(co: Coroutine): void {
    this.items.push(co);
  }
  removeHead(): Coroutine | null {
    return this.items.shift() ?? null;
  }
  prepend(from: CoQueue): void {
    for (let co = from.removeHead(); co !== null; co = from.removeHead()) this.items.push(co);
  }
}

class WakeupsAppended extends Scheduler {
  protected override newQueue(): CoQueue {
    return new AppendingQueue();
  }
}

export const adapter = mutantAdapter(info, WakeupsAppended);
export default adapter;
