import { clauseTitle, eventToString, opToString, type Clause, type Event } from '../../spec';
import type { Counterexample, StepRecord } from '../types';

const events = (es: readonly Event[]): string => (es.length === 0 ? '(none)' : es.map(eventToString).join(', '));

function observed(s: StepRecord): string {
  switch (s.outcome) {
    case 'completed':
      return events(s.observed);
    case 'timeout':
      return s.detail ?? 'timed out';
    case 'crash':
      return s.detail ?? 'crashed';
    default: {
      const never: never = s.outcome;
      throw new Error(`unknown outcome ${String(never)}`);
    }
  }
}

/** Hints per clause: where in QEMU the guarantee lives, what to look at first. */
const HINTS: Readonly<Record<string, string>> = {
  CO0: 'the trace differs in a way no specific clause names: compare the expected and observed events of the last step.',
  CO1: 'look at the direct entry (qemu_aio_coroutine_enter): it must clear co->scheduled, and co_schedule_bh_cb must skip a coroutine whose mark is not this schedule.',
  CO2: 'a terminated coroutine must never be entered again: check the termination state before entering, and the cancel on direct entry.',
  CO3: 'aio_co_schedule must always publish the coroutine on the list and arm the BH, even when the BH is already armed.',
  CO4: 'QSLIST_INSERT_HEAD_ATOMIC leaves the list newest first: co_schedule_bh_cb must reverse it before entering.',
  CO5: 'aio_co_schedule must refuse a coroutine whose co->scheduled is already set (scheduled-elsewhere / double-schedule).',
  CO6: 'qemu_aio_coroutine_enter must refuse a coroutine whose caller is set ("Co-routine re-entered recursively").',
  CO7: 'aio_co_schedule must set co->scheduled before QSLIST_INSERT_HEAD_ATOMIC publishes the coroutine.',
  CO8: 'qemu_aio_coroutine_enter must set co->caller before it clears co->scheduled.',
  CO9: 'a cancelled schedule leaves its node on the list: a new schedule must not link the same node again (use a fresh record per schedule, or unlink on cancel).',
};

/** The steps of a run, one block each: the operation, the events (both traces where they differ), the state. */
export function formatSteps(steps: readonly StepRecord[]): string[] {
  const lines: string[] = [];
  for (const s of steps) {
    lines.push(`${s.diverged ? '✗' : ' '} #${s.index} ${opToString(s.op)}`);
    if (s.diverged) {
      lines.push(`     expected: ${events(s.expected)}`);
      lines.push(`     observed: ${observed(s)}`);
    } else {
      lines.push(`     events:   ${events(s.observed.length > 0 ? s.observed : s.expected)}`);
    }
    lines.push(`     state:    ${s.stateAfter}`);
  }
  return lines;
}

/** Where certify wrote a counterexample's ITF file, and the option naming the adapter it came from. */
export interface WrittenCounterexample {
  readonly itfFile: string;
  /** `--adapter <module>` or `--cmd '<command line>'`. */
  readonly sourceOption: string;
}

/**
 * The text a failing clause prints: what was violated, how to replay it, the shrunk run step by step
 * (operation, expected and observed events, the spec state after the step), then hints.
 */
export function formatCounterexample(cx: Counterexample, clause: Pick<Clause, 'id' | 'slug'>, written?: WrittenCounterexample): string {
  const lines: string[] = [];
  const runs = `${cx.runsBeforeFailure + 1} run${cx.runsBeforeFailure === 0 ? '' : 's'}`;
  lines.push(cx.kind === 'adapter-fault' ? `${clauseTitle(clause)}: adapter error after ${runs} (not a verdict on the clause)` : `${clauseTitle(clause)} violated after ${runs}`);
  lines.push(`  ${cx.message}`);
  if (cx.hang !== undefined) lines.push(`  the hang was confirmed: it did not return within ${cx.hang.confirmedMs} ms either${cx.hang.suspectedMs !== undefined ? ` (first stopped after ${cx.hang.suspectedMs} ms)` : ''}`);
  if (cx.foundBy !== undefined) lines.push(`  found by ${cx.foundBy} (a run it set aside as this clause's), shrunk for this clause`);
  lines.push(`  seed ${cx.seed}, path "${cx.path}", contexts ${cx.config.contexts}, coroutines ${cx.config.coroutines}`);
  lines.push('');
  const ops = cx.steps.filter((st) => st.op.op !== 'create').length;
  const proof =
    cx.shortest === undefined
      ? ''
      : cx.shortest.status === 'proved'
        ? `, proved shortest: no run of fewer than ${ops} driver operations over these programs, coroutines and contexts violates ${clause.id} (${cx.shortest.runs} runs searched)`
        : `, not proved shortest (the search stopped after ${cx.shortest.runs} runs)`;
  lines.push(`Shortest run found (${cx.steps.length} step${cx.steps.length === 1 ? '' : 's'}${proof}):`);
  lines.push(...formatSteps(cx.steps));
  lines.push('');
  lines.push(`Replay: ${cx.replay}`);
  const hint = HINTS[clause.id];
  if (cx.kind === 'adapter-fault') lines.push('Hint: an adapter that hangs or crashes gets no verdict on the clause: fix the fault (or raise --timeout if the scheduler is merely slow), then certify again.');
  else if (hint !== undefined) lines.push(`Hint: ${hint}`);
  lines.push('Hint: the state line is the spec\'s state after each step, as the implementation should have it.');
  if (written !== undefined) lines.push(`Hint: \`npx cokit replay ${written.itfFile} ${written.sourceOption}\` replays exactly these steps (the command above re-runs the search's shrunk case).`);
  return lines.join('\n');
}

/** The evidence of a nondeterministic adapter: the same operations run twice, each run step by step. */
export function formatNondeterminism(evidence: { readonly first: readonly StepRecord[]; readonly second: readonly StepRecord[] }): string {
  return ['  first run:', ...formatSteps(evidence.first).map((l) => `    ${l}`), '  second run (same operations):', ...formatSteps(evidence.second).map((l) => `    ${l}`)].join('\n');
}
