import { Scheduler, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'wakeups-appended',
  kills: 'CO0',
  summary: 'The coroutines a woken coroutine wakes in turn are entered after every wake-up already pending (breadth-first), not right after it (depth-first, as QEMU does).',
};

/** One flat queue for the whole entry instead of each coroutine's own `co_queue_wakeup` entered on its switch-out. */
class WakeupsAppended extends Scheduler {
  protected override queueWakeups(pending: Coroutine[], woken: readonly Coroutine[]): void {
    pending.push(...woken);
  }
}

export const adapter = mutantAdapter(info, WakeupsAppended);
export default adapter;
