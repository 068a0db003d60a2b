import type { DriverOp, Event, Level, Profile, SessionConfig } from '../spec';
import { checkMeta } from './schema';

/**
 * The adapter contract: how cokit drives a scheduler. Everything crossing it is plain JSON-serialisable
 * data (driver operations in, events out), so the same contract is spoken over a pipe by schedulers in
 * other languages (`adapters/process/`).
 */

/** What an adapter says about the scheduler it drives. Reports and badges print it. */
export interface AdapterMeta {
  readonly name: string;
  readonly version: string;
  /** The semantics it claims; only the seed's `cancel` profile exists today. */
  readonly profile: Profile;
  /** The levels it supports: 1 atomic operations; 2 injected interleaver; 3 real threads. */
  readonly levels: readonly Level[];
  readonly description?: string;
}

/** One scheduler instance with `config.contexts` AioContexts; operations are applied one at a time. */
export interface Session {
  /**
   * Apply one driver operation atomically and return the events it caused, in order. Caller-contract
   * violations are returned as `error` events, never thrown; a throw is judged a crash of the adapter.
   */
  apply(op: DriverOp): readonly Event[] | Promise<readonly Event[]>;
  close(): void | Promise<void>;
}

export interface Adapter {
  readonly meta: AdapterMeta;
  open(config: SessionConfig): Session | Promise<Session>;
  /**
   * Optional: called once before anything else, for an adapter that must start something to know its own
   * meta (the process adapter greets its child). Returns null when ready, or the problem that makes the
   * adapter unusable.
   */
  ready?(): Promise<string | null> | string | null;
}

export type { SessionConfig };

export type AdapterCheck = { readonly ok: true; readonly adapter: Adapter } | { readonly ok: false; readonly problem: string };

/**
 * Check, at run time, that `value` (what a module exported) is an adapter. The problem names the missing or
 * malformed member, and `where` (the module it came from).
 */
export function checkAdapter(value: unknown, where: string): AdapterCheck {
  if (typeof value !== 'object' || value === null) {
    return { ok: false, problem: `${where}: the adapter must be an object with 'meta' and 'open', got ${value === null ? 'null' : typeof value}` };
  }
  const v = value as { meta?: unknown; open?: unknown };
  if (!('meta' in v) || v.meta === undefined) return { ok: false, problem: `${where}: the adapter has no 'meta' (name, version, profile, levels)` };
  const metaProblem = checkMeta(v.meta);
  if (metaProblem !== null) return { ok: false, problem: `${where}: adapter 'meta' is malformed: ${metaProblem.startsWith('/') ? `meta${metaProblem}` : metaProblem.replace('the value', 'meta')}` };
  if (typeof v.open !== 'function') return { ok: false, problem: `${where}: the adapter has no 'open(config)' function` };
  return { ok: true, adapter: value as Adapter };
}

/** Check that what `open` returned is a session (has `apply` and `close` functions). */
export function checkSession(value: unknown, where: string): string | null {
  if (typeof value !== 'object' || value === null) return `${where}: open() must return a session object, got ${value === null ? 'null' : typeof value}`;
  const s = value as { apply?: unknown; close?: unknown };
  if (typeof s.apply !== 'function') return `${where}: the session returned by open() has no 'apply(op)' function`;
  if (typeof s.close !== 'function') return `${where}: the session returned by open() has no 'close()' function`;
  return null;
}
