import type { ContextId, CoroutineId } from './ids';
import type { AbortKind } from './events';
import type { Program } from './program';

/** The bounds a session is opened with. */
export interface SessionConfig {
  /** Number of AioContexts, each with its own thread, list of scheduled coroutines and bottom half. */
  readonly contexts: number;
  /** Number of coroutines the driver will create (ids `0 .. coroutines - 1`). */
  readonly coroutines: number;
}

/**
 * One call of `aio_co_schedule(ctx, co)`, as it sits on `ctx`'s list. The sequence number makes every
 * schedule distinct, so the record a cancel left behind is never confused with a later schedule of the same
 * coroutine (clause CO9).
 */
export interface ScheduleRecord {
  readonly co: CoroutineId;
  readonly ctx: ContextId;
  readonly seq: number;
}

/** Who entered a running coroutine (`co->caller`): the driver on a context's thread, a BH, or a coroutine. */
export type Caller =
  | { readonly kind: 'driver'; readonly ctx: ContextId }
  | { readonly kind: 'bh'; readonly ctx: ContextId }
  | { readonly kind: 'co'; readonly co: CoroutineId };

interface CoroutineCommon {
  readonly program: Program;
  /** Index of the next instruction to run. */
  readonly pc: number;
  /** The context the coroutine last ran in (`co->ctx`); null until first entered. */
  readonly ctx: ContextId | null;
  /** `co->scheduled`: the pending schedule, if any. A direct entry clears it (the cancel). */
  readonly scheduled: ScheduleRecord | null;
  /**
   * Sequence number of the coroutine's latest accepted schedule (null before the first). Not in QEMU: it
   * lets a BH tell a record a cancel left behind (`cancelled`) from one superseded by a later schedule of the
   * same coroutine (`stale`, clause CO9), even when that later schedule was itself delivered or cancelled.
   */
  readonly lastSeq: number | null;
}

/** A coroutine's state; `caller` exists only while it runs, so an illegal combination cannot be written. */
export type CoroutineState =
  | (CoroutineCommon & { readonly status: 'fresh' })
  | (CoroutineCommon & { readonly status: 'running'; readonly caller: Caller })
  | (CoroutineCommon & { readonly status: 'suspended' })
  | (CoroutineCommon & { readonly status: 'terminated' });

export type CoroutineStatus = CoroutineState['status'];

export interface ContextState {
  /** `ctx->scheduled_coroutines`, oldest first (the order the BH must deliver them in). */
  readonly list: readonly ScheduleRecord[];
  /** Whether `ctx->co_schedule_bh` is scheduled to run at the next poll. */
  readonly armed: boolean;
}

/** The whole model state at level 1. Immutable: `step` returns a new one. */
export interface State {
  readonly config: SessionConfig;
  /** Indexed by coroutine id; the first `created` entries exist. */
  readonly coroutines: readonly CoroutineState[];
  readonly contexts: readonly ContextState[];
  /** The sequence number the next schedule record gets. */
  readonly nextSeq: number;
  /**
   * Profile `strict`: the session aborted (QEMU's `abort()`), on this coroutine for this reason. Nothing is
   * enabled after it. Never set in profile `cancel`.
   */
  readonly aborted?: { readonly kind: AbortKind; readonly co: CoroutineId };
}

export function initialState(config: SessionConfig): State {
  const contexts: ContextState[] = [];
  for (let x = 0; x < config.contexts; x++) contexts.push({ list: [], armed: false });
  return { config, coroutines: [], contexts, nextSeq: 0 };
}

/** Whether `record` is still the live schedule of its coroutine (not cancelled, not superseded). */
export function isLive(state: State, record: ScheduleRecord): boolean {
  const m = state.coroutines[record.co]?.scheduled;
  return m !== null && m !== undefined && m.seq === record.seq;
}
