import type { ExplorableModel } from '../explorer/types';
import { decodeInterleaved, encodeInterleaved, interleavedWidth } from './encoding';
import { interleavedInvariants } from './invariants';
import { type IState, type InterleavedBounds, initialInterleaved } from './state';
import { type ILabel, interleavedSuccessors } from './steps';

/** Why these bounds cannot be explored (one byte per field), or null. */
export function whyInterleavedBoundsInvalid(b: InterleavedBounds): string | null {
  if (!Number.isInteger(b.coroutines) || b.coroutines < 1 || b.coroutines > 8) return 'coroutines must be 1..8';
  if (!Number.isInteger(b.contexts) || b.contexts < 1 || b.contexts > 8) return 'contexts must be 1..8';
  if (!Number.isInteger(b.drivers) || b.drivers < 1 || b.drivers > 8) return 'drivers must be 1..8';
  if (!Number.isInteger(b.ops) || b.ops < 1 || b.ops > 16) return 'operations per driver must be 1..16';
  if (!Number.isInteger(b.yields) || b.yields < 0 || b.yields > 200) return 'yields must be 0..200';
  return null;
}

/**
 * The interleaved model (level 2) as an explorable model. A state without successors is final when every
 * driver has used its budget and is idle and every BH is idle and unarmed.
 */
export function interleavedModel(b: InterleavedBounds): ExplorableModel<IState, ILabel> {
  return {
    width: interleavedWidth(b),
    invariants: interleavedInvariants(b),
    initial: () => [initialInterleaved(b)],
    successors: (s) => interleavedSuccessors(b, s),
    encode: (s, out, off) => encodeInterleaved(b, s, out, off),
    decode: (buf, off) => decodeInterleaved(b, buf, off),
    isFinal: (s) => s.threads.every((th, t) => th.pc === 'idle' && (t < b.contexts ? !s.armed[t] : th.done >= b.ops)),
  };
}
