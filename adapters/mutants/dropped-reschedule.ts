import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'dropped-reschedule',
  kills: 'CO9',
  // On one leg of the tour its trace is exactly LIFO's for the same operations (c0's re-schedule lost, or
  // reordered behind c1 who then enters c0 directly): events cannot tell a loss from a reorder, CO4 claims it too.
  alsoFails: ['CO4'],
  summary: 'A schedule of a coroutine whose cancelled record is still on that context\'s list sets the mark but is not published ("it is on the list already"): the new schedule is never delivered.',
};

/**
 * A tempting "fix" of the seed's double link: do not link a coroutine that is still on this context's
 * list. The old record is stale (the mark is the new schedule), so the BH skips it, and nothing delivers
 * the new one.
 */
class DroppedReschedule extends Scheduler {
  protected override publish(ctx: AioContext, record: ScheduleRecord): void {
    if (!ctx.scheduled.some((r) => r.co === record.co)) super.publish(ctx, record);
  }
}

export const adapter = mutantAdapter(info, DroppedReschedule);
export default adapter;
