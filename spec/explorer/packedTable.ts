/**
 * The visited set of the packed explorer: states as rows of 32-bit words, kept twice. In discovery order
 * (the breadth-first queue), each row followed by a word of tag, in chunks that are never copied and are
 * reused once the search is past them, with each state's parent and the ordinal of the transition that
 * reached it kept for every state (unless the caller needs no paths); and inline in an open-addressing hash
 * table whose slot is the row itself, so that a lookup reads one place in memory and never follows an index
 * to compare.
 *
 * Memory is the cost that matters at millions of states: on these machines the first touch of a page costs
 * ~3 ms per MB, more than the lookups themselves. So rows are never copied on growth, slots carry neither an
 * index nor a stored hash (it is recomputed when the table grows), the table grows in place at three
 * quarters full, and a hash's home slot is its top bits (the table has a power of two of slots).
 */
export class PackedStateTable {
  /** Rows (each followed by its tag), parents and ordinals in chunks of 2^CHUNK_BITS states. */
  private readonly rowChunks: Int32Array[] = [];
  private readonly parentChunks: Int32Array[] = [];
  private readonly ordinalChunks: Uint16Array[] = [];
  /** Words from one row to the next in a chunk: the row and its tag. */
  private readonly stride: number;
  /** Row chunks given back by `release` (their pages already mapped), reused before new ones. */
  private readonly spare: Int32Array[] = [];
  private released = 0;
  /** Slots of `words` words: a stored row, or all zeros (empty). The all-zero row itself is kept aside. */
  private slots: Int32Array;
  private zeroStored = false;
  /** Slots: a power of two, 2^(32 - homeShift). */
  private capacity: number;
  /** A hash's home slot is its top bits: `hash >>> homeShift`. */
  private homeShift: number;
  private limit: number;
  count = 0;

  /**
   * `reserveStates`: how many states the caller may store (its state bound). Memory for the table that
   * holds them is reserved at once but only touched as the table grows (the system maps pages on first
   * touch), up to RESERVE_LIMIT words. `keepPaths`: whether to keep parents and ordinals (`parentOf`,
   * `ordinalOf`), 6 bytes per state that a search needs only to print a trace.
   */
  constructor(readonly words: number, reserveStates = 0, initialSlots = 1 << 16, readonly keepPaths = true) {
    if (!Number.isInteger(words) || words < 1) throw new Error(`internal: a packed row has at least one word (got ${words})`);
    this.stride = words + 1;
    this.capacity = 16;
    while (this.capacity < initialSlots) this.capacity *= 2;
    this.homeShift = 32 - Math.log2(this.capacity);
    this.limit = Math.floor(this.capacity * MAX_LOAD);
    let reserve = this.capacity;
    while (reserve * MAX_LOAD < reserveStates && reserve * 2 * words <= RESERVE_LIMIT) reserve *= 2;
    this.slots = new Int32Array(reserve * words);
    this.slots.fill(0, 0, this.capacity * words);
  }

  /** The chunk holding row i: read it at `rowOffset(i)`. */
  rowChunk(i: number): Int32Array {
    if (i >>> CHUNK_BITS < this.released) throw new Error(`internal: row ${i} was released`);
    return this.rowChunks[i >>> CHUNK_BITS] as Int32Array;
  }

  /**
   * The caller will read no row or tag below `index` again (a breadth-first search past them): their chunks
   * are reused for new rows. Parents and ordinals stay (traces need them); lookups use the slots.
   */
  release(index: number): void {
    while ((this.released + 1) << CHUNK_BITS <= index) {
      this.spare.push(this.rowChunks[this.released] as Int32Array);
      this.rowChunks[this.released] = RELEASED;
      this.released++;
    }
  }

  rowOffset(i: number): number {
    return (i & CHUNK_MASK) * this.stride;
  }

  /** The slot a hash starts probing at, read: call for a batch of hashes before interning them. */
  touch(hash: number): number {
    return this.slots[(hash >>> this.homeShift) * this.words] as number;
  }

  /**
   * Interns the row `key[off .. off + words)` whose hash is `hash` (`hashWords` of it): returns its new
   * index, or -1 when an equal row is already stored. A new row keeps its parent and ordinal (16 bits), and
   * its tag (32 bits the caller may use, and change with `setTag`, until the row is released).
   */
  intern(key: Int32Array, off: number, hash: number, parent: number, ordinal: number, tag = 0): number {
    const w = this.words;
    const slots = this.slots;
    let zero = true;
    for (let k = 0; k < w && zero; k++) zero = key[off + k] === 0;
    let s = -1;
    if (zero) {
      if (this.zeroStored) return -1;
      this.zeroStored = true;
    } else {
      const end = this.capacity * w;
      s = (hash >>> this.homeShift) * w;
      for (;;) {
        let k = 0;
        while (k < w && slots[s + k] === key[off + k]) k++;
        if (k === w) return -1;
        k = 0;
        while (k < w && slots[s + k] === 0) k++;
        if (k === w) break;
        s += w;
        if (s === end) s = 0;
      }
    }
    const index = this.count;
    const at = index & CHUNK_MASK;
    if (at === 0) this.addChunk();
    const rows = this.rowChunks[index >>> CHUNK_BITS] as Int32Array;
    const r = at * this.stride;
    for (let k = 0; k < w; k++) rows[r + k] = key[off + k] as number;
    rows[r + w] = tag;
    if (s >= 0) for (let k = 0; k < w; k++) slots[s + k] = key[off + k] as number;
    if (this.keepPaths) {
      (this.parentChunks[index >>> CHUNK_BITS] as Int32Array)[at] = parent;
      (this.ordinalChunks[index >>> CHUNK_BITS] as Uint16Array)[at] = ordinal;
    }
    this.count++;
    if (this.count > this.limit) this.rehash();
    return index;
  }

