import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'reversal-from-four',
  kills: 'CO4',
  summary: 'The BH reverses up to three records through a small buffer, and longer lists in place by swapping from both ends, stopping one swap early: from four records on, the middle two are delivered out of order.',
};

/** `co_schedule_bh_cb`'s reversal with a fast path for short lists and an off-by-one in the in-place loop. */
class ReversalFromFour extends Scheduler {
  protected override *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    const list = ctx.scheduled;
    ctx.scheduled = [];
    if (list.length <= 3) {
      yield* [...list].reverse();
      return;
    }
    const straight = [...list];
    for (let i = 0, j = straight.length - 1; i < j - 1; i++, j--) {
      const t = straight[i] as ScheduleRecord;
      straight[i] = straight[j] as ScheduleRecord;
      straight[j] = t;
    }
    yield* straight;
  }
}

export const adapter = mutantAdapter(info, ReversalFromFour);
export default adapter;
