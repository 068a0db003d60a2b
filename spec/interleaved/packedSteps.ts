import type { ContractErrorKind } from '../model/events';
import { interleavedWidth, PCS } from './encoding';
import { ENTRY_ORDER, type InterleavedBounds, type Pc, RecordStatus, SCHEDULE_ORDER } from './state';
import type { ILabel } from './steps';

/**
 * The interleaved model's steps on its byte encoding (`encoding.ts`), for the explorer's hot loop: a
 * successor is the source row copied and a few bytes changed, with no objects in between. It takes exactly
 * the steps of `interleavedSuccessors` (steps.ts, the readable definition), in the same order, with the same
 * labels; the tests check that state by state.
 *
 * The row: per coroutine [mark+1, caller+1, segments, running, liveRec+1]; per context [armed, length,
 * records newest first, zeros]; per thread [pc, co+1, ctx+1, rec+1, done, batch length, batch, zeros]; per
 * record [co+1, ctx+1, status]. Unused places are zero, so equal states have equal rows.
 */

/** Pc bytes, as `encoding.ts` numbers them. */
const PC_OF: Readonly<Record<string, number>> = Object.fromEntries(PCS.map((pc, i) => [pc, i]));
const pcByte = (pc: Pc): number => PC_OF[pc] as number;
const IDLE = pcByte('idle');
const MARK = pcByte('mark');
const PUBLISH = pcByte('publish');
const ARM = pcByte('arm');
const READ_MARK = pcByte('read-mark');
const CHECK_CALLER = pcByte('check-caller');
const SET_CALLER = pcByte('set-caller');
const CLEAR_MARK = pcByte('clear-mark');
const SWITCH = pcByte('switch');
const YIELD = pcByte('yield');
/** Step names by the number a sink gets: a pc's byte names the step taken at that pc; idle's is the BH's `take`. */
const PC_NAMES: readonly ILabel['step'][] = PCS.map((pc) => (pc === 'idle' ? 'take' : pc));
const REPORTS: readonly (ContractErrorKind | null)[] = [null, 'entry-after-termination', 'recursive-entry', 'double-schedule', 'scheduled-elsewhere'];
const START_SCHEDULE = PCS.length;
const START_ENTER = PCS.length + 1;
const TAKE = IDLE;

/** Where each part of a row starts, for bounds `b`. */
export interface PackedInterleavedLayout {
  readonly width: number;
  readonly records: number;
  readonly contextsAt: number;
  readonly threadsAt: number;
  readonly recordsAt: number;
  readonly contextWidth: number;
  readonly threadWidth: number;
}

export function packedInterleavedLayout(b: InterleavedBounds): PackedInterleavedLayout {
  const R = b.drivers * b.ops;
  const contextsAt = 5 * b.coroutines;
  const threadsAt = contextsAt + b.contexts * (2 + R);
  const recordsAt = threadsAt + (b.contexts + b.drivers) * (6 + R);
  return { width: interleavedWidth(b), records: R, contextsAt, threadsAt, recordsAt, contextWidth: 2 + R, threadWidth: 6 + R };
}

/**
 * A step just written into the destination row: the thread, the step (`PC_NAMES` index, or START_SCHEDULE /
 * START_ENTER), the coroutine, context and record as `ILabel` has them, and the report (`REPORTS` index).
 */
export type StepSink = (thread: number, step: number, co: number, ctx: number, rec: number, report: number) => void;

/** The `ILabel` a sink's arguments stand for. */
export function packedLabel(thread: number, step: number, co: number, ctx: number, rec: number, report: number): ILabel {
  const name: ILabel['step'] = step === START_SCHEDULE ? 'start-schedule' : step === START_ENTER ? 'start-enter' : (PC_NAMES[step] as ILabel['step']);
  return { thread, step: name, co, ctx, rec, report: REPORTS[report] ?? null };
}

/**
 * Expands rows of the buffer `rows()` (which may be replaced whenever `next()` makes room): for each successor
 * of the row at `src`, in `interleavedSuccessors`' order, `next()` gives the offset of a free row, the source
 * is copied there and changed, and `sink` hears of the step. Made once per search: no allocation per row.
 */
