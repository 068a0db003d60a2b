import { type AtomicLabel, type AtomicNode, atomicModel } from './atomicModel';
import { type AtomicBounds, yieldPrograms } from './atomicConfig';
import { byteSuccessors, exploreAtomicFast } from './atomicFast';
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

describe('the byte successor of the atomic model agrees with step()', () => {
  it.each([
    [1, 1, 1, 1],
    [1, 2, 2, 2],
    [2, 1, 1, 2],
    [2, 2, 2, 1],
    [2, 2, 1, 2],
    [3, 1, 1, 1],
  ])('N=%i M=%i K=%i S=%i: every reachable state has the same successors, in the same order, and the same verdict of the state invariants', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    const slow = atomicModel(b);
    const fast = byteSuccessors(b);
    const row = new Uint8Array(fast.width * 2);
    let checked = 0;
    for (const node of reachable(slow)) {
      slow.encode(node, row, 0);
      const expected = slow.successors(node).map((t) => {
        slow.encode(t.next, row, fast.width);
        return hex(row, fast.width, fast.width);
      });
      const got: string[] = [];
      for (let op = 0; op < fast.count; op++) {
        if (!fast.offered(row, 0, op)) continue;
        row.copyWithin(fast.width, 0, fast.width);
        const changed = fast.apply(row, fast.width, op);
        // `apply` says truly whether the state changed, and a repeated schedule is the same as its first copy.
        expect(changed).toBe(hex(row, fast.width, fast.width) !== hex(row, 0, fast.width));
        expect(fast.changes(row, 0, op)).toBe(changed);
        got.push(hex(row, fast.width, fast.width));
        if (fast.sameAs[op] !== -1) {
          row.copyWithin(fast.width, 0, fast.width);
          fast.apply(row, fast.width, fast.sameAs[op] as number);
          expect(hex(row, fast.width, fast.width)).toBe(got[got.length - 1]);
        }
      }
      expect(got).toEqual(expected);
      const slowBroken = ATOMIC_INVARIANTS.slice(0, 4).find((inv) => inv.check(node, null, null) !== null)?.name ?? null;
      expect(fast.broken(row, 0)?.name ?? null).toBe(slowBroken);
      checked++;
    }
    expect(checked).toBeGreaterThan(1);
  });

  it.each([
    [2, 2, 2, 2],
    [2, 3, 1, 1],
  ])('N=%i M=%i K=%i S=%i: the fast search finds the same states, transitions and depth as the object search', (n, m, k, s) => {
    const b = bounds(n, m, k, s);
    const slow = explore(atomicModel(b));
    const fast = exploreAtomicFast(b);
    expect({ kind: fast.kind, states: fast.states, transitions: fast.transitions, depth: fast.depth }).toEqual({ kind: slow.kind, states: slow.states, transitions: slow.transitions, depth: slow.depth });
  });

  it('the byte invariants catch a corrupted state: a mark without its record, an armed empty list, a running coroutine', () => {
    const b = bounds(1, 1, 1, 1);
    const slow = atomicModel(b);
    const fast = byteSuccessors(b);
    const row = new Uint8Array(fast.width);
    slow.encode(slow.initial()[0] as AtomicNode, row, 0);
    expect(fast.broken(row, 0)).toBeNull();
    const scheduleOp = [...Array(fast.count).keys()].find((k) => fast.ops[3 * k] === 1) as number;
    fast.apply(row, 0, scheduleOp);
    expect(fast.broken(row, 0)).toBeNull();
    const noRecord = row.slice();
    noRecord[7 + 1] = 0; // the context's list emptied under the mark
    expect(fast.broken(noRecord, 0)?.name).toBe('mark-has-record');
    const armedEmpty = row.slice();
    armedEmpty[3] = 0; // the mark cleared (a cancel), then the list emptied while still armed
    armedEmpty[4] = 0;
    armedEmpty[7 + 1] = 0;
    expect(fast.broken(armedEmpty, 0)?.name).toBe('armed-iff-nonempty');
    const running = row.slice();
    running[0] = 1;
    expect(fast.broken(running, 0)?.name).toBe('none-running-between-ops');
  });

  it('a violation is reported with the shortest trace, rebuilt by the object model', () => {
    const b = bounds(1, 1, 1, 1);
    const fast = byteSuccessors(b);
    // A successor that publishes nothing: the schedule's mark has no record on the list.
    const forgetful = {
      ...fast,
      apply: (buf: Uint8Array, off: number, k: number): boolean => {
        const changed = fast.apply(buf, off, k);
        if (fast.ops[3 * k] === 1) buf.fill(0, off + 7, off + 7 + 4);
        return changed;
      },
    };
    const r = exploreAtomicFast(b, {}, () => 0, forgetful);
    expect(r).toMatchObject({ kind: 'violation', invariant: 'mark-has-record' });
    if (r.kind !== 'violation') return;
    expect(r.trace.map((t) => (t.label === null ? 'init' : t.label.op.op))).toEqual(['init', 'schedule']);
  });
});
