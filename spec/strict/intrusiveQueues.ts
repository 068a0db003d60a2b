import type { CoroutineId } from '../model/ids';
import type { WakeQueue, WakeQueues } from '../model/step';

/** Where a queue's last link is: the head's `first` field, or a coroutine's `co_queue_next`. */
type LinkRef = { readonly head: Head } | { readonly co: CoroutineId };

/** `QSIMPLEQ_HEAD`: the first element and a pointer to the last element's link (`sqh_last`). */
interface Head extends WakeQueue {
  first: CoroutineId | null;
  last: LinkRef;
}

/**
 * QEMU's wake queues as they are: QSIMPLEQs threaded through ONE link per coroutine (`co_queue_next`), for
 * the entry loop's `pending` and every `co_queue_wakeup` alike. Queuing a coroutine that is already queued
 * relinks it: what followed it is cut off (never entered), and when it was last it points at itself until a
 * `QSIMPLEQ_PREPEND` overwrites that link. Found by certifying QEMU's own code (adapters/qemu): with plain
 * lists the model entered a twice-woken coroutine twice, QEMU once.
 */
export class IntrusiveQueues implements WakeQueues {
  /** `co->co_queue_next` of each coroutine (null: none). */
  private readonly next = new Map<CoroutineId, CoroutineId | null>();

  create(): WakeQueue {
    const head: Head = { kind: 'wake-queue', first: null, last: { co: -1 } };
    head.last = { head };
    return head;
  }

  private set(ref: LinkRef, v: CoroutineId | null): void {
    if ('head' in ref) ref.head.first = v;
    else this.next.set(ref.co, v);
  }

  /** `QSIMPLEQ_INSERT_TAIL`: `e->next = NULL; *q->last = e; q->last = &e->next`. */
  insertTail(q: WakeQueue, c: CoroutineId): void {
    const h = q as Head;
    this.next.set(c, null);
    this.set(h.last, c);
    h.last = { co: c };
  }

  /** `QSIMPLEQ_REMOVE_HEAD` (which also clears the removed element's link, as QEMU's does). */
  removeHead(q: WakeQueue): CoroutineId | null {
    const h = q as Head;
    const e = h.first;
    if (e === null) return null;
    h.first = this.next.get(e) ?? null;
    if (h.first === null) h.last = { head: h };
    this.next.set(e, null);
    return e;
  }

  /** `QSIMPLEQ_PREPEND(q, from)`: `*from->last = q->first; q->first = from->first`; `from` emptied. */
  prepend(q: WakeQueue, from: WakeQueue): void {
    const h = q as Head;
    const f = from as Head;
    if (f.first === null) return;
    this.set(f.last, h.first);
    if (h.first === null) h.last = f.last;
    h.first = f.first;
    f.first = null;
    f.last = { head: f };
  }
}
