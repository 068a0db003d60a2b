import type { Coroutine } from './structs';

/**
 * `qemu_aio_coroutine_enter`'s `pending` list and a coroutine's `co_queue_wakeup` (QSIMPLEQs in QEMU). The
 * patched scheduler keeps them as plain sequences; the strict one links them as QEMU does
 * (`strict/linkedQueue.ts`).
 */
export interface CoQueue {
  /** `QSIMPLEQ_FIRST`: null when empty. */
  first(): Coroutine | null;
  /** `QSIMPLEQ_INSERT_TAIL`. */
  push(co: Coroutine): void;
  /** `QSIMPLEQ_REMOVE_HEAD` (the queue is not empty). */
  shift(): void;
  /** `QSIMPLEQ_PREPEND(this, other)`: `other`'s coroutines go first, and `other` is left empty. */
  prepend(other: CoQueue): void;
}

/** A plain sequence: a coroutine queued twice is entered twice. */
export class ArrayQueue implements CoQueue {
  private items: Coroutine[] = [];

  first(): Coroutine | null {
    return this.items[0] ?? null;
  }

  push(co: Coroutine): void {
    this.items.push(co);
  }

  shift(): void {
    this.items.shift();
  }

  prepend(other: CoQueue): void {
    if (!(other instanceof ArrayQueue)) throw new Error('internal: an array queue prepends only array queues');
    this.items = [...other.items, ...this.items];
    other.items = [];
  }
}
