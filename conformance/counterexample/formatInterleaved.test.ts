import { formatInterleavedCounterexample } from './formatInterleaved';
import type { InterleavedCounterexample } from '../types';

const cx: InterleavedCounterexample = {
  level: 2,
  kind: 'violation',
  clause: 'CO7',
  message: 'bh@x0 found c0\'s schedule #0 on its list before that schedule set its mark',
  program: { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] },
  schedule: [1, 0, 2],
  stepsShow: 'adapter',
  observed: [{ ev: 'entered', co: 0, ctx: 0, by: 'bh' }],
  steps: [
    { thread: 'T0', step: 'T0 schedule(c0, x0) #0: publish', events: [], stateAfter: 'c0 mark=- | x0 [c0#0]', diverged: false },
    { thread: 'bh@x0', step: 'bh@x0 read-mark c0 #0', events: [], stateAfter: 'c0 mark=-', diverged: true },
  ],
  search: { states: 1234, ms: 5 },
  seed: 7,
  path: '3:1',
  replay: 'npx cokit certify publish-before-mark --clause CO7 --seed 7 --path 3:1',
  runsBeforeFailure: 3,
};

describe('formatInterleavedCounterexample', () => {
  it('prints the clause, the program, each step with the state after it, the mark of the breaking step and the replay', () => {
    const text = formatInterleavedCounterexample(cx, { id: 'CO7', slug: 'mark-before-publish' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('CO7 mark-before-publish violated at level 2 after 4 runs');
    expect(text).toContain('program: 1 coroutines × 1 yields, 1 contexts; T0: schedule(c0, x0) ‖ T1: schedule(c0, x0)');
    expect(text).toContain('seed 7, path "3:1", choices [1, 0, 2]');
    expect(lines).toContain('    1 T0 schedule(c0, x0) #0: publish');
    expect(lines).toContain('✗   2 bh@x0 read-mark c0 #0');
    expect(lines.filter((l) => l.trim().startsWith('state:'))).toHaveLength(2);
    expect(text).toContain('Observed events: entered(c0, x0, bh)');
    expect(text).toContain('1,234 (state, position) pairs searched');
    expect(text).toContain('Replay: npx cokit certify publish-before-mark --clause CO7 --seed 7 --path 3:1');
    expect(text).toContain('Hint: aio_co_schedule must set co->scheduled before');
  });

  it('says a level-3 trace is shown through the nearest model interleaving and replays only as timing allows', () => {
    const text = formatInterleavedCounterexample({ ...cx, level: 3, schedule: undefined, path: '', stepsShow: 'nearest' }, { id: 'CO0', slug: 'trace-refinement' });
    expect(text).toContain("The interleaving of the patch's steps nearest to what was observed (2 steps;");
    expect(text).toContain('seed 7\n');
    expect(text).toContain("real threads replay only as far as the machine's timing allows");
  });
});
