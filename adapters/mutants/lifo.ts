import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'lifo',
  kills: 'CO4',
  summary: 'The BH walks the list as QSLIST_INSERT_HEAD_ATOMIC left it, newest first, without the reversal.',
};

/** `co_schedule_bh_cb` without the `reversed` → `straight` loop. */
class Lifo extends Scheduler {
  protected override *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    const list = ctx.scheduled;
    ctx.scheduled = [];
    yield* list;
  }
}

export const adapter = mutantAdapter(info, Lifo);
export default adapter;
