import { type ContextId, type CoroutineId, coName, ctxName } from './ids';
import { type Program, programToString } from './program';

/**
 * A driver operation: issued from outside any coroutine, on a context's thread. At level 1 each is one
 * atomic step of the model.
 */
export type DriverOp =
  /** `qemu_coroutine_create(program)`. Coroutines are created in id order, all before anything else runs. */
  | { readonly op: 'create'; readonly co: CoroutineId; readonly program: Program }
  /**
   * `qemu_aio_coroutine_enter(from, co)`: enter `co` directly on context `from`'s thread; it runs there and is
   * reported `entered(co, from, direct)`.
   */
  | { readonly op: 'enter'; readonly co: CoroutineId; readonly from: ContextId }
  /**
   * `aio_co_schedule(ctx, co)` called on context `from`'s thread. `from` says where the call is made and
   * changes nothing in the outcome.
   */
  | { readonly op: 'schedule'; readonly co: CoroutineId; readonly ctx: ContextId; readonly from: ContextId }
  /** `aio_poll(ctx)` once: run `ctx`'s bottom half if it is armed (`co_schedule_bh_cb`), else nothing. */
  | { readonly op: 'poll'; readonly ctx: ContextId };

export type DriverOpKind = DriverOp['op'];

export function opToString(o: DriverOp): string {
  switch (o.op) {
    case 'create':
      return `create(${coName(o.co)}, ${programToString(o.program)})`;
    case 'enter':
      return `enter(${coName(o.co)}, from ${ctxName(o.from)})`;
    case 'schedule':
      return `schedule(${coName(o.co)}, ${ctxName(o.ctx)}, from ${ctxName(o.from)})`;
    case 'poll':
      return `poll(${ctxName(o.ctx)})`;
    default: {
      const never: never = o;
      throw new Error(`unknown driver op ${JSON.stringify(never)}`);
    }
  }
}
