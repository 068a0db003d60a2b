import type { Footprints, Independence } from '../explorer/reduction';
import { interleavedInvariants, unmarkedWithoutCaller } from './invariants';
import { ENTRY_ORDER, type EntryPc, type IState, type InterleavedBounds, SCHEDULE_ORDER, type SchedulePc, type ThreadState } from './state';
import type { ILabel } from './steps';

/**
 * Which shared variables each step of the interleaved model touches (SPEC.md, "Partial-order reduction").
 * Per coroutine c: `mark` (co->scheduled, the ghost live record and the status of c's records), `caller`,
 * `segments`, and the ghost `window` (drivers whose entry of c has cleared the mark and not yet set the
 * caller: what CO8 reads). Per context x: `ctx` (its list, its armed flag, and the ghost set of drivers
 * between publishing on x and arming it: what published-implies-armed reads). `running` is a counter only
 * ever incremented and decremented, read by no step and no invariant, so `switch` and `yield` commute on it;
 * a record's coroutine and context are written once, by its driver's start, before any other thread can read
 * them, so starting an operation touches nothing shared.
 */
export function interleavedIndependence(b: InterleavedBounds): Independence<IState, ILabel> {
  const C = b.coroutines;
  const v = { mark: (c: number) => 4 * c, caller: (c: number) => 4 * c + 1, segments: (c: number) => 4 * c + 2, window: (c: number) => 4 * c + 3, list: (x: number) => 4 * C + 2 * x, armed: (x: number) => 4 * C + 2 * x + 1 };
  const entry = ENTRY_ORDER[b.variant];
  const schedule = SCHEDULE_ORDER[b.variant];
  // A driver's entry step changes CO8's window when the pcs before and after it are on different sides.
  const movesWindow = (pc: EntryPc): boolean => {
    const after = entry[entry.indexOf(pc) + 1] ?? 'idle';
    return unmarkedWithoutCaller(b, pc) !== unmarkedWithoutCaller(b, after) || unmarkedWithoutCaller(b, pc);
  };

  type Touch = (t: number, variable: number, write: boolean) => void;
  const entryStep = (touch: Touch, t: number, pc: EntryPc, c: number, bh: boolean): void => {
    switch (pc) {
      case 'check-caller':
        touch(t, v.caller(c), false);
        touch(t, v.segments(c), false);
        if (bh) touch(t, v.window(c), false);
        break;
      case 'set-caller':
      case 'clear-mark':
        touch(t, pc === 'set-caller' ? v.caller(c) : v.mark(c), true);
        if (!bh && movesWindow(pc)) touch(t, v.window(c), true);
        break;
      case 'switch':
        break;
      case 'yield':
        touch(t, v.segments(c), true);
        touch(t, v.caller(c), true);
        break;
      default: {
        const never: never = pc;
        throw new Error(`internal: unknown entry pc ${String(never)}`);
      }
    }
  };
  const scheduleStep = (touch: Touch, t: number, pc: SchedulePc, c: number, x: number): void => {
    if (pc === 'mark') {
      touch(t, v.segments(c), false);
      touch(t, v.mark(c), true);
    } else touch(t, pc === 'publish' ? v.list(x) : v.armed(x), true);
  };
  /** Every step of an entry of c from `from` on (all of it when `from` is its first step). */
  const entryFrom = (fp: Footprints, t: number, from: EntryPc, c: number, bh: boolean): void => {
    for (const pc of entry.slice(entry.indexOf(from))) entryStep(fp.future.bind(fp), t, pc, c, bh);
  };
  /** Everything a BH may do for a record of coroutine c: read its mark, then enter it. */
  const bhRecord = (fp: Footprints, t: number, c: number): void => {
    fp.future(t, v.mark(c), false);
    entryFrom(fp, t, entry[0] as EntryPc, c, true);
  };
  const ops = (t: number): number => (b.programs === undefined ? b.ops : (b.programs[t - b.contexts]?.length ?? 0));

  return {
    threads: b.contexts + b.drivers,
    variables: 4 * C + 2 * b.contexts,
    covers: interleavedInvariants(b).map((i) => i.name),
    threadOf: (l) => l.thread,
    footprints(s, fp) {
      fp.clear();
      const next: Touch = (t, variable, write) => fp.next(t, variable, write);
      // Coroutines that drivers may yet publish on each context (all of them while a free driver has budget).
      const publishable: Set<number>[] = Array.from({ length: b.contexts }, () => new Set<number>());
      let anyFree = false;
      for (let t = b.contexts; t < s.threads.length; t++) {
        const th = s.threads[t] as ThreadState;
        const isSchedule = (schedule as readonly string[]).includes(th.pc);
        if (isSchedule && schedule.indexOf(th.pc as SchedulePc) <= schedule.indexOf('publish')) publishable[th.ctx]?.add(th.co);
        if (th.done >= ops(t)) continue;
        if (b.programs === undefined) anyFree = true;
        else for (const op of b.programs[t - b.contexts]?.slice(th.done) ?? []) if (op.op === 'schedule') publishable[op.ctx]?.add(op.co);
      }
      for (let t = 0; t < s.threads.length; t++) {
        const th = s.threads[t] as ThreadState;
        if (t < b.contexts) bhFootprint(s, fp, next, t, th, publishable[t] as Set<number>, anyFree);
        else driverFootprint(fp, next, t, th);
      }
    },
  };

  function bhFootprint(s: IState, fp: Footprints, next: Touch, x: number, th: ThreadState, publishable: Set<number>, anyFree: boolean): void {
    if (th.pc === 'idle') {
      next(x, v.list(x), true);
      next(x, v.armed(x), true);
      if (s.armed[x]) fp.steps[x] = 1;
      else fp.enabledBy(x, v.armed(x));
    } else {
      fp.steps[x] = 1;
      if (th.pc === 'read-mark') {
        next(x, v.mark(th.co), false);
        entryFrom(fp, x, entry[0] as EntryPc, th.co, true);
      } else {
        entryStep(next, x, th.pc as EntryPc, th.co, true);
        entryFrom(fp, x, th.pc as EntryPc, th.co, true);
      }
      for (const r of th.batch.slice(1)) bhRecord(fp, x, s.recCo[r] as number);
    }
    // Later batches: what is on the list now, and what drivers may still publish here.
    fp.future(x, v.list(x), true);
    fp.future(x, v.armed(x), true);
    for (const r of s.lists[x] ?? []) bhRecord(fp, x, s.recCo[r] as number);
    for (let c = 0; c < b.coroutines; c++) if (anyFree || publishable.has(c)) bhRecord(fp, x, c);
  }

  function driverFootprint(fp: Footprints, next: Touch, t: number, th: ThreadState): void {
    if (th.pc === 'idle') {
      if (th.done < ops(t)) fp.steps[t] = b.programs === undefined ? b.coroutines * (b.contexts + 1) : 1;
    } else if ((schedule as readonly string[]).includes(th.pc)) {
      fp.steps[t] = 1;
      const pc = th.pc as SchedulePc;
      scheduleStep(next, t, pc, th.co, th.ctx);
      for (const later of schedule.slice(schedule.indexOf(pc))) scheduleStep(fp.future.bind(fp), t, later, th.co, th.ctx);
    } else {
      fp.steps[t] = 1;
      entryStep(next, t, th.pc as EntryPc, th.co, false);
      entryFrom(fp, t, th.pc as EntryPc, th.co, false);
    }
    if (th.done >= ops(t)) return;
    if (b.programs === undefined) {
      fp.futureWritesAll(t);
      return;
    }
    for (const op of b.programs[t - b.contexts]?.slice(th.done) ?? []) {
      if (op.op === 'schedule') for (const pc of schedule) scheduleStep(fp.future.bind(fp), t, pc, op.co, op.ctx);
      else entryFrom(fp, t, entry[0] as EntryPc, op.co, false);
    }
  }
}
