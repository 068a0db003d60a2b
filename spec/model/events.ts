import { type ContextId, type CoroutineId, coName, ctxName } from './ids';

/** How a coroutine was entered: directly (`qemu_coroutine_enter`) or by a context's bottom half. */
export type EntryKind = 'direct' | 'bh';

/**
 * Caller-contract violations the spec predicts. The scheduler must report them (an `error` event) and
 * leave its state as if the offending call had not been made.
 */
export type ContractErrorKind =
  /** Entering a coroutine that is running ("Co-routine re-entered recursively"). */
  | 'recursive-entry'
  /** Entering, or scheduling, a coroutine that has terminated. */
  | 'entry-after-termination'
  /** Scheduling a coroutine on a context while it is scheduled, not yet entered, on another. */
  | 'scheduled-elsewhere'
  /** Scheduling a coroutine on a context while it is already scheduled, not yet entered, on that context. */
  | 'double-schedule';

/** Faults of the adapter itself, never predicted by the spec: the engine judges them as `error`. */
export type AdapterErrorKind = 'crash' | 'timeout' | 'protocol';

export type ErrorKind = ContractErrorKind | AdapterErrorKind;

/**
 * Profile `strict` (upstream QEMU since 6133b39f): the conflicts QEMU answers with `abort()`.
 * `already-scheduled`: "Co-routine was already scheduled in '<fn>'" (from `aio_co_schedule` or
 * `qemu_aio_coroutine_enter`); `recursive-entry`: "Co-routine re-entered recursively".
 */
export type AbortKind = 'already-scheduled' | 'recursive-entry';
export const ABORT_KINDS: readonly AbortKind[] = ['already-scheduled', 'recursive-entry'];

export const CONTRACT_ERROR_KINDS: readonly ContractErrorKind[] = [
  'recursive-entry',
  'entry-after-termination',
  'scheduled-elsewhere',
  'double-schedule',
];
export const ADAPTER_ERROR_KINDS: readonly AdapterErrorKind[] = ['crash', 'timeout', 'protocol'];

/** One observable event of a trace. Adapters return these, in the order they happened. */
export type Event =
  /** `co` starts or resumes running on context `ctx`: entered `direct`ly, or by `ctx`'s BH (`bh`). */
  | { readonly ev: 'entered'; readonly co: CoroutineId; readonly ctx: ContextId; readonly by: EntryKind }
  /** `co` yielded (`qemu_coroutine_yield`): control is back with whoever entered it. */
  | { readonly ev: 'yielded'; readonly co: CoroutineId }
  /** `co` ran off the end of its program. */
  | { readonly ev: 'terminated'; readonly co: CoroutineId }
  /** `message` is free text for people; only `kind` and `co` are compared. */
  | { readonly ev: 'error'; readonly kind: ErrorKind; readonly co: CoroutineId; readonly message: string }
  /**
   * Profile `strict`: the scheduler aborted (QEMU's fatal `abort()`). The last event of a session: after it
   * the spec enables no operation. `message` is free text (QEMU's stderr line); `kind` and `co` are compared.
   */
  | { readonly ev: 'abort'; readonly kind: AbortKind; readonly co: CoroutineId; readonly message: string };

export function eventToString(e: Event): string {
  switch (e.ev) {
    case 'entered':
      return `entered(${coName(e.co)}, ${ctxName(e.ctx)}, ${e.by})`;
    case 'yielded':
      return `yielded(${coName(e.co)})`;
    case 'terminated':
      return `terminated(${coName(e.co)})`;
    case 'error':
      return `error(${e.kind}, ${coName(e.co)})`;
    case 'abort':
      return `abort(${e.kind}, ${coName(e.co)})`;
    default: {
      const never: never = e;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/** Two events are the same observation: equal in every field but an error's message. */
export function sameEvent(a: Event, b: Event): boolean {
  switch (a.ev) {
    case 'entered':
      return b.ev === 'entered' && a.co === b.co && a.ctx === b.ctx && a.by === b.by;
    case 'yielded':
    case 'terminated':
      return b.ev === a.ev && a.co === b.co;
    case 'error':
      return b.ev === 'error' && a.kind === b.kind && a.co === b.co;
    case 'abort':
      return b.ev === 'abort' && a.kind === b.kind && a.co === b.co;
    default: {
      const never: never = a;
      throw new Error(`unknown event ${JSON.stringify(never)}`);
    }
  }
}

/** Index of the first event where two traces differ, or -1 when they are the same observation. */
export function firstDifference(expected: readonly Event[], observed: readonly Event[]): number {
  const n = Math.max(expected.length, observed.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const o = observed[i];
    if (e === undefined || o === undefined || !sameEvent(e, o)) return i;
  }
  return -1;
}
