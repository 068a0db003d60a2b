import type { Event } from '../model/events';
import type { DriverOp } from '../model/ops';
import { type ContextState, type CoroutineState, type ScheduleRecord, type State, initialState } from '../model/state';
import { type BhVisit, step } from '../model/step';
import { type AtomicBounds, maxRecords } from './atomicConfig';
import { ATOMIC_INVARIANTS } from './invariants';
import type { ExplorableModel, Transition } from './types';

/** A level-1 state as the explorer sees it: the model's state plus how many schedules each coroutine had. */
export interface AtomicNode {
  readonly state: State;
  readonly schedules: readonly number[];
}

/** One driver operation with the events the spec predicts for it and the BH's walk over its list. */
export interface AtomicLabel {
  readonly op: DriverOp;
  readonly events: readonly Event[];
  readonly walk: readonly BhVisit[];
}

const STATUS = ['fresh', 'running', 'suspended', 'terminated'] as const;
const CO_BYTES = 7;

/** Bytes of one encoded atomic state: 7 per coroutine, 2 + 2 per possible record per context. */
export const atomicWidth = (b: AtomicBounds): number => b.coroutines * CO_BYTES + b.contexts * (2 + 2 * maxRecords(b));

/**
 * The level-1 model (`spec/model/step.ts`) as an explorable model. Actions: `enter(c, from x)`,
 * `schedule(c, x, from y)` while c has fewer than S schedules, `poll(x)`. Sequence numbers are renumbered
 * by rank after every step (step only compares them), so the space is finite.
 */
export function atomicModel(b: AtomicBounds): ExplorableModel<AtomicNode, AtomicLabel> {
  const ctxBytes = 2 + 2 * maxRecords(b);
  const width = atomicWidth(b);
  const ops = driverOps(b);
  return {
    width,
    invariants: ATOMIC_INVARIANTS,
    isFinal: () => true,
    initial: () => [{ state: createdState(b), schedules: b.programs.map(() => 0) }],
    successors: (n) => {
      const out: Transition<AtomicNode, AtomicLabel>[] = [];
      for (const op of ops) {
        if (op.op === 'schedule' && (n.schedules[op.co] as number) >= b.schedules) continue;
        const r = step(n.state, op);
        if (r.kind !== 'ok') continue;
        const schedules = r.state.coroutines.map((c, i) => (n.schedules[i] as number) + (c.lastSeq !== n.state.coroutines[i]?.lastSeq ? 1 : 0));
        out.push({ label: { op, events: r.events, walk: r.walk }, next: { state: canonical(r.state), schedules } });
      }
      return out;
    },
    encode: (n, out, off) => {
      out.fill(0, off, off + width);
      let p = off;
      for (const [i, c] of n.state.coroutines.entries()) {
        out[p] = STATUS.indexOf(c.status);
        out[p + 1] = c.pc;
        out[p + 2] = c.ctx === null ? 0 : c.ctx + 1;
        out[p + 3] = c.scheduled === null ? 0 : c.scheduled.ctx + 1;
        out[p + 4] = c.scheduled === null ? 0 : c.scheduled.seq + 1;
        out[p + 5] = c.lastSeq === null ? 0 : c.lastSeq + 1;
        out[p + 6] = n.schedules[i] as number;
        p += CO_BYTES;
      }
      for (const x of n.state.contexts) {
        out[p] = x.armed ? 1 : 0;
        out[p + 1] = x.list.length;
        for (const [k, r] of x.list.entries()) {
          out[p + 2 + 2 * k] = r.co;
          out[p + 3 + 2 * k] = r.seq;
        }
        p += ctxBytes;
      }
    },
    decode: (buf, off) => {
      const coroutines: CoroutineState[] = [];
      const schedules: number[] = [];
      let seqs = 0;
      let p = off;
      for (let i = 0; i < b.coroutines; i++) {
        const status = STATUS[buf[p] as number];
        if (status === undefined || status === 'running') throw new Error('internal: a stored state has a running coroutine');
        const ctx = buf[p + 2] as number;
        const sCtx = buf[p + 3] as number;
        const last = buf[p + 5] as number;
        const scheduled: ScheduleRecord | null = sCtx === 0 ? null : { co: i, ctx: sCtx - 1, seq: (buf[p + 4] as number) - 1 };
        coroutines.push({ status, program: b.programs[i] ?? [], pc: buf[p + 1] as number, ctx: ctx === 0 ? null : ctx - 1, scheduled, lastSeq: last === 0 ? null : last - 1 });
        schedules.push(buf[p + 6] as number);
        seqs = Math.max(seqs, last);
        p += CO_BYTES;
      }
      const contexts: ContextState[] = [];
      for (let x = 0; x < b.contexts; x++) {
        const list: ScheduleRecord[] = [];
        for (let k = 0; k < (buf[p + 1] as number); k++) list.push({ co: buf[p + 2 + 2 * k] as number, ctx: x, seq: buf[p + 3 + 2 * k] as number });
        contexts.push({ armed: buf[p] === 1, list });
        p += ctxBytes;
      }
      return { state: { config: { coroutines: b.coroutines, contexts: b.contexts }, coroutines, contexts, nextSeq: seqs }, schedules };
    },
  };
}

/** The initial state: every coroutine created with its program (the creates are not explored). */
export function createdState(b: AtomicBounds): State {
  let s = initialState({ coroutines: b.coroutines, contexts: b.contexts });
  for (const [co, program] of b.programs.entries()) {
    const r = step(s, { op: 'create', co, program });
    if (r.kind !== 'ok') throw new Error(`internal: create refused: ${r.reason}`);
    s = r.state;
  }
  return s;
}

/** Every driver operation over the session's ids, in a fixed order (the order traces are rebuilt in). */
export function driverOps(b: AtomicBounds): DriverOp[] {
  const ops: DriverOp[] = [];
  for (let co = 0; co < b.coroutines; co++) for (let from = 0; from < b.contexts; from++) ops.push({ op: 'enter', co, from });
  for (let co = 0; co < b.coroutines; co++)
    for (let ctx = 0; ctx < b.contexts; ctx++) for (let from = 0; from < b.contexts; from++) ops.push({ op: 'schedule', co, ctx, from });
  for (let ctx = 0; ctx < b.contexts; ctx++) ops.push({ op: 'poll', ctx });
  return ops;
}

/**
 * Renumbers sequence numbers by rank (0, 1, …) and sets `nextSeq` to their count. Step only tests them for
 * equality and order, so the renamed state behaves identically; two states differing only in the numbers
 * become one.
 */
export function canonical(s: State): State {
  const seen = new Set<number>();
  for (const c of s.coroutines) {
    if (c.scheduled !== null) seen.add(c.scheduled.seq);
    if (c.lastSeq !== null) seen.add(c.lastSeq);
  }
  for (const x of s.contexts) for (const r of x.list) seen.add(r.seq);
  const sorted = [...seen].sort((a, b) => a - b);
  if (sorted.every((v, i) => v === i) && s.nextSeq === sorted.length) return s;
  const rank = new Map(sorted.map((v, i) => [v, i]));
  const re = (r: ScheduleRecord): ScheduleRecord => ({ ...r, seq: rank.get(r.seq) as number });
  return {
    config: s.config,
    coroutines: s.coroutines.map((c) => ({ ...c, scheduled: c.scheduled === null ? null : re(c.scheduled), lastSeq: c.lastSeq === null ? null : (rank.get(c.lastSeq) as number) })),
    contexts: s.contexts.map((x) => ({ armed: x.armed, list: x.list.map(re) })),
    nextSeq: sorted.length,
  };
}
