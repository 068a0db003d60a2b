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
