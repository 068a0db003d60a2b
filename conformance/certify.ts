import { clauseById, specProfile, type Clause, type ClauseId, type Profile, type SpecProfile } from '../spec';
import type { AdapterMeta } from '../adapters/contract';
import { MUTANTS } from '../adapters/mutants';
import { createProcessAdapter, splitCommandLine } from '../adapters/process';
import { checkClause } from './engine/checkClause';
import { checkHarvested } from './engine/checkHarvested';
import { Harvest } from './engine/discards';
import { TimeLimits } from './engine/timeLimits';
import type { Host } from './engine/host';
import { InProcessHost } from './engine/InProcessHost';
import { distFile, resolveAdapterModule } from './engine/paths';
import { WorkerHost } from './engine/WorkerHost';
import { kitVersion, specHash } from './specHash';
import type { CertificationResult, CertifyOptions, ClauseResult, Coverage, Level3Result, ProgressEvent, UnusableAdapter } from './types';
import { runTour } from './tour/runTour';
import { checkLevel2Clause } from './level2/checkLevel2';
import { runLevel3 } from './level3/runLevel3';
import { type AdapterSource, shellQuote, sourceArgument, sourceLabel, sourceOption } from './source';

export type { AdapterSource } from './source';

/** Where the printed replay commands write their report: never over the report they came from. */
export const REPLAY_OUT = 'cokit-replay';

interface Opened {
  readonly host: Host;
  readonly meta: AdapterMeta;
}

/**
 * Make the host for a source and learn the adapter's meta, or say why the adapter is unusable. `limits`:
 * `--timeout`, or the time limits (with their confirmation limit) the host and a process child share.
 */
export async function openHost(source: AdapterSource, limits: number | TimeLimits): Promise<Opened | UnusableAdapter> {
  const timeLimits = typeof limits === 'number' ? new TimeLimits(limits) : limits;
  const opTimeoutMs = timeLimits.opMs;
  if (source.kind === 'object') {
    const problem = source.adapter.ready === undefined ? null : await source.adapter.ready();
    if (problem !== null) return { kind: 'unusable', problem };
    return { host: new InProcessHost(source.adapter, source.label, timeLimits), meta: source.adapter.meta };
  }
  if (source.kind === 'cmd') {
    const split = splitCommandLine(source.line);
    if (!split.ok) return { kind: 'unusable', problem: `--cmd: ${split.problem}` };
    const adapter = createProcessAdapter(split.words, { opTimeoutMs, limits: timeLimits });
    const problem = await adapter.ready();
    if (problem !== null) {
      adapter.dispose();
      return { kind: 'unusable', problem };
    }
    return { host: new InProcessHost(adapter, source.line, timeLimits, () => adapter.dispose(), true), meta: adapter.meta };
  }
  const modulePath = resolveAdapterModule(source.ref, MUTANTS.map((m) => m.name));
  if (typeof modulePath !== 'string') return { kind: 'unusable', problem: modulePath.problem };
  const script = distFile('conformance/engine/worker.js');
  if (typeof script !== 'string') return { kind: 'unusable', problem: script.problem };
  const host = new WorkerHost(script, modulePath, source.ref, timeLimits);
  const described = await host.describe();
  if (!described.ok) {
    await host.dispose();
    return { kind: 'unusable', problem: described.problem };
  }
  return { host, meta: described.meta };
}

/** The clauses a certification runs: the requested ones, or every active clause of the profile. */
export function selectClauses(ids: readonly ClauseId[] | undefined, profile: Profile = 'cancel'): Clause[] | string {
  const own = specProfile(profile).clauses;
  if (ids === undefined || ids.length === 0) return own.filter((c) => c.status === 'active');
  const out: Clause[] = [];
  for (const id of ids) {
    const c = clauseById(id);
    if (c === undefined) return `unknown clause '${id}': known clauses are ${own.map((k) => k.id).join(', ')}`;
    if (c.profile !== profile) return `clause '${id}' belongs to profile '${c.profile}', and the adapter is judged by profile '${profile}' (its clauses: ${own.map((k) => k.id).join(', ')})`;
    out.push(c);
  }
  return out;
}

/** Level 3's default budget in `certify`: runs and seconds, whichever ends first. */
export const DEFAULT_LEVEL3 = { runs: 300, seconds: 20 } as const;


/**
 * Certify an adapter: every selected clause at the adapter's levels, seeded and shrinking; a clause of a
 * level the adapter does not claim is `unsupported`. Returns the result, or why the adapter is unusable.
 */
