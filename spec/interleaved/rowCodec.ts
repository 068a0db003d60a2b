import { PCS } from './encoding';
import { packedInterleavedLayout } from './packedSteps';
import type { InterleavedBounds } from './state';

/**
 * The interleaved row (one byte per field, `encoding.ts`) packed into as few 32-bit words as the bounds
 * allow, for the state table: each field gets the bits its largest value needs (a mark needs 3 bits at 4
 * records, not 8), and fields never straddle a word. At 2 coroutines, 2 contexts, 2 drivers × 2 operations
 * the 74-byte row takes 6 words instead of 19: the table touches a third of the memory, and on these
 * machines memory first touched is what a large search pays for most.
 *
 * `pack` refuses a field above its largest value (a bound this file got wrong would otherwise merge states).
 */
export interface RowCodec {
  readonly words: number;
  pack(bytes: Uint8Array, off: number, out: Int32Array, outOff: number): void;
  unpack(words: Int32Array, off: number, bytes: Uint8Array, bytesOff: number): void;
}

/** The largest value of each byte of the row at bounds `b`. */
export function rowFieldMaxima(b: InterleavedBounds): Uint8Array {
  const L = packedInterleavedLayout(b);
  const R = L.records;
  const T = b.contexts + b.drivers;
  const max = new Uint8Array(L.width);
  const put = (at: number, values: readonly number[]): void => values.forEach((v, k) => (max[at + k] = Math.min(255, v)));
  const ops = Math.max(b.ops, ...(b.programs ?? []).map((p) => p.length));
  for (let c = 0; c < b.coroutines; c++) put(5 * c, [R, T, b.yields + T, T, R]);
  for (let x = 0; x < b.contexts; x++) put(L.contextsAt + x * L.contextWidth, [1, R, ...Array.from({ length: R }, () => R - 1)]);
  for (let t = 0; t < T; t++) put(L.threadsAt + t * L.threadWidth, [PCS.length - 1, b.coroutines, b.contexts, R, ops, R, ...Array.from({ length: R }, () => R - 1)]);
  for (let r = 0; r < R; r++) put(L.recordsAt + 3 * r, [b.coroutines, b.contexts, 2]);
  return max;
}

export function interleavedRowCodec(b: InterleavedBounds): RowCodec {
  const max = rowFieldMaxima(b);
  const n = max.length;
  const word = new Int32Array(n);
  const shift = new Int32Array(n);
  const mask = new Int32Array(n);
  let w = 0;
  let used = 0;
  for (let p = 0; p < n; p++) {
    const bits = 32 - Math.clz32(max[p] as number);
    if (used + bits > 32) {
      w++;
      used = 0;
    }
    word[p] = w;
    shift[p] = used;
    mask[p] = (1 << bits) - 1;
    used += bits;
  }
  const words = w + 1;
  return {
    words,
    pack(bytes, off, out, outOff) {
      for (let k = 0; k < words; k++) out[outOff + k] = 0;
      for (let p = 0; p < n; p++) {
        const v = bytes[off + p] as number;
        if (v > (max[p] as number)) throw new Error(`internal: byte ${p} of an interleaved row is ${v}, above its bound ${max[p]}`);
        const at = outOff + (word[p] as number);
        out[at] = (out[at] as number) | (v << (shift[p] as number));
      }
    },
    unpack(src, off, bytes, bytesOff) {
      for (let p = 0; p < n; p++) bytes[bytesOff + p] = ((src[off + (word[p] as number)] as number) >>> (shift[p] as number)) & (mask[p] as number);
    },
  };
}
