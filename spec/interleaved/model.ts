import type { Independence } from '../explorer/reduction';
import type { ExplorableModel, RowExpander } from '../explorer/types';
import { PackedInterleavedSteps, packedInterleavedLayout, packedLabel, packedQuiescent, type StepSink } from './packedSteps';
import { decodeInterleaved, encodeInterleaved, interleavedWidth } from './encoding';
import { interleavedIndependence } from './independence';
import { interleavedInvariants } from './invariants';
import { packedInterleavedBroken } from './packedInvariants';
import { type ConcurrentProgram, whyProgramInvalid } from './program';
import { type IState, type InterleavedBounds, type Variant, initialInterleaved } from './state';
import { type ILabel, interleavedSuccessors } from './steps';

/** Why these bounds cannot be explored (one byte per field), or null. */
export function whyInterleavedBoundsInvalid(b: InterleavedBounds): string | null {
  if (!Number.isInteger(b.coroutines) || b.coroutines < 1 || b.coroutines > 8) return 'coroutines must be 1..8';
  if (!Number.isInteger(b.contexts) || b.contexts < 1 || b.contexts > 8) return 'contexts must be 1..8';
  if (!Number.isInteger(b.drivers) || b.drivers < 1 || b.drivers > 8) return 'drivers must be 1..8';
  if (!Number.isInteger(b.ops) || b.ops < 1 || b.ops > 16) return 'operations per driver must be 1..16';
  if (!Number.isInteger(b.yields) || b.yields < 0 || b.yields > 200) return 'yields must be 0..200';
  if (b.programs !== undefined) {
    const why = whyProgramInvalid({ coroutines: b.coroutines, contexts: b.contexts, yields: b.yields, drivers: b.programs });
    if (why !== null) return why;
    if (b.programs.length !== b.drivers) return `${b.programs.length} driver programs for ${b.drivers} drivers`;
    if (b.programs.some((ops) => ops.length > b.ops)) return `a driver program is longer than ${b.ops} operations`;
  }
  return null;
}

/** The bounds that run exactly `p`: its sizes, its drivers' operations, in the given order of the seed's steps. */
export function boundsOfProgram(p: ConcurrentProgram, variant: Variant = 'patch'): InterleavedBounds {
  const ops = Math.max(1, ...p.drivers.map((d) => d.length));
  return { coroutines: p.coroutines, contexts: p.contexts, drivers: p.drivers.length, ops, yields: p.yields, variant, programs: p.drivers };
}

/**
 * The interleaved model (level 2) as an explorable model. A state without successors is final when every
 * driver has used its budget and is idle and every BH is idle and unarmed.
 */
export function interleavedModel(b: InterleavedBounds): ExplorableModel<IState, ILabel> {
  let independence: Independence<IState, ILabel> | undefined;
  return {
    width: interleavedWidth(b),
    invariants: interleavedInvariants(b),
    initial: () => [initialInterleaved(b)],
    successors: (s) => interleavedSuccessors(b, s),
    encode: (s, out, off) => encodeInterleaved(b, s, out, off),
    decode: (buf, off) => decodeInterleaved(b, buf, off),
    isFinal: (s) => isQuiescent(b, s),
    rows: (buffer) => packedExpander(b, buffer),
    // Made on first use: a model built to replay or explain a run never asks for it.
    get independence() {
      return (independence ??= interleavedIndependence(b));
    },
  };
}

/** The interleaved model's successors on its encoded rows (`packedSteps.ts`), as the explorer uses them. */
function packedExpander(b: InterleavedBounds, buffer: () => Uint8Array): RowExpander<ILabel> {
  const layout = packedInterleavedLayout(b);
  const steps = new PackedInterleavedSteps(b, layout, buffer);
  const broken = packedInterleavedBroken(b, layout);
  // The last step's arguments, kept as numbers: a label object is made only for a state the explorer keeps.
  let [lThread, lStep, lCo, lCtx, lRec, lReport] = [0, 0, 0, 0, 0, 0];
  let emit: () => void = () => undefined;
  const sink: StepSink = (thread, step, co, ctx, rec, report) => {
    lThread = thread;
    lStep = step;
    lCo = co;
    lCtx = ctx;
    lRec = rec;
    lReport = report;
    emit();
  };
  return {
    expand(src, next, onStep) {
      emit = onStep;
      return steps.expand(src, next, sink);
    },
    label: () => packedLabel(lThread, lStep, lCo, lCtx, lRec, lReport),
    thread: () => lThread,
    mayBreak: (pre, post) => broken(buffer(), pre, post, lThread, lStep, lCo, lCtx, lRec, lReport),
    isFinal: (src) => packedQuiescent(b, layout, buffer(), src),
  };
}

/** Every driver has issued all its operations and is idle; every BH is idle and unarmed: the run is over. */
export function isQuiescent(b: InterleavedBounds, s: IState): boolean {
  return s.threads.every((th, t) => {
    if (th.pc !== 'idle') return false;
    if (t < b.contexts) return !s.armed[t];
    return th.done >= (b.programs === undefined ? b.ops : (b.programs[t - b.contexts]?.length ?? 0));
  });
}
