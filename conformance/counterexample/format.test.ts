import type { ClauseId } from '../../spec';
import type { Counterexample, StepRecord } from '../types';
import { formatCounterexample } from './format';

const step = (index: number, s: Partial<StepRecord> & Pick<StepRecord, 'op'>): StepRecord => ({
  index,
  expected: [],
  observed: [],
  outcome: 'completed',
  stateAfter: `state ${index}`,
  diverged: false,
  ...s,
});

/** The seed's case against the pre-patch scheduler, as the engine records it. */
const cancelled: Counterexample = {
  kind: 'violation',
  clause: 'CO1',
  message: 'the BH of x0 entered c0 for schedule #0, which a direct entry had cancelled',
  config: { coroutines: 1, contexts: 1 },
  ops: [],
  steps: [
    step(0, { op: { op: 'create', co: 0, program: [{ kind: 'yield' }] } }),
    step(1, { op: { op: 'schedule', co: 0, ctx: 0, from: 0 } }),
    step(2, { op: { op: 'enter', co: 0, from: 0 }, expected: [{ ev: 'entered', co: 0, ctx: 0, by: 'direct' }, { ev: 'yielded', co: 0 }], observed: [{ ev: 'entered', co: 0, ctx: 0, by: 'direct' }, { ev: 'yielded', co: 0 }] }),
    step(3, { op: { op: 'poll', ctx: 0 }, observed: [{ ev: 'entered', co: 0, ctx: 0, by: 'bh' }], diverged: true }),
  ],
  seed: 42,
  path: '3:0:1',
  replay: 'npx cokit certify no-cancel --clause CO1 --seed 42 --path 3:0:1 --timeout 250',
  runsBeforeFailure: 36,
};

const lines = (cx: Counterexample, id: ClauseId = 'CO1', slug = 'cancel-on-direct-entry'): string[] => formatCounterexample(cx, { id, slug }).split('\n');

describe('formatCounterexample', () => {
  it('opens with the clause, the run count and the predicate message, then seed, path and config', () => {
    expect(lines(cancelled).slice(0, 3)).toEqual([
      'CO1 cancel-on-direct-entry violated after 37 runs',
      '  the BH of x0 entered c0 for schedule #0, which a direct entry had cancelled',
      '  seed 42, path "3:0:1", contexts 1, coroutines 1',
    ]);
  });

  it('prints one block per step, both traces and the state only where it diverged, and marks that step', () => {
    const text = lines(cancelled);
    const at = text.indexOf('  #2 enter(c0, from x0)');
    expect(text.slice(at, at + 7)).toEqual([
      '  #2 enter(c0, from x0)',
      '     events:   entered(c0, x0, direct), yielded(c0)',
      '     state:    state 2',
      '✗ #3 poll(x0)',
      '     expected: (none)',
      '     observed: entered(c0, x0, bh)',
      '     state:    state 3',
    ]);
    expect(text.filter((l) => l.startsWith('✗'))).toHaveLength(1);
  });

  it('ends with the replay command and a hint naming the QEMU function', () => {
    const text = lines(cancelled);
    expect(text).toContain('Replay: npx cokit certify no-cancel --clause CO1 --seed 42 --path 3:0:1 --timeout 250');
    expect(text.filter((l) => l.startsWith('Hint:')).join('\n')).toMatch(/qemu_aio_coroutine_enter/);
  });

  it('says how a step timed out or crashed, and that an adapter fault is no verdict', () => {
    const last = step(1, { op: { op: 'poll', ctx: 0 }, outcome: 'timeout', detail: 'timed out after 250 ms', diverged: true });
    const hang: Counterexample = { ...cancelled, kind: 'adapter-fault', clause: 'CO3', message: 'operation 1 did not return within 250 ms', steps: [cancelled.steps[0] as StepRecord, last], runsBeforeFailure: 0 };
    const text = lines(hang, 'CO3', 'delivery');
    expect(text[0]).toBe('CO3 delivery: adapter error after 1 run (not a verdict on the clause)');
    expect(text).toContain('     observed: timed out after 250 ms');
    expect(text.some((l) => l.startsWith('Hint: an adapter that hangs or crashes gets no verdict'))).toBe(true);
    const crash = { ...hang, steps: [{ ...last, outcome: 'crash' as const, detail: 'crashed: apply() threw: boom' }] };
    expect(lines(crash, 'CO3', 'delivery')).toContain('     observed: crashed: apply() threw: boom');
  });
});
