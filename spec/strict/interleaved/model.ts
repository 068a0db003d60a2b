import type { ExplorableModel, Invariant } from '../../explorer/types';
import { type ConcurrentProgram } from '../../interleaved/program';
import { STRICT_PCS, type SState, type SThread, type StrictBounds, type StrictPc, type StrictVariant, initialStrict } from './state';
import { type SLabel, strictSuccessors } from './steps';
import { strictInvariants } from './invariants';

/** Why these bounds cannot be explored (one byte per field), or null. */
export function whyStrictBoundsInvalid(b: StrictBounds): string | null {
  if (!Number.isInteger(b.coroutines) || b.coroutines < 1 || b.coroutines > 8) return 'coroutines must be 1..8';
  if (!Number.isInteger(b.contexts) || b.contexts < 1 || b.contexts > 8) return 'contexts must be 1..8';
  if (!Number.isInteger(b.drivers) || b.drivers < 1 || b.drivers > 8) return 'drivers must be 1..8';
  if (!Number.isInteger(b.ops) || b.ops < 1 || b.ops > 16) return 'operations per driver must be 1..16';
  if (!Number.isInteger(b.yields) || b.yields < 0 || b.yields > 200) return 'yields must be 0..200';
  return null;
}

/** The bounds that run exactly `p`. */
export function strictBoundsOfProgram(p: ConcurrentProgram, variant: StrictVariant = 'upstream'): StrictBounds {
  const ops = Math.max(1, ...p.drivers.map((d) => d.length));
  return { coroutines: p.coroutines, contexts: p.contexts, drivers: p.drivers.length, ops, yields: p.yields, variant, programs: p.drivers };
}

const PC_INDEX = new Map<StrictPc, number>(STRICT_PCS.map((pc, i) => [pc, i]));

const width = (b: StrictBounds): number => {
  const R = b.drivers * b.ops;
  return b.coroutines * 4 + b.contexts * (2 + R) + (b.contexts + b.drivers) * (6 + R) + 2 * R + 1;
};

function encode(b: StrictBounds, s: SState, out: Uint8Array, off: number): void {
  const R = b.drivers * b.ops;
  let p = off;
  const put = (v: number): void => void (out[p++] = v);
  const list = (l: readonly number[]): void => {
    put(l.length);
    for (let k = 0; k < R; k++) put(k < l.length ? (l[k] as number) : 0);
  };
  for (let c = 0; c < b.coroutines; c++) [s.mark[c], s.caller[c]].forEach((v) => put((v as number) + 1)), put(s.segments[c] as number), put(s.running[c] as number);
  for (let x = 0; x < b.contexts; x++) put(s.armed[x] ? 1 : 0), list(s.lists[x] as readonly number[]);
  for (const th of s.threads) put(PC_INDEX.get(th.pc) as number), put(th.co + 1), put(th.ctx + 1), put(th.rec + 1), put(th.done), list(th.batch);
  for (let r = 0; r < R; r++) put((s.recCo[r] as number) + 1), put((s.recCtx[r] as number) + 1);
  put(s.aborted + 1);
}

function decode(b: StrictBounds, buf: Uint8Array, off: number): SState {
  const R = b.drivers * b.ops;
  let p = off;
  const get = (): number => buf[p++] as number;
  const list = (): number[] => {
    const n = get();
    const l: number[] = [];
    for (let k = 0; k < R; k++) {
      const v = get();
      if (k < n) l.push(v);
    }
    return l;
  };
  const mark: number[] = [], caller: number[] = [], segments: number[] = [], running: number[] = [];
  for (let c = 0; c < b.coroutines; c++) mark.push(get() - 1), caller.push(get() - 1), segments.push(get()), running.push(get());
  const armed: boolean[] = [], lists: number[][] = [];
  for (let x = 0; x < b.contexts; x++) armed.push(get() === 1), lists.push(list());
  const threads: SThread[] = [];
  for (let t = 0; t < b.contexts + b.drivers; t++) {
    const pc = STRICT_PCS[get()] as StrictPc;
    const co = get() - 1, ctx = get() - 1, rec = get() - 1, done = get();
    threads.push({ pc, co, ctx, rec, done, batch: list() });
  }
  const recCo: number[] = [], recCtx: number[] = [];
  for (let r = 0; r < R; r++) recCo.push(get() - 1), recCtx.push(get() - 1);
  return { mark, caller, segments, running, lists, armed, threads, recCo, recCtx, aborted: get() - 1 };
}

/** Every driver has issued its operations and is idle, every BH idle and unarmed; or QEMU aborted. */
export function isStrictFinal(b: StrictBounds, s: SState): boolean {
  if (s.aborted >= 0) return true;
  return s.threads.every((th, t) => th.pc === 'idle' && (t < b.contexts ? !s.armed[t] : th.done >= (b.programs === undefined ? b.ops : (b.programs[t - b.contexts]?.length ?? 0))));
}

/** Profile strict's interleaved model (level 2), with its clauses' invariants (and any extra ones) checked on every state. */
export function strictInterleavedModel(b: StrictBounds, extra: readonly Invariant<SState, SLabel>[] = []): ExplorableModel<SState, SLabel> {
  return {
    width: width(b),
    invariants: [...strictInvariants(b), ...extra],
    initial: () => [initialStrict(b)],
    successors: (s) => strictSuccessors(b, s),
    encode: (s, out, off) => encode(b, s, out, off),
    decode: (buf, off) => decode(b, buf, off),
    isFinal: (s) => isStrictFinal(b, s),
  };
}
