import { Scheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'cross-context',
  kills: 'CO5',
  summary: 'A schedule while the coroutine is scheduled on another context is not detected: the mark is overwritten.',
};

/** Checks a pending mark only against the same context. */
class CrossContext extends Scheduler {
  protected override checkSchedule(ctx: AioContext, co: Coroutine): ReturnType<Scheduler['checkSchedule']> {
    const v = super.checkSchedule(ctx, co);
    return v?.kind === 'scheduled-elsewhere' ? null : v;
  }
}

export const adapter = mutantAdapter(info, CrossContext);
export default adapter;
