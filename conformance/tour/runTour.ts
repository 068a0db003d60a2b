import { clauseById } from '../../spec';
import type { Host } from '../engine/host';
import { hangLimit, runScenario } from '../engine/runScenario';
import { confirmRun } from '../engine/settle';
import type { ClauseResult, Coverage, ProgressEvent } from '../types';
import { buildTour, DEFAULT_TOUR_BOUNDS } from './transitionTour';

export interface TourOutcome {
  readonly coverage: Coverage;
  /** Clause results the tour changed: a clause the random runs passed but a tour leg violates. */
  readonly failures: readonly ClauseResult[];
  /** An adapter fault met on the tour, if any (the tour stops there). */
  readonly fault: string | null;
}

/**
 * Run the transition tour of the bounded atomic spec against an adapter: every leg, recording which spec
 * states and transitions the adapter went through in agreement with the spec. A leg that diverges counts
 * its steps up to the divergence, and a clause it violates fails with that leg as its counterexample.
 */
export async function runTour(host: Host, seed: number, replayCommand: (clause: string) => string, onProgress?: (e: ProgressEvent) => void): Promise<TourOutcome> {
  const started = Date.now();
  const tour = buildTour(DEFAULT_TOUR_BOUNDS);
  const statesSeen = new Uint8Array(tour.states);
  const edgesSeen = new Uint8Array(tour.transitions);
  statesSeen[0] = 1;
  const creates = tour.bounds.coroutines;
  const failures = new Map<string, ClauseResult>();
  let fault: string | null = null;
  onProgress?.({ kind: 'tour-start', legs: tour.legs.length });
  for (const [done, leg] of tour.legs.entries()) {
    if (done % 50 === 0) onProgress?.({ kind: 'tour-leg', done, legs: tour.legs.length });
    const first = await runScenario(host, leg.scenario, false);
    // A hang or crash is judged only once it recurs given the confirmation limit (a slow leg is no fault).
    const r = first.kind === 'adapter-fault' || hangLimit(first) !== undefined ? await confirmRun(host, leg.scenario) : first;
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
    const full = await runScenario(host, leg.scenario, true);
    if (full.kind !== 'violation') continue;
    for (const claim of full.claims) {
      const clause = clauseById(claim.clause);
      if (clause === undefined || failures.has(claim.clause)) continue;
      failures.set(claim.clause, {
        clause: clause.id,
        slug: clause.slug,
        statement: clause.statement,
        verdict: 'fail',
        runs: 1,
        timeMs: Date.now() - started,
        seed,
        counterexample: { kind: 'violation', clause: clause.id, message: `${claim.message} (found by the transition tour)`, config: leg.scenario.config, ops: full.steps.map((s) => s.op), steps: full.steps, seed, path: '', replay: replayCommand(clause.id), runsBeforeFailure: 0 },
      });
    }
  }
  const count = (a: Uint8Array): number => a.reduce((n, v) => n + v, 0);
  const b = tour.bounds;
  return {
    coverage: {
      bounds: { coroutines: b.coroutines, contexts: b.contexts, yields: b.programs[0]?.length ?? 0, schedules: b.schedules },
      states: { covered: count(statesSeen), total: tour.states },
      transitions: { covered: count(edgesSeen), total: tour.transitions },
      legs: tour.legs.length,
      timeMs: Date.now() - started,
    },
    failures: [...failures.values()],
    fault,
  };
}
