import { type AtomicBounds, maxRecords } from './atomicConfig';

/*
 * Where the atomic model's fields live in a packed row of 32-bit words: the byte encoding of `atomicModel`
 * (per coroutine: status, pc, ctx+1, mark ctx+1, mark seq+1, lastSeq+1, schedules; per context: armed,
 * length, then (co, seq) pairs), each field in as few bits as the bounds allow and never across two words,
 * so field i of a row is byte i of the encoding.
 */

/** The largest status (terminated). */
const STATUS_MAX = 3;

/** Where each field of a row lives: word, shift and mask, indexed by field (= byte of the byte encoding). */
export interface PackedLayout {
  /** Fields per row (the byte encoding's width). */
  readonly fields: number;
  /** 32-bit words per row. */
  readonly words: number;
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly mask: Int32Array;
}

const bitsFor = (max: number): number => Math.max(1, 32 - Math.clz32(max));

/**
 * Sequence numbers are ranks of the ones still referenced, and each referenced number is an accepted
 * schedule's: there are at most R of them, so a number is below R (a new one, max + 1, too).
 */
export const seqLimit = (b: AtomicBounds): number => Math.max(1, maxRecords(b));

export function packedLayout(b: AtomicBounds): PackedLayout {
  const R = maxRecords(b);
  const seqs = seqLimit(b);
  const pcMax = Math.max(...b.programs.map((p) => p.length));
  const max: number[] = [];
  for (let c = 0; c < b.coroutines; c++) max.push(STATUS_MAX, pcMax, b.contexts, b.contexts, seqs, seqs, b.schedules);
  for (let x = 0; x < b.contexts; x++) {
    max.push(1, R);
    for (let r = 0; r < R; r++) max.push(b.coroutines - 1, seqs - 1);
  }
  const word = new Int32Array(max.length);
  const shift = new Int32Array(max.length);
  const mask = new Int32Array(max.length);
  let w = 0;
  let used = 0;
  for (const [i, m] of max.entries()) {
    const bits = bitsFor(m);
    if (used + bits > 32) {
      w++;
      used = 0;
    }
    word[i] = w;
    shift[i] = used;
    mask[i] = bits === 32 ? -1 : (1 << bits) - 1;
    used += bits;
  }
  return { fields: max.length, words: w + 1, word, shift, mask };
}

/** Writes the byte encoding of a packed row (field i → byte i). */
export function unpackRow(l: PackedLayout, a: Int32Array, off: number, out: Uint8Array, outOff: number): void {
  for (let i = 0; i < l.fields; i++) out[outOff + i] = ((a[off + (l.word[i] as number)] as number) >>> (l.shift[i] as number)) & (l.mask[i] as number);
}

/** Packs a byte encoding into a row (byte i → field i); a byte over its field's width is an internal error. */
export function packRow(l: PackedLayout, bytes: Uint8Array, off: number, out: Int32Array, outOff: number): void {
  out.fill(0, outOff, outOff + l.words);
  for (let i = 0; i < l.fields; i++) {
    const v = bytes[off + i] as number;
    if ((v & (l.mask[i] as number)) !== v) throw new Error(`internal: field ${i} holds ${v}, wider than its ${32 - Math.clz32(l.mask[i] as number)} bits`);
    out[outOff + (l.word[i] as number)] = (out[outOff + (l.word[i] as number)] as number) | (v << (l.shift[i] as number));
  }
}
