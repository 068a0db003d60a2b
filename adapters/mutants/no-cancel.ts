import { Scheduler, type AioContext, type Coroutine, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'no-cancel',
  kills: 'CO1',
  alsoFails: ['CO0', 'CO2', 'CO4', 'CO5', 'CO9'],
  summary: 'Pre-patch QEMU: no co->scheduled at all; a direct entry leaves the schedule pending and the BH enters every coroutine on its list, also after termination.',
};

/** The code before the seed: no `atomic_set(&co->scheduled, NULL)`, no mark check in `co_schedule_bh_cb`. */
class NoCancel extends Scheduler {
  protected override cancel(_co: Coroutine): void {}
  protected override bhShouldEnter(_ctx: AioContext, _record: ScheduleRecord): boolean {
    return true;
  }
  /** Pre-patch QEMU entered whatever was on the list; a finished coroutine "runs" and ends again. */
  protected override checkEntry(co: Coroutine): ReturnType<Scheduler['checkEntry']> {
    return co.status === 'terminated' ? null : super.checkEntry(co);
  }
  /** Without `co->scheduled` there is nothing to check a second schedule against. */
  protected override checkSchedule(_ctx: AioContext, _co: Coroutine): ReturnType<Scheduler['checkSchedule']> {
    return null;
  }
}

export const adapter = mutantAdapter(info, NoCancel);
export default adapter;
