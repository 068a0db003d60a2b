import type { ContractErrorKind } from '../model/events';
import type { ConcurrentOp } from './program';
import { ENTRY_ORDER, type EntryPc, type IState, type InterleavedBounds, RecordStatus, SCHEDULE_ORDER, type SchedulePc, type ThreadState } from './state';

/** What a step did: the thread, the step's name, the coroutine and context it concerns, and any report. */
export interface ILabel {
  readonly thread: number;
  readonly step: 'take' | 'start-schedule' | 'start-enter' | SchedulePc | 'read-mark' | EntryPc;
  readonly co: number;
  /** A BH's own context; a driver's scheduled-on context, or for an entry its `from` (-1 for a free driver). */
  readonly ctx: number;
  /** The record a BH read the mark for, or a schedule published (-1 otherwise). */
  readonly rec: number;
  /** A contract report made by this step (`recursive-entry`, `entry-after-termination`, `scheduled-elsewhere`). */
  readonly report: ContractErrorKind | null;
}

/** A mutable copy of a state for one step. */
type Draft = { -readonly [K in keyof IState]: IState[K] extends readonly (infer E)[] ? E[] : IState[K] };

const draft = (s: IState): Draft => ({
  mark: [...s.mark], caller: [...s.caller], segments: [...s.segments], running: [...s.running], lists: [...s.lists], armed: [...s.armed],
  threads: [...s.threads], recCo: [...s.recCo], recCtx: [...s.recCtx], recStatus: [...s.recStatus], liveRec: [...s.liveRec],
});

/** Every step any thread can take, in thread order; a thread's choices (a driver's next operation) in a fixed order. */
export function interleavedSuccessors(b: InterleavedBounds, s: IState): { label: ILabel; next: IState }[] {
  const out: { label: ILabel; next: IState }[] = [];
  for (const [t, th] of s.threads.entries()) {
    if (t < b.contexts) bhStep(b, s, t, th, out);
    else driverStep(b, s, t, th, out);
  }
  return out;
}

type Out = { label: ILabel; next: IState }[];

/** `co_schedule_bh_cb`: take the list when armed, then per record read the mark and enter on a match. */
function bhStep(b: InterleavedBounds, s: IState, t: number, th: ThreadState, out: Out): void {
  const x = t;
  if (th.pc === 'idle') {
    if (!s.armed[x]) return;
    const d = draft(s);
    d.armed[x] = false;
    const batch = [...(s.lists[x] ?? [])].reverse();
    d.lists[x] = [];
    d.threads[t] = batch.length === 0 ? th : { ...th, pc: 'read-mark', batch, co: s.recCo[batch[0] as number] as number, rec: batch[0] as number };
    out.push({ label: { thread: t, step: 'take', co: -1, ctx: x, rec: -1, report: null }, next: d });
    return;
  }
  if (th.pc === 'read-mark') {
    const m = s.mark[th.co] as number;
    const label: ILabel = { thread: t, step: 'read-mark', co: th.co, ctx: x, rec: th.rec, report: null };
    const d = draft(s);
    d.threads[t] = m === th.rec ? { ...th, pc: ENTRY_ORDER[b.variant][0] as EntryPc } : nextNode(s, th);
    out.push({ label, next: d });
    return;
  }
  entryStep(b, s, t, th, x, out);
}

/** The BH moves on to the next record of its batch, or goes idle. */
function nextNode(s: IState, th: ThreadState): ThreadState {
  const batch = th.batch.slice(1);
  const r = batch[0];
  return r === undefined ? { ...th, pc: 'idle', co: -1, rec: -1, batch } : { ...th, pc: 'read-mark', co: s.recCo[r] as number, rec: r, batch };
}

/** Driver threads: start an operation (any coroutine, any context) while under budget, or advance one. */
function driverStep(b: InterleavedBounds, s: IState, t: number, th: ThreadState, out: Out): void {
  if (th.pc === 'idle') {
    if (th.done >= b.ops) return;
    const rec = (t - b.contexts) * b.ops + th.done;
    if (b.programs !== undefined) {
      const op = b.programs[t - b.contexts]?.[th.done];
      if (op !== undefined) startOp(b, s, t, th, rec, op, out);
      return;
    }
    for (let c = 0; c < b.coroutines; c++) {
      for (let x = 0; x < b.contexts; x++) {
        const d = draft(s);
        d.recCo[rec] = c;
        d.recCtx[rec] = x;
        d.threads[t] = { ...th, pc: SCHEDULE_ORDER[b.variant][0] as SchedulePc, co: c, ctx: x, rec, done: th.done + 1 };
        out.push({ label: { thread: t, step: 'start-schedule', co: c, ctx: x, rec, report: null }, next: d });
      }
      const d = draft(s);
      d.threads[t] = { ...th, pc: ENTRY_ORDER[b.variant][0] as EntryPc, co: c, ctx: -1, rec: -1, done: th.done + 1 };
      out.push({ label: { thread: t, step: 'start-enter', co: c, ctx: -1, rec: -1, report: null }, next: d });
    }
    return;
  }
  if (th.pc === 'mark' || th.pc === 'publish' || th.pc === 'arm') {
    const d = draft(s);
    const c = th.co;
    const x = th.ctx;
    if (th.pc === 'mark') {
      const refusal = scheduleRefusal(b, s, c, x);
      if (refusal !== null) {
        // Refused before publishing: the operation ends. Refused after (the swapped order): the record is on
        // the list already, owed nothing (ghost: dead), and the thread still arms the BH it published for.
        const published = SCHEDULE_ORDER[b.variant].indexOf('publish') < SCHEDULE_ORDER[b.variant].indexOf('mark');
        if (published) d.recStatus[th.rec] = RecordStatus.Dead;
        d.threads[t] = published ? { ...th, pc: 'arm' } : { ...th, pc: 'idle', co: -1, ctx: -1, rec: -1 };
        out.push({ label: { thread: t, step: 'mark', co: c, ctx: x, rec: th.rec, report: refusal }, next: d });
        return;
      }
      d.mark[c] = th.rec;
      d.liveRec[c] = th.rec;
      d.recStatus[th.rec] = RecordStatus.Live;
    } else if (th.pc === 'publish') d.lists[x] = [th.rec, ...(s.lists[x] ?? [])];
    else d.armed[x] = true;
    const order = SCHEDULE_ORDER[b.variant];
    const nextPc = order[order.indexOf(th.pc) + 1];
    d.threads[t] = nextPc === undefined ? { ...th, pc: 'idle', co: -1, ctx: -1, rec: -1 } : { ...th, pc: nextPc };
    out.push({ label: { thread: t, step: th.pc, co: c, ctx: x, rec: th.rec, report: null }, next: d });
    return;
  }
  entryStep(b, s, t, th, -1, out);
}

