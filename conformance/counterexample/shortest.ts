import type { ClauseId, DriverOp, Program, SessionConfig, SpecProfile } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { Host } from '../engine/host';
import { runScenario, type RunResult } from '../engine/runScenario';

/** Candidate runs the search may make at most (a count, not a time, so its result is the same every time). */
export const SHORTEST_RUN_BUDGET = 4000;

/** What the search established about a counterexample's length. */
export interface ShortestSearch {
  /**
   * `proved`: no run of fewer driver operations violates the clause within the bounds (the counterexample's
   * programs, at most its coroutines and contexts, every enabled operation). `not-proved`: the run budget
   * ended the search first, or a candidate hung (its cost is a fresh worker).
   */
  readonly status: 'proved' | 'not-proved';
  /** Driver operations (after the creates) of the counterexample the search ends with. */
  readonly operations: number;
  /** Candidate runs made. */
  readonly runs: number;
  readonly ms: number;
}

/** Every driver operation over a session's ids (enter, schedule from every context, poll). */
function alphabet(c: SessionConfig): DriverOp[] {
  const ops: DriverOp[] = [];
  for (let co = 0; co < c.coroutines; co++) for (let from = 0; from < c.contexts; from++) ops.push({ op: 'enter', co, from });
  for (let co = 0; co < c.coroutines; co++) for (let ctx = 0; ctx < c.contexts; ctx++) for (let from = 0; from < c.contexts; from++) ops.push({ op: 'schedule', co, ctx, from });
  for (let ctx = 0; ctx < c.contexts; ctx++) ops.push({ op: 'poll', ctx });
  return ops;
}

/** Whether a program names only coroutines and contexts of `c`. */
const fits = (p: Program, c: SessionConfig): boolean => p.every((i) => i.kind === 'yield' || (i.target < c.coroutines && (i.kind !== 'schedule' || i.ctx < c.contexts)));

/** The sessions to try, fewest coroutines and contexts first: the first k coroutines (their programs) and m contexts. */
function configs(s: Scenario): { config: SessionConfig; creates: DriverOp[] }[] {
  const programs = s.ops.flatMap((o) => (o.op === 'create' ? [o.program] : []));
  const out: { config: SessionConfig; creates: DriverOp[]; size: number }[] = [];
  for (let k = 1; k <= s.config.coroutines; k++)
    for (let m = 1; m <= s.config.contexts; m++) {
      const config = { coroutines: k, contexts: m };
      const mine = programs.slice(0, k);
      if (mine.length === k && mine.every((p) => fits(p, config))) out.push({ config, creates: mine.map((program, co) => ({ op: 'create', co, program })), size: k + m });
    }
  return out.sort((a, b) => a.size - b.size || a.config.coroutines - b.config.coroutines);
}

const violates = (r: RunResult, clause: ClauseId): boolean => r.kind === 'violation' && r.claims.some((c) => c.clause === clause);

/**
 * After shrinking: breadth-first over driver-operation sequences shorter than the counterexample's (length
 * 1, 2, …; at each length the sessions with fewer coroutines and contexts first, keeping the counterexample's
 * programs), run against the adapter, for a shorter run that violates the same clause. Returns the shortest
 * found (or the given one) and whether it is proved shortest within those bounds. The verdict never depends
 * on this: the clause failed before the search began.
 */
export async function searchShortest(
  host: Host,
  clause: ClauseId,
  given: Scenario,
  profile?: SpecProfile,
  budget = SHORTEST_RUN_BUDGET,
): Promise<{ readonly scenario: Scenario; readonly run: RunResult | null; readonly search: ShortestSearch }> {
  const started = Date.now();
  const length = given.ops.filter((o) => o.op !== 'create').length;
  let runs = 0;
  const done = (scenario: Scenario, run: RunResult | null, status: ShortestSearch['status']) => ({
    scenario,
    run,
    search: { status, operations: scenario.ops.filter((o) => o.op !== 'create').length, runs, ms: Date.now() - started },
  });
  const sessions = configs(given).map((c) => ({ ...c, ops: alphabet(c.config) }));
  for (let n = 1; n < length; n++) {
    for (const { config, creates, ops } of sessions) {
      const index = new Array<number>(n).fill(0);
      for (;;) {
        if (runs >= budget) return done(given, null, 'not-proved');
        runs++;
        const candidate: Scenario = { config, ops: [...creates, ...index.map((i) => ops[i] as DriverOp)] };
        const r = await runScenario(host, candidate, false, profile);
        if (violates(r, clause)) return done(candidate, await runScenario(host, candidate, true, profile), 'proved');
        // A hang that is not this clause's costs a fresh worker per run: stop rather than pay it again and again.
        if ((r.kind === 'adapter-fault' && r.outcome === 'timeout') || (r.kind === 'violation' && r.steps.some((st) => st.outcome === 'timeout'))) return done(given, null, 'not-proved');
        let d = n - 1;
        while (d >= 0 && (index[d] as number) + 1 >= ops.length) index[d--] = 0;
        if (d < 0) break;
        index[d] = (index[d] as number) + 1;
      }
    }
  }
  return done(given, null, 'proved');
}
