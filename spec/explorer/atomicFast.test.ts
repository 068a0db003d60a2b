import { type AtomicLabel, type AtomicNode, atomicModel, driverOps } from './atomicModel';
import { type AtomicBounds, yieldPrograms } from './atomicConfig';
import { exploreAtomicFast } from './atomicFast';
import { ALWAYS, IF_NOT_ENTERED, packedSuccessors } from './atomicPacked';
import { compiledSuccessors } from './atomicCompiled';
import { packRow, packedLayout, unpackRow } from './packedLayout';
import { explore } from './explore';
import { ATOMIC_INVARIANTS } from './invariants';
import type { ExplorableModel } from './types';

const bounds = (n: number, m: number, k: number, s: number): AtomicBounds => ({ coroutines: n, contexts: m, programs: yieldPrograms(n, k), schedules: s });
const hex = (buf: Uint8Array, off: number, w: number): string => Buffer.from(buf.subarray(off, off + w)).toString('hex');

/** Every reachable state of the object model (breadth-first), as decoded nodes. */
function reachable(model: ExplorableModel<AtomicNode, AtomicLabel>): AtomicNode[] {
  const seen = new Set<string>();
  const out: AtomicNode[] = [];
  const row = new Uint8Array(model.width);
  const add = (n: AtomicNode): void => {
    model.encode(n, row, 0);
    const key = hex(row, 0, model.width);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(n);
  };
  for (const s of model.initial()) add(s);
  for (let i = 0; i < out.length; i++) for (const t of model.successors(out[i] as AtomicNode)) add(t.next);
  return out;
}

const implementations = [
  ['interpreted', packedSuccessors],
  ['compiled', compiledSuccessors],
] as const;

describe.each(implementations)('the %s packed successor of the atomic model', (kind, successorsOf) => {
  it.each([
    [1, 1, 1, 1],
    [1, 2, 2, 2],
    [2, 1, 1, 2],
    [2, 2, 2, 1],
    [2, 2, 1, 2],
    [3, 1, 1, 1],
  ])('N=%i M=%i K=%i S=%i: every reachable state has the same successors as by step(), in the same order, and the same verdict of the state invariants', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    const slow = atomicModel(b);
    const fast = successorsOf(b);
    expect(fast.kind).toBe(kind);
    const { layout } = fast;
    const w = layout.words;
    const bytes = new Uint8Array(slow.width);
    const row = new Int32Array(2 * w);
    /** The byte encoding of the packed row at `off`, as hex. */
    const asHex = (off: number): string => {
      unpackRow(layout, row, off, bytes, 0);
      return hex(bytes, 0, slow.width);
    };
    let checked = 0;
    for (const node of reachable(slow)) {
      const expected = slow.successors(node).map((t) => {
        slow.encode(t.next, bytes, 0);
        return hex(bytes, 0, slow.width);
      });
      slow.encode(node, bytes, 0);
      packRow(layout, bytes, 0, row, 0);
      expect(asHex(0)).toBe(hex(bytes, 0, slow.width));
      const got: string[] = [];
      for (let op = 0; op < fast.count; op++) {
        if (!fast.offered(row, 0, op)) continue;
        row.copyWithin(w, 0, w);
        const changed = fast.apply(row, w, op);
        // `apply` says truly whether the state changed, and a repeated schedule is the same as its first copy.
        expect(changed).toBe(asHex(w) !== asHex(0));
        expect(fast.changes(row, 0, op)).toBe(changed);
        got.push(asHex(w));
        if (fast.sameAs[op] !== -1) {
          row.copyWithin(w, 0, w);
          fast.apply(row, w, fast.sameAs[op] as number);
          expect(asHex(w)).toBe(got[got.length - 1]);
        }
      }
      expect(got).toEqual(expected);
      const slowBroken = ATOMIC_INVARIANTS.slice(0, 4).find((inv) => inv.check(node, null, null) !== null)?.name ?? null;
      expect(fast.broken(row, 0)?.name ?? null).toBe(slowBroken);
      checked++;
    }
    expect(checked).toBeGreaterThan(1);
  });

  it('catches a corrupted state: a mark without its record, an armed empty list, a running coroutine, two live records', () => {
    const b = bounds(1, 1, 1, 2);
    const slow = atomicModel(b);
    const fast = successorsOf(b);
    const { layout } = fast;
    const bytes = new Uint8Array(slow.width);
    const row = new Int32Array(layout.words);
    slow.encode(slow.initial()[0] as AtomicNode, bytes, 0);
    packRow(layout, bytes, 0, row, 0);
    expect(fast.broken(row, 0)).toBeNull();
    const scheduleOp = [...Array(fast.count).keys()].find((k) => fast.ops[3 * k] === 1) as number;
    fast.apply(row, 0, scheduleOp);
    expect(fast.broken(row, 0)).toBeNull();
    unpackRow(layout, row, 0, bytes, 0);
    const corrupt = (edit: (b: Uint8Array) => void): string | undefined => {
      const copy = bytes.slice();
      edit(copy);
      const r = new Int32Array(layout.words);
      packRow(layout, copy, 0, r, 0);
      // Both implementations say the same about it.
      expect(fast.broken(r, 0)).toEqual(packedSuccessors(b).broken(r, 0));
      return fast.broken(r, 0)?.name;
    };
    expect(corrupt((c) => (c[7 + 1] = 0))).toBe('mark-has-record'); // the context's list emptied under the mark
    // the mark cleared (a cancel), then the list emptied while still armed
    expect(
      corrupt((c) => {
        c[3] = 0;
        c[4] = 0;
        c[7 + 1] = 0;
      }),
    ).toBe('armed-iff-nonempty');
    expect(corrupt((c) => (c[0] = 1))).toBe('none-running-between-ops');
    // the record published twice
    expect(
      corrupt((c) => {
        c[7 + 1] = 2;
        c[7 + 4] = c[7 + 2] as number;
        c[7 + 5] = c[7 + 3] as number;
      }),
    ).toBe('one-live-record');
  });
});