/**
 * The caller contract, checked atomically with setting the mark (a compare-and-swap from unset, as QEMU's
 * `aio_co_schedule` does since): a terminated coroutine, or one whose mark is set, is not scheduled again.
 * The same refusals as level 1 (`spec/model/step.ts`), reported the same way.
 */
function scheduleRefusal(b: InterleavedBounds, s: IState, c: number, x: number): ContractErrorKind | null {
  if ((s.segments[c] as number) > b.yields) return 'entry-after-termination';
  const m = s.mark[c] as number;
  if (m < 0) return null;
  return s.recCtx[m] === x ? 'double-schedule' : 'scheduled-elsewhere';
}

/** A driver of a fixed program starts its next operation. */
function startOp(b: InterleavedBounds, s: IState, t: number, th: ThreadState, rec: number, op: ConcurrentOp, out: Out): void {
  const d = draft(s);
  if (op.op === 'schedule') {
    d.recCo[rec] = op.co;
    d.recCtx[rec] = op.ctx;
    d.threads[t] = { ...th, pc: SCHEDULE_ORDER[b.variant][0] as SchedulePc, co: op.co, ctx: op.ctx, rec, done: th.done + 1 };
    out.push({ label: { thread: t, step: 'start-schedule', co: op.co, ctx: op.ctx, rec, report: null }, next: d });
  } else {
    d.threads[t] = { ...th, pc: ENTRY_ORDER[b.variant][0] as EntryPc, co: op.co, ctx: op.from, rec: -1, done: th.done + 1 };
    out.push({ label: { thread: t, step: 'start-enter', co: op.co, ctx: op.from, rec: -1, report: null }, next: d });
  }
}

/**
 * `qemu_aio_coroutine_enter`: check `co->caller`, set it, clear `co->scheduled` (in the variant's order),
 * switch to the coroutine, which runs to its next yield (clearing the caller) or its end. A BH (`bhCtx >= 0`)
 * goes on to its next record afterwards; a driver goes idle.
 */
function entryStep(b: InterleavedBounds, s: IState, t: number, th: ThreadState, bhCtx: number, out: Out): void {
  const c = th.co;
  const d = draft(s);
  const done = (): ThreadState => (bhCtx >= 0 ? nextNode(s, th) : { ...th, pc: 'idle', co: -1, ctx: -1, rec: -1 });
  const order = ENTRY_ORDER[b.variant];
  const pc = th.pc as EntryPc;
  const advance = (): ThreadState => ({ ...th, pc: order[order.indexOf(pc) + 1] as EntryPc });
  let report: ContractErrorKind | null = null;
  switch (pc) {
    case 'check-caller':
      if ((s.segments[c] as number) > b.yields) report = 'entry-after-termination';
      else if ((s.caller[c] as number) >= 0) report = 'recursive-entry';
      d.threads[t] = report === null ? advance() : done();
      break;
    case 'set-caller':
      d.caller[c] = t;
      d.threads[t] = advance();
      break;
    case 'clear-mark': {
      const live = s.liveRec[c] as number;
      if (live >= 0) d.recStatus[live] = RecordStatus.Dead;
      d.liveRec[c] = -1;
      d.mark[c] = -1;
      d.threads[t] = advance();
      break;
    }
    case 'switch':
      d.running[c] = (s.running[c] as number) + 1;
      d.threads[t] = advance();
      break;
    case 'yield':
      d.running[c] = (s.running[c] as number) - 1;
      d.segments[c] = (s.segments[c] as number) + 1;
      d.caller[c] = -1;
      d.threads[t] = done();
      break;
    default: {
      const never: never = pc;
      throw new Error(`internal: thread ${t} at unknown pc ${String(never)}`);
    }
  }
  out.push({ label: { thread: t, step: pc, co: c, ctx: bhCtx >= 0 ? bhCtx : th.ctx, rec: th.rec, report }, next: d });
}
