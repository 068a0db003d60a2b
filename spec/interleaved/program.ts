import type { ContextId, CoroutineId } from '../model/ids';

/**
 * A concurrent program (levels 2 and 3): coroutines that each yield `yields` times and then terminate,
 * `contexts` AioContexts each with a BH thread, and driver threads, each issuing its operations in order
 * while the others run. What the threads do at once is the point: the kit (level 2) or the machine (level 3)
 * decides how their atomic steps interleave.
 */
export interface ConcurrentProgram {
  readonly coroutines: number;
  readonly contexts: number;
  /** Each coroutine's program: this many yields, then it terminates. */
  readonly yields: number;
  /** Driver threads `T0, T1, …`, each with its operations in issue order. */
  readonly drivers: readonly (readonly ConcurrentOp[])[];
}

/** An operation of a driver thread: `aio_co_schedule(ctx, co)`, or `qemu_aio_coroutine_enter(from, co)`. */
export type ConcurrentOp =
  | { readonly op: 'schedule'; readonly co: CoroutineId; readonly ctx: ContextId }
  | { readonly op: 'enter'; readonly co: CoroutineId; readonly from: ContextId };

export function concurrentOpToString(o: ConcurrentOp): string {
  return o.op === 'schedule' ? `schedule(c${o.co}, x${o.ctx})` : `enter(c${o.co}, from x${o.from})`;
}

/** `T0: schedule(c0, x0), enter(c0, from x1) ‖ T1: …` with the sizes first. */
export function concurrentProgramToString(p: ConcurrentProgram): string {
  const threads = p.drivers.map((ops, d) => `T${d}: ${ops.map(concurrentOpToString).join(', ') || '(nothing)'}`).join(' ‖ ');
  return `${p.coroutines} coroutines × ${p.yields} yields, ${p.contexts} contexts; ${threads}`;
}

/** Why a program is malformed (ids out of range, sizes the model cannot encode), or null. */
export function whyProgramInvalid(p: ConcurrentProgram): string | null {
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  if (!int(p.coroutines) || p.coroutines < 1 || p.coroutines > 8) return 'coroutines must be 1..8';
  if (!int(p.contexts) || p.contexts < 1 || p.contexts > 8) return 'contexts must be 1..8';
  if (!int(p.yields) || p.yields < 0 || p.yields > 200) return 'yields must be 0..200';
  if (!Array.isArray(p.drivers) || p.drivers.length < 1 || p.drivers.length > 8) return 'drivers must be 1..8 threads';
  for (const [d, ops] of p.drivers.entries()) {
    if (ops.length > 16) return `T${d} has ${ops.length} operations (at most 16)`;
    for (const [k, o] of ops.entries()) {
      const where = `T${d} operation ${k}`;
      if (!int(o.co) || o.co < 0 || o.co >= p.coroutines) return `${where}: coroutine ${String(o.co)} out of range`;
      const ctx = o.op === 'schedule' ? o.ctx : o.op === 'enter' ? o.from : undefined;
      if (ctx === undefined) return `${where}: unknown operation ${JSON.stringify(o)}`;
      if (!int(ctx) || ctx < 0 || ctx >= p.contexts) return `${where}: context ${String(ctx)} out of range`;
    }
  }
  return null;
}
