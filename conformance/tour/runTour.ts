import { type Claim, clauseById } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { Host } from '../engine/host';
import { hangLimit, runScenario, type RunResult } from '../engine/runScenario';
import { confirmRun } from '../engine/settle';
import type { ClauseResult, Coverage, Fraction, ProgressEvent, SpaceCoverage, StepRecord } from '../types';
import { buildTour, type Tour } from './transitionTour';
import { describeSpace, type TourName, tourSpaces } from './tourSpace';

export interface TourOutcome {
  readonly coverage: Coverage;
  /** Clause results the tour changed: a clause the random runs passed but a tour leg violates. */
  readonly failures: readonly ClauseResult[];
  /** An adapter fault met on the tour, if any (the tour stops there). */
  readonly fault: string | null;
}

/** Tours are a pure function of their spaces: built once per process. */
const built = new Map<TourName, readonly Tour[]>();

export function toursOf(name: TourName): readonly Tour[] {
  let tours = built.get(name);
  if (tours === undefined) {
    tours = tourSpaces(name).map((s) => buildTour(s));
    built.set(name, tours);
  }
  return tours;
}

const sum = (fs: readonly Fraction[]): Fraction => ({ covered: fs.reduce((n, f) => n + f.covered, 0), total: fs.reduce((n, f) => n + f.total, 0) });

/**
 * Run the transition tour of the bounded atomic spec against an adapter: every leg of every space,
 * recording which spec states and transitions the adapter went through in agreement with the spec. A leg
 * that diverges counts its steps up to the divergence, and a clause it violates fails with that leg as its
 * counterexample (the first such leg, in the tour's fixed order: the verdicts do not depend on the seed).
 */
export async function runTour(host: Host, seed: number, replayCommand: (clause: string) => string, name: TourName = 'default', onProgress?: (e: ProgressEvent) => void): Promise<TourOutcome> {
  const started = Date.now();
  const failures = new Map<string, ClauseResult>();
  const spaces: SpaceCoverage[] = [];
  let fault: string | null = null;
  const record = (claim: Claim, scenario: Scenario, steps: readonly StepRecord[]): void => {
    const clause = clauseById(claim.clause);
    if (clause === undefined || failures.has(claim.clause)) return;
    failures.set(claim.clause, {
      clause: clause.id,
      slug: clause.slug,
      statement: clause.statement,
      verdict: 'fail',
      runs: 1,
      timeMs: Date.now() - started,
      seed,
      counterexample: { kind: 'violation', clause: clause.id, message: `${claim.message} (found by the transition tour)`, config: scenario.config, ops: steps.map((st) => st.op), steps, seed, path: '', replay: replayCommand(clause.id), runsBeforeFailure: 0 },
    });
  };
  const total = toursOf(name).reduce((n, t) => n + t.legs.length, 0);
  let done = 0;
  onProgress?.({ kind: 'tour-start', legs: total });
  for (const tour of toursOf(name)) {
    const statesSeen = new Uint8Array(tour.states);
    const edgesSeen = new Uint8Array(tour.transitions);
    statesSeen[0] = 1;
    const creates = tour.space.bounds.coroutines;
    let legs = 0;
    for (const leg of fault === null ? tour.legs : []) {
      legs++;
      if (++done % 50 === 0) onProgress?.({ kind: 'tour-leg', done, legs: total });
      const first = await runScenario(host, leg.scenario, false);
      // A hang or crash counts only once it recurs given the confirmation limit (a slow leg is no fault).
      const r: RunResult = first.kind === 'adapter-fault' || hangLimit(first) !== undefined ? await confirmRun(host, leg.scenario) : first;
      const agreed = r.kind === 'agree' ? leg.edges.length : r.kind === 'malformed' ? 0 : Math.max(0, (r.steps[r.steps.length - 1]?.index ?? creates) - creates);
      for (let i = 0; i < agreed; i++) {
        edgesSeen[leg.edges[i] as number] = 1;
        statesSeen[leg.states[i] as number] = 1;
      }
      if (r.kind === 'malformed' || r.kind === 'adapter-fault') {
        fault = r.kind === 'malformed' ? r.problem : r.message;
        break;
      }
      if (r.kind !== 'violation') continue;
      // A scheduler that hung once (a clause's hang, such as CO9's cyclic list) would cost a fresh worker per later run.
      const hung = r.steps.some((st) => st.outcome === 'timeout');
      if (hung) fault = `stopped at the first hang, in a run that violates ${r.claims.map((c) => c.clause).join(', ')}`;
      if (r.claims.some((c) => !failures.has(c.clause))) {
        const full = await runScenario(host, leg.scenario, true);
        if (full.kind === 'violation') for (const claim of full.claims) record(claim, leg.scenario, full.steps);
      }
      if (hung) break;
    }
    const count = (a: Uint8Array): number => a.reduce((n, v) => n + v, 0);
    spaces.push({ space: describeSpace(tour.space), states: { covered: count(statesSeen), total: tour.states }, transitions: { covered: count(edgesSeen), total: tour.transitions }, legs });
  }
  return {
    coverage: {
      tour: name,
      spaces,
      states: sum(spaces.map((s) => s.states)),
      transitions: sum(spaces.map((s) => s.transitions)),
      legs: spaces.reduce((n, s) => n + s.legs, 0),
      timeMs: Date.now() - started,
    },
    failures: [...failures.values()],
    fault,
  };
}
