import { Scheduler, type AioContext, type Coroutine } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'double-delivery',
  kills: 'CO3',
  summary: 'The BH enters a coroutine that yielded a second time for the same schedule, if only BHs ever entered it ("a BH-driven coroutine runs until it has yielded twice").',
};

/**
 * A BH that gives a delivered coroutine a second turn when the first ended in a yield — only a coroutine no
 * direct entry ever ran, so never one with a record a cancel left stale (which would be CO9's business).
 */
class DoubleDelivery extends Scheduler {
  private readonly enteredDirectly = new Set<Coroutine>();

  override qemu_aio_coroutine_enter(ctx: AioContext, co: Coroutine, by: 'direct' | 'bh'): void {
    if (by === 'direct') this.enteredDirectly.add(co);
    super.qemu_aio_coroutine_enter(ctx, co, by);
  }

  protected override co_schedule_bh_cb(ctx: AioContext): void {
    for (const record of this.walk(ctx)) {
      if (!this.bhShouldEnter(ctx, record)) continue;
      this.qemu_aio_coroutine_enter(ctx, record.co, 'bh');
      if (record.co.status === 'suspended' && !this.enteredDirectly.has(record.co)) this.qemu_aio_coroutine_enter(ctx, record.co, 'bh');
    }
  }
}

export const adapter = mutantAdapter(info, DoubleDelivery);
export default adapter;
