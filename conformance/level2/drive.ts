import type { ConcurrentProgram } from '../../spec';
import type { Adapter, InterleavedRun, InterleavedSession } from '../../adapters/contract';
import { checkRunnable, checkStepReport } from '../../adapters/schema';
import type { InterleavedReply, InterleavedStep } from '../engine/host';

/**
 * Runs `work` with a time limit (one operation's, or `operations` operations' for a whole run); a hang or a
 * throw becomes a value, never an exception.
 */
export type Racer = <T>(work: () => T | Promise<T>, operations?: number) => Promise<{ kind: 'value'; value: T } | { kind: 'timeout' } | { kind: 'throw'; message: string }>;

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
  if (adapter.runInterleaved !== undefined) return wholeRun(adapter, where, program, choices, maxSteps, race);
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

/**
 * A level-2 run the adapter took by itself (`runInterleaved`), checked as if the kit had driven it: every
 * step's runnable list and report against the schemas, every thread against the choice rule, the step count
 * against the limit. Anything off makes the adapter unusable, naming the step and what was wrong.
 */
async function wholeRun(adapter: Adapter, where: string, program: ConcurrentProgram, choices: readonly number[], maxSteps: number, race: Racer): Promise<InterleavedReply> {
  const run = adapter.runInterleaved as NonNullable<Adapter['runInterleaved']>;
  const r = await race(() => run.call(adapter, program, choices, maxSteps), maxSteps + 2);
  if (r.kind === 'timeout') return { kind: 'steps', steps: [], outcome: 'timeout', message: `runInterleaved() did not return within the time of ${maxSteps + 2} steps` };
  if (r.kind === 'throw') return { kind: 'steps', steps: [], outcome: 'crash', message: `runInterleaved() threw: ${r.message}` };
  const value = r.value as Partial<InterleavedRun> | null | undefined;
  if (typeof value !== 'object' || value === null || !Array.isArray(value.steps) || typeof value.end !== 'string') {
    return { kind: 'malformed', problem: `${where}: runInterleaved() must return { steps, end }` };
  }
  if (value.end === 'crash' || value.end === 'timeout' || value.end === 'protocol') {
    const message = 'message' in value && typeof value.message === 'string' ? value.message : '(no message)';
    return { kind: 'steps', steps: [], outcome: value.end === 'timeout' ? 'timeout' : 'crash', message: `${value.end}: ${message}` };
  }
  if (value.end !== 'completed' && value.end !== 'step-limit') return { kind: 'malformed', problem: `${where}: runInterleaved() ended with ${JSON.stringify(value.end)}, not 'completed' or 'step-limit'` };
  const threads = program.contexts + program.drivers.length;
  if (value.steps.length > maxSteps) return { kind: 'malformed', problem: `${where}: runInterleaved() took ${value.steps.length} steps, more than the limit of ${maxSteps}` };
  if (value.end === 'step-limit' && value.steps.length < maxSteps) return { kind: 'malformed', problem: `${where}: runInterleaved() says it reached the step limit after ${value.steps.length} of ${maxSteps} steps` };
  const steps: InterleavedStep[] = [];
  for (const [i, raw] of (value.steps as readonly unknown[]).entries()) {
    const at = `${where}: runInterleaved() step ${i + 1}`;
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as { runnable?: unknown; thread?: unknown; report?: unknown };
    const runnable = checkRunnable(s.runnable);
    if (!runnable.ok) return { kind: 'malformed', problem: `${at}: runnable ${runnable.problem.replace(/^the value/, 'is')}` };
    const sorted = [...runnable.value].sort((a, b) => a - b);
    const bad = sorted.find((t) => t >= threads);
    if (bad !== undefined) return { kind: 'malformed', problem: `${at}: runnable names thread ${bad}, but the program has ${threads} threads (0..${threads - 1})` };
    if (sorted.length === 0) return { kind: 'malformed', problem: `${at}: no thread was runnable, yet a step was taken` };
    const want = sorted[(choices[i] ?? 0) % sorted.length] as number;
    if (s.thread !== want) {
      return { kind: 'malformed', problem: `${at}: moved thread ${JSON.stringify(s.thread)}, but choice ${choices[i] ?? '(none: the first)'} among runnable [${sorted.join(', ')}] picks thread ${want}` };
    }
    const report = checkStepReport(s.report);
    if (!report.ok) return { kind: 'malformed', problem: `${at} (thread ${want}): report ${report.problem.replace(/^the value/, 'is')}` };
    steps.push({ runnable: sorted, thread: want, report: report.value });
  }
  return { kind: 'steps', steps, outcome: value.end };
}
