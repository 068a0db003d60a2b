import type { Program } from '../model/program';

/** Bounds of an exploration of the atomic model (level 1). */
export interface AtomicBounds {
  /** Coroutines N, created (with their programs) before anything else: the creates form the initial state. */
  readonly coroutines: number;
  /** Contexts M. */
  readonly contexts: number;
  /** Program of each coroutine; by default K `yield`s each (see `yieldPrograms`). */
  readonly programs: readonly Program[];
  /**
   * At most S accepted schedules per coroutine (from the driver or from programs); the driver's `schedule`
   * of a coroutine that reached S is not offered. Bounds the sequence numbers and the lists.
   */
  readonly schedules: number;
}

export const yieldPrograms = (coroutines: number, yields: number): Program[] =>
  Array.from({ length: coroutines }, () => Array.from({ length: yields }, () => ({ kind: 'yield' as const })));

/** Why these bounds cannot be explored (the encoding is one byte per field), or null. */
export function whyBoundsInvalid(b: AtomicBounds): string | null {
  if (!Number.isInteger(b.coroutines) || b.coroutines < 1 || b.coroutines > 8) return 'coroutines must be 1..8';
  if (!Number.isInteger(b.contexts) || b.contexts < 1 || b.contexts > 8) return 'contexts must be 1..8';
  if (!Number.isInteger(b.schedules) || b.schedules < 0 || b.schedules > 16) return 'schedules must be 0..16';
  if (b.programs.length !== b.coroutines) return `${b.programs.length} programs for ${b.coroutines} coroutines`;
  if (b.programs.some((p) => p.length > 200)) return 'programs are limited to 200 instructions';
  if (maxRecords(b) > 250) return 'too many possible schedule records for the byte encoding';
  return null;
}

/** Upper bound on schedule records alive at once: every accepted schedule of the run. */
export function maxRecords(b: AtomicBounds): number {
  const fromPrograms = b.programs.reduce((n, p) => n + p.filter((i) => i.kind === 'schedule' || i.kind === 'wake').length, 0);
  return b.coroutines * b.schedules + fromPrograms;
}
