import { initialState, step, type DriverOp, type State, type Event } from '..';

function run(ops: DriverOp[], contexts = 2, coroutines = 2): { state: State; trace: Event[][] } {
  let state = initialState({ contexts, coroutines });
  const trace: Event[][] = [];
  for (const op of ops) {
    const r = step(state, op);
    if (r.kind !== 'ok') throw new Error(r.reason);
    state = r.state;
    trace.push([...r.events]);
  }
  return { state, trace };
}

describe('step (level-1 semantics)', () => {
  it('a direct entry cancels the pending schedule', () => {
    const { trace } = run([
      { op: 'create', co: 0, program: [{ kind: 'yield' }, { kind: 'yield' }] },
      { op: 'create', co: 1, program: [] },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'enter', co: 0, from: 1 },
      { op: 'poll', ctx: 0 },
    ]);
    expect(trace[3]).toEqual([{ ev: 'entered', co: 0, ctx: 1, by: 'direct' }, { ev: 'yielded', co: 0 }]);
    expect(trace[4]).toEqual([]);
  });

  it('delivers schedules in the order they were made', () => {
    const { trace } = run([
      { op: 'create', co: 0, program: [] },
      { op: 'create', co: 1, program: [] },
      { op: 'schedule', co: 1, ctx: 0, from: 0 },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'poll', ctx: 0 },
    ]);
    expect(trace[4]?.filter((e) => e.ev === 'entered').map((e) => e.co)).toEqual([1, 0]);
  });

  it('a reschedule after a cancel is delivered once and the stale record never', () => {
    const { trace } = run([
      { op: 'create', co: 0, program: [{ kind: 'yield' }, { kind: 'yield' }] },
      { op: 'create', co: 1, program: [] },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'schedule', co: 1, ctx: 0, from: 0 },
      { op: 'enter', co: 0, from: 0 },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'poll', ctx: 0 },
    ]);
    expect(trace[6]).toEqual([
      { ev: 'entered', co: 1, ctx: 0, by: 'bh' },
      { ev: 'terminated', co: 1 },
      { ev: 'entered', co: 0, ctx: 0, by: 'bh' },
      { ev: 'yielded', co: 0 },
    ]);
  });

  it('reports contract violations and changes nothing', () => {
    const { trace, state } = run([
      { op: 'create', co: 0, program: [{ kind: 'enter', target: 0 }] },
      { op: 'create', co: 1, program: [] },
      { op: 'schedule', co: 1, ctx: 0, from: 0 },
      { op: 'schedule', co: 1, ctx: 1, from: 0 },
      { op: 'schedule', co: 1, ctx: 0, from: 0 },
      { op: 'enter', co: 0, from: 0 },
      { op: 'enter', co: 0, from: 0 },
    ]);
    expect(trace[3]?.map((e) => e.ev === 'error' && e.kind)).toEqual(['scheduled-elsewhere']);
    expect(trace[4]?.map((e) => e.ev === 'error' && e.kind)).toEqual(['double-schedule']);
    expect(trace[5]?.map((e) => (e.ev === 'error' ? e.kind : e.ev))).toEqual(['entered', 'recursive-entry', 'terminated']);
    expect(trace[6]?.map((e) => (e.ev === 'error' ? e.kind : e.ev))).toEqual(['entry-after-termination']);
    expect(state.contexts[0]?.list.length).toBe(1);
    expect(state.contexts[1]?.list.length).toBe(0);
  });

  it('a wake on the same context runs after the waker yields', () => {
    const { trace } = run([
      { op: 'create', co: 0, program: [{ kind: 'wake', target: 1 }, { kind: 'yield' }] },
      { op: 'create', co: 1, program: [{ kind: 'yield' }] },
      { op: 'enter', co: 0, from: 0 },
    ]);
    expect(trace[2]?.map((e) => `${e.ev}${e.co}`)).toEqual(['entered0', 'yielded0', 'entered1', 'yielded1']);
  });

  it('refuses operations that are not enabled', () => {
    const s = initialState({ contexts: 1, coroutines: 1 });
    expect(step(s, { op: 'poll', ctx: 0 }).kind).toBe('disabled');
    expect(step(s, { op: 'create', co: 1, program: [] }).kind).toBe('disabled');
  });
});
