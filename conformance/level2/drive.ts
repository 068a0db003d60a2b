import type { ConcurrentProgram } from '../../spec';
import type { Adapter, InterleavedSession } from '../../adapters/contract';
import { checkRunnable, checkStepReport } from '../../adapters/schema';
import type { InterleavedReply, InterleavedStep } from '../engine/host';

/** Runs `work` with a time limit; a hang or a throw becomes a value, never an exception. */
export type Racer = <T>(work: () => T | Promise<T>) => Promise<{ kind: 'value'; value: T } | { kind: 'timeout' } | { kind: 'throw'; message: string }>;

/**
 * One level-2 run: open `program`, then repeatedly ask which threads can move and let the one the choices
 * pick take a step, until none can (or `maxSteps`). Every answer is schema-checked: a malformed one makes
 * the adapter unusable, naming the field. `onStep` hears of each step (the worker's heartbeat).
 */
export async function driveInterleaved(
  adapter: Adapter,
  where: string,
  program: ConcurrentProgram,
  choices: readonly number[],
  maxSteps: number,
  race: Racer,
  onStep?: () => void,
): Promise<InterleavedReply> {
  const open = adapter.openInterleaved;
  if (open === undefined) return { kind: 'malformed', problem: `${where}: the adapter has no 'openInterleaved(program)' function (level 2)` };
  const opened = await race(() => open.call(adapter, program));
  if (opened.kind !== 'value') return { kind: 'steps', steps: [], outcome: opened.kind === 'timeout' ? 'timeout' : 'crash', message: opened.kind === 'timeout' ? 'openInterleaved() timed out' : `openInterleaved() threw: ${opened.message}` };
  const session = opened.value as InterleavedSession | null | undefined;
  if (typeof session !== 'object' || session === null || typeof session.runnable !== 'function' || typeof session.step !== 'function' || typeof session.close !== 'function') {
    return { kind: 'malformed', problem: `${where}: openInterleaved() must return a session with runnable(), step(thread) and close()` };
  }
  const steps: InterleavedStep[] = [];
  const threads = program.contexts + program.drivers.length;
  for (let i = 0; ; i++) {
    const r = await race(() => session.runnable());
    if (r.kind !== 'value') return { kind: 'steps', steps, outcome: r.kind === 'timeout' ? 'timeout' : 'crash', message: r.kind === 'timeout' ? `runnable() timed out at step ${i + 1}` : `runnable() threw at step ${i + 1}: ${r.message}` };
    const runnable = checkRunnable(r.value);
    if (!runnable.ok) return { kind: 'malformed', problem: `${where}: runnable() at step ${i + 1} returned ${runnable.problem}` };
    const bad = runnable.value.find((t) => t >= threads);
    if (bad !== undefined) return { kind: 'malformed', problem: `${where}: runnable() at step ${i + 1} names thread ${bad}, but the program has ${threads} threads (0..${threads - 1})` };
    if (runnable.value.length === 0) break;
    if (i >= maxSteps) return { kind: 'steps', steps, outcome: 'step-limit' };
    const sorted = [...runnable.value].sort((a, b) => a - b);
    const thread = sorted[(choices[i] ?? 0) % sorted.length] as number;
    const s = await race(() => session.step(thread));
    if (s.kind !== 'value') return { kind: 'steps', steps, outcome: s.kind === 'timeout' ? 'timeout' : 'crash', message: s.kind === 'timeout' ? `step(${thread}) timed out at step ${i + 1}` : `step(${thread}) threw at step ${i + 1}: ${s.message}` };
    const report = checkStepReport(s.value);
    if (!report.ok) return { kind: 'malformed', problem: `${where}: step(${thread}) at step ${i + 1} returned ${report.problem.replace(/^\//, 'report /')}` };
    steps.push({ runnable: sorted, thread, report: report.value });
    onStep?.();
  }
  const closed = await race(() => session.close());
  if (closed.kind !== 'value') return { kind: 'steps', steps, outcome: closed.kind === 'timeout' ? 'timeout' : 'crash', message: closed.kind === 'timeout' ? 'close() timed out' : `close() threw: ${closed.message}` };
  return { kind: 'steps', steps, outcome: 'completed' };
}
