import { PackedStateTable, hashWords } from './packedTable';

/** A deterministic stream of rows with many repeats (a linear congruential generator over a small range). */
function rows(words: number, count: number, range: number, seed: number): Int32Array {
  const out = new Int32Array(count * words);
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    out[i] = i % words === 0 ? (x >>> 8) % range : (x >>> 16) % 3;
  }
  return out;
}

describe('the packed state table', () => {
  it.each([
    [1, 0],
    [3, 0],
    [4, 1 << 20],
    [5, 0],
  ])('words=%i reserve=%i: interns exactly what a set of strings keeps, in discovery order, through many in-place growths', (words, reserve) => {
    const table = new PackedStateTable(words, reserve, 16);
    const stream = rows(words, 60_000, 9_000, 7 + words);
    // The all-zero row is a real state (the initial one often is): it must be kept too.
    stream.fill(0, 0, words);
    stream.fill(0, 5 * words, 6 * words);
    const seen = new Map<string, number>();
    const wrong: string[] = [];
    for (let i = 0; i < stream.length / words; i++) {
      const key = stream.subarray(i * words, (i + 1) * words).join(',');
      const index = table.intern(stream, i * words, hashWords(stream, i * words, words), i - 1, i % 65536);
      const expected = seen.has(key) ? -1 : seen.size;
      if (index !== expected) wrong.push(`row ${i} (${key}): ${index}, expected ${expected}`);
      if (expected >= 0) seen.set(key, index);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(table.count).toBe(seen.size);
    expect(seen.size).toBeGreaterThan(5_000);
    // Every row is where discovery order put it, with its parent and ordinal, and is still found after the growths.
    for (const [key, index] of seen) {
      const chunk = table.rowChunk(index);
      const at = table.rowOffset(index);
      if ([...chunk.subarray(at, at + words)].join(',') !== key) wrong.push(`row #${index} is not ${key}`);
      const row = Int32Array.from(key.split(',').map(Number));
      if (table.intern(row, 0, hashWords(row, 0, words), -5, 0) !== -1) wrong.push(`${key} was not found again`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(table.count).toBe(seen.size);
    expect(table.parentOf(0)).toBe(-1);
    expect(table.ordinalOf(1)).toBe(table.parentOf(1) + 1);
  });

  it('rejects a row of no words', () => {
    expect(() => new PackedStateTable(0)).toThrow(/at least one word/);
  });
});

describe('releasing rows the search is past', () => {
  it('reuses their chunks for new rows, refuses to read them, and still finds them by lookup', () => {
    const words = 2;
    const table = new PackedStateTable(words);
    const row = new Int32Array(words);
    const put = (i: number): number => {
      row[0] = i + 1;
      row[1] = i * 7;
      return table.intern(row, 0, hashWords(row, 0, words), i - 1, i & 0xffff, i % 5);
    };
    for (let i = 0; i < 70_000; i++) expect(put(i)).toBe(i);
    const first = table.rowChunk(0);
    table.release(66_000);
    expect(() => table.rowChunk(100)).toThrow(/row 100 was released/);
    expect(() => table.rowChunk(65_535)).toThrow(/released/);
    expect(table.rowChunk(65_536)[table.rowOffset(65_536)]).toBe(65_537);
    // Rows from 131,072 on go in the chunk given back.
    for (let i = 70_000; i < 131_100; i++) expect(put(i)).toBe(i);
    expect(table.rowChunk(131_072)).toBe(first);
    // Released rows are still known (the slots hold them), with their parent and ordinal; their tags went with them.
    for (const i of [0, 5, 65_535]) expect(put(i)).toBe(-1);
    expect([table.parentOf(5), table.ordinalOf(5)]).toEqual([4, 5]);
    expect(() => table.tagOf(5)).toThrow(/released/);
    expect([table.parentOf(131_099), table.tagOf(131_099)]).toEqual([131_098, 131_099 % 5]);
    table.setTag(131_099, -7);
    expect(table.tagOf(131_099)).toBe(-7);
    const last = table.rowOffset(131_099);
    expect([...table.rowChunk(131_099).subarray(last, last + words + 1)]).toEqual([131_100, 131_099 * 7, -7]);
  });
});

describe('a table that keeps no paths', () => {
  it('stores and finds rows and tags, and refuses to give parents or ordinals', () => {
    const table = new PackedStateTable(3, 0, 16, false);
    const row = Int32Array.of(1, 2, 3);
    expect(table.intern(row, 0, hashWords(row, 0, 3), -1, 0, 9)).toBe(0);
    expect(table.intern(row, 0, hashWords(row, 0, 3), -1, 0, 9)).toBe(-1);
    expect(table.tagOf(0)).toBe(9);
    expect(() => table.parentOf(0)).toThrow(/keeps no paths/);
    expect(() => table.ordinalOf(0)).toThrow(/keeps no paths/);
  });
});
