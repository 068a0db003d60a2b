import fc from 'fast-check';
import type { ClauseId, DriverOp, Program, SessionConfig } from '../../spec';
import { id, type Situation } from './scenario';
import { STRICT_SITUATIONS } from './strictSituations';

/** The situation each clause's predicate judges, as a generator of operations (see each clause's `situation`). */
type SituationArb = (cfg: SessionConfig) => fc.Arbitrary<Situation>;

const Y: Program = [{ kind: 'yield' }];
const YY: Program = [{ kind: 'yield' }, { kind: 'yield' }];
const YYY: Program = [{ kind: 'yield' }, { kind: 'yield' }, { kind: 'yield' }];
const sched = (co: number, ctx: number, from = ctx): DriverOp => ({ op: 'schedule', co, ctx, from });
const enter = (co: number, from: number): DriverOp => ({ op: 'enter', co, from });
const poll = (ctx: number): DriverOp => ({ op: 'poll', ctx });

/** CO1: schedule(c, x) → enter(c) (c yields) → poll(x). */
const cancel: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts) }).map(({ c, x, y }) => ({
    ops: [sched(c, x), enter(c, y), poll(x)],
    programs: [{ co: c, prefix: YY }],
  }));

/** CO2: a schedule cancelled by an entry that ends the coroutine; entering or scheduling it afterwards. */
const termination: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts), variant: fc.integer({ min: 0, max: 2 }) }).map(({ c, x, y, variant }) => {
    if (variant === 0) return { ops: [sched(c, x), enter(c, y), poll(x)], programs: [{ co: c, prefix: [] as Program }] };
    if (variant === 1) return { ops: [enter(c, y), enter(c, x), sched(c, x), poll(x)], programs: [{ co: c, prefix: [] as Program }] };
    return { ops: [enter(c, y), poll(x)], programs: [{ co: c, prefix: [{ kind: 'schedule', target: c, ctx: x }] as Program }] };
  });

/** CO3: several schedules on one context, some while its BH is armed, then a poll. */
const delivery: SituationArb = (cfg) =>
  fc.record({ cs: fc.array(id(cfg.coroutines), { minLength: 2, maxLength: 4 }), x: id(cfg.contexts) }).map(({ cs, x }) => ({
    ops: [...cs.map((c) => sched(c, x)), poll(x)],
    programs: cs.map((co) => ({ co, prefix: Y })),
  }));

/** CO4: two or more distinct coroutines scheduled on one context, then a poll. */
const fifo: SituationArb = (cfg) =>
  fc
    .record({ cs: fc.uniqueArray(id(cfg.coroutines), { minLength: 2, maxLength: 4 }), x: id(cfg.contexts) })
    .map(({ cs, x }) => ({ ops: [...cs.map((c) => sched(c, x)), poll(x)], programs: [] }));

/** CO5: schedule(c, x) → schedule(c, y) before x polls (y may equal x). */
const oneContext: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), x: id(cfg.contexts), y: id(cfg.contexts) }).map(({ c, x, y }) => ({
    ops: [sched(c, x), sched(c, y), poll(x), poll(y)],
    programs: [],
  }));

/** CO6: a program that enters itself, two that enter each other, or one that wakes itself. */
const recursion: SituationArb = (cfg) =>
  fc.record({ c: id(cfg.coroutines), d: id(cfg.coroutines), x: id(cfg.contexts), variant: fc.integer({ min: 0, max: 2 }) }).map(({ c, d, x, variant }) => {
    const programs =
      variant === 0
        ? [{ co: c, prefix: [{ kind: 'enter', target: c }] as Program }]
        : variant === 1 && c !== d
          ? [{ co: c, prefix: [{ kind: 'enter', target: d }] as Program }, { co: d, prefix: [{ kind: 'enter', target: c }] as Program }]
          : [{ co: c, prefix: [{ kind: 'wake', target: c }] as Program }];
    return { ops: [enter(c, x)], programs };
  });

/** CO9: schedule(c, x) → enter(c) → schedule(c, x or z) → poll(x), with neighbours on x's list. */
const reschedule: SituationArb = (cfg) =>
  fc
    .record({ c: id(cfg.coroutines), a: id(cfg.coroutines), b: id(cfg.coroutines), x: id(cfg.contexts), z: id(cfg.contexts), around: fc.integer({ min: 0, max: 3 }) })
    .map(({ c, a, b, x, z, around }) => ({
      ops: [
        ...(around & 1 && a !== c ? [sched(a, x)] : []),
        sched(c, x),
        enter(c, x),
        sched(c, around === 3 ? z : x),
        ...(around & 2 && b !== c ? [sched(b, x)] : []),
        poll(x),
        ...(around === 3 ? [poll(z)] : []),
      ],
      programs: [{ co: c, prefix: YYY }],
    }));

export const SITUATIONS: Readonly<Partial<Record<ClauseId, SituationArb>>> = {
  ...STRICT_SITUATIONS,
  ST4: fifo,
  ST5: recursion,
  CO1: cancel,
  CO2: termination,
  CO3: delivery,
  CO4: fifo,
  CO5: oneContext,
  CO6: recursion,
  CO9: reschedule,
};

/** Clauses whose situation needs at least two coroutines. */
export const NEEDS_TWO: readonly ClauseId[] = ['CO4', 'CO9', 'ST4', 'ST7'];
