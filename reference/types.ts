/**
 * The reference scheduler's own vocabulary. It imports nothing of cokit's: an adapter translates between
 * these and the spec's data.
 */
export type CoroutineStatus = 'fresh' | 'running' | 'suspended' | 'terminated';

/** Contract violations the scheduler reports instead of aborting (QEMU aborts or asserts on them). */
export type ViolationKind = 'recursive-entry' | 'entry-after-termination' | 'scheduled-elsewhere' | 'double-schedule';

/** Receives what the scheduler does, in order. */
export interface Tracer {
  entered(co: number, ctx: number, by: 'direct' | 'bh'): void;
  yielded(co: number): void;
  terminated(co: number): void;
  violation(kind: ViolationKind, co: number, message: string): void;
  /** Upstream QEMU's fatal `abort()` (the strict scheduler): nothing runs after it. */
  aborted(kind: AbortReason, co: number, message: string): void;
}

/** Why upstream QEMU aborts: a pending schedule met by a schedule or an entry, or a recursive entry. */
export type AbortReason = 'already-scheduled' | 'recursive-entry';
