import type { CoroutineId } from '../model/ids';
import type { CoQueue } from '../model/coQueue';

/** Where a queue's last link is: its head (empty queue) or a coroutine's `co_queue_next`. */
type LastLink = { readonly head: LinkedQueue } | { readonly co: CoroutineId };

/**
 * QEMU's QSIMPLEQ (include/qemu/queue.h) over the coroutines' ONE `co_queue_next` link, shared by every
 * `pending` list and `co_queue_wakeup` queue: a coroutine queued again while it is queued is relinked. Its
 * link is cleared and it is linked at the new tail, so the queue it was in ends at it (what followed is
 * never entered), and a second wake of the last one changes nothing. One instance per driver operation.
 */
export class QueueLinks {
  readonly next = new Map<CoroutineId, CoroutineId | null>();

  queue(): CoQueue {
    return new LinkedQueue(this);
  }
}

class LinkedQueue implements CoQueue {
  private head: CoroutineId | null = null;
  private last: LastLink = { head: this };

  constructor(private readonly links: QueueLinks) {}

  /** `*last = c`. */
  private setLast(link: LastLink, c: CoroutineId | null): void {
    if ('head' in link) link.head.head = c;
    else this.links.next.set(link.co, c);
  }

  first(): CoroutineId | null {
    return this.head;
  }

  /** `elm->next = NULL; *head->last = elm; head->last = &elm->next`. */
  push(c: CoroutineId): void {
    this.links.next.set(c, null);
    this.setLast(this.last, c);
    this.last = { co: c };
  }

  /** `if ((head->first = elm->next) == NULL) head->last = &head->first; elm->next = NULL`. */
  shift(): void {
    const c = this.head;
    if (c === null) throw new Error('internal: shift of an empty queue');
    this.head = this.links.next.get(c) ?? null;
    if (this.head === null) this.last = { head: this };
    this.links.next.set(c, null);
  }

  /** `if (!EMPTY(other)) { *other->last = this->first; this->first = other->first; INIT(other); }`. */
  prepend(other: CoQueue): void {
    if (!(other instanceof LinkedQueue)) throw new Error('internal: a linked queue prepends only linked queues');
    if (other.head === null) return;
    other.setLast(other.last, this.head);
    this.head = other.head;
    other.head = null;
    other.last = { head: other };
  }
}
