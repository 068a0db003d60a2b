import fc from 'fast-check';
import type { ClauseId, DriverOp, Program, SessionConfig } from '../../spec';
import { id, type Situation } from './scenario';

/** Profile `strict`'s situations (see each ST clause's `situation`), as generators of operations. */
type SituationArb = (cfg: SessionConfig) => fc.Arbitrary<Situation>;

const Y: Program = [{ kind: 'yield' }];
const YY: Program = [{ kind: 'yield' }, { kind: 'yield' }];
const sched = (co: number, ctx: number, from = ctx): DriverOp => ({ op: 'schedule', co, ctx, from });
const enter = (co: number, from: number): DriverOp => ({ op: 'enter', co, from });
const poll = (ctx: number): DriverOp => ({ op: 'poll', ctx });

/** ST1: schedule(c, x), then c entered directly, from another coroutine (`enter`), or woken (`wake`). */
const pendingEntry: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), d: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts), how: fc.integer({ min: 0, max: 2 }) }).map(({ c, d, x, y, how }) => {
    if (how === 0 || c === d) return { ops: [sched(c, x), enter(c, y), poll(x)], programs: [{ co: c, prefix: YY }] };
    const ins = how === 1 ? { kind: 'enter' as const, target: c } : { kind: 'wake' as const, target: c };
    return { ops: [sched(c, x), enter(d, x), poll(x)], programs: [{ co: c, prefix: YY }, { co: d, prefix: [ins, { kind: 'yield' }] as Program }] };
  });

/** ST2: schedule(c, x) → schedule(c, y) before x polls, from the driver or from a coroutine. */
const doubleSchedule: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts), inside: fc.boolean() }).map(({ c, x, y, inside }) =>
    inside
      ? { ops: [enter(c, x), poll(x)], programs: [{ co: c, prefix: [{ kind: 'schedule', target: c, ctx: x }, { kind: 'schedule', target: c, ctx: y }] as Program }] }
      : { ops: [sched(c, x), sched(c, y), poll(x), poll(y)], programs: [] },
  );

/** ST3: distinct coroutines scheduled on one context (one by itself, from inside), then polls. */
const delivery: SituationArb = (cfg) =>
  fc.record({ cs: fc.uniqueArray(id(cfg.coroutines), { minLength: 1, maxLength: 4 }), x: id(cfg.contexts), self: fc.boolean() }).map(({ cs, x, self }) => {
    const [first, ...rest] = cs as [number, ...number[]];
    if (!self) return { ops: [...cs.map((c) => sched(c, x)), poll(x), poll(x)], programs: cs.map((co) => ({ co, prefix: Y })) };
    return {
      ops: [enter(first, x), ...rest.map((c) => sched(c, x)), poll(x), poll(x)],
      programs: [{ co: first, prefix: [{ kind: 'schedule', target: first, ctx: x }, { kind: 'yield' }] as Program }, ...rest.map((co) => ({ co, prefix: Y }))],
    };
  });

/** ST6: a terminated coroutine entered or scheduled; or one that schedules itself and terminates, then polled. */
const termination: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts), variant: fc.integer({ min: 0, max: 1 }) }).map(({ c, x, y, variant }) =>
    variant === 0
      ? { ops: [enter(c, y), enter(c, x), sched(c, x), poll(x)], programs: [{ co: c, prefix: [] as Program }] }
      : { ops: [enter(c, y), poll(x)], programs: [{ co: c, prefix: [{ kind: 'schedule', target: c, ctx: x }] as Program }] },
  );

/** ST7: an abort with more to run after it: inside a BH batch (a delivered coroutine enters a pending one) or a coroutine. */
const abortMidway: SituationArb = (cfg) =>
  fc.record({ a: id(cfg.coroutines), b: id(cfg.coroutines), x: id(cfg.contexts), batch: fc.boolean() }).map(({ a, b, x, batch }) => {
    const enterB: Program = [{ kind: 'enter', target: b }, { kind: 'yield' }];
    return batch
      ? { ops: [sched(a, x), sched(b, x), poll(x)], programs: [{ co: a, prefix: enterB }, { co: b, prefix: Y }] }
      : { ops: [sched(b, x), enter(a, x), poll(x)], programs: [{ co: a, prefix: enterB }, { co: b, prefix: Y }] };
  });

/** Clauses `strict` shares a situation with `cancel` (fifo, recursion) are mapped in `situations.ts`. */
export const STRICT_SITUATIONS: Readonly<Partial<Record<ClauseId, SituationArb>>> = {
  ST1: pendingEntry,
  ST2: doubleSchedule,
  ST3: delivery,
  ST6: termination,
  ST7: abortMidway,
};
