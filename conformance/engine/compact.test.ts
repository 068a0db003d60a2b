import type { Scenario } from '../arbitraries';
import { compactScenario } from './compact';

describe('compactScenario', () => {
  it('drops coroutines and contexts nothing names and renumbers the rest in order', () => {
    const s: Scenario = {
      config: { coroutines: 4, contexts: 3 },
      ops: [
        { op: 'create', co: 0, program: [{ kind: 'yield' }] },
        { op: 'create', co: 1, program: [] },
        { op: 'create', co: 2, program: [{ kind: 'schedule', target: 2, ctx: 2 }] },
        { op: 'create', co: 3, program: [] },
        { op: 'enter', co: 2, from: 2 },
        { op: 'poll', ctx: 2 },
      ],
    };
    expect(compactScenario(s)).toEqual({
      config: { coroutines: 1, contexts: 1 },
      ops: [
        { op: 'create', co: 0, program: [{ kind: 'schedule', target: 0, ctx: 0 }] },
        { op: 'enter', co: 0, from: 0 },
        { op: 'poll', ctx: 0 },
      ],
    });
  });

  it('keeps a coroutine that only another coroutine names', () => {
    const s: Scenario = {
      config: { coroutines: 3, contexts: 2 },
      ops: [
        { op: 'create', co: 0, program: [] },
        { op: 'create', co: 1, program: [{ kind: 'enter', target: 2 }] },
        { op: 'create', co: 2, program: [{ kind: 'yield' }] },
        { op: 'schedule', co: 1, ctx: 1, from: 0 },
      ],
    };
    const c = compactScenario(s);
    expect(c.config).toEqual({ coroutines: 2, contexts: 2 });
    expect(c.ops).toEqual([
      { op: 'create', co: 0, program: [{ kind: 'enter', target: 1 }] },
      { op: 'create', co: 1, program: [{ kind: 'yield' }] },
      { op: 'schedule', co: 0, ctx: 1, from: 0 },
    ]);
  });

  it('returns a scenario that names nothing as it is', () => {
    const s: Scenario = { config: { coroutines: 1, contexts: 1 }, ops: [{ op: 'create', co: 0, program: [] }] };
    expect(compactScenario(s)).toBe(s);
  });
});
