import type { Program } from '../model/program';
import { initialState } from '../model/state';
import { step } from '../model/step';
import { atomicModel } from './atomicModel';
import { type InstructionKind, type OpenBounds, openAtomicModel, openInstructions, whyOpenBoundsInvalid } from './atomicOpen';
import { explore } from './explore';
import type { ExplorableModel } from './types';

/** Every program of at most `length` instructions over `alphabet` for these ids. */
function programsUpTo(b: Pick<OpenBounds, 'coroutines' | 'contexts'>, length: number, alphabet: readonly InstructionKind[]): Program[] {
  const letters = openInstructions(b, alphabet);
  const out: Program[] = [[]];
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as Program;
    if (p.length < length) for (const ins of letters) out.push([...p, ins]);
  }
  return out;
}

/** The encodings of every reachable state (breadth-first). */
function reachable<S, L>(model: ExplorableModel<S, L>): Set<string> {
  const row = new Uint8Array(model.width);
  const key = (s: S): string => {
    model.encode(s, row, 0);
    return Buffer.from(row).toString('hex');
  };
  const seen = new Set<string>();
  const queue = [...model.initial()];
  for (const s of queue) seen.add(key(s));
  for (let i = 0; i < queue.length; i++) {
    for (const t of model.successors(queue[i] as S)) {
      const k = key(t.next);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(t.next);
    }
  }
  return seen;
}

describe('the open atomic model (programs chosen as they run)', () => {
  it("reaches exactly the union of the fixed models' states over every tuple of programs in its bounds", () => {
    // Programs that never schedule (one context: a wake is always local), so both models count schedules alike.
    const alphabet: InstructionKind[] = ['yield', 'enter', 'wake'];
    const b: OpenBounds = { coroutines: 2, contexts: 1, schedules: 1, programs: [{ length: 2, alphabet }, { length: 1, alphabet }] };
    const model = openAtomicModel(b);
    const width = model.width;
    const open = reachable(model);
    const union = new Set<string>();
    for (const p0 of programsUpTo(b, 2, alphabet))
      for (const p1 of programsUpTo(b, 1, alphabet)) {
        // With one context the list's record slots come last: the fixed model reserves more (one per wake), never used.
        for (const k of reachable(atomicModel({ coroutines: 2, contexts: 1, schedules: 1, programs: [p0, p1] }))) {
          expect(/^0*$/.test(k.slice(2 * width))).toBe(true);
          union.add(k.slice(0, 2 * width));
        }
      }
    expect(open.size).toBeGreaterThan(50);
    expect([...open].sort()).toEqual([...union].sort());
  });

  it('each transition is what step() does with the programs the choices build, and a program never outgrows its bounds', () => {
    const b: OpenBounds = { coroutines: 2, contexts: 2, schedules: 1, programs: [{ length: 1, alphabet: ['yield', 'schedule', 'enter', 'wake'] }, { length: 1, alphabet: ['yield', 'wake'] }] };
    const model = openAtomicModel(b);
    const init = model.initial()[0];
    if (init === undefined) throw new Error('no initial state');
    let checked = 0;
    for (const t of model.successors(init)) {
      const programs = t.label.choice.added;
      expect(programs.every((p, c) => p.length <= (b.programs[c]?.length ?? 0) && p.every((i) => b.programs[c]?.alphabet.includes(i.kind)))).toBe(true);
      let s = initialState({ coroutines: 2, contexts: 2 });
      for (const [co, program] of programs.entries()) {
        const r = step(s, { op: 'create', co, program });
        if (r.kind !== 'ok') throw new Error(r.reason);
        s = r.state;
      }
      const r = step(s, t.label.op);
      if (r.kind !== 'ok') throw new Error(r.reason);
      expect(r.events).toEqual(t.label.events);
      expect(r.state.coroutines.map((c) => [c.status, c.pc])).toEqual(t.next.state.coroutines.map((c) => [c.status, c.pc]));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('a transition that would give a coroutine more than S accepted schedules is not offered', () => {
    const b: OpenBounds = { coroutines: 1, contexts: 1, schedules: 0, programs: [{ length: 1, alphabet: ['schedule'] }] };
    const r = explore(openAtomicModel(b));
    // Fresh, then entered: ended (terminated) only; the self-schedule would be an accepted schedule.
    expect({ kind: r.kind, states: r.states }).toEqual({ kind: 'ok', states: 2 });
  });

  it('refuses bounds it cannot explore, naming the field', () => {
    expect(whyOpenBoundsInvalid({ coroutines: 2, contexts: 1, schedules: 1, programs: [{ length: 1, alphabet: ['yield'] }] })).toMatch(/1 program spaces for 2 coroutines/);
    expect(whyOpenBoundsInvalid({ coroutines: 1, contexts: 1, schedules: 1, programs: [{ length: 1, alphabet: ['jump' as InstructionKind] }] })).toMatch(/c0: unknown instruction kind 'jump'/);
    expect(() => openAtomicModel({ coroutines: 0, contexts: 1, schedules: 1, programs: [] })).toThrow(/coroutines must be 1..8/);
  });
});
