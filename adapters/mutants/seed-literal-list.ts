import { Scheduler, type AioContext, type Coroutine, type ScheduleRecord, type Tracer } from '../../reference';
import { mutantAdapter, type MutantInfo } from './mutant';

export const info: MutantInfo = {
  name: 'seed-literal-list',
  kills: 'CO9',
  // The same node linked on a second list drops the coroutines behind it on the first: lost wake-ups.
  alsoFails: ['CO3'],
  summary: "The seed's literal code: the coroutine is the list node and the mark is the context, so a re-schedule after a cancel links the node twice.",
};

/**
 * A transcription of the seed: `QSLIST_INSERT_HEAD_ATOMIC(&ctx->scheduled_coroutines, co, co_scheduled_next)`
 * links the coroutine itself; `co_schedule_bh_cb` moves the list, reverses it into `straight` and walks it,
 * entering `co` when `co->scheduled == ctx` and asserting `co->scheduled == NULL` otherwise. If a cancelled
 * coroutine is scheduled again before the BH drained its stale node, the node is linked twice: the list
 * turns cyclic and the walk never ends (or loses the coroutines behind it). No cycle detection, on purpose.
 */
export class SeedLiteralList extends Scheduler {
  /** `ctx->scheduled_coroutines`: head of the intrusive list, per context. */
  readonly heads: (Coroutine | null)[];

  constructor(contexts: number, tracer: Tracer) {
    super(contexts, tracer);
    this.heads = this.contexts.map(() => null);
  }

  protected override publish(ctx: AioContext, record: ScheduleRecord): void {
    record.co.scheduledNext = this.heads[ctx.id] ?? null;
    this.heads[ctx.id] = record.co;
  }

  protected override *walk(ctx: AioContext): Iterable<ScheduleRecord> {
    let reversed = this.heads[ctx.id] ?? null;
    this.heads[ctx.id] = null;
    let straight: Coroutine | null = null;
    while (reversed !== null) {
      const co: Coroutine = reversed;
      reversed = co.scheduledNext;
      co.scheduledNext = straight;
      straight = co;
    }
    while (straight !== null) {
      const co: Coroutine = straight;
      straight = co.scheduledNext;
      yield { co, ctx, seq: -1 };
    }
  }

  /** `scheduled_ctx == ctx`, else `assert(scheduled_ctx == NULL)`. */
  protected override bhShouldEnter(ctx: AioContext, record: ScheduleRecord): boolean {
    const scheduledCtx = record.co.scheduled?.ctx ?? null;
    if (scheduledCtx === ctx) return true;
    if (scheduledCtx !== null) throw new Error(`co_schedule_bh_cb: Assertion 'scheduled_ctx == NULL' failed (c${record.co.id} scheduled on x${scheduledCtx.id}, met on x${ctx.id})`);
    return false;
  }
}

export const adapter = mutantAdapter(info, SeedLiteralList);
export default adapter;
