import { PAUSE, Scheduler, SteppedScheduler, type StepPoint } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'unmark-before-caller',
  kills: 'CO8',
  summary: 'qemu_aio_coroutine_enter clears co->scheduled before it sets co->caller (level 2; level 1 is the reference).',
};

/** `atomic_set(&co->scheduled, NULL)` first, `co->caller = self` after: a BH can find neither mark nor caller set. */
class UnmarkBeforeCaller extends SteppedScheduler {
  protected override *claim(t: number, co: number): Generator<StepPoint, void, void> {
    yield PAUSE;
    this.cancel(co);
    yield PAUSE;
    this.setCaller(t, co);
  }
}

export const adapter = mutantAdapter(info, Scheduler, UnmarkBeforeCaller);
export default adapter;