export class PackedInterleavedSteps {
  private readonly X: number;
  private readonly T: number;
  private readonly sched: readonly number[];
  private readonly entry: readonly number[];
  private readonly publishFirst: boolean;
  private src = 0;
  private n = 0;
  private next: () => number = () => 0;
  private sink: StepSink = () => undefined;
  /** The buffer `words` views (a word view of `rows()`, made again when the buffer is replaced). */
  private wordsOf: Uint8Array | null = null;
  private words: Int32Array | null = null;
  private readonly rowWords: number;

  constructor(
    private readonly b: InterleavedBounds,
    private readonly L: PackedInterleavedLayout,
    private readonly rows: () => Uint8Array,
  ) {
    this.rowWords = (L.width + 3) >>> 2;
    this.X = b.contexts;
    this.T = b.contexts + b.drivers;
    this.sched = SCHEDULE_ORDER[b.variant].map(pcByte);
    this.entry = ENTRY_ORDER[b.variant].map(pcByte);
    this.publishFirst = SCHEDULE_ORDER[b.variant].indexOf('publish') < SCHEDULE_ORDER[b.variant].indexOf('mark');
  }

  /**
   * Writes every successor of the row at `src`; returns how many. `threads`: a bitmask of the threads whose
   * steps to take (a reduction's choice; all by default).
   */
  expand(src: number, next: () => number, sink: StepSink, threads = -1): number {
    const { b, L, X, T, sched } = this;
    this.src = src;
    this.next = next;
    this.sink = sink;
    this.n = 0;
    for (let t = 0; t < T; t++) {
      if (((threads >>> t) & 1) === 0) continue;
      const th = L.threadsAt + t * L.threadWidth;
      const s = this.rows();
      const pc = s[src + th] as number;
      const co = (s[src + th + 1] as number) - 1;
      const tctx = (s[src + th + 2] as number) - 1;
      const rec = (s[src + th + 3] as number) - 1;
      if (t < X) {
        if (pc === IDLE) this.take(t, th);
        else if (pc === READ_MARK) this.readMark(t, th, co, rec);
        else this.entryStep(t, th, pc, co, tctx, rec, t);
      } else if (pc === IDLE) {
        const done = s[src + th + 4] as number;
        if (done >= b.ops) continue;
        const r = (t - X) * b.ops + done;
        if (b.programs !== undefined) {
          const op = b.programs[t - X]?.[done];
          if (op === undefined) continue;
          if (op.op === 'schedule') this.startSchedule(t, th, r, done, op.co, op.ctx);
          else this.startEnter(t, th, done, op.co, op.from);
          continue;
        }
        for (let c = 0; c < b.coroutines; c++) {
          for (let x = 0; x < X; x++) this.startSchedule(t, th, r, done, c, x);
          this.startEnter(t, th, done, c, -1);
        }
      } else if (pc === sched[0] || pc === sched[1] || pc === sched[2]) this.scheduleStep(t, th, pc, co, tctx, rec);
      else this.entryStep(t, th, pc, co, tctx, rec, -1);
    }
    return this.n;
  }

