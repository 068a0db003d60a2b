import { StrictScheduler, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'strict-no-clear',
  kills: 'ST3',
  profile: 'strict',
  summary: "The BH does not clear the mark (`qatomic_set(&co->scheduled, NULL)`) before entering: the entry finds its own schedule and aborts, and no schedule is ever delivered.",
};

/** `co_schedule_bh_cb` without the clear. */
class NoClear extends StrictScheduler {
  protected override clearMark(_co: Coroutine): void {}
}

export const adapter = mutantAdapter(info, NoClear);
export default adapter;
