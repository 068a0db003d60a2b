import { Scheduler, type AioContext, type ScheduleRecord } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'late-records-overtaken',
  kills: 'CO4',
  summary: 'Schedules made on a context while its BH runs go to a side list that the next BH run walks after the main list, behind schedules made later.',
};

/** A side list for schedules published while the BH runs ("the list is busy"), drained after the main one. */
class LateRecordsOvertaken extends Scheduler {
  private readonly running = new Set<AioContext>();
  private readonly late = new Map<AioContext, ScheduleRecord[]>();

  protected override co_schedule_bh_cb(ctx: AioContext): void {
    this.running.add(ctx);
    try {
      super.co_schedule_bh_cb(ctx);
    } finally {
      this.running.delete(ctx);
    }
  }

  protected override publish(ctx: AioContext, record: ScheduleRecord): void {
    if (!this.running.has(ctx)) return super.publish(ctx, record);
    this.late.set(ctx, [...(this.late.get(ctx) ?? []), record]);
  }

  protected override *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    const late = this.late.get(ctx) ?? [];
    this.late.set(ctx, []);
    yield* super.walk(ctx);
    yield* late;
  }
}

export const adapter = mutantAdapter(info, LateRecordsOvertaken);
export default adapter;
