import fc from 'fast-check';
import type { Clause, SpecProfile } from '../../spec';
import { clauseArbitrary, situationCounter, type Scenario } from '../arbitraries';
import type { ClauseResult, Counterexample, ProgressEvent, UnusableAdapter } from '../types';
import type { Host } from './host';
import { runScenario, type RunResult } from './runScenario';
import { compactScenario } from './compact';
import { searchShortest } from '../counterexample/shortest';

export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's replay path: re-runs exactly one recorded (shrunk) case. */
  readonly path?: string;
  /** Builds the command that replays a counterexample, given its seed and path. */
  readonly replayCommand: (seed: number, path: string) => string;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** The profile whose spec predicts and judges the runs (default `cancel`). */
  readonly profile?: SpecProfile;
}

/** Whether a run counts against this clause: it violates it, or the adapter is broken (error, not fail). */
function failsFor(clause: Clause, r: RunResult): boolean {
  switch (r.kind) {
    case 'agree':
      return false;
    case 'violation':
      return r.claims.some((c) => c.clause === clause.id);
    case 'adapter-fault':
    case 'malformed':
      return true;
    default: {
      const never: never = r;
      throw new Error(`unknown run result ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Check one clause: random scenarios biased to its situation, seeded; on failure fast-check shrinks the
 * scenario, and the shrunk one is run again to record every step for the counterexample.
 */
export async function checkClause(host: Host, clause: Clause, o: CheckOptions): Promise<ClauseResult | UnusableAdapter> {
  const started = Date.now();
  let runs = 0;
  let unusable: string | null = null;
  const situation = situationCounter(clause.id);
  const property = fc.asyncProperty(clauseArbitrary(clause.id), async (s: Scenario) => {
    if (unusable !== null) return false;
    runs++;
    if (runs % 25 === 0) o.onProgress?.({ kind: 'run', clause: clause.id, done: Math.min(runs, o.runs), runs: o.runs });
    const r = await runScenario(host, s, false, o.profile);
    if (r.kind === 'malformed') unusable = r.problem;
    const passed = !failsFor(clause, r);
    situation.count(s, passed);
    return passed;
  });
  const details = await fc.check(property, { numRuns: o.runs, seed: o.seed, ...(o.path !== undefined ? { path: o.path } : {}) });
  const reached = situation.result();
  const base = { clause: clause.id, slug: clause.slug, statement: clause.statement, runs: Math.min(runs, o.runs), seed: o.seed, ...(reached !== null ? { situation: reached } : {}) };
  if (!details.failed) return { ...base, verdict: 'pass', timeMs: Date.now() - started };
  if (unusable !== null) return { kind: 'unusable', problem: unusable };
  const shrunk = details.counterexample?.[0];
  if (shrunk === undefined) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return { ...base, verdict: 'error', error: `the check itself failed: ${why}`, timeMs: Date.now() - started };
  }
  // Drop coroutines and contexts the shrunk run never names, if the clause still fails without them.
  const compact = compactScenario(shrunk);
  const compactRun = compact === shrunk ? null : await runScenario(host, compact, true, o.profile);
  const keepsFailure = compactRun !== null && compactRun.kind === 'violation' && compactRun.claims.some((c) => c.clause === clause.id);
  const scenario = keepsFailure ? compact : shrunk;
  const final = keepsFailure && compactRun !== null ? compactRun : await runScenario(host, shrunk, true, o.profile);
  const path = details.counterexamplePath ?? '';
  const cx = (kind: Counterexample['kind'], message: string, steps: Counterexample['steps']): Counterexample => ({
    kind,
    clause: clause.id,
    message,
    config: scenario.config,
    ops: steps.map((st) => st.op),
    steps,
    seed: o.seed,
    path,
    replay: o.replayCommand(o.seed, path),
    runsBeforeFailure: Math.max(0, details.numRuns - 1),
  });
  const timeMs = Date.now() - started;
  const runsDone = details.numRuns;
  switch (final.kind) {
    case 'violation': {
      const mine = final.claims.find((c) => c.clause === clause.id);
      if (mine !== undefined) {
        // The verdict is settled; only the counterexample may get shorter.
        const best = await searchShortest(host, clause.id, scenario, o.profile);
        const shorter = best.run !== null && best.run.kind === 'violation' ? best.run : null;
        const claim = shorter?.claims.find((c) => c.clause === clause.id) ?? mine;
        const counterexample = { ...cx('violation', claim.message, shorter?.steps ?? final.steps), config: best.scenario.config, shortest: best.search };
        return { ...base, runs: runsDone, verdict: 'fail', counterexample, timeMs: Date.now() - started };
      }
      return { ...base, runs: runsDone, verdict: 'error', error: `the shrunk run no longer violates ${clause.id} (a nondeterministic adapter?): ${final.claims.map((c) => c.clause).join(', ')}`, timeMs };
    }
    case 'adapter-fault':
      return { ...base, runs: runsDone, verdict: 'error', error: `the adapter ${final.outcome === 'timeout' ? 'hung' : 'crashed'}: ${final.message}`, counterexample: cx('adapter-fault', final.message, final.steps), timeMs };
    case 'malformed':
      return { kind: 'unusable', problem: final.problem };
    case 'agree':
      return { ...base, runs: runsDone, verdict: 'error', error: 'the shrunk run passes when run again: the adapter is nondeterministic', timeMs };
    default: {
      const never: never = final;
      throw new Error(`unknown run result ${JSON.stringify(never)}`);
    }
  }
}
