import { type ContextId, type CoroutineId, coName, ctxName } from './ids';

/**
 * One instruction of a coroutine program. Programs are data so that a scheduler in any language can run
 * them: a program runs from the top on first entry, resumes after each `yield`, and terminates when it runs
 * off its end.
 */
export type Instruction =
  /** `qemu_coroutine_yield()`: give control back to whoever entered the coroutine. */
  | { readonly kind: 'yield' }
  /** `aio_co_schedule(ctx, target)` from inside the coroutine; `target` may be the coroutine itself. */
  | { readonly kind: 'schedule'; readonly target: CoroutineId; readonly ctx: ContextId }
  /**
   * `qemu_coroutine_enter(target)`: a nested direct entry on the entering coroutine's context (reported
   * `entered(target, that context, direct)`); resumes here when `target` yields or ends.
   */
  | { readonly kind: 'enter'; readonly target: CoroutineId }
  /**
   * `aio_co_wake(target)`: if `target`'s context (the context it last ran in; for a fresh coroutine, the
   * waker's) is another context, schedule it there; otherwise queue it on the waker's wake-up queue, to be
   * entered directly once the waker yields or terminates (QEMU's `co_queue_wakeup`). Waking oneself is a
   * `recursive-entry` error.
   */
  | { readonly kind: 'wake'; readonly target: CoroutineId };

export type Program = readonly Instruction[];

export function instructionToString(i: Instruction): string {
  switch (i.kind) {
    case 'yield':
      return 'yield';
    case 'schedule':
      return `schedule(${coName(i.target)}, ${ctxName(i.ctx)})`;
    case 'enter':
      return `enter(${coName(i.target)})`;
    case 'wake':
      return `wake(${coName(i.target)})`;
    default: {
      const never: never = i;
      throw new Error(`unknown instruction ${JSON.stringify(never)}`);
    }
  }
}

export const programToString = (p: Program): string => `[${p.map(instructionToString).join('; ')}]`;
