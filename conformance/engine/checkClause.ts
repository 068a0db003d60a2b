import fc from 'fast-check';
import type { Clause, SpecProfile } from '../../spec';
import { clauseArbitrary, situationCounter, type Scenario } from '../arbitraries';
import type { ClauseResult, Counterexample, ProgressEvent, UnusableAdapter } from '../types';
import type { Host } from './host';
import { runScenario, type RunResult } from './runScenario';
import { compactScenario } from './compact';
import { Discards, type Harvest } from './discards';
import { confirmRun, settle } from './settle';
import { settledResult } from './settledResult';
import { searchShortest } from '../counterexample/shortest';

export interface CheckOptions {
  readonly runs: number;
  readonly seed: number;
  /** fast-check's replay path: re-runs exactly one recorded (shrunk) case. */
  readonly path?: string;
  /** Builds the command that replays a counterexample, given its seed and path. */
  readonly replayCommand: (seed: number, path: string) => string;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Where runs that break other clauses are left for those clauses (`certify` shares one across searches). */
  readonly harvest?: Harvest;
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

const same = (a: Scenario, b: Scenario): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Check one clause: random scenarios biased to its situation, seeded. A run that breaks only other clauses
 * is set aside (counted, and left in the harvest for those clauses) and the search goes on. On a failure
 * fast-check shrinks the scenario under the suspicion limits, and the shrunk one is settled: run again with
 * the confirmation limit on every operation (`settle`). A suspected hang that does not recur when given time
 * makes the whole search run again with the confirmation limit throughout, so a slow machine changes the
 * time a certification takes, never its verdicts.
 */
export async function checkClause(host: Host, clause: Clause, o: CheckOptions): Promise<ClauseResult | UnusableAdapter> {
  const first = await search(host, clause, o);
  if (first !== 'slow') return first;
  const again = await host.limits.confirming(() => search(host, clause, o));
  if (again !== 'slow') return again;
  // Stopped at the confirmation limit once, completed the next time: slow, and nothing else to report.
  return { clause: clause.id, slug: clause.slug, statement: clause.statement, runs: o.runs, seed: o.seed, verdict: 'pass', timeMs: 0 };
}

async function search(host: Host, clause: Clause, o: CheckOptions): Promise<ClauseResult | UnusableAdapter | 'slow'> {
  const started = Date.now();
  let runs = 0;
  let candidates = 0;
  let unusable: string | null = null;
  // The last failing run (the shrunk one, at the end): a holder, so the closure's writes are seen after it.
  const failing: { last: { readonly scenario: Scenario; readonly result: RunResult } | null } = { last: null };
  const discards = new Discards();
  const situation = situationCounter(clause.id);
  const property = fc.asyncProperty(clauseArbitrary(clause.id), async (s: Scenario) => {
    if (unusable !== null) return false;
    runs++;
    if (failing.last !== null) o.onProgress?.({ kind: 'shrink', clause: clause.id, candidates: ++candidates });
    else o.onProgress?.({ kind: 'run', clause: clause.id, done: Math.min(runs, o.runs), runs: o.runs, discarded: discards.runs });
    let r = await runScenario(host, s, true, o.profile);
    if (r.kind === 'adapter-fault' && r.stage === 'open') {
      // open() did not return: the adapter cannot run anything. Confirmed once, it ends the certification.
      o.onProgress?.({ kind: 'confirm', clause: clause.id, limitMs: host.limits.confirmMs });
      r = await confirmRun(host, s, o.profile);
      if (r.kind === 'adapter-fault' && r.stage === 'open') unusable = `${r.message} (confirmed with a limit of ${host.limits.confirmMs} ms)`;
    }
    if (r.kind === 'malformed') unusable = r.problem;
    if (unusable !== null) return false;
    situation.count(s, !failsFor(clause, r));
    if (r.kind === 'violation' && !failsFor(clause, r)) {
      if (failing.last === null) {
        discards.note(r.claims);
        o.harvest?.offer(r.claims, s, clause.id);
      }
      return true;
    }
    if (!failsFor(clause, r)) return true;
    failing.last = { scenario: s, result: r };
    return false;
  });
  const details = await fc.check(property, { numRuns: o.runs, seed: o.seed, ...(o.path !== undefined ? { path: o.path } : {}) });
  const discarded = discards.summary();
  const reached = situation.result();
  const base = { clause: clause.id, slug: clause.slug, statement: clause.statement, runs: Math.min(runs, o.runs), seed: o.seed, ...(discarded !== undefined ? { discarded } : {}), ...(reached !== null ? { situation: reached } : {}) };
  if (unusable !== null) return { kind: 'unusable', problem: unusable };
  if (!details.failed) return { ...base, verdict: 'pass', timeMs: Date.now() - started };
  const shrunk = details.counterexample?.[0];
  if (shrunk === undefined) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return { ...base, verdict: 'error', error: `the check itself failed: ${why}`, timeMs: Date.now() - started };
  }
  const last = failing.last;
  let scenario = shrunk;
  let result = last !== null && same(last.scenario, shrunk) ? last.result : await runScenario(host, shrunk, true, o.profile);
  // Drop coroutines and contexts the shrunk run never names, if the clause still fails without them.
  const compact = compactScenario(shrunk);
  if (compact !== shrunk) {
    const compactRun = await runScenario(host, compact, true, o.profile);
    if (compactRun.kind === 'violation' && compactRun.claims.some((c) => c.clause === clause.id)) {
      scenario = compact;
      result = compactRun;
    }
  }
  o.onProgress?.({ kind: 'confirm', clause: clause.id, limitMs: host.limits.confirmMs });
  const settled = await settle(host, clause, scenario, result, o.profile);
  if (settled.kind === 'slow') return 'slow';
  const path = details.counterexamplePath ?? '';
  const cx = { seed: o.seed, path, replay: o.replayCommand(o.seed, path), runsBeforeFailure: Math.max(0, details.numRuns - 1) } satisfies Partial<Counterexample>;
  const judged = settledResult(settled, clause, scenario, { ...base, runs: details.numRuns }, cx, started);
  if (settled.kind !== 'fail' || 'kind' in judged || judged.counterexample === undefined) return judged;
  // The verdict is settled; only the counterexample may get shorter.
  const best = await searchShortest(host, clause.id, scenario, o.profile);
  const shorter = best.run !== null && best.run.kind === 'violation' ? best.run : null;
  const claim = shorter?.claims.find((c) => c.clause === clause.id);
  const counterexample = shorter === null || claim === undefined
    ? { ...judged.counterexample, shortest: best.search }
    : { ...judged.counterexample, message: claim.message, config: best.scenario.config, ops: shorter.steps.map((st) => st.op), steps: shorter.steps, shortest: best.search };
  return { ...judged, counterexample, timeMs: Date.now() - started };
}
