import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'lost-wakeup',
  kills: 'CO3',
  // A schedule made after a cancel always finds the BH armed (the stale record is queued): dropped too.
  alsoFails: ['CO9'],
  summary: 'aio_co_schedule() on a context whose BH is already armed sets the mark but does not publish the coroutine on the list.',
};

/** A "the BH is coming anyway" shortcut that forgets the BH only delivers what is on the list. */
class LostWakeup extends Scheduler {
  protected override publish(ctx: AioContext, record: ScheduleRecord): void {
    if (!ctx.bhArmed) super.publish(ctx, record);
  }
}

export const adapter = mutantAdapter(info, LostWakeup);
export default adapter;