describe('bounds the packed successors cannot take', () => {
  const withSchedule: AtomicBounds = { coroutines: 2, contexts: 1, schedules: 1, programs: [[{ kind: 'schedule', target: 1, ctx: 0 }, { kind: 'yield' }], [{ kind: 'yield' }]] };

  it.each(implementations)('the %s successor refuses a program with another instruction than yield, naming it', (_kind, successorsOf) => {
    expect(() => successorsOf(withSchedule)).toThrow(/yields only, and c0's instruction 0 is 'schedule'/);
  });

  it('the fast search falls back to the object model for them: the same states, transitions and depth', () => {
    const slow = explore(atomicModel(withSchedule));
    const fast = exploreAtomicFast(withSchedule);
    expect({ kind: fast.kind, states: fast.states, transitions: fast.transitions, depth: fast.depth }).toEqual({ kind: slow.kind, states: slow.states, transitions: slow.transitions, depth: slow.depth });
  });
});

describe('the packed search of the atomic model', () => {
  // 20 and 27 operations (bit masks per state) and 44 (the loop over operations).
  it.each([
    [2, 2, 2, 2],
    [2, 3, 1, 1],
    [3, 2, 1, 1],
    [2, 4, 1, 1],
  ])('N=%i M=%i K=%i S=%i: the fast search finds the same states, transitions and depth as the object search', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    const slow = explore(atomicModel(b));
    const fast = exploreAtomicFast(b);
    expect({ kind: fast.kind, states: fast.states, transitions: fast.transitions, depth: fast.depth }).toEqual({ kind: slow.kind, states: slow.states, transitions: slow.transitions, depth: slow.depth });
  });

  it.each([
    [2, 2, 2, 2],
    [2, 3, 1, 2],
    [3, 2, 1, 1],
    [4, 1, 1, 1],
    [2, 4, 1, 1],
  ])('N=%i M=%i K=%i S=%i: every successor skipped as asleep (bit masks) or as commuting with the operation that reached its source (the loop) is already stored', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    // verifySkips computes each skipped successor and throws if the table does not hold it.
    const checked = exploreAtomicFast(b, {}, () => 0, undefined, true);
    const fast = exploreAtomicFast(b);
    expect({ kind: checked.kind, states: checked.states, transitions: checked.transitions }).toEqual({ kind: fast.kind, states: fast.states, transitions: fast.transitions });
  });

  it('which operations commute: entries and schedules of different coroutines, polls of different contexts, a poll and what it does not enter; two schedules never', () => {
    const b = bounds(2, 2, 1, 1);
    const f = packedSuccessors(b);
    const ops = driverOps(b);
    const index = (want: object): number => ops.findIndex((o) => JSON.stringify(o) === JSON.stringify(want));
    const commutes = (x: object, y: object): number => f.commutes[index(x) * f.count + index(y)] as number;
    expect(commutes({ op: 'enter', co: 0, from: 0 }, { op: 'enter', co: 1, from: 1 })).toBe(ALWAYS);
    expect(commutes({ op: 'enter', co: 0, from: 0 }, { op: 'schedule', co: 1, ctx: 0, from: 0 })).toBe(ALWAYS);
    expect(commutes({ op: 'enter', co: 0, from: 0 }, { op: 'enter', co: 0, from: 1 })).toBe(0);
    expect(commutes({ op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'schedule', co: 1, ctx: 1, from: 0 })).toBe(0);
    expect(commutes({ op: 'schedule', co: 0, ctx: 1, from: 0 }, { op: 'poll', ctx: 0 })).toBe(IF_NOT_ENTERED);
    expect(commutes({ op: 'schedule', co: 0, ctx: 0, from: 1 }, { op: 'poll', ctx: 0 })).toBe(0);
    expect(commutes({ op: 'enter', co: 0, from: 0 }, { op: 'poll', ctx: 1 })).toBe(IF_NOT_ENTERED);
    expect(commutes({ op: 'poll', ctx: 0 }, { op: 'poll', ctx: 1 })).toBe(ALWAYS);
    expect(commutes({ op: 'poll', ctx: 0 }, { op: 'poll', ctx: 0 })).toBe(0);
  });

  it.each([
    [2, 2, 2, 2],
    [2, 4, 1, 1],
  ])('N=%i M=%i K=%i S=%i: stops at a state bound and a depth bound where the object search stops, with the same counts', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    for (const limits of [{ maxStates: 1000 }, { maxStates: 77 }, { depth: 4 }, { depth: 1 }]) {
      const slow = explore(atomicModel(b), limits);
      const fast = exploreAtomicFast(b, limits);
      expect({ kind: fast.kind, states: fast.states, transitions: fast.transitions, depth: fast.depth }).toEqual({ kind: slow.kind, states: slow.states, transitions: slow.transitions, depth: slow.depth });
    }
  });

  it('lays fields out in as few bits as the bounds allow, never across two words, and packs and unpacks them exactly', () => {
    for (const b of [bounds(3, 2, 1, 2), bounds(2, 2, 2, 3), bounds(8, 8, 1, 1), bounds(2, 3, 200, 16)]) {
      const layout = packedLayout(b);
      const slow = atomicModel(b);
      expect(layout.fields).toBe(slow.width);
      for (let i = 0; i < layout.fields; i++) {
        const bits = 32 - Math.clz32(layout.mask[i] as number);
        expect((layout.shift[i] as number) + bits).toBeLessThanOrEqual(32);
      }
      const bytes = new Uint8Array(layout.fields).map((_, i) => (i * 7) & (layout.mask[i] as number));
      const row = new Int32Array(layout.words);
      packRow(layout, bytes, 0, row, 0);
      const back = new Uint8Array(layout.fields);
      unpackRow(layout, row, 0, back, 0);
      expect([...back]).toEqual([...bytes]);
      const wide = bytes.slice();
      wide[0] = 4; // a status of 4 needs a third bit
      expect(() => packRow(layout, wide, 0, row, 0)).toThrow(/field 0 holds 4/);
    }
    // N=3 M=2 K=1 S=2: 113 bits of fields in four words (the byte encoding takes 49 bytes).
    expect(packedLayout(bounds(3, 2, 1, 2)).words).toBe(4);
  });

  it('per-state bit masks give what the loop over operations gives: offered, changing on first copies, and what commutes', () => {
    const b = bounds(2, 2, 1, 2);
    const slow = atomicModel(b);
    const f = packedSuccessors(b);
    const compiled = compiledSuccessors(b);
    const bytes = new Uint8Array(slow.width);
    const row = new Int32Array(f.layout.words);
    const out = new Int32Array(2);
    const outCompiled = new Int32Array(2);
    let states = 0;
    for (const node of reachable(slow)) {
      slow.encode(node, bytes, 0);
      packRow(f.layout, bytes, 0, row, 0);
      f.masks?.(row, 0, out);
      compiled.masks?.(row, 0, outCompiled);
      expect(outCompiled).toEqual(out);
      let offered = 0;
      let changing = 0;
      for (let k = 0; k < f.count; k++) {
        if (!f.offered(row, 0, k)) continue;
        offered |= 1 << k;
        if (f.sameAs[k] === -1 && f.changes(row, 0, k)) changing |= 1 << k;
      }
      expect([out[0], out[1]]).toEqual([offered, changing]);
      for (let first = 0; first < f.count; first++) {
        let commuting = 0;
        for (let k = 0; k < f.count; k++) if (f.commutesAfter(row, 0, first, k)) commuting |= 1 << k;
        expect(f.commutingAfter(row, 0, first)).toBe(commuting);
        expect(compiled.commutingAfter(row, 0, first)).toBe(commuting);
      }
      states++;
    }
    expect(states).toBeGreaterThan(100);
    expect(compiled.kind).toBe('compiled');
    // 44 operations: no masks, and nothing compiled.
    expect(packedSuccessors(bounds(2, 4, 1, 1)).masks).toBeNull();
    expect(compiledSuccessors(bounds(2, 4, 1, 1)).kind).toBe('interpreted');
  });

  it('a violation is reported with the shortest trace, rebuilt by the object model', () => {
    const b = bounds(1, 1, 1, 1);
    const fast = packedSuccessors(b);
    const { layout } = fast;
    const bytes = new Uint8Array(layout.fields);
    // A successor that publishes nothing: the schedule's mark has no record on the list.
    const forgetful = {
      ...fast,
      apply: (a: Int32Array, off: number, k: number): boolean => {
        const changed = fast.apply(a, off, k);
        if (fast.ops[3 * k] === 1) {
          unpackRow(layout, a, off, bytes, 0);
          bytes.fill(0, 7, 7 + 4);
          packRow(layout, bytes, 0, a, off);
        }
        return changed;
      },
    };
    const r = exploreAtomicFast(b, {}, () => 0, forgetful);
    expect(r).toMatchObject({ kind: 'violation', invariant: 'mark-has-record' });
    if (r.kind !== 'violation') return;
    expect(r.trace.map((t) => (t.label === null ? 'init' : t.label.op.op))).toEqual(['init', 'schedule']);
  });
});
