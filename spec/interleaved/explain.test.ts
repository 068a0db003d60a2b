import type { Event } from '../model/events';
import { judgeConcurrent } from '../clauses/judgeConcurrent';
import { explainTrace } from './explain';
import { iLabelToString } from './print';
import type { ConcurrentProgram } from './program';
import { boundsOfProgram } from './model';

const entered = (co: number, ctx: number, by: 'bh' | 'direct'): Event => ({ ev: 'entered', co, ctx, by });
const yielded = (co: number): Event => ({ ev: 'yielded', co });
const terminated = (co: number): Event => ({ ev: 'terminated', co });
const error = (kind: 'recursive-entry' | 'double-schedule', co: number): Event => ({ ev: 'error', kind, co, message: '' });

/** T0 schedules c0 on x0 while T1 enters it directly from x1: the seed's race. */
const race: ConcurrentProgram = { coroutines: 1, contexts: 2, yields: 2, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 1 }]] };

describe('explainTrace: is there an interleaving of the patch that shows this trace?', () => {
  it.each([
    ['the BH delivers, then the direct entry', [entered(0, 0, 'bh'), yielded(0), entered(0, 1, 'direct'), yielded(0)]],
    ['the direct entry, then the BH delivers the later schedule', [entered(0, 1, 'direct'), yielded(0), entered(0, 0, 'bh'), yielded(0)]],
    ['the direct entry cancels the schedule', [entered(0, 1, 'direct'), yielded(0)]],
    ['the BH finds the direct entry running: recursive entry refused', [entered(0, 1, 'direct'), error('recursive-entry', 0), yielded(0)]],
  ])('explains %s', (_what, observed) => {
    const r = explainTrace(race, observed);
    expect(r.kind).toBe('explained');
    if (r.kind !== 'explained') return;
    expect(r.searched).toBeGreaterThan(0);
    // The witness is a real run of the program: every driver operation starts in it.
    expect(r.witness.filter((l) => l.step === 'start-schedule' || l.step === 'start-enter')).toHaveLength(2);
  });

  it.each([
    ['the coroutine entered twice by the BH', [entered(0, 0, 'bh'), yielded(0), entered(0, 0, 'bh'), yielded(0)], 2],
    ['no entry at all (the schedule lost, the direct entry missing)', [], 0],
    ['a yield before any entry', [yielded(0), entered(0, 1, 'direct')], 0],
    ['the right events in an order no interleaving gives', [yielded(0), entered(0, 1, 'direct'), entered(0, 0, 'bh'), yielded(0)], 0],
    ['an extra event after a complete run', [entered(0, 1, 'direct'), yielded(0), terminated(0)], 2],
  ])('rejects %s, saying how far it matched', (_what, observed, matched) => {
    const r = explainTrace(race, observed);
    expect(r).toMatchObject({ kind: 'unexplained', matched });
  });

  it('gives up, saying so, when the state limit is too small', () => {
    expect(explainTrace(race, [entered(0, 1, 'direct'), yielded(0)], { maxStates: 3 })).toMatchObject({ kind: 'gave-up', limit: 'states' });
  });

  it('rejects a program it cannot encode instead of searching nonsense', () => {
    expect(() => explainTrace({ ...race, drivers: [[{ op: 'enter', co: 3, from: 0 }]] }, [])).toThrow(/T0 operation 0: coroutine 3 out of range/);
  });

  it('a double schedule is refused atomically with the mark, as at level 1', () => {
    const p: ConcurrentProgram = { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] };
    expect(explainTrace(p, [error('double-schedule', 0), entered(0, 0, 'bh'), yielded(0)]).kind).toBe('explained');
    expect(explainTrace(p, [entered(0, 0, 'bh'), yielded(0), entered(0, 0, 'bh'), terminated(0)]).kind).toBe('explained');
    expect(explainTrace(p, [entered(0, 0, 'bh'), yielded(0)]).kind).toBe('unexplained');
  });
});

describe('judgeConcurrent: which clause a trace the patch cannot produce breaks', () => {
  it('a lost wake-up behind a BH that read no mark is CO7 (publish before mark), with the interleaving that does it', () => {
    // T0 schedules c0 while T1's schedule of c1 has armed x0's BH; only c1 is ever entered.
    const p: ConcurrentProgram = { coroutines: 2, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 1, ctx: 0 }]] };
    const j = judgeConcurrent(p, [entered(1, 0, 'bh'), yielded(1)]);
    expect(j.kind).toBe('violation');
    if (j.kind !== 'violation') return;
    expect(j.claims.map((c) => c.clause)).toEqual(['CO7']);
    const steps = (j.claims[0]?.witness ?? []).map((l) => iLabelToString(boundsOfProgram(p, 'publish-before-mark'), l));
    expect(steps.indexOf('T0 schedule(c0, x0) #0: publish')).toBeLessThan(steps.indexOf('bh@x0 read-mark c0 #0'));
    expect(steps.indexOf('bh@x0 read-mark c0 #0')).toBeLessThan(steps.indexOf('T0 schedule(c0, x0) #0: mark'));
  });

  it('events alone cannot show CO8: the double entry unmark-before-caller allows, the patch allows too (check then set caller)', () => {
    // Level 3 sees only events, so CO8 is judged at level 2 from the step points (spec/interleaved/replay.ts).
    const p: ConcurrentProgram = { coroutines: 1, contexts: 1, yields: 2, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] };
    expect(judgeConcurrent(p, [entered(0, 0, 'bh'), entered(0, 0, 'direct'), yielded(0), yielded(0)]).kind).toBe('conforms');
  });

  it('a trace no order of the steps gives is CO0, trace refinement', () => {
    const j = judgeConcurrent(race, [entered(0, 0, 'bh'), yielded(0), entered(0, 0, 'bh'), yielded(0)]);
    expect(j).toMatchObject({ kind: 'violation', claims: [{ clause: 'CO0' }] });
  });

  it('a trace the patch gives conforms', () => {
    expect(judgeConcurrent(race, [entered(0, 1, 'direct'), yielded(0)]).kind).toBe('conforms');
  });
});