export async function certify(
  source: AdapterSource,
  options: CertifyOptions,
  onProgress?: (e: ProgressEvent) => void,
): Promise<CertificationResult | UnusableAdapter> {
  const started = Date.now();
  const opened = await openHost(source, new TimeLimits(options.opTimeoutMs, options.confirmTimeoutMs));
  if ('kind' in opened) return opened;
  const { host, meta } = opened;
  const profile: SpecProfile = specProfile(options.profile ?? meta.profile);
  const clauses = selectClauses(options.clauses, profile.name);
  if (typeof clauses === 'string') {
    await host.dispose();
    return { kind: 'unusable', problem: clauses };
  }
  const label = sourceLabel(source);
  const named = sourceArgument(source);
  const results: ClauseResult[] = [];
  /** Level-2 runs that another clause (CO0) claims: they fail that clause, like the tour's failures. */
  const level2Others: ClauseResult[] = [];
  let coverage: Coverage | undefined;
  let level3: Level3Result | undefined;
  /** Runs of one clause's search that broke another clause, for that clause (see `checkHarvested`). */
  const harvest = new Harvest();
  try {
    for (const clause of clauses) {
      onProgress?.({ kind: 'clause-start', clause: clause.id, runs: options.runsPerClause });
      let result: ClauseResult | UnusableAdapter;
      if (clause.level === 2 && clause.profile === 'strict') {
        result = { clause: clause.id, slug: clause.slug, statement: clause.statement, verdict: 'unsupported', runs: 0, timeMs: 0, seed: options.seed, error: 'profile strict is checked at level 2 on its interleaved model (cokit check --model interleaved --profile strict); adapters are not driven at level 2 under it yet' };
      } else if (!meta.levels.includes(clause.level)) {
        result = { clause: clause.id, slug: clause.slug, statement: clause.statement, verdict: 'unsupported', runs: 0, timeMs: 0, seed: options.seed, error: `level ${clause.level} is not among the adapter's levels (${meta.levels.join(', ')})` };
      } else if (clause.level === 2) {
        const checked = await checkLevel2Clause(host, clause, {
          runs: options.runsPerClause,
          seed: options.seed,
          ...(options.path !== undefined ? { path: options.path } : {}),
          onProgress,
          replayCommand: (seed, path) =>
            `npx cokit certify ${named} --clause ${clause.id} --seed ${seed}${path === '' ? '' : ` --path ${shellQuote(path)}`} --timeout ${options.opTimeoutMs} --out ${REPLAY_OUT}`,
        });
        if ('kind' in checked) return checked;
        result = checked.result;
        level2Others.push(...checked.others);
      } else {
        result = await checkClause(host, clause, {
          runs: options.runsPerClause,
          seed: options.seed,
          ...(options.path !== undefined ? { path: options.path } : {}),
          onProgress,
          harvest,
          profile,
          replayCommand: (seed, path) =>
            `npx cokit certify ${named}${options.profile === undefined ? '' : ` --profile ${options.profile}`} --clause ${clause.id} --seed ${seed} --path ${shellQuote(path)} --timeout ${options.opTimeoutMs} --out ${REPLAY_OUT}`,
        });
      }
      if ('kind' in result) return result;
      results.push(result);
      onProgress?.({ kind: 'clause-end', result });
    }
    // A clause fails whenever its statement is broken within the runs made, whichever search made them.
    for (const [i, r] of results.entries()) {
      const clause = clauseById(r.clause);
      const found = harvest.get(r.clause);
      if (r.verdict !== 'pass' || clause === undefined || clause.level !== 1 || found === undefined) continue;
      const harvested = await checkHarvested(host, clause, found, { seed: options.seed, replay: `npx cokit replay report.json --clause ${clause.id} ${sourceOption(source)}`, onProgress, profile });
      if (harvested !== null) results[i] = { ...harvested, runs: r.runs + harvested.runs, timeMs: r.timeMs + harvested.timeMs, ...(r.discarded !== undefined ? { discarded: r.discarded } : {}) };
    }
    const tourWanted = options.tour ?? ((options.clauses === undefined || options.clauses.length === 0) && options.path === undefined);
    // The tour's scenarios and coverage come from profile `cancel`'s atomic model.
    if (tourWanted !== false && meta.levels.includes(1) && profile.name === 'cancel') {
      const tour = await runTour(host, options.seed, (id) => `npx cokit replay report.json --clause ${id} ${sourceOption(source)}`, tourWanted === true ? 'default' : tourWanted, onProgress);
      coverage = tour.fault === null ? tour.coverage : { ...tour.coverage, fault: tour.fault };
      for (const f of tour.failures) {
        const i = results.findIndex((r) => r.clause === f.clause);
        if (i !== -1 && results[i]?.verdict === 'pass') results[i] = { ...f, runs: (results[i]?.runs ?? 0) + 1 };
      }
    }
    const unrestricted = (options.clauses === undefined || options.clauses.length === 0) && options.path === undefined;
    // Level 3 depends on the machine's timing: `--runs 0` (the tour alone, the same verdicts every time) leaves it out.
    if (meta.levels.includes(3) && (options.level3 ?? (unrestricted && options.runsPerClause > 0))) {
      onProgress?.({ kind: 'level3-start', runs: options.level3Runs ?? DEFAULT_LEVEL3.runs });
      level3 = await runLevel3(host, {
        runs: options.level3Runs ?? DEFAULT_LEVEL3.runs,
        seconds: options.level3Seconds ?? DEFAULT_LEVEL3.seconds,
        seed: options.seed,
        replayCommand: (seed) => `npx cokit stress ${named} --seed ${seed} --runs ${options.level3Runs ?? DEFAULT_LEVEL3.runs}`,
        onRun: (done, runs) => onProgress?.({ kind: 'level3-run', done, runs }),
        profile: profile.name,
      });
    }
    for (const f of level2Others) {
      const i = results.findIndex((r) => r.clause === f.clause);
      const current = results[i];
      if (current !== undefined && current.verdict === 'pass' && f.interleaving !== undefined) results[i] = { ...current, verdict: 'fail', interleaving: f.interleaving };
    }
  } finally {
    await host.dispose();
  }
  const failed = results.some((r) => r.verdict === 'fail') || level3?.verdict === 'fail';
  const verdict = failed ? 'fails' : results.some((r) => r.verdict === 'error') || coverage?.fault !== undefined || level3?.verdict === 'error' ? 'error' : 'conforms';
  return { kit: kitVersion(), specHash: specHash(), adapter: meta, adapterRef: label, adapterKind: source.kind, options, profile: profile.name, clauses: results, ...(coverage !== undefined ? { coverage } : {}), ...(level3 !== undefined ? { level3 } : {}), verdict, durationMs: Date.now() - started };
}
