import { PAUSE, Scheduler, SteppedScheduler, type StepPoint, type StepRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'publish-before-mark',
  kills: 'CO7',
  summary: 'aio_co_schedule links the coroutine into the list before it sets co->scheduled (level 2; level 1 is the reference).',
};

/** `QSLIST_INSERT_HEAD_ATOMIC` first, `atomic_mb_set(&co->scheduled, ctx)` after: a BH can take the record unmarked. */
class PublishBeforeMark extends SteppedScheduler {
  protected override *schedule(rec: StepRecord): Generator<StepPoint, void, void> {
    yield PAUSE;
    this.publish(rec);
    yield PAUSE;
    this.mark(rec);
    yield PAUSE;
    this.arm(rec);
  }
}

export const adapter = mutantAdapter(info, Scheduler, PublishBeforeMark);
export default adapter;
