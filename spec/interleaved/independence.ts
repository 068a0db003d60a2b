import type { Footprints, Independence } from '../explorer/reduction';
import { encodeInterleaved, PCS } from './encoding';
import { interleavedInvariants, unmarkedWithoutCaller } from './invariants';
import { packedInterleavedLayout } from './packedSteps';
import { ENTRY_ORDER, type EntryPc, type IState, type InterleavedBounds, type Pc, SCHEDULE_ORDER, type SchedulePc } from './state';
import type { ILabel } from './steps';

/**
 * Which shared variables each step of the interleaved model touches (SPEC.md, "Partial-order reduction").
 * Per coroutine c: `mark` (co->scheduled, the ghost live record and the status of c's records), `caller`,
 * `segments`, and the ghost `window` (drivers whose entry of c has cleared the mark and not yet set the
 * caller: what CO8 reads). Per context x: `list` and `armed`. `running` is a counter only ever incremented and
 * decremented, read by no step and no invariant, so `switch` and `yield` commute on it; a record's coroutine
 * and context are written once, by its driver's start, before any other thread can read them, so starting an
 * operation touches nothing shared.
 *
 * The footprints are read off the encoded row (the explorer's hot loop has no objects); each step's are
 * worked out once per bounds, as bitsets, from `entryStep` and `scheduleStep` below.
 */
