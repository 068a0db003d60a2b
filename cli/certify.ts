import { randomInt } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ALL_CLAUSES, clauseById, PROFILES, type ClauseId, type Profile } from '../spec';
import { certify, type AdapterSource } from '../conformance/certify';
import { formatCounterexample, formatNondeterminism } from '../conformance/counterexample/format';
import { formatInterleavedCounterexample } from '../conformance/counterexample/formatInterleaved';
import { writeReports } from '../conformance/report/write';
import { splitCommandLine } from '../adapters/process';
import { shellQuote, sourceLabel, sourceOption } from '../conformance/source';
import { TOUR_NAMES, type TourName } from '../conformance/tour/tourSpace';
import { confirmLimitFor } from '../conformance/engine/timeLimits';
import { progressReporter } from './progress';
import { renderCoverage, renderLevel3, renderSummary, renderTable } from './table';

/** Exit codes of `cokit certify`. */
export const EXIT = { conforms: 0, fails: 1, unusable: 2 } as const;

export const positiveInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive integer, got '${v}'`);
  return n;
};

const nonNegativeInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer, got '${v}'`);
  return n;
};

const seedArg = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new InvalidArgumentError(`the seed must be a 32-bit integer, got '${v}'`);
  return n;
};

const clauseArg = (v: string, prev: ClauseId[] = []): ClauseId[] => {
  const c = clauseById(v.toUpperCase());
  if (c === undefined) throw new InvalidArgumentError(`unknown clause '${v}': one of ${ALL_CLAUSES.map((k) => k.id).join(', ')}`);
  return [...prev, c.id];
};

interface CertifyFlags {
  readonly runs: number;
  readonly seed?: number;
  readonly path?: string;
  readonly clause?: ClauseId[];
  readonly timeout: number;
  readonly confirmTimeout?: number;
  readonly out: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly tour: boolean | TourName;
  readonly profile?: Profile;
}

/** Options shared with the commands that certify a source built elsewhere (e.g. `--cmd`). */
export type SourceFactory = (adapter: string | undefined, flags: { readonly timeout: number } & Record<string, unknown>) => AdapterSource | string;

/** `--cmd "<command line>"`: certify a scheduler in any language, run as a child speaking the process protocol. */
export const cmdSource: { option: Option; make: SourceFactory } = {
  option: new Option('--cmd <command line>', 'certify a child process speaking the process protocol (adapters/process/PROTOCOL.md); quoted like a shell, never run by one'),
  make: (adapter, flags) => {
    const line = String(flags['cmd']);
    if (adapter !== undefined) return `give either an adapter (${adapter}) or --cmd, not both`;
    const split = splitCommandLine(line);
    if (!split.ok) return `--cmd: ${split.problem}`;
    return { kind: 'cmd', line };
  },
};

export function registerCertify(program: Command, extraSources: { option: Option; make: SourceFactory }[] = []): void {
  const cmd = program
    .command('certify')
    .description('certify an adapter: every clause, random seeded runs with shrinking; writes report.json, junit.xml and badge.svg')
    .argument('[adapter]', "'reference', a mutant name (see 'cokit mutants'), or a path to a module exporting an adapter")
    .addOption(new Option('--runs <n>', 'random runs per clause (0: the transition tour alone)').default(200).argParser(nonNegativeInt('--runs')))
    .addOption(new Option('--seed <n>', 'seed of the random runs (default: random, printed)').argParser(seedArg))
    .option('--path <path>', "replay one recorded case (fast-check path; use with --clause and --seed)")
    .addOption(new Option('--clause <id>', 'check only this clause (repeatable)').argParser(clauseArg))
    .addOption(new Option('--timeout <ms>', 'time an operation may take before it is suspected of hanging (the kit stops it sooner on a scheduler measured to be fast)').default(250).argParser(positiveInt('--timeout')))
    .addOption(new Option('--confirm-timeout <ms>', 'time every operation gets when a suspected hang is run again, before the hang is reported (default: 10 × --timeout, at least 2500)').argParser(positiveInt('--confirm-timeout')))
    .option('--out <dir>', 'directory for report.json, junit.xml and badge.svg', 'cokit-out')
    .option('--json', 'print the result as JSON on stdout instead of the table')
    .option('--quiet', 'no progress (bars on a terminal, a plain line every few seconds on CI or in a log)')
    .addOption(new Option('--profile <profile>', "judge by this profile instead of the one the adapter's meta declares").choices([...PROFILES]))
    .addOption(new Option('--tour <name>', "which transition tour of the bounded spec to run: 'default', 'deep' (larger, for release certifications) or 'yields' (the yield-only baseline); it runs by default unless --clause or --path is given").choices(TOUR_NAMES))
    .option('--no-tour', 'skip the transition tour');
  for (const s of extraSources) cmd.addOption(s.option);
  cmd.action(async (adapter: string | undefined, flags: CertifyFlags & Record<string, unknown>) => {
    process.exitCode = await runCertify(adapter, flags, extraSources);
  });
}

