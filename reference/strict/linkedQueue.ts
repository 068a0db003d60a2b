import type { CoQueue } from '../coQueue';
import type { Coroutine } from '../structs';

/**
 * QEMU's QSIMPLEQ (include/qemu/queue.h) linked through each coroutine's one `co_queue_next` field
 * (`Coroutine.queueNext`), as `pending` and `co_queue_wakeup` are upstream: a coroutine queued again while it
 * is queued is relinked — its link cleared, it becomes the new tail — so the queue it was in ends at it.
 */
export class LinkedQueue implements CoQueue {
  private head: Coroutine | null = null;
  /** Where the last link is: this queue's head (empty) or the last coroutine's `co_queue_next`. */
  private last: LinkedQueue | Coroutine = this;

  private static setLink(at: LinkedQueue | Coroutine, co: Coroutine | null): void {
    if (at instanceof LinkedQueue) at.head = co;
    else at.queueNext = co;
  }

  first(): Coroutine | null {
    return this.head;
  }

  /** `elm->next = NULL; *head->last = elm; head->last = &elm->next`. */
  push(co: Coroutine): void {
    co.queueNext = null;
    LinkedQueue.setLink(this.last, co);
    this.last = co;
  }

  /** `if ((head->first = elm->next) == NULL) head->last = &head->first; elm->next = NULL`. */
  shift(): void {
    const co = this.head;
    if (co === null) throw new Error('internal: shift of an empty queue');
    this.head = co.queueNext;
    if (this.head === null) this.last = this;
    co.queueNext = null;
  }

  /** `if (!EMPTY(other)) { *other->last = this->first; this->first = other->first; INIT(other); }`. */
  prepend(other: CoQueue): void {
    if (!(other instanceof LinkedQueue)) throw new Error('internal: a linked queue prepends only linked queues');
    if (other.head === null) return;
    LinkedQueue.setLink(other.last, this.head);
    this.head = other.head;
    other.head = null;
    other.last = other;
  }
}
