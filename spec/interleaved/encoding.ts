import type { IState, InterleavedBounds, Pc, RecordStatus, ThreadState } from './state';

/** A pc's byte is its index here (`packedSteps.ts` reads the same numbering). */
export const PCS: readonly Pc[] = ['idle', 'mark', 'publish', 'arm', 'read-mark', 'check-caller', 'set-caller', 'clear-mark', 'switch', 'yield'];

/** Record ids are static (driver d's k-th operation), so the state needs no renumbering: one byte per field. */
export function interleavedWidth(b: InterleavedBounds): number {
  const R = b.drivers * b.ops;
  return b.coroutines * 5 + b.contexts * (2 + R) + (b.contexts + b.drivers) * (6 + R) + 3 * R;
}

/** A pc's byte: its index in `PCS` (looked up by name, not searched). */
const PC_INDEX: Readonly<Record<Pc, number>> = Object.fromEntries(PCS.map((pc, i) => [pc, i])) as Record<Pc, number>;

/** Plain loops, no iterators or closures: this runs once per transition in the explorer's hot loop. */
export function encodeInterleaved(b: InterleavedBounds, s: IState, out: Uint8Array, off: number): void {
  const R = b.drivers * b.ops;
  let p = off;
  for (let c = 0; c < b.coroutines; c++) {
    out[p] = (s.mark[c] as number) + 1;
    out[p + 1] = (s.caller[c] as number) + 1;
    out[p + 2] = s.segments[c] as number;
    out[p + 3] = s.running[c] as number;
    out[p + 4] = (s.liveRec[c] as number) + 1;
    p += 5;
  }
  for (let x = 0; x < b.contexts; x++) {
    const l = s.lists[x] as readonly number[];
    out[p] = s.armed[x] ? 1 : 0;
    out[p + 1] = l.length;
    for (let k = 0; k < l.length; k++) out[p + 2 + k] = l[k] as number;
    for (let k = l.length; k < R; k++) out[p + 2 + k] = 0;
    p += 2 + R;
  }
  const threads = s.threads;
  for (let t = 0; t < threads.length; t++) {
    const th = threads[t] as ThreadState;
    out[p] = PC_INDEX[th.pc];
    out[p + 1] = th.co + 1;
    out[p + 2] = th.ctx + 1;
    out[p + 3] = th.rec + 1;
    out[p + 4] = th.done;
    const batch = th.batch;
    out[p + 5] = batch.length;
    for (let k = 0; k < batch.length; k++) out[p + 6 + k] = batch[k] as number;
    for (let k = batch.length; k < R; k++) out[p + 6 + k] = 0;
    p += 6 + R;
  }
  for (let r = 0; r < R; r++) {
    out[p] = (s.recCo[r] as number) + 1;
    out[p + 1] = (s.recCtx[r] as number) + 1;
    out[p + 2] = s.recStatus[r] as number;
    p += 3;
  }
}

/** A run of `n` bytes from `buf` at `at`, as numbers. */
function bytesAt(buf: Uint8Array, at: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = buf[at + k] as number;
  return out;
}

export function decodeInterleaved(b: InterleavedBounds, buf: Uint8Array, off: number): IState {
  const R = b.drivers * b.ops;
  const C = b.coroutines;
  let p = off;
  const mark = new Array<number>(C), caller = new Array<number>(C), segments = new Array<number>(C), running = new Array<number>(C), liveRec = new Array<number>(C);
  for (let c = 0; c < C; c++) {
    mark[c] = (buf[p] as number) - 1;
    caller[c] = (buf[p + 1] as number) - 1;
    segments[c] = buf[p + 2] as number;
    running[c] = buf[p + 3] as number;
    liveRec[c] = (buf[p + 4] as number) - 1;
    p += 5;
  }
  const lists = new Array<number[]>(b.contexts), armed = new Array<boolean>(b.contexts);
  for (let x = 0; x < b.contexts; x++) {
    armed[x] = buf[p] === 1;
    lists[x] = bytesAt(buf, p + 2, buf[p + 1] as number);
    p += 2 + R;
  }
  const T = b.contexts + b.drivers;
  const threads = new Array<ThreadState>(T);
  for (let t = 0; t < T; t++) {
    const pc = PCS[buf[p] as number];
    if (pc === undefined) throw new Error('internal: corrupt interleaved state');
    threads[t] = { pc, co: (buf[p + 1] as number) - 1, ctx: (buf[p + 2] as number) - 1, rec: (buf[p + 3] as number) - 1, done: buf[p + 4] as number, batch: bytesAt(buf, p + 6, buf[p + 5] as number) };
    p += 6 + R;
  }
  const recCo = new Array<number>(R), recCtx = new Array<number>(R), recStatus = new Array<RecordStatus>(R);
  for (let r = 0; r < R; r++) {
    recCo[r] = (buf[p] as number) - 1;
    recCtx[r] = (buf[p + 1] as number) - 1;
    recStatus[r] = buf[p + 2] as RecordStatus;
    p += 3;
  }
  return { mark, caller, segments, running, lists, armed, threads, recCo, recCtx, recStatus, liveRec };
}
