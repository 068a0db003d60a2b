import { Scheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'lost-wakeup',
  kills: 'CO3',
  summary: 'aio_co_schedule() on a context whose BH is already armed drops the call: no mark, no record.',
};

/** A "the BH is coming anyway" shortcut that forgets the BH only delivers what is on the list. */
class LostWakeup extends Scheduler {
  override aio_co_schedule(ctx: AioContext, co: Coroutine): void {
    if (ctx.bhArmed) return;
    super.aio_co_schedule(ctx, co);
  }
}

export const adapter = mutantAdapter(info, LostWakeup);
export default adapter;
