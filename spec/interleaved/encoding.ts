import type { IState, InterleavedBounds, Pc, RecordStatus, ThreadState } from './state';

const PCS: readonly Pc[] = ['idle', 'mark', 'publish', 'arm', 'read-mark', 'check-caller', 'set-caller', 'clear-mark', 'switch', 'yield'];

/** Record ids are static (driver d's k-th operation), so the state needs no renumbering: one byte per field. */
export function interleavedWidth(b: InterleavedBounds): number {
  const R = b.drivers * b.ops;
  return b.coroutines * 5 + b.contexts * (2 + R) + (b.contexts + b.drivers) * (6 + R) + 3 * R;
}

export function encodeInterleaved(b: InterleavedBounds, s: IState, out: Uint8Array, off: number): void {
  const R = b.drivers * b.ops;
  out.fill(0, off, off + interleavedWidth(b));
  let p = off;
  for (let c = 0; c < b.coroutines; c++) {
    out[p++] = (s.mark[c] as number) + 1;
    out[p++] = (s.caller[c] as number) + 1;
    out[p++] = s.segments[c] as number;
    out[p++] = s.running[c] as number;
    out[p++] = (s.liveRec[c] as number) + 1;
  }
  for (let x = 0; x < b.contexts; x++) {
    const l = s.lists[x] ?? [];
    out[p] = s.armed[x] ? 1 : 0;
    out[p + 1] = l.length;
    for (const [k, r] of l.entries()) out[p + 2 + k] = r;
    p += 2 + R;
  }
  for (const th of s.threads) {
    out[p] = PCS.indexOf(th.pc);
    out[p + 1] = th.co + 1;
    out[p + 2] = th.ctx + 1;
    out[p + 3] = th.rec + 1;
    out[p + 4] = th.done;
    out[p + 5] = th.batch.length;
    for (const [k, r] of th.batch.entries()) out[p + 6 + k] = r;
    p += 6 + R;
  }
  for (let r = 0; r < R; r++) {
    out[p++] = (s.recCo[r] as number) + 1;
    out[p++] = (s.recCtx[r] as number) + 1;
    out[p++] = s.recStatus[r] as number;
  }
}

export function decodeInterleaved(b: InterleavedBounds, buf: Uint8Array, off: number): IState {
  const R = b.drivers * b.ops;
  const at = (i: number): number => buf[i] as number;
  let p = off;
  const mark: number[] = [], caller: number[] = [], segments: number[] = [], running: number[] = [], liveRec: number[] = [];
  for (let c = 0; c < b.coroutines; c++) {
    mark.push(at(p) - 1);
    caller.push(at(p + 1) - 1);
    segments.push(at(p + 2));
    running.push(at(p + 3));
    liveRec.push(at(p + 4) - 1);
    p += 5;
  }
  const lists: number[][] = [], armed: boolean[] = [];
  for (let x = 0; x < b.contexts; x++) {
    armed.push(at(p) === 1);
    lists.push(Array.from({ length: at(p + 1) }, (_, k) => at(p + 2 + k)));
    p += 2 + R;
  }
  const threads: ThreadState[] = [];
  for (let t = 0; t < b.contexts + b.drivers; t++) {
    const pc = PCS[at(p)];
    if (pc === undefined) throw new Error('internal: corrupt interleaved state');
    threads.push({ pc, co: at(p + 1) - 1, ctx: at(p + 2) - 1, rec: at(p + 3) - 1, done: at(p + 4), batch: Array.from({ length: at(p + 5) }, (_, k) => at(p + 6 + k)) });
    p += 6 + R;
  }
  const recCo: number[] = [], recCtx: number[] = [], recStatus: RecordStatus[] = [];
  for (let r = 0; r < R; r++) {
    recCo.push(at(p) - 1);
    recCtx.push(at(p + 1) - 1);
    recStatus.push(at(p + 2) as RecordStatus);
    p += 3;
  }
  return { mark, caller, segments, running, lists, armed, threads, recCo, recCtx, recStatus, liveRec };
}
