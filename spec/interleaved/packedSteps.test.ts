import { explore } from '../explorer/explore';
import { StateTable } from '../explorer/stateTable';
import { encodeInterleaved } from './encoding';
import { interleavedModel, isQuiescent } from './model';
import { packedInterleavedBroken } from './packedInvariants';
import { PackedInterleavedSteps, packedInterleavedLayout, packedLabel, packedQuiescent } from './packedSteps';
import { type InterleavedBounds, VARIANTS } from './state';
import type { ConcurrentOp } from './program';

/**
 * The interleaved model's steps on encoded rows must be exactly its readable steps (steps.ts): checked state
 * by state over whole reachable spaces, and search by search against the object explorer.
 */
const free = (variant: InterleavedBounds['variant'], o: Partial<InterleavedBounds> = {}): InterleavedBounds => ({ coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 1, variant, ...o });
const schedule = (co: number, ctx: number): ConcurrentOp => ({ op: 'schedule', co, ctx });
const enter = (co: number, from: number): ConcurrentOp => ({ op: 'enter', co, from });
const program = (variant: InterleavedBounds['variant'], big: boolean): InterleavedBounds =>
  big
    ? { coroutines: 2, contexts: 2, drivers: 3, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)], [schedule(1, 0), schedule(0, 0)]] }
    : { coroutines: 2, contexts: 2, drivers: 2, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)]] };

/** Small enough to compare every successor of every reachable state (a few thousand states each). */
const SMALL: readonly (readonly [string, InterleavedBounds])[] = VARIANTS.flatMap((v) => [
  [`${v}, free drivers`, free(v)] as const,
  [`${v}, a fixed program of 2 threads`, program(v, false)] as const,
]);
/** Whole searches (or their first 60,000 states). */
const LARGE: readonly (readonly [string, InterleavedBounds])[] = VARIANTS.flatMap((v) => [
  [`${v}, free drivers`, free(v)] as const,
  [`${v}, free drivers, 2 ops on 1 context`, free(v, { contexts: 1, ops: 2, yields: 0 })] as const,
  [`${v}, a fixed program of 3 threads`, program(v, true)] as const,
]);

describe('the interleaved model on encoded rows', () => {
  it.each(SMALL)('%s: every reachable state has the same successors, labels, end and invariant verdicts as steps.ts', (_name, b) => {
    const model = interleavedModel(b);
    const L = packedInterleavedLayout(b);
    const table = new StateTable(L.width);
    const scratch = new StateTable(L.width);
    const steps = new PackedInterleavedSteps(b, L, () => scratch.buffer);
    const encoded = new Uint8Array(L.width);
    const broken = packedInterleavedBroken(b, L);
    let violations = 0;
    let { offset } = table.scratch();
    encodeInterleaved(b, model.initial()[0] as NonNullable<ReturnType<typeof model.initial>[0]>, table.buffer, offset);
    table.insert(-1, 0);
    let checked = 0;
    const mismatches: string[] = [];
    for (let head = 0; head < table.count; head++) {
      const s = model.decode(table.buffer, head * L.width);
      const want = model.successors(s);
      // The packed side works in a scratch table of its own: the source row first, successors after it.
      scratch.count = 0;
      scratch.buffer.set(table.buffer.subarray(head * L.width, (head + 1) * L.width), scratch.scratchOffset());
      scratch.count = 1;
      const got: { row: number[]; label: ReturnType<typeof packedLabel>; broken: boolean }[] = [];
      const n = steps.expand(0, () => scratch.scratchOffset(), (...args) => {
        const at = scratch.count * L.width;
        got.push({ row: [...scratch.buffer.subarray(at, at + L.width)], label: packedLabel(...args), broken: broken(scratch.buffer, 0, at, ...args) });
      });
      // Mismatches are collected and compared once: an expect per row would take minutes.
      if (n !== want.length) mismatches.push(`state ${head}: ${n} successors, steps.ts has ${want.length}`);
      for (const [k, t] of want.entries()) {
        encodeInterleaved(b, t.next, encoded, 0);
        const g = got[k];
        if (g === undefined || JSON.stringify(g.label) !== JSON.stringify(t.label) || g.row.some((v, i) => v !== encoded[i])) {
          mismatches.push(`state ${head}, successor ${k}: ${JSON.stringify(g)} vs ${JSON.stringify({ row: [...encoded], label: t.label })}`);
        }
        const wanted = model.invariants.some((inv) => inv.check(t.next, s, t.label) !== null);
        if (wanted) violations++;
        if (g !== undefined && g.broken !== wanted) mismatches.push(`state ${head}, successor ${k}: the invariants on rows say ${g.broken ? 'broken' : 'held'}`);
        const at = table.scratch().offset;
        encodeInterleaved(b, t.next, table.buffer, at);
        table.insert(head, k);
      }
      if (packedQuiescent(b, L, table.buffer, head * L.width) !== isQuiescent(b, s)) mismatches.push(`state ${head}: the end differs`);
      checked++;
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    // The swapped orders' spaces hold violations: both answers are compared, not only "held".
    if (b.variant !== 'patch' && b.programs === undefined) expect(violations).toBeGreaterThan(0);
  });

  it.each(LARGE)('%s: the search on rows finds what the search on objects finds (states, transitions, depth, verdict, trace)', (_name, b) => {
    const model = interleavedModel(b);
    const { rows, ...objects } = model;
    expect(rows).toBeDefined();
    // At most 60,000 states each (the two largest spaces have ~270,000): the bound is part of what must agree.
    const summary = (r: ReturnType<typeof explore<unknown, unknown>>) => JSON.stringify(r);
    expect(summary(explore(model, { maxStates: 60_000 }))).toBe(summary(explore(objects, { maxStates: 60_000 })));
  });

  it('stops at the same state bound in the middle of a row, with the same counts', () => {
    const b = free('patch', { ops: 2 });
    const { rows: _rows, ...objects } = interleavedModel(b);
    for (const maxStates of [1, 7, 1000, 12_345]) expect(explore(interleavedModel(b), { maxStates })).toEqual(explore(objects, { maxStates }));
    for (const depth of [1, 5, 9]) expect(explore(interleavedModel(b), { depth })).toEqual(explore(objects, { depth }));
  });
});
