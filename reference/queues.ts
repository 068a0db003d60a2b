import type { Coroutine } from './structs';

/** A queue of coroutines to enter: `qemu_aio_coroutine_enter`'s `pending`, a coroutine's `co_queue_wakeup`. */
export interface CoQueue {
  insertTail(co: Coroutine): void;
  /** The first coroutine, removed (null when empty). */
  removeHead(): Coroutine | null;
  /** `QSIMPLEQ_PREPEND(this, from)`: `from`'s coroutines go in front; `from` is left empty. */
  prepend(from: CoQueue): void;
}

/** A queue with storage of its own: a coroutine queued twice is entered twice (the seed's reference). */
export class ListQueue implements CoQueue {
  private items: Coroutine[] = [];
  insertTail(co: Coroutine): void {
    this.items.push(co);
  }
  removeHead(): Coroutine | null {
    return this.items.shift() ?? null;
  }
  prepend(from: CoQueue): void {
    for (let co = from.removeHead(), front: Coroutine[] = []; ; co = from.removeHead()) {
      if (co === null) {
        this.items.unshift(...front);
        return;
      }
      front.push(co);
    }
  }
}

/**
 * QEMU's QSIMPLEQ threaded through each coroutine's ONE `co_queue_next` link, shared by every queue: queuing
 * a coroutine that is already queued relinks it (what followed it is cut off; when it was last, it points at
 * itself until a prepend overwrites that link). Upstream QEMU's behaviour, which the strict reference keeps.
 */
export class IntrusiveQueue implements CoQueue {
  private first: Coroutine | null = null;
  /** `sqh_last`: this head's `first`, or the last coroutine's `co_queue_next`. */
  private last: { readonly head: IntrusiveQueue } | { readonly co: Coroutine } = { head: this };

  private static set(ref: IntrusiveQueue['last'], v: Coroutine | null): void {
    if ('head' in ref) ref.head.first = v;
    else ref.co.queueNext = v;
  }
  insertTail(co: Coroutine): void {
    co.queueNext = null;
    IntrusiveQueue.set(this.last, co);
    this.last = { co };
  }
  removeHead(): Coroutine | null {
    const e = this.first;
    if (e === null) return null;
    this.first = e.queueNext;
    if (this.first === null) this.last = { head: this };
    e.queueNext = null;
    return e;
  }
  prepend(from: CoQueue): void {
    const f = from as IntrusiveQueue;
    if (f.first === null) return;
    IntrusiveQueue.set(f.last, this.first);
    if (this.first === null) this.last = f.last;
    this.first = f.first;
    f.first = null;
    f.last = { head: f };
  }
}
