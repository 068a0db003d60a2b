import { StrictScheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-lifo',
  kills: 'ST4',
  profile: 'strict',
  summary: 'The strict BH walks the list newest first, without the reversal into `straight`.',
};

/** `co_schedule_bh_cb` without the `reversed` → `straight` loop. */
class StrictLifo extends StrictScheduler {
  protected override *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    const list = ctx.scheduled;
    ctx.scheduled = [];
    yield* list;
  }
}

export const adapter = mutantAdapter(info, StrictLifo);
export default adapter;
