import { clauseById, clauseTitle, type ClauseId } from '../../spec';
import { certify, type AdapterSource } from '../certify';
import { sourceLabel } from '../source';
import { claimedLevels } from './claimedLevels';
import { formatCounterexample } from '../counterexample/format';
import { formatInterleavedCounterexample } from '../counterexample/formatInterleaved';
import type { ClauseResult, Counterexample, InterleavedCounterexample } from '../types';

/** Budgets of a clause's run; the fixed seed by default, so a failure in CI replays. */
interface Budgets {
  readonly runs?: number;
  readonly seed?: number;
  readonly opTimeoutMs?: number;
}

/** The adapter: a module, or a scheduler in any language run as a child speaking the process protocol. */
export type ClauseSuiteOptions = Budgets &
  (
    | {
        /** `reference`, a mutant name, or a path to a module exporting an adapter (run in a worker thread). */
        readonly adapter: string;
        readonly cmd?: undefined;
      }
    | {
        /** A command line (as `cokit certify --cmd` takes it, run in jest's working directory). */
        readonly cmd: string;
        readonly adapter?: undefined;
      }
  );

/** The source the options name; from JavaScript, without types to say so, naming none or both is refused. */
function sourceOf(o: ClauseSuiteOptions): AdapterSource {
  const given = o as { adapter?: unknown; cmd?: unknown };
  if (typeof given.cmd === 'string' && given.adapter === undefined) return { kind: 'cmd', line: given.cmd };
  if (typeof given.adapter === 'string' && given.cmd === undefined) return { kind: 'module', ref: given.adapter };
  throw new Error(`cokit/jest: give either { adapter: '<module>' } or { cmd: '<command line>' }, got ${JSON.stringify({ adapter: given.adapter, cmd: given.cmd })}`);
}

/** Budgets of the generated suites: the seed is fixed so CI failures replay; COKIT_RUNS/COKIT_SEED override. */
export const DEFAULT_RUNS = 200;
export const DEFAULT_SEED = 20171128;
const envInt = (name: string): number | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' || !Number.isInteger(Number(v)) ? undefined : Number(v);
};

/** Run one clause against the adapter; an unusable adapter throws with the problem named. */
export async function runClause(id: ClauseId, o: ClauseSuiteOptions): Promise<ClauseResult> {
  const source = sourceOf(o);
  const result = await certify(source, {
    adapter: sourceLabel(source),
    runsPerClause: o.runs ?? envInt('COKIT_RUNS') ?? DEFAULT_RUNS,
    seed: o.seed ?? envInt('COKIT_SEED') ?? DEFAULT_SEED,
    opTimeoutMs: o.opTimeoutMs ?? 250,
    clauses: [id],
  });
  if ('kind' in result) throw new Error(`unusable adapter '${sourceLabel(source)}': ${result.problem}`);
  const r = result.clauses[0];
  if (r === undefined) throw new Error(`internal: no result for ${id}`);
  return r;
}

function explain(id: ClauseId, r: ClauseResult): string {
  const clause = clauseById(id);
  if (r.counterexample !== undefined && clause !== undefined) return formatCounterexample(r.counterexample, clause);
  if (r.interleaving !== undefined && clause !== undefined) return formatInterleavedCounterexample(r.interleaving, clause);
  return `${id}: ${r.verdict}${r.error !== undefined ? `: ${r.error}` : ''}`;
}

/**
 * Register a jest `describe` for one clause: the adapter must pass it; a failure prints the counterexample.
 * A clause of a level the adapter does not claim is skipped, its title saying so: not certified, never passed.
 */
export function describeClause(id: ClauseId, o: ClauseSuiteOptions): void {
  const clause = clauseById(id);
  if (clause === undefined) throw new Error(`unknown clause ${id}`);
  const levels = clause.level > 1 ? claimedLevels(sourceOf(o)) : null;
  describe(clauseTitle(clause), () => {
    if (levels !== null && !levels.includes(clause.level)) {
      it.skip(`${clause.statement} (unsupported: the adapter claims level${levels.length > 1 ? 's' : ''} ${levels.join(', ')}, not ${clause.level})`, () => undefined);
      return;
    }
    it(clause.statement, async () => {
      const r = await runClause(id, o);
      if (r.verdict !== 'pass') throw new Error(explain(id, r));
    }, 120_000);
  });
}

/** For the suites' teeth: the adapter must fail this clause; returns the counterexample. */
export async function expectClauseFails(id: ClauseId, o: ClauseSuiteOptions): Promise<Counterexample> {
  const r = await runClause(id, o);
  if (r.verdict !== 'fail' || r.counterexample === undefined) {
    throw new Error(`${sourceLabel(sourceOf(o))} was expected to fail ${id} but its verdict is ${r.verdict}${r.error !== undefined ? ` (${r.error})` : ''}`);
  }
  return r.counterexample;
}

/** For a level-2 clause's teeth: the adapter must fail it in some interleaving; returns that counterexample. */
export async function expectInterleavingFails(id: ClauseId, o: ClauseSuiteOptions): Promise<InterleavedCounterexample> {
  const r = await runClause(id, o);
  if (r.verdict !== 'fail' || r.interleaving === undefined) {
    throw new Error(`${sourceLabel(sourceOf(o))} was expected to fail ${id} at level 2 but its verdict is ${r.verdict}${r.error !== undefined ? ` (${r.error})` : ''}`);
  }
  return r.interleaving;
}
