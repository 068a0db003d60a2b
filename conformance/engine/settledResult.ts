import type { Clause } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { ClauseResult, Counterexample, StepRecord, UnusableAdapter } from '../types';
import type { Settled } from './settle';

/** What a counterexample takes from the search that found it: seed, path, replay command, runs before it. */
export type CounterexampleOrigin = Pick<Counterexample, 'seed' | 'path' | 'replay' | 'runsBeforeFailure'> & { readonly foundBy?: string };

/** Words for a hang's limits: "first stopped after 100 ms, confirmed with the 2500 ms limit". */
export const hangWords = (h: { readonly suspectedMs?: number; readonly confirmedMs: number }): string =>
  `${h.suspectedMs !== undefined ? `first stopped after ${h.suspectedMs} ms, ` : ''}confirmed with the ${h.confirmedMs} ms limit`;

/**
 * A clause's result from a settled failing run (`settle`), with the counterexample built from its steps;
 * `null` for a `slow` run (not a failure: the caller decides what to do next).
 */
export function settledResult(
  settled: Exclude<Settled, { kind: 'slow' }>,
  clause: Clause,
  scenario: Scenario,
  base: Omit<ClauseResult, 'verdict' | 'timeMs'>,
  origin: CounterexampleOrigin,
  started: number,
): ClauseResult | UnusableAdapter {
  const cx = (kind: Counterexample['kind'], message: string, steps: readonly StepRecord[], hang?: Counterexample['hang']): Counterexample => ({
    kind,
    clause: clause.id,
    message,
    config: scenario.config,
    ops: steps.map((st) => st.op),
    steps,
    ...origin,
    ...(hang !== undefined ? { hang } : {}),
  });
  const timeMs = Date.now() - started;
  switch (settled.kind) {
    case 'fail':
      return { ...base, verdict: 'fail', counterexample: cx('violation', settled.message, settled.run.steps, settled.hang), timeMs };
    case 'fault': {
      const r = settled.run;
      const how = r.outcome === 'timeout' ? 'hung' : 'crashed';
      const confirmed = settled.hang !== undefined ? ` (${hangWords(settled.hang)})` : '';
      return { ...base, verdict: 'error', error: `the adapter ${how}: ${r.message}${confirmed}`, counterexample: cx('adapter-fault', r.message, r.steps, settled.hang), timeMs };
    }
    case 'unusable':
      return { kind: 'unusable', problem: settled.problem };
    case 'nondeterministic':
      return { ...base, verdict: 'error', error: settled.message, nondeterminism: { first: settled.first, second: settled.second }, timeMs };
    default: {
      const never: never = settled;
      throw new Error(`unknown settlement ${JSON.stringify(never)}`);
    }
  }
}
