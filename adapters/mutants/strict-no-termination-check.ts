import { StrictScheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-no-termination-check',
  kills: 'ST6',
  // A schedule of a terminated coroutine is accepted and delivered: ST3's delivery rule sees it too (found on ST4's search).
  alsoFails: ['ST3'],
  profile: 'strict',
  summary: 'Upstream to the letter on a freed coroutine: entering or scheduling a terminated coroutine is not refused; it is entered and ends again.',
};

/** No check for a terminated coroutine (upstream has none: it is a use after free there). */
class StrictNoTerminationCheck extends StrictScheduler {
  protected override checkEntry(co: Coroutine): ReturnType<StrictScheduler['checkEntry']> {
    return co.status === 'terminated' && co.scheduled === null ? null : super.checkEntry(co);
  }
  protected override checkSchedule(ctx: AioContext, co: Coroutine): ReturnType<StrictScheduler['checkSchedule']> {
    return co.status === 'terminated' && co.scheduled === null ? null : super.checkSchedule(ctx, co);
  }
}

export const adapter = mutantAdapter(info, StrictNoTerminationCheck);
export default adapter;
