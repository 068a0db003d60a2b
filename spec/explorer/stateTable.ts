import { avalanche, hashWords } from './packedTable';

/**
 * The explorer's memory: every distinct state's bytes in one growable buffer (discovery order, which is the
 * breadth-first queue), its parent and the ordinal of the transition that reached it, and an open-addressing
 * hash table of state indices. No strings, no per-state objects: 10^7 states of 40 bytes fit in well under
 * a GiB.
 */
export class StateTable {
  private bytes: Uint8Array;
  /** The same memory as 32-bit words, when the width is a multiple of 4: hashed and compared a word at a time. */
  private words: Int32Array | null;
  private hashes: Uint32Array;
  private parents: Int32Array;
  private ordinals: Uint16Array;
  private slots: Int32Array;
  private mask: number;
  count = 0;

  constructor(readonly width: number, initialCapacity = 1 << 12) {
    this.bytes = new Uint8Array(initialCapacity * width);
    this.words = width % 4 === 0 ? new Int32Array(this.bytes.buffer) : null;
    this.hashes = new Uint32Array(initialCapacity);
    this.parents = new Int32Array(initialCapacity);
    this.ordinals = new Uint16Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity * 2);
    this.mask = initialCapacity * 2 - 1;
  }

  /** The scratch area a candidate state is encoded into before `insert`: the next free row. */
  scratch(): { readonly buf: Uint8Array; readonly offset: number } {
    if ((this.count + 1) * this.width > this.bytes.length) this.grow();
    return { buf: this.bytes, offset: this.count * this.width };
  }

  get buffer(): Uint8Array {
    return this.bytes;
  }

  /**
   * Interns the state written at the scratch row: returns its index and whether it is new. The buffer may be
   * reallocated by `scratch`, so callers take `buffer` afresh after each call.
   */
  insert(parent: number, ordinal: number): { index: number; fresh: boolean } {
    const i = this.intern(parent, ordinal);
    return i >= 0 ? { index: i, fresh: true } : { index: ~i, fresh: false };
  }

  /** Makes sure the scratch row exists and returns its offset in `buffer` (no allocation: the hot loop's `scratch`). */
  scratchOffset(): number {
    if ((this.count + 1) * this.width > this.bytes.length) this.grow();
    return this.count * this.width;
  }

  /** `insert` without an allocation: the new row's index, or `~index` of the equal row already stored. */
  intern(parent: number, ordinal: number): number {
    const w = this.width;
    const b = this.bytes;
    const off = this.count * w;
    const words = this.words;
    const h = words === null ? hashBytes(b, off, w) : hashWords(words, off >>> 2, w >>> 2) >>> 0;
    let slot = h & this.mask;
    for (;;) {
      const s = this.slots[slot] as number;
      if (s === 0) break;
      const i = s - 1;
      if (this.hashes[i] === h && (words === null ? sameRow(b, i * w, off, w) : sameWords(words, (i * w) >>> 2, off >>> 2, w >>> 2))) return ~i;
      slot = (slot + 1) & this.mask;
    }
    const index = this.count++;
    this.slots[slot] = index + 1;
    this.hashes[index] = h;
    this.parents[index] = parent;
    this.ordinals[index] = ordinal;
    if (this.count * 2 > this.mask) this.rehash();
    return index;
  }

  parentOf(i: number): number {
    return this.parents[i] as number;
  }

  ordinalOf(i: number): number {
    return this.ordinals[i] as number;
  }


  private grow(): void {
    const cap = this.hashes.length * 2;
    const bytes = new Uint8Array(cap * this.width);
    bytes.set(this.bytes);
    this.bytes = bytes;
    if (this.words !== null) this.words = new Int32Array(bytes.buffer);
    const hashes = new Uint32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const parents = new Int32Array(cap);
    parents.set(this.parents);
    this.parents = parents;
    const ordinals = new Uint16Array(cap);
    ordinals.set(this.ordinals);
    this.ordinals = ordinals;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = (this.hashes[i] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a over the row, finished with a murmur3 avalanche so that low bits index the table well. */
export function hashBytes(b: Uint8Array, off: number, w: number): number {
  let h = 0x811c9dc5;
  let k = 0;
  // Four bytes per multiply: the same mixing as FNV-1a, a quarter of the multiplications.
  for (; k + 4 <= w; k += 4) {
    const word = (b[off + k] as number) | ((b[off + k + 1] as number) << 8) | ((b[off + k + 2] as number) << 16) | ((b[off + k + 3] as number) << 24);
    h = Math.imul(h ^ word, 0x01000193);
    h ^= h >>> 15;
  }
  for (; k < w; k++) h = Math.imul(h ^ (b[off + k] as number), 0x01000193);
  return avalanche(h) >>> 0;
}

function sameWords(words: Int32Array, a: number, c: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (words[a + k] !== words[c + k]) return false;
  return true;
}

function sameRow(b: Uint8Array, a: number, c: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (b[a + k] !== b[c + k]) return false;
  return true;
}