  /**
   * A fresh copy of the source row; returns its offset (the buffer is `rows()` from now on). Rows at offsets
   * that are multiples of 4, in a buffer whose rows are spaced by whole words (the explorers' are), are copied
   * a word at a time, the padding after the row included.
   */
  private copy(): number {
    const d = this.next();
    const buf = this.rows();
    const src = this.src;
    if (buf !== this.wordsOf) {
      this.wordsOf = buf;
      this.words = buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >>> 2) : null;
    }
    const words = this.words;
    if (words !== null && ((src | d) & 3) === 0 && d + this.rowWords * 4 <= buf.length) {
      const s = src >>> 2;
      const t = d >>> 2;
      for (let k = 0; k < this.rowWords; k++) words[t + k] = words[s + k] as number;
    } else {
      const w = this.L.width;
      for (let k = 0; k < w; k++) buf[d + k] = buf[src + k] as number;
    }
    this.n++;
    return d;
  }

  private ctxAt(x: number): number {
    return this.L.contextsAt + x * this.L.contextWidth;
  }

  private recAt(r: number): number {
    return this.L.recordsAt + 3 * r;
  }

  /** `co_schedule_bh_cb` takes its context's list when armed: the batch is the list reversed (scheduling order). */
  private take(x: number, th: number): void {
    const cx = this.ctxAt(x);
    if (this.rows()[this.src + cx] === 0) return;
    const d = this.copy();
    const buf = this.rows();
    const len = buf[d + cx + 1] as number;
    buf[d + cx] = 0;
    buf[d + cx + 1] = 0;
    for (let k = 0; k < len; k++) {
      buf[d + th + 6 + k] = buf[d + cx + 2 + len - 1 - k] as number;
      buf[d + cx + 2 + len - 1 - k] = 0;
    }
    if (len > 0) {
      const first = buf[d + th + 6] as number;
      buf[d + th] = READ_MARK;
      buf[d + th + 1] = buf[d + this.recAt(first)] as number;
      buf[d + th + 3] = first + 1;
      buf[d + th + 5] = len;
    }
    this.sink(x, TAKE, -1, x, -1, 0);
  }

  /** The BH reads the mark: its record's, so it enters; else it moves on. */
  private readMark(x: number, th: number, co: number, rec: number): void {
    const d = this.copy();
    const buf = this.rows();
    if ((buf[d + 5 * co] as number) - 1 === rec) buf[d + th] = this.entry[0] as number;
    else this.nextNode(buf, d, th);
    this.sink(x, READ_MARK, co, x, rec, 0);
  }

  /** The BH thread at `th` in row `d` moves past its batch's first record: to the next one, or idle. */
  private nextNode(buf: Uint8Array, d: number, th: number): void {
    const len = buf[d + th + 5] as number;
    for (let k = 1; k < len; k++) buf[d + th + 5 + k] = buf[d + th + 6 + k] as number;
    buf[d + th + 5 + len] = 0;
    buf[d + th + 5] = len - 1;
    if (len - 1 === 0) {
      buf[d + th] = IDLE;
      buf[d + th + 1] = 0;
      buf[d + th + 3] = 0;
    } else {
      const r = buf[d + th + 6] as number;
      buf[d + th] = READ_MARK;
      buf[d + th + 1] = buf[d + this.recAt(r)] as number;
      buf[d + th + 3] = r + 1;
    }
  }

  /** A driver at `th` in row `d` ends its operation. */
  private driverIdle(buf: Uint8Array, d: number, th: number): void {
    buf[d + th] = IDLE;
    buf[d + th + 1] = 0;
    buf[d + th + 2] = 0;
    buf[d + th + 3] = 0;
  }

  private startSchedule(t: number, th: number, r: number, done: number, c: number, x: number): void {
    const d = this.copy();
    const buf = this.rows();
    buf[d + this.recAt(r)] = c + 1;
    buf[d + this.recAt(r) + 1] = x + 1;
    buf[d + th] = this.sched[0] as number;
    buf[d + th + 1] = c + 1;
    buf[d + th + 2] = x + 1;
    buf[d + th + 3] = r + 1;
    buf[d + th + 4] = done + 1;
    this.sink(t, START_SCHEDULE, c, x, r, 0);
  }

  private startEnter(t: number, th: number, done: number, c: number, from: number): void {
    const d = this.copy();
    const buf = this.rows();
    buf[d + th] = this.entry[0] as number;
    buf[d + th + 1] = c + 1;
    buf[d + th + 2] = from + 1;
    buf[d + th + 3] = 0;
    buf[d + th + 4] = done + 1;
    this.sink(t, START_ENTER, c, from, -1, 0);
  }

  /** `aio_co_schedule`'s steps (mark, publish, arm, in the variant's order), as `driverStep` in steps.ts. */
  private scheduleStep(t: number, th: number, pc: number, co: number, x: number, rec: number): void {
    const d = this.copy();
    const buf = this.rows();
    const ca = 5 * co;
    if (pc === MARK) {
      const m = (buf[d + ca] as number) - 1;
      let report = 0;
      if ((buf[d + ca + 2] as number) > this.b.yields) report = 1;
      else if (m >= 0) report = (buf[d + this.recAt(m) + 1] as number) - 1 === x ? 3 : 4;
      if (report !== 0) {
        // Refused before publishing: the operation ends. Refused after (the swapped order): the record is on
        // the list already, owed nothing (dead), and the thread still arms the BH it published for.
        if (this.publishFirst) {
          buf[d + this.recAt(rec) + 2] = RecordStatus.Dead;
          buf[d + th] = ARM;
        } else this.driverIdle(buf, d, th);
        this.sink(t, pc, co, x, rec, report);
        return;
      }
      buf[d + ca] = rec + 1;
      buf[d + ca + 4] = rec + 1;
      buf[d + this.recAt(rec) + 2] = RecordStatus.Live;
    } else if (pc === PUBLISH) {
      const cx = this.ctxAt(x);
      const len = buf[d + cx + 1] as number;
      for (let k = len; k > 0; k--) buf[d + cx + 2 + k] = buf[d + cx + 1 + k] as number;
      buf[d + cx + 2] = rec;
      buf[d + cx + 1] = len + 1;
    } else buf[d + this.ctxAt(x)] = 1;
    const nextPc = advance(this.sched, pc);
    if (nextPc === IDLE) this.driverIdle(buf, d, th);
    else buf[d + th] = nextPc;
    this.sink(t, pc, co, x, rec, 0);
  }

  /** `qemu_aio_coroutine_enter`'s steps, as `entryStep` in steps.ts; `bh` is the BH's context or -1. */
  private entryStep(t: number, th: number, pc: number, c: number, tctx: number, rec: number, bh: number): void {
    const d = this.copy();
    const buf = this.rows();
    const ca = 5 * c;
    let report = 0;
    let finished = false;
    switch (pc) {
      case CHECK_CALLER:
        if ((buf[d + ca + 2] as number) > this.b.yields) report = 1;
        else if ((buf[d + ca + 1] as number) > 0) report = 2;
        if (report === 0) buf[d + th] = advance(this.entry, pc);
        else finished = true;
        break;
      case SET_CALLER:
        buf[d + ca + 1] = t + 1;
        buf[d + th] = advance(this.entry, pc);
        break;
      case CLEAR_MARK: {
        const live = (buf[d + ca + 4] as number) - 1;
        if (live >= 0) buf[d + this.recAt(live) + 2] = RecordStatus.Dead;
        buf[d + ca + 4] = 0;
        buf[d + ca] = 0;
        buf[d + th] = advance(this.entry, pc);
        break;
      }
      case SWITCH:
        buf[d + ca + 3] = (buf[d + ca + 3] as number) + 1;
        buf[d + th] = advance(this.entry, pc);
        break;
      case YIELD:
        buf[d + ca + 3] = (buf[d + ca + 3] as number) - 1;
        buf[d + ca + 2] = (buf[d + ca + 2] as number) + 1;
        buf[d + ca + 1] = 0;
        finished = true;
        break;
      default:
        throw new Error(`internal: thread ${t} at unknown pc byte ${pc}`);
    }
    if (finished) {
      if (bh >= 0) this.nextNode(buf, d, th);
      else this.driverIdle(buf, d, th);
    }
    this.sink(t, pc, c, bh >= 0 ? bh : tctx, rec, report);
  }
}

/** The pc after `pc` in `order`, or idle after the last. */
const advance = (order: readonly number[], pc: number): number => order[order.indexOf(pc) + 1] ?? IDLE;

/** Every driver has issued all its operations and is idle; every BH is idle and unarmed (`isQuiescent` on bytes). */
export function packedQuiescent(b: InterleavedBounds, L: PackedInterleavedLayout, buf: Uint8Array, src: number): boolean {
  for (let t = 0; t < b.contexts + b.drivers; t++) {
    const th = src + L.threadsAt + t * L.threadWidth;
    if (buf[th] !== IDLE) return false;
    if (t < b.contexts) {
      if (buf[src + L.contextsAt + t * L.contextWidth] !== 0) return false;
    } else if ((buf[th + 4] as number) < (b.programs === undefined ? b.ops : (b.programs[t - b.contexts]?.length ?? 0))) return false;
  }
  return true;
}
