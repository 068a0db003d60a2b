import type { CoroutineId } from './ids';

/**
 * The coroutine lists of `qemu_aio_coroutine_enter`: its `pending` list and each running coroutine's
 * `co_queue_wakeup` (QSIMPLEQs in QEMU). Profile `cancel` keeps them as plain sequences (a coroutine queued
 * twice is entered twice); profile `strict` links them as QEMU does (`spec/strict/linkedQueue.ts`).
 */
export interface CoQueue {
  /** `QSIMPLEQ_FIRST`: null when empty. */
  first(): CoroutineId | null;
  /** `QSIMPLEQ_INSERT_TAIL`. */
  push(c: CoroutineId): void;
  /** `QSIMPLEQ_REMOVE_HEAD` (the queue is not empty). */
  shift(): void;
  /** `QSIMPLEQ_PREPEND(this, other)`: `other`'s coroutines go first, and `other` is left empty. */
  prepend(other: CoQueue): void;
}

/** A plain sequence. */
export class ArrayQueue implements CoQueue {
  private items: CoroutineId[] = [];

  first(): CoroutineId | null {
    return this.items[0] ?? null;
  }

  push(c: CoroutineId): void {
    this.items.push(c);
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