async function runCertify(adapter: string | undefined, flags: CertifyFlags & Record<string, unknown>, extra: { option: Option; make: SourceFactory }[]): Promise<number> {
  let source: AdapterSource | string | undefined;
  for (const s of extra) {
    if (flags[s.option.attributeName()] !== undefined) source = s.make(adapter, flags);
  }
  if (source === undefined) source = adapter === undefined ? 'name an adapter: cokit certify reference (or a mutant, or ./path/to/adapter.js)' : { kind: 'module', ref: adapter };
  if (typeof source === 'string') return fail(source);
  if (flags.path !== undefined && (flags.clause?.length ?? 0) !== 1) return fail('--path replays one recorded case of one clause: give exactly one --clause');
  if (flags.path !== undefined && flags.seed === undefined) return fail('--path needs the --seed it was recorded with');
  const seed = flags.seed ?? randomInt(2 ** 31);
  const progress = progressReporter(flags.quiet === true || flags.json === true);
  const result = await certify(
    source,
    { adapter: sourceLabel(source), runsPerClause: flags.runs, seed, opTimeoutMs: flags.timeout, ...(flags.confirmTimeout !== undefined ? { confirmTimeoutMs: flags.confirmTimeout } : {}), ...(flags.path !== undefined ? { path: flags.path } : {}), ...(flags.clause !== undefined ? { clauses: flags.clause } : {}), ...(flags.tour === true ? {} : { tour: flags.tour }), ...(flags.profile !== undefined ? { profile: flags.profile } : {}) },
    progress.onProgress,
  );
  progress.stop();
  if ('kind' in result) return fail(`unusable adapter: ${result.problem}`);
  const written = writeReports(result, resolve(flags.out));
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const coverage = renderCoverage(result);
    const level3 = renderLevel3(result);
    const out: string[] = [`cokit certify ${result.adapterRef} — profile ${result.profile}${result.profile === result.adapter.profile ? '' : ` (its meta declares ${result.adapter.profile})`}, seed ${seed}, ${flags.runs} runs per clause, timeout ${flags.timeout} ms (a hang is confirmed with ${flags.confirmTimeout ?? confirmLimitFor(flags.timeout)} ms)`, '', renderTable(result), ...(coverage !== null ? [coverage] : []), ...(level3 !== null ? [level3] : []), ''];
    for (const c of result.clauses) {
      const clause = clauseById(c.clause);
      const written = { itfFile: shellQuote(relative(process.cwd(), join(resolve(flags.out), 'counterexamples', `${c.clause}.itf.json`))), sourceOption: sourceOption(source) };
      if (c.verdict === 'fail' && c.counterexample !== undefined && clause !== undefined) out.push(formatCounterexample(c.counterexample, clause, written), '');
      if (c.verdict === 'fail' && c.interleaving !== undefined && clause !== undefined) out.push(formatInterleavedCounterexample(c.interleaving, clause), '');
      if (c.verdict === 'error') out.push(`${c.clause} error: ${c.error ?? 'adapter error'}`, ...(c.counterexample && clause ? [formatCounterexample(c.counterexample, clause)] : []), ...(c.nondeterminism ? [formatNondeterminism(c.nondeterminism)] : []), '');
    }
    const l3cx = result.level3?.counterexample;
    const l3clause = l3cx === undefined ? undefined : clauseById(l3cx.clause);
    if (l3cx !== undefined && l3clause !== undefined && !result.clauses.some((c) => c.interleaving === l3cx)) out.push(formatInterleavedCounterexample(l3cx, l3clause), '');
    out.push(renderSummary(result), `wrote ${written.join(', ')}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return result.verdict === 'conforms' ? EXIT.conforms : result.verdict === 'fails' ? EXIT.fails : EXIT.unusable;
}

function fail(message: string): number {
  process.stderr.write(`cokit: ${message}\n`);
  return EXIT.unusable;
}
