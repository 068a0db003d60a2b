import { clauseTitle, concurrentProgramToString, eventToString, type Clause, type Event } from '../../spec';
import type { InterleavedCounterexample, InterleavedStepRecord } from '../types';

const events = (es: readonly Event[]): string => (es.length === 0 ? '' : `  →  ${es.map(eventToString).join(', ')}`);

/** Hints for concurrent counterexamples: where in the seed's order to look. */
const HINTS: Readonly<Record<string, string>> = {
  CO0: 'no order of the seed\'s atomic steps produces this trace: compare the observed events with the nearest interleaving above.',
  CO7: 'aio_co_schedule must set co->scheduled before QSLIST_INSERT_HEAD_ATOMIC makes the coroutine visible on the list.',
  CO8: 'qemu_aio_coroutine_enter must set co->caller before it clears co->scheduled (atomic_set(&co->scheduled, NULL)).',
};

/** The interleaving, one line per atomic step, with its events and the interleaved model's state after it. */
export function formatInterleavedSteps(steps: readonly InterleavedStepRecord[]): string[] {
  const lines: string[] = [];
  for (const [i, s] of steps.entries()) {
    lines.push(`${s.diverged ? '✗' : ' '} ${String(i + 1).padStart(3)} ${s.step}${events(s.events)}`);
    lines.push(`        state: ${s.stateAfter}`);
  }
  return lines;
}

/**
 * The text a failing concurrent run prints: the clause, the program, the threads' steps in the order they
 * ran (level 2) or in the order of the model interleaving nearest to the observed trace (level 3), the
 * observed events, the trace check's search size, and the command that replays it.
 */
export function formatInterleavedCounterexample(cx: InterleavedCounterexample, clause: Pick<Clause, 'id' | 'slug'>): string {
  const runs = `${cx.runsBeforeFailure + 1} run${cx.runsBeforeFailure === 0 ? '' : 's'}`;
  const lines: string[] = [];
  lines.push(cx.kind === 'adapter-fault' ? `${clauseTitle(clause)}: adapter error at level ${cx.level} after ${runs} (not a verdict on the clause)` : `${clauseTitle(clause)} violated at level ${cx.level} after ${runs}`);
  lines.push(`  ${cx.message}`);
  lines.push(`  program: ${concurrentProgramToString(cx.program)}`);
  lines.push(`  seed ${cx.seed}${cx.path === '' ? '' : `, path "${cx.path}"`}${cx.schedule === undefined ? '' : `, choices [${cx.schedule.join(', ')}]`}`);
  lines.push('');
  const heading = {
    adapter: `The threads' steps, in the order the kit let them run (${cx.steps.length}):`,
    witness: `An interleaving of the seed's steps, in the order the clause forbids, that shows exactly what was observed (${cx.steps.length} steps):`,
    nearest: `The interleaving of the patch's steps nearest to what was observed (${cx.steps.length} steps; ✗ after the last event it can show):`,
  }[cx.stepsShow];
  lines.push(heading);
  lines.push(...formatInterleavedSteps(cx.steps));
  lines.push('');
  lines.push(`Observed events: ${cx.observed.length === 0 ? '(none)' : cx.observed.map(eventToString).join(', ')}`);
  if (cx.search !== undefined) lines.push(`Trace check: ${cx.search.states.toLocaleString('en-US')} (state, position) pairs searched in ${Math.round(cx.search.ms)} ms`);
  lines.push(`Replay: ${cx.replay}`);
  const hint = HINTS[clause.id];
  if (cx.kind === 'adapter-fault') lines.push('Hint: an adapter that hangs or crashes gets no verdict on the clause: fix the fault, then certify again.');
  else if (hint !== undefined) lines.push(`Hint: ${hint}`);
  if (cx.level === 3) lines.push('Hint: real threads replay only as far as the machine\'s timing allows: the same seed makes the same program and the same delays.');
  return lines.join('\n');
}
