import { Scheduler, type AioContext } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'forgotten-rearm',
  kills: 'CO3',
  summary: 'aio_poll() clears the BH\'s armed flag after the BH ran instead of before: a schedule made while the BH runs re-arms it, and the clear forgets that.',
};

/** `aio_bh_poll` clears `bh->scheduled` before calling the callback for this very reason; this one clears it after. */
class ForgottenRearm extends Scheduler {
  override poll(ctx: AioContext): void {
    if (!ctx.bhArmed) return;
    this.co_schedule_bh_cb(ctx);
    ctx.bhArmed = false;
  }
}

export const adapter = mutantAdapter(info, ForgottenRearm);
export default adapter;
