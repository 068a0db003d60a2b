import fc from 'fast-check';
import { initialState, stepStrict, type DriverOp, type Event, type Program, type State } from '..';

const kinds = (events: readonly Event[]): string[] => events.map((e) => (e.ev === 'abort' || e.ev === 'error' ? `${e.ev}:${e.kind}:c${e.co}` : e.ev === 'entered' ? `entered:c${e.co}:${e.by}` : `${e.ev}:c${e.co}`));

/** Runs `ops` (after creating `programs`) through the strict step; the state and each step's events, or where it was disabled. */
function run(programs: Program[], ops: DriverOp[], contexts = 2): { state: State; trace: string[][]; disabledAt: number | null } {
  let state = initialState({ contexts, coroutines: programs.length });
  const all: DriverOp[] = [...programs.map((program, co): DriverOp => ({ op: 'create', co, program })), ...ops];
  const trace: string[][] = [];
  for (const [i, op] of all.entries()) {
    const r = stepStrict(state, op);
    if (r.kind !== 'ok') return { state, trace, disabledAt: i - programs.length };
    state = r.state;
    if (op.op !== 'create') trace.push(kinds(r.events));
  }
  return { state, trace, disabledAt: null };
}

const YY: Program = [{ kind: 'yield' }, { kind: 'yield' }];

/** Three coroutines with random programs, then random operations, on two contexts. */
const co = fc.integer({ min: 0, max: 2 });
const x = fc.integer({ min: 0, max: 1 });
const instruction = fc.oneof(
  fc.constant({ kind: 'yield' as const }),
  fc.record({ kind: fc.constant('schedule' as const), target: co, ctx: x }),
  fc.record({ kind: fc.constant('enter' as const), target: co }),
  fc.record({ kind: fc.constant('wake' as const), target: co }),
);
const operation = fc.oneof(
  fc.record({ op: fc.constant('schedule' as const), co, ctx: x, from: x }),
  fc.record({ op: fc.constant('enter' as const), co, from: x }),
  fc.record({ op: fc.constant('poll' as const), ctx: x }),
);
const randomRun = fc
  .tuple(fc.array(fc.array(instruction, { maxLength: 4 }), { minLength: 3, maxLength: 3 }), fc.array(operation, { maxLength: 16 }))
  .map(([programs, ops]): DriverOp[] => [...programs.map((program, c): DriverOp => ({ op: 'create', co: c, program })), ...ops]);

describe('stepStrict (profile strict, level 1)', () => {
  it('entering a coroutine with a pending schedule aborts, and nothing is enabled after it', () => {
    const r = run([YY], [{ op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'enter', co: 0, from: 1 }, { op: 'poll', ctx: 0 }]);
    expect(r.trace).toEqual([[], ['abort:already-scheduled:c0']]);
    expect(r.disabledAt).toBe(2);
    expect(r.state.aborted).toEqual({ kind: 'already-scheduled', co: 0 });
  });

  it('a second schedule aborts, on the same context or another', () => {
    for (const ctx of [0, 1]) {
      const r = run([YY], [{ op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'schedule', co: 0, ctx, from: 0 }]);
      expect(r.trace).toEqual([[], ['abort:already-scheduled:c0']]);
    }
  });

  it('the BH clears the mark then enters: a coroutine that schedules itself is delivered, and may schedule itself again', () => {
    const self: Program = [{ kind: 'schedule', target: 0, ctx: 0 }, { kind: 'yield' }, { kind: 'schedule', target: 0, ctx: 0 }, { kind: 'yield' }];
    const r = run([self], [{ op: 'enter', co: 0, from: 0 }, { op: 'poll', ctx: 0 }, { op: 'poll', ctx: 0 }]);
    expect(r.trace).toEqual([['entered:c0:direct', 'yielded:c0'], ['entered:c0:bh', 'yielded:c0'], ['entered:c0:bh', 'terminated:c0']]);
  });

  it('a running coroutine entering itself, or waking itself, aborts with recursive-entry', () => {
    expect(run([[{ kind: 'enter', target: 0 }]], [{ op: 'enter', co: 0, from: 0 }]).trace).toEqual([['entered:c0:direct', 'abort:recursive-entry:c0']]);
    expect(run([[{ kind: 'wake', target: 0 }]], [{ op: 'enter', co: 0, from: 0 }]).trace).toEqual([['entered:c0:direct', 'abort:recursive-entry:c0']]);
  });

  it('an abort inside a BH batch ends the step: the coroutines after it are not entered', () => {
    const r = run([[{ kind: 'enter', target: 1 }, { kind: 'yield' }], YY, YY], [
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'schedule', co: 1, ctx: 0, from: 0 },
      { op: 'schedule', co: 2, ctx: 0, from: 0 },
      { op: 'poll', ctx: 0 },
    ]);
    expect(r.trace[3]).toEqual(['entered:c0:bh', 'abort:already-scheduled:c1']);
  });

  it('a terminated coroutine is refused (the kit contract), and a coroutine that scheduled itself then ended is refused by the BH', () => {
    expect(run([[]], [{ op: 'enter', co: 0, from: 0 }, { op: 'enter', co: 0, from: 0 }, { op: 'schedule', co: 0, ctx: 1, from: 0 }]).trace).toEqual([
      ['entered:c0:direct', 'terminated:c0'],
      ['error:entry-after-termination:c0'],
      ['error:entry-after-termination:c0'],
    ]);
    expect(run([[{ kind: 'schedule', target: 0, ctx: 1 }]], [{ op: 'enter', co: 0, from: 0 }, { op: 'poll', ctx: 1 }]).trace[1]).toEqual(['error:entry-after-termination:c0']);
  });

  it("a coroutine woken twice is queued once: QEMU's wake queues are intrusive (one co_queue_next link)", () => {
    const r = run([YY, [{ kind: 'wake', target: 0 }, { kind: 'wake', target: 0 }]], [{ op: 'enter', co: 0, from: 0 }, { op: 'enter', co: 1, from: 0 }]);
    expect(r.trace[1]).toEqual(['entered:c1:direct', 'terminated:c1', 'entered:c0:direct', 'yielded:c0']);
  });

  it('never predicts an entry of a coroutine whose schedule is pending, nor anything after an abort (random runs)', () => {
    fc.assert(
      fc.property(randomRun, (ops) => {
        let state = initialState({ contexts: 2, coroutines: 3 });
        for (const op of ops) {
          const r = stepStrict(state, op);
          if (r.kind !== 'ok') return state.aborted !== undefined;
          const a = r.events.findIndex((e) => e.ev === 'abort');
          if (a !== -1 && a !== r.events.length - 1) return false;
          for (const e of r.events) if (e.ev === 'entered' && e.by === 'direct' && state.coroutines[e.co]?.scheduled !== null && op.op === 'enter' && op.co === e.co) return false;
          state = r.state;
        }
        return true;
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
