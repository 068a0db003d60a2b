import { explore } from '../explorer/explore';
import { StateTable } from '../explorer/stateTable';
import { exploreInterleaved } from './exploreRows';
import { interleavedModel } from './model';
import { packedInterleavedLayout } from './packedSteps';
import type { ConcurrentOp } from './program';
import { interleavedRowCodec } from './rowCodec';
import { type IState, type InterleavedBounds, VARIANTS } from './state';

/**
 * The search on the packed table must be `explore`'s on the same model, result for result: states,
 * transitions, depth, verdict, message and trace, with and without the reduction, and at every bound.
 */
const schedule = (co: number, ctx: number): ConcurrentOp => ({ op: 'schedule', co, ctx });
const enter = (co: number, from: number): ConcurrentOp => ({ op: 'enter', co, from });
const CASES = VARIANTS.flatMap((variant) => [
  { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 2, variant },
  { coroutines: 1, contexts: 1, drivers: 3, ops: 1, yields: 2, variant },
  { coroutines: 2, contexts: 2, drivers: 2, ops: 2, yields: 1, variant, programs: [[schedule(0, 0), enter(1, 1)], [enter(0, 0), schedule(0, 1)]] },
  { coroutines: 2, contexts: 1, drivers: 2, ops: 2, yields: 0, variant },
] as InterleavedBounds[]).map((b) => [`${b.variant}, ${b.coroutines} co, ${b.contexts} ctx, ${b.drivers} × ${b.ops}${b.programs ? ' (a program)' : ''}`, b] as const);

describe('the interleaved search on the packed state table', () => {
  it.each(CASES)('%s: the same result as explore, with and without the reduction', (_name, b) => {
    // At most 40,000 states (the 2-op free spaces have ~270,000): where a state bound stops is compared too.
    for (const reduction of ['none', 'por'] as const) {
      expect(JSON.stringify(exploreInterleaved(b, { maxStates: 40_000 }, () => 0, reduction))).toBe(JSON.stringify(explore(interleavedModel(b), { maxStates: 40_000 }, () => 0, reduction)));
    }
  }, 60_000);

  it('stops at the same state and depth bounds', () => {
    const b: InterleavedBounds = { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 1, variant: 'patch' };
    for (const reduction of ['none', 'por'] as const) {
      for (const maxStates of [1, 7, 1000]) expect(exploreInterleaved(b, { maxStates }, () => 0, reduction)).toEqual(explore(interleavedModel(b), { maxStates }, () => 0, reduction));
      for (const depth of [0, 1, 5, 9]) expect(exploreInterleaved(b, { depth }, () => 0, reduction)).toEqual(explore(interleavedModel(b), { depth }, () => 0, reduction));
    }
  });
});

describe('the packed interleaved row', () => {
  it('round-trips every state of a space, and refuses a field above its bound', () => {
    const b: InterleavedBounds = { coroutines: 2, contexts: 2, drivers: 2, ops: 1, yields: 1, variant: 'unmark-before-caller' };
    const codec = interleavedRowCodec(b);
    const model = interleavedModel(b);
    const L = packedInterleavedLayout(b);
    expect(codec.words).toBeLessThan(L.width / 4);
    const table = new StateTable(L.width);
    model.encode(model.initial()[0] as IState, table.buffer, table.scratchOffset());
    table.insert(-1, 0);
    const key = new Int32Array(codec.words);
    const back = new Uint8Array(L.width);
    for (let head = 0; head < table.count; head++) {
      const row = table.buffer.subarray(head * L.width, (head + 1) * L.width);
      codec.pack(row, 0, key, 0);
      codec.unpack(key, 0, back, 0);
      if (back.some((v, i) => v !== row[i])) throw new Error(`state ${head} does not round-trip`);
      for (const t of model.successors(model.decode(table.buffer, head * L.width))) {
        model.encode(t.next, table.buffer, table.scratchOffset());
        table.insert(head, 0);
      }
    }
    expect(table.count).toBeGreaterThan(1000);
    const row = new Uint8Array(L.width);
    row[0] = 255;
    expect(() => codec.pack(row, 0, key, 0)).toThrow('byte 0 of an interleaved row is 255');
  });
});
