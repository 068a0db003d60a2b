import { judgeInterleaved } from '../clauses/judgeInterleaved';
import { boundsOfProgram } from './model';
import { stepEvents } from './observe';
import type { ConcurrentProgram } from './program';
import type { ReportedStep } from './replay';
import { type Variant, initialInterleaved } from './state';
import { interleavedSuccessors } from './steps';

/**
 * A run as a faithful level-2 adapter of `variant` would report it: the model of that order, moved by the
 * given threads (a thread that cannot move is skipped), then the first movable thread until none can.
 */
function run(program: ConcurrentProgram, variant: Variant, threads: readonly number[]): ReportedStep[] {
  const b = boundsOfProgram(program, variant);
  let s = initialInterleaved(b);
  const out: ReportedStep[] = [];
  const queue = [...threads];
  for (;;) {
    const succ = interleavedSuccessors(b, s);
    if (succ.length === 0) return out;
    const runnable = [...new Set(succ.map((t) => t.label.thread))].sort((x, y) => x - y);
    let want = queue.shift();
    while (want !== undefined && !runnable.includes(want)) want = queue.shift();
    const t = succ.find((x) => x.label.thread === (want ?? runnable[0])) as (typeof succ)[number];
    out.push({ runnable, thread: t.label.thread, step: t.label.step, co: t.label.co, events: stepEvents(b, t.label, t.next) });
    s = t.next;
  }
}

/** Two schedules of c0 on x0 (threads: 0 the BH, 1 T0, 2 T1). */
const twoSchedules: ConcurrentProgram = { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] };
/** A schedule racing a direct entry of c0. */
const scheduleVsEnter: ConcurrentProgram = { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] };

/** T1 publishes, T0 schedules fully, the BH takes both and reads T1's record before T1 marks it. */
const co7Window = [2, 2, 1, 1, 1, 1, 0, 0];
/** T1 checks the caller and clears the mark, T0 schedules, the BH reads the mark and checks the caller. */
const co8Window = [1, 2, 2, 2, 1, 1, 1, 0, 0, 0];

describe('replaying a level-2 run in the interleaved model', () => {
  it('a run in the patch order with the model\'s events conforms', () => {
    for (const threads of [[], [1, 1, 1, 1, 2, 2, 2, 2], co7Window, co8Window]) {
      expect(judgeInterleaved(twoSchedules, run(twoSchedules, 'patch', threads)).kind).toBe('conforms');
      expect(judgeInterleaved(scheduleVsEnter, run(scheduleVsEnter, 'patch', threads)).kind).toBe('conforms');
    }
  });

  it('publish before mark, when the BH reads the unmarked record, is CO7 at that step', () => {
    const j = judgeInterleaved(twoSchedules, run(twoSchedules, 'publish-before-mark', co7Window));
    expect(j).toMatchObject({ kind: 'violation', clause: 'CO7', at: 7 });
  });

  it('publish before mark, when no BH takes the record in the window, conforms: nothing went wrong in that run', () => {
    expect(judgeInterleaved(twoSchedules, run(twoSchedules, 'publish-before-mark', [1, 1, 1, 1, 2, 2, 2, 2])).kind).toBe('conforms');
  });

  it('unmark before caller, when the BH checks the caller in the window, is CO8 at that step', () => {
    const j = judgeInterleaved(scheduleVsEnter, run(scheduleVsEnter, 'unmark-before-caller', co8Window));
    expect(j).toMatchObject({ kind: 'violation', clause: 'CO8', at: 9 });
  });

  it('a wrong event is CO0 at its step, naming both', () => {
    const steps = run(scheduleVsEnter, 'patch', []);
    const i = steps.findIndex((s) => s.step === 'switch' && s.thread === 2);
    const wrong = steps.map((s, k) => (k === i ? { ...s, events: [{ ev: 'entered' as const, co: 0, ctx: 0, by: 'bh' as const }] } : s));
    const j = judgeInterleaved(scheduleVsEnter, wrong);
    expect(j).toMatchObject({ kind: 'violation', clause: 'CO0', at: i });
    if (j.kind === 'violation') expect(j.message).toMatch(/expected entered\(c0, x0, direct\), observed entered\(c0, x0, bh\)/);
  });

  it('a thread the adapter hides from the kit is CO0', () => {
    const steps = run(twoSchedules, 'patch', []).map((s, k) => (k === 0 ? { ...s, runnable: [1] } : s));
    expect(judgeInterleaved(twoSchedules, steps)).toMatchObject({ kind: 'violation', clause: 'CO0', at: 0 });
  });

  it('a run that stops while the model still has steps is CO0 at the end', () => {
    const steps = run(twoSchedules, 'patch', []);
    const j = judgeInterleaved(twoSchedules, steps.slice(0, -2));
    expect(j).toMatchObject({ kind: 'violation', clause: 'CO0', at: steps.length - 2 });
  });

  it('steps in an order no model has are CO0 at the first one', () => {
    const steps = run(twoSchedules, 'patch', []);
    const j = judgeInterleaved(twoSchedules, steps.map((s, k) => (k === 1 ? { ...s, step: 'arm' as const } : s)));
    expect(j).toMatchObject({ kind: 'violation', clause: 'CO0', at: 1 });
  });
});
