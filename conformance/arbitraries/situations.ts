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

/**
 * A schedule made while x's BH runs: d, delivered by the BH, schedules e on x (the BH must be re-armed for
 * it); then, with `later`, the driver schedules f on x too, after the BH run (e must still come first).
 */
const duringBh = (cfg: SessionConfig): fc.Arbitrary<Situation> =>
  fc.record({ d: id(cfg.coroutines), e: id(cfg.coroutines), f: id(cfg.coroutines), x: id(cfg.contexts), later: fc.boolean() }).map(({ d, e, f, x, later }) => ({
    ops: [sched(d, x), poll(x), ...(later && f !== e ? [sched(f, x)] : []), poll(x)],
    programs: [{ co: d, prefix: [{ kind: 'schedule', target: e, ctx: x }, { kind: 'yield' }] as Program }],
  }));

/** CO3: several schedules on one context, some while its BH is armed, then a poll; or one made while the BH runs. */
const delivery: SituationArb = (cfg) =>
  fc.oneof(
    fc.record({ cs: fc.array(id(cfg.coroutines), { minLength: 2, maxLength: 4 }), x: id(cfg.contexts) }).map(({ cs, x }) => ({
      ops: [...cs.map((c) => sched(c, x)), poll(x)],
      programs: cs.map((co) => ({ co, prefix: Y })),
    })),
    duringBh(cfg),
  );

/**
 * A list of up to six records on x: each piece schedules a coroutine, and half of them first leave a
 * cancelled record behind (schedule, direct entry from y, schedule again), so a BH run takes four or more.
 */
const longList = (cfg: SessionConfig): fc.Arbitrary<Situation> =>
  fc
    .record({ cs: fc.uniqueArray(id(cfg.coroutines), { minLength: 2, maxLength: 4 }), again: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), x: id(cfg.contexts), y: id(cfg.contexts) })
    .map(({ cs, again, x, y }) => ({
      ops: [...cs.flatMap((c, i) => (again[i] === true ? [sched(c, x), enter(c, y), sched(c, x)] : [sched(c, x)])), poll(x)],
      programs: cs.map((co) => ({ co, prefix: Y })),
    }));

/** Two or more distinct coroutines scheduled on one context, then a poll. */
const twoOrMore: SituationArb = (cfg) =>
  fc.record({ cs: fc.uniqueArray(id(cfg.coroutines), { minLength: 2, maxLength: 4 }), x: id(cfg.contexts) }).map(({ cs, x }) => ({ ops: [...cs.map((c) => sched(c, x)), poll(x)], programs: [] }));

/** CO4: two or more distinct coroutines scheduled on one context, then a poll; long lists; schedules made during a BH run. */
const fifo: SituationArb = (cfg) => fc.oneof(twoOrMore(cfg), longList(cfg), duringBh(cfg));

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

/**
 * CO9: schedule(c, x) → enter(c) → schedule(c, x or another context z) → poll(x), with neighbours on x's
 * list; the re-schedule made by the driver or by c's own program during the entry that cancelled.
 */
const reschedule: SituationArb = (cfg) =>
  fc
    .record({ c: id(cfg.coroutines), a: id(cfg.coroutines), b: id(cfg.coroutines), x: id(cfg.contexts), z: id(cfg.contexts), around: fc.integer({ min: 0, max: 3 }), fromInside: fc.boolean() })
    .map(({ c, a, b, x, z, around, fromInside }) => {
      const to = around === 3 ? z : x;
      return {
        ops: [
          ...(around & 1 && a !== c ? [sched(a, x)] : []),
          sched(c, x),
          enter(c, x),
          ...(fromInside ? [] : [sched(c, to)]),
          ...(around & 2 && b !== c ? [sched(b, x)] : []),
          poll(x),
          ...(to !== x ? [poll(to)] : []),
        ],
        programs: [{ co: c, prefix: fromInside ? ([{ kind: 'schedule', target: c, ctx: to }, ...YY] as Program) : YYY }],
      };
    });

/**
 * CO0's hardest situation: wake-ups. A waker w wakes two or three coroutines on its own context (a fan-out,
 * entered in wake order once w yields), and the first of them may wake another in turn (a chain, entered
 * depth-first, before the rest of the fan-out); w is entered directly or by x's BH.
 */
const wakeups: SituationArb = (cfg) =>
  fc
    .record({ w: id(cfg.coroutines), targets: fc.uniqueArray(id(cfg.coroutines), { minLength: 1, maxLength: 3 }), chain: id(cfg.coroutines), x: id(cfg.contexts), byBh: fc.boolean() })
    .map(({ w, targets, chain, x, byBh }) => {
      const woken = targets.filter((t) => t !== w);
      const first = woken[0];
      const programs: { co: number; prefix: Program }[] = [{ co: w, prefix: [...woken.map((target) => ({ kind: 'wake' as const, target })), { kind: 'yield' }] }];
      if (first !== undefined && chain !== first) programs.push({ co: first, prefix: [{ kind: 'wake', target: chain }, { kind: 'yield' }] });
      return { ops: byBh ? [sched(w, x), poll(x)] : [enter(w, x)], programs };
    });

export const SITUATIONS: Readonly<Partial<Record<ClauseId, SituationArb>>> = {
  ...STRICT_SITUATIONS,
  ST4: twoOrMore,
  ST5: recursion,
  CO0: wakeups,
  CO1: cancel,
  CO2: termination,
  CO3: delivery,
  CO4: fifo,
  CO5: oneContext,
  CO6: recursion,
  CO9: reschedule,
};

/** The fewest coroutines a clause's situation needs (one when not listed). */
export const MIN_COROUTINES: Readonly<Partial<Record<ClauseId, number>>> = { CO0: 3, CO4: 2, CO9: 2, ST4: 2, ST7: 2 };