import { Scheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'no-termination-check',
  kills: 'CO2',
  summary: 'Entering or scheduling a terminated coroutine is not refused: it is entered and ends again.',
};

/** Forgets that a terminated coroutine is gone (in QEMU: back in the pool, or freed). */
class NoTerminationCheck extends Scheduler {
  protected override checkEntry(co: Coroutine): ReturnType<Scheduler['checkEntry']> {
    return co.status === 'terminated' ? null : super.checkEntry(co);
  }
  protected override checkSchedule(ctx: AioContext, co: Coroutine): ReturnType<Scheduler['checkSchedule']> {
    if (co.status !== 'terminated') return super.checkSchedule(ctx, co);
    return co.scheduled === null ? null : super.checkSchedule(ctx, co);
  }
}

export const adapter = mutantAdapter(info, NoTerminationCheck);
export default adapter;
