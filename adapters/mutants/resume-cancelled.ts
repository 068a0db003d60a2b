import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'resume-cancelled',
  kills: 'CO1',
  summary: 'The BH also enters a coroutine whose mark a direct entry cleared (a cancelled schedule is delivered anyway); terminated ones are skipped.',
};

/** `if (scheduled_ctx == ctx || scheduled_ctx == NULL)`: reads the cancel as "deliver". */
class ResumeCancelled extends Scheduler {
  protected override bhShouldEnter(ctx: AioContext, record: ScheduleRecord): boolean {
    return super.bhShouldEnter(ctx, record) || (record.co.scheduled === null && record.co.status !== 'terminated');
  }
}

export const adapter = mutantAdapter(info, ResumeCancelled);
export default adapter;