  parentOf(i: number): number {
    if (!this.keepPaths) throw new Error('internal: this table keeps no paths');
    return (this.parentChunks[i >>> CHUNK_BITS] as Int32Array)[i & CHUNK_MASK] as number;
  }

  ordinalOf(i: number): number {
    if (!this.keepPaths) throw new Error('internal: this table keeps no paths');
    return (this.ordinalChunks[i >>> CHUNK_BITS] as Uint16Array)[i & CHUNK_MASK] as number;
  }

  tagOf(i: number): number {
    return this.rowChunk(i)[this.rowOffset(i) + this.words] as number;
  }

  setTag(i: number, tag: number): void {
    this.rowChunk(i)[this.rowOffset(i) + this.words] = tag;
  }

  private addChunk(): void {
    this.rowChunks.push(this.spare.pop() ?? new Int32Array((1 << CHUNK_BITS) * this.stride));
    if (!this.keepPaths) return;
    this.parentChunks.push(new Int32Array(1 << CHUNK_BITS));
    this.ordinalChunks.push(new Uint16Array(1 << CHUNK_BITS));
  }

  /**
   * Doubles the table in place. A hash's home among 2c slots is twice its home among c (or one more), so
   * walking the old slots from the last down, each row moves up to a slot no unmoved row occupies; the few
   * that would land below their old slot (displaced past twice their home, or wrapped around the end) are
   * set aside and entered again after. The slots live at the start of `slots`, allocated for
   * `reserveStates` at the start and only replaced when that is passed: a bigger table reuses the pages
   * the smaller one touched, and the rows are never copied.
   */
  private rehash(): void {
    const w = this.words;
    const old = this.capacity * w;
    const capacity = this.capacity * 2;
    const shift = this.homeShift - 1;
    const used = capacity * w;
    if (used > this.slots.length) {
      const bigger = new Int32Array(used);
      bigger.set(this.slots.subarray(0, old));
      this.slots = bigger;
    }
    const slots = this.slots;
    // Write the new half before reading it: a page read first is mapped twice (a shared zero page, then a copy).
    slots.fill(0, old, used);
    const row = new Int32Array(w);
    const aside: Int32Array[] = [];
    for (let p = old - w; p >= 0; p -= w) {
      let empty = true;
      for (let k = 0; k < w; k++) {
        row[k] = slots[p + k] as number;
        if (row[k] !== 0) empty = false;
        slots[p + k] = 0;
      }
      if (empty) continue;
      let q = (hashWords(row, 0, w) >>> shift) * w;
      while (q >= p && !emptyAt(slots, q, w)) {
        q += w;
        if (q === used) q = -1;
      }
      if (q < p) aside.push(row.slice());
      else for (let k = 0; k < w; k++) slots[q + k] = row[k] as number;
    }
    for (const r of aside) {
      let q = (hashWords(r, 0, w) >>> shift) * w;
      while (!emptyAt(slots, q, w)) {
        q += w;
        if (q === used) q = 0;
      }
      slots.set(r, q);
    }
    this.capacity = capacity;
    this.homeShift = shift;
    this.limit = Math.floor(capacity * MAX_LOAD);
  }
}

function emptyAt(slots: Int32Array, s: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (slots[s + k] !== 0) return false;
  return true;
}

const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
const RELEASED = new Int32Array(0);
/** Words of slots reserved at most in advance (1 GiB). */
const RESERVE_LIMIT = 1 << 28;
/** Linear probing at three quarters full: about 2.5 slots for a hit, 8.5 for a miss, in one or two cache lines. */
const MAX_LOAD = 0.75;


/** FNV-1a over the words, each folded once, finished with a murmur3 avalanche so that every bit of the result mixes. */
export function hashWords(a: Int32Array, off: number, words: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < words; k++) {
    h = Math.imul(h ^ (a[off + k] as number), 0x01000193);
    h ^= h >>> 15;
  }
  return avalanche(h);
}

/** murmur3's finaliser: every bit of `h` moves every bit of the result. */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