export function interleavedIndependence(b: InterleavedBounds): Independence<IState, ILabel> {
  const C = b.coroutines;
  const X = b.contexts;
  const T = b.contexts + b.drivers;
  const V = 4 * C + 2 * X;
  const W = Math.max(1, Math.ceil(V / 32));
  const v = { mark: (c: number) => 4 * c, caller: (c: number) => 4 * c + 1, segments: (c: number) => 4 * c + 2, window: (c: number) => 4 * c + 3, list: (x: number) => 4 * C + 2 * x, armed: (x: number) => 4 * C + 2 * x + 1 };
  const entry = ENTRY_ORDER[b.variant];
  const schedule = SCHEDULE_ORDER[b.variant];
  // A driver's entry step changes CO8's window when the pcs before and after it are on different sides.
  const movesWindow = (pc: EntryPc): boolean => {
    const after = entry[entry.indexOf(pc) + 1] ?? 'idle';
    return unmarkedWithoutCaller(b, pc) !== unmarkedWithoutCaller(b, after) || unmarkedWithoutCaller(b, pc);
  };

  type Touch = (variable: number, write: boolean) => void;
  const entryStep = (touch: Touch, pc: EntryPc, c: number, bh: boolean): void => {
    switch (pc) {
      case 'check-caller':
        touch(v.caller(c), false);
        touch(v.segments(c), false);
        if (bh) touch(v.window(c), false);
        break;
      case 'set-caller':
      case 'clear-mark':
        touch(pc === 'set-caller' ? v.caller(c) : v.mark(c), true);
        if (!bh && movesWindow(pc)) touch(v.window(c), true);
        break;
      case 'switch':
        break;
      case 'yield':
        touch(v.segments(c), true);
        touch(v.caller(c), true);
        break;
      default: {
        const never: never = pc;
        throw new Error(`internal: unknown entry pc ${String(never)}`);
      }
    }
  };
  const scheduleStep = (touch: Touch, pc: SchedulePc, c: number, x: number): void => {
    if (pc === 'mark') {
      touch(v.segments(c), false);
      touch(v.mark(c), true);
    } else touch(pc === 'publish' ? v.list(x) : v.armed(x), true);
  };

  // Bitsets, each `2 * W` words (reads, then writes), made once: `mask(fill)` returns the new one's index.
  const masks: number[] = [];
  const mask = (fill: (touch: Touch) => void): number => {
    const at = masks.length;
    for (let k = 0; k < 2 * W; k++) masks.push(0);
    fill((variable, write) => {
      const i = at + (write ? W : 0) + (variable >>> 5);
      masks[i] = ((masks[i] as number) | (1 << (variable & 31))) >>> 0;
    });
    return at;
  };
  const PC_COUNT = PCS.length;
  const pcIndex = (pc: Pc): number => PCS.indexOf(pc);
  /** [bh][pc][c]: the entry step at pc; and every entry step from pc to the end. */
  const entryNow = new Int32Array(2 * PC_COUNT * C).fill(-1);
  const entryRest = new Int32Array(2 * PC_COUNT * C).fill(-1);
  for (const bh of [0, 1]) {
    for (const pc of entry) {
      for (let c = 0; c < C; c++) {
        const i = (bh * PC_COUNT + pcIndex(pc)) * C + c;
        entryNow[i] = mask((touch) => entryStep(touch, pc, c, bh === 1));
        entryRest[i] = mask((touch) => { for (const later of entry.slice(entry.indexOf(pc))) entryStep(touch, later, c, bh === 1); });
      }
    }
  }
  /** [pc][c][x]: the schedule step at pc; and every schedule step from pc to the end. */
  const schedNow = new Int32Array(PC_COUNT * C * X).fill(-1);
  const schedRest = new Int32Array(PC_COUNT * C * X).fill(-1);
  for (const pc of schedule) {
    for (let c = 0; c < C; c++) {
      for (let x = 0; x < X; x++) {
        const i = (pcIndex(pc) * C + c) * X + x;
        schedNow[i] = mask((touch) => scheduleStep(touch, pc, c, x));
        schedRest[i] = mask((touch) => { for (const later of schedule.slice(schedule.indexOf(pc))) scheduleStep(touch, later, c, x); });
      }
    }
  }
  /** Per coroutine: everything a BH may do for one of its records (read the mark, enter it). */
  const bhRecord = Array.from({ length: C }, (_, c) => mask((touch) => {
    touch(v.mark(c), false);
    for (const pc of entry) entryStep(touch, pc, c, true);
  }));
  /** Per context: the BH's `take`. */
  const take = Array.from({ length: X }, (_, x) => mask((touch) => {
    touch(v.list(x), true);
    touch(v.armed(x), true);
  }));
  const readMark = Array.from({ length: C }, (_, c) => mask((touch) => touch(v.mark(c), false)));
  const everything = mask((touch) => { for (let k = 0; k < V; k++) touch(k, true); });
  /** Fixed programs, per driver and operations done: what the operations left touch, and the coroutines they publish per context. */
  const ops = (t: number): number => (b.programs === undefined ? b.ops : (b.programs[t - X]?.length ?? 0));
  const programRest: number[][] = [];
  const programPublishes: number[][][] = [];
  for (let t = X; t < T; t++) {
    const program = b.programs?.[t - X] ?? [];
    programRest.push(program.map((_, done) => mask((touch) => {
      for (const op of program.slice(done)) {
        if (op.op === 'schedule') for (const pc of schedule) scheduleStep(touch, pc, op.co, op.ctx);
        else for (const pc of entry) entryStep(touch, pc, op.co, false);
      }
    })));
    programPublishes.push(program.map((_, done) => Array.from({ length: X }, (_x, x) => program.slice(done).reduce((bits, op) => (op.op === 'schedule' && op.ctx === x ? bits | (1 << op.co) : bits), 0))));
  }
  const table = Uint32Array.from(masks);
  const L = packedInterleavedLayout(b);
  const IDLE = pcIndex('idle');
  const READ_MARK = pcIndex('read-mark');
  const isSchedule = PCS.map((pc) => (schedule as readonly string[]).includes(pc));
  /** Whether a driver at this pc is yet to publish (its operation's coroutine may still reach a list). */
  const beforePublish = PCS.map((pc) => isSchedule[pcIndex(pc)] === true && schedule.indexOf(pc as SchedulePc) <= schedule.indexOf('publish'));
  const publishable = new Int32Array(X);
  const freeSteps = C * (X + 1);

  /** ORs mask `m` into thread t's future, and into its next step too when `now`. */
  function apply(fp: Footprints, t: number, m: number, now: boolean): void {
    for (let k = 0; k < W; k++) {
      const r = table[m + k] as number;
      const w = table[m + W + k] as number;
      fp.futureRead[t * W + k] = (fp.futureRead[t * W + k] as number) | r;
      fp.futureWrite[t * W + k] = (fp.futureWrite[t * W + k] as number) | w;
      if (now) {
        fp.nextRead[t * W + k] = (fp.nextRead[t * W + k] as number) | r;
        fp.nextWrite[t * W + k] = (fp.nextWrite[t * W + k] as number) | w;
      }
    }
  }

  function rowFootprints(buf: Uint8Array, src: number, fp: Footprints): void {
    fp.clear();
    // Coroutines that drivers may yet publish on each context (all of them while a free driver has budget).
    publishable.fill(0);
    let anyFree = false;
    for (let t = X; t < T; t++) {
      const th = src + L.threadsAt + t * L.threadWidth;
      const pc = buf[th] as number;
      if (beforePublish[pc] === true) {
        const x = (buf[th + 2] as number) - 1;
        publishable[x] = (publishable[x] as number) | (1 << ((buf[th + 1] as number) - 1));
      }
      const done = buf[th + 4] as number;
      if (done >= ops(t)) continue;
      if (b.programs === undefined) anyFree = true;
      else for (let x = 0; x < X; x++) publishable[x] = (publishable[x] as number) | ((programPublishes[t - X] as number[][])[done]?.[x] as number);
    }
    for (let x = 0; x < X; x++) {
      const th = src + L.threadsAt + x * L.threadWidth;
      const pc = buf[th] as number;
      const co = (buf[th + 1] as number) - 1;
      const cx = src + L.contextsAt + x * L.contextWidth;
      let cos = anyFree ? (1 << C) - 1 : (publishable[x] as number);
      if (pc === IDLE) {
        apply(fp, x, take[x] as number, true);
        if (buf[cx] !== 0) fp.steps[x] = 1;
        else fp.enabledBy(x, v.armed(x));
      } else {
        fp.steps[x] = 1;
        if (pc === READ_MARK) {
          apply(fp, x, readMark[co] as number, true);
          apply(fp, x, bhRecord[co] as number, false);
        } else {
          apply(fp, x, entryNow[(PC_COUNT + pc) * C + co] as number, true);
          apply(fp, x, entryRest[(PC_COUNT + pc) * C + co] as number, false);
        }
        const batch = buf[th + 5] as number;
        for (let k = 1; k < batch; k++) cos |= 1 << ((buf[src + L.recordsAt + 3 * (buf[th + 6 + k] as number)] as number) - 1);
      }
      // Later batches: what is on the list now, and what drivers may still publish here.
      apply(fp, x, take[x] as number, false);
      const len = buf[cx + 1] as number;
      for (let k = 0; k < len; k++) cos |= 1 << ((buf[src + L.recordsAt + 3 * (buf[cx + 2 + k] as number)] as number) - 1);
      for (let c = 0; c < C; c++) if ((cos >>> c) & 1) apply(fp, x, bhRecord[c] as number, false);
    }
    for (let t = X; t < T; t++) {
      const th = src + L.threadsAt + t * L.threadWidth;
      const pc = buf[th] as number;
      const co = (buf[th + 1] as number) - 1;
      const done = buf[th + 4] as number;
      if (pc === IDLE) {
        if (done < ops(t)) fp.steps[t] = b.programs === undefined ? freeSteps : 1;
      } else if (isSchedule[pc] === true) {
        fp.steps[t] = 1;
        const i = (pc * C + co) * X + (buf[th + 2] as number) - 1;
        apply(fp, t, schedNow[i] as number, true);
        apply(fp, t, schedRest[i] as number, false);
      } else {
        fp.steps[t] = 1;
        apply(fp, t, entryNow[pc * C + co] as number, true);
        apply(fp, t, entryRest[pc * C + co] as number, false);
      }
      if (done >= ops(t)) continue;
      apply(fp, t, b.programs === undefined ? everything : ((programRest[t - X] as number[])[done] as number), false);
    }
  }

  const scratch = new Uint8Array(L.width);
  return {
    threads: T,
    variables: V,
    covers: interleavedInvariants(b).map((i) => i.name),
    threadOf: (l) => l.thread,
    footprints(s, fp) {
      encodeInterleaved(b, s, scratch, 0);
      rowFootprints(scratch, 0, fp);
    },
    rowFootprints,
  };
}
