import type { Clock } from '../explorer/explore';
import { rebuild } from '../explorer/explore';
import { PackedStateTable, hashWords } from '../explorer/packedTable';
import { Footprints, persistentThreads } from '../explorer/reduction';
import { DEADLOCK, type ExploreBounds, type ExploreResult, type Reduction } from '../explorer/types';
import { interleavedModel } from './model';
import { packedInterleavedBroken } from './packedInvariants';
import { PackedInterleavedSteps, packedInterleavedLayout, packedQuiescent, type StepSink } from './packedSteps';
import { interleavedRowCodec } from './rowCodec';
import type { IState, InterleavedBounds } from './state';
import type { ILabel } from './steps';

const DEFAULT_BOUNDS: ExploreBounds = { depth: Number.MAX_SAFE_INTEGER, maxStates: 1 << 24 };

/**
 * Breadth-first search of the interleaved model on its rows, kept bit-packed (`rowCodec.ts`) in the packed
 * state table (rows in the hash slots, `packedTable.ts`): `explore(interleavedModel(b), bounds, clock, reduction)` with the same states,
 * transitions, depth, verdict and trace (the tests compare them), faster. A state's row is copied from the
 * table into a scratch row, each successor is written after it by the packed steps, hashed and interned at
 * once; the invariants are decided on the rows (`packedInvariants.ts`) and objects are built only for a
 * violation's trace. With `reduction: 'por'` only the steps of a persistent set of threads are taken.
 */
export function exploreInterleaved(b: InterleavedBounds, bounds: Partial<ExploreBounds> = {}, clock: Clock = () => 0, reduction: Reduction = 'none'): ExploreResult<IState, ILabel> {
  const t0 = clock();
  const { depth: maxDepth, maxStates } = { ...DEFAULT_BOUNDS, ...bounds };
  const model = interleavedModel(b);
  const L = packedInterleavedLayout(b);
  const w = (L.width + 3) >>> 2;
  // Scratch: the source row, then the successor being made (the expander asks for a fresh row each time),
  // one byte per field; the table holds them packed (`rowCodec.ts`), `key` is the successor's packed row.
  const bytes = new Uint8Array(8 * w);
  const codec = interleavedRowCodec(b);
  const kw = codec.words;
  const key = new Int32Array(kw);
  const steps = new PackedInterleavedSteps(b, L, () => bytes);
  const broken = packedInterleavedBroken(b, L);
  const independence = reduction === 'por' ? model.independence : undefined;
  const fp = independence === undefined ? null : new Footprints(independence.threads, independence.variables);
  // Slots reserved (mapped only when touched) for a million states, past which they are copied as the table
  // doubles (never the rows); 4,096 at first. Reserving for the default bound of 2^24 states mapped ~1 GiB
  // and made every search, however small, pay for it.
  const table = new PackedStateTable(kw, Math.min(maxStates, 1 << 20), 1 << 12);
  let transitions = 0;
  let depth = 0;
  const stats = () => ({ states: table.count, transitions, depth, ms: clock() - t0 });

  const init = model.initial()[0] as IState;
  model.encode(init, bytes, 4 * w);
  codec.pack(bytes, 4 * w, key, 0);
  table.intern(key, 0, hashWords(key, 0, kw), -1, 0);
  for (const inv of model.invariants) {
    const message = inv.check(init, null, null);
    if (message !== null) return { kind: 'violation', invariant: inv.name, message, trace: [{ label: null, state: init }], ...stats() };
  }

  let head = 0;
  let levelEnd = table.count;
  let kept = -1;
  // A successor's ordinal (its place among all the state's successors, which `rebuild` replays): the steps of
  // the threads before its own, then its place among its thread's. Threads the reduction leaves out are not
  // expanded at all; `first` holds, per thread, the ordinal of its first step (from the footprints' counts).
  const first = new Int32Array(b.contexts + b.drivers);
  let lastThread = -1;
  let ordinal = 0;
  let stop: ExploreResult<IState, ILabel> | null = null;
  const next = (): number => 4 * w;
  const sink: StepSink = (thread, step, co, ctx, rec, report) => {
    if (thread !== lastThread) {
      lastThread = thread;
      ordinal = fp === null ? ordinal : (first[thread] as number);
    }
    const k = ordinal++;
    if (stop !== null) return;
    transitions++;
    codec.pack(bytes, 4 * w, key, 0);
    const index = table.intern(key, 0, hashWords(key, 0, kw), head, k);
    if (index < 0) return;
    if (broken(bytes, 0, 4 * w, thread, step, co, ctx, rec, report)) stop = violation(index);
    else if (table.count >= maxStates) stop = { kind: 'bound-reached', bound: 'states', ...stats(), depth: depth + 1 };
  };
  const violation = (index: number): ExploreResult<IState, ILabel> => {
    const trace = rebuild(model, table, index);
    const last = trace[trace.length - 1];
    const pre = trace[trace.length - 2];
    for (const inv of model.invariants) {
      const message = last === undefined ? null : inv.check(last.state, pre?.state ?? null, last.label);
      if (message !== null) return { kind: 'violation', invariant: inv.name, message, trace, ...stats() };
    }
    throw new Error('internal: the invariants on rows and on objects disagree');
  };

  while (head < table.count) {
    if (head === levelEnd) {
      depth++;
      levelEnd = table.count;
    }
    if (depth >= maxDepth) return { kind: 'bound-reached', bound: 'depth', ...stats() };
    codec.unpack(table.rowChunk(head), table.rowOffset(head), bytes, 0);
    if (fp !== null && independence?.rowFootprints !== undefined) {
      independence.rowFootprints(bytes, 0, fp);
      kept = persistentThreads(fp);
      for (let t = 0, sum = 0; t < first.length; t++) {
        first[t] = sum;
        sum += fp.steps[t] as number;
      }
    }
    ordinal = 0;
    lastThread = -1;
    // With a reduction, no step kept means no thread can move (the footprints count every enabled step).
    const n = steps.expand(0, next, sink, kept);
    if (stop !== null) return stop;
    if (n === 0 && !packedQuiescent(b, L, bytes, 0)) {
      return { kind: 'violation', invariant: DEADLOCK, message: 'no thread can move, yet not every thread is done', trace: rebuild(model, table, head), ...stats() };
    }
    head++;
    table.release(head);
  }
  return { kind: 'ok', ...stats() };
}
