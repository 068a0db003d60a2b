import { eventToString, opToString, type Clause, type SpecProfile } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { StepRecord } from '../types';
import type { Host } from './host';
import { hangLimit, runScenario, type RunResult } from './runScenario';

/**
 * What a failing run of a clause's search turns out to be once it is run again with every operation given
 * the confirmation limit (`TimeLimits.confirmMs`):
 * - `fail`: it violates the clause again (a hang among them: confirmed, `hang` names both limits);
 * - `fault`: the adapter hung again (confirmed) or crashed where no clause explains it: the clause's `error`;
 * - `unusable`: `open()` never returned even given that time, or the adapter answered out of contract;
 * - `nondeterministic`: the same operations gave different events (or completed once and hung once) — the
 *   only evidence on which the kit calls an adapter nondeterministic; both runs are kept, step by step;
 * - `slow`: the run was stopped on a suspicion and completes (in agreement, or breaking only other clauses)
 *   when given time: a slow run, not a failure of anything.
 */
export type Settled =
  | { readonly kind: 'fail'; readonly run: Extract<RunResult, { kind: 'violation' }>; readonly message: string; readonly hang?: { readonly suspectedMs?: number; readonly confirmedMs: number } }
  | { readonly kind: 'fault'; readonly run: Extract<RunResult, { kind: 'adapter-fault' }>; readonly hang?: { readonly suspectedMs?: number; readonly confirmedMs: number } }
  | { readonly kind: 'unusable'; readonly problem: string }
  | { readonly kind: 'nondeterministic'; readonly message: string; readonly first: readonly StepRecord[]; readonly second: readonly StepRecord[] }
  | { readonly kind: 'slow' };

/** The steps a run recorded (every step up to where it ended, with records). */
const stepsOf = (r: RunResult): readonly StepRecord[] => (r.kind === 'agree' ? r.records : r.kind === 'malformed' ? [] : r.steps);

/** What a run observed at step `i`, in words, for the side-by-side evidence. */
function observedAtStep(r: RunResult, i: number): string {
  const st = stepsOf(r)[i];
  if (st === undefined) return 'nothing (the run had ended)';
  return st.detail ?? (st.observed.length === 0 ? 'no events' : st.observed.map(eventToString).join(', '));
}

/** The first step where two runs of the same operations did not observe the same thing, if any. */
function firstDisagreement(a: RunResult, b: RunResult): number | null {
  const sa = stepsOf(a);
  const sb = stepsOf(b);
  const n = Math.max(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const x = sa[i];
    const y = sb[i];
    if (x === undefined || y === undefined) return i;
    if (x.outcome !== y.outcome || JSON.stringify(x.observed) !== JSON.stringify(y.observed)) return i;
  }
  return null;
}

/** Run `scenario` with the confirmation limit on every operation, recording every step. */
export const confirmRun = (host: Host, scenario: Scenario, profile?: SpecProfile): Promise<RunResult> => host.limits.confirming(() => runScenario(host, scenario, true, profile));

/**
 * Settle a failing run of `clause`'s search: `failing` is how `scenario` failed under the suspicion limits
 * (run with records). The scenario is run once more with the confirmation limit; see `Settled`.
 */
export async function settle(host: Host, clause: Clause, scenario: Scenario, failing: RunResult, profile?: SpecProfile): Promise<Settled> {
  const final = await confirmRun(host, scenario, profile);
  const suspected = hangLimit(failing);
  const hang = (r: RunResult): { hang?: { suspectedMs?: number; confirmedMs: number } } => {
    const confirmed = hangLimit(r);
    return confirmed === undefined ? {} : { hang: { ...(suspected !== undefined && suspected !== confirmed ? { suspectedMs: suspected } : {}), confirmedMs: confirmed } };
  };
  if (final.kind === 'malformed') return { kind: 'unusable', problem: final.problem };
  if (final.kind === 'adapter-fault' && final.stage === 'open') return { kind: 'unusable', problem: `${final.message} (confirmed: it did not return within the confirmation limit of ${host.limits.confirmMs} ms either)` };
  if (final.kind === 'violation') {
    const mine = final.claims.find((c) => c.clause === clause.id);
    if (mine !== undefined) return { kind: 'fail', run: final, message: mine.message, ...hang(final) };
  }
  if (final.kind === 'adapter-fault' && (failing.kind === 'adapter-fault' || suspected !== undefined)) return { kind: 'fault', run: final, ...hang(final) };
  // The failing run was stopped on a suspicion and the operations complete when given time: a slow run.
  if (suspected !== undefined && hangLimit(final) === undefined && final.kind !== 'adapter-fault') return { kind: 'slow' };
  const at = firstDisagreement(failing, final);
  if (at === null) {
    // Same observations, judged alike: cannot happen for a pure judge; say so rather than guess.
    throw new Error(`internal: ${clause.id}'s failing run and its confirmation observed the same steps but were judged differently`);
  }
  const op = stepsOf(failing)[at]?.op ?? stepsOf(final)[at]?.op;
  return {
    kind: 'nondeterministic',
    message: `the adapter is nondeterministic: the same operations, run twice, differ at step #${at}${op === undefined ? '' : ` ${opToString(op)}`}: the first run observed ${observedAtStep(failing, at)}; the second ${observedAtStep(final, at)}`,
    first: stepsOf(failing),
    second: stepsOf(final),
  };
}
