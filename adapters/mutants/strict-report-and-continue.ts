import { StrictScheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-report-and-continue',
  kills: 'ST2',
  profile: 'strict',
  summary: "A second schedule is reported as profile cancel's error (double-schedule, scheduled-elsewhere) and the scheduler goes on, instead of aborting.",
};

/** `aio_co_schedule` answers the failed compare-and-swap as the seed's caller contract does. */
class ReportAndContinue extends StrictScheduler {
  protected override checkSchedule(ctx: AioContext, co: Coroutine): ReturnType<StrictScheduler['checkSchedule']> {
    const mark = co.scheduled;
    if (co.status === 'terminated' || mark === null) return super.checkSchedule(ctx, co);
    return mark.ctx === ctx ? { kind: 'double-schedule', message: `c${co.id} scheduled on x${ctx.id} twice` } : { kind: 'scheduled-elsewhere', message: `c${co.id} scheduled on x${ctx.id} while scheduled on x${mark.ctx.id}` };
  }
}

export const adapter = mutantAdapter(info, ReportAndContinue);
export default adapter;
