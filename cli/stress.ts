import { randomInt } from 'node:crypto';
import { Command, InvalidArgumentError, Option } from 'commander';
import { clauseById } from '../spec';
import { openHost, type AdapterSource } from '../conformance/certify';
import { sourceArgument, sourceLabel } from '../conformance/source';
import { formatInterleavedCounterexample } from '../conformance/counterexample/formatInterleaved';
import { runLevel3 } from '../conformance/level3/runLevel3';
import type { Level3Result } from '../conformance/types';
import { cmdSource, positiveInt } from './certify';
import { progressReporter } from './progress';
import { renderLevel3 } from './table';

/** Exit codes of `cokit stress`, as `certify`'s. */
export const STRESS_EXIT = { pass: 0, fail: 1, error: 2 } as const;

const seedArg = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw new InvalidArgumentError(`the seed must be an integer in 0..2^32-1, got '${v}'`);
  return n;
};

interface StressFlags {
  readonly cmd?: string;
  readonly runs: number;
  readonly seconds: number;
  readonly seed?: number;
  readonly timeout: number;
  readonly runTimeout: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * `cokit stress`: level 3 alone, as long as asked. Seeded concurrent programs run on the adapter's real
 * threads; each observed trace is checked against the interleaved model. Stops at the first violation.
 */
export function registerStress(program: Command): void {
  program
    .command('stress')
    .description("level 3: run seeded concurrent programs on the scheduler's real threads and check every trace against the interleaved model")
    .argument('[adapter]', 'a module adapter claiming level 3 (or use --cmd)')
    .addOption(cmdSource.option)
    .addOption(new Option('--runs <n>', 'concurrent runs at most').default(1000).argParser(positiveInt('--runs')))
    .addOption(new Option('--seconds <s>', 'stop starting runs after this many seconds').default(60).argParser(positiveInt('--seconds')))
    .addOption(new Option('--seed <n>', 'seed of the programs and of the delays (default random, printed)').argParser(seedArg))
    .addOption(new Option('--timeout <ms>', 'time the child may take to start and greet, per request').default(250).argParser(positiveInt('--timeout')))
    .addOption(new Option('--run-timeout <ms>', 'time one concurrent run may take before it counts as a hang').default(5000).argParser(positiveInt('--run-timeout')))
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress bar')
    .action(async (adapter: string | undefined, flags: StressFlags) => {
      process.exitCode = await runStress(adapter, flags);
    });
}

async function runStress(adapter: string | undefined, flags: StressFlags): Promise<number> {
  let source: AdapterSource | string;
  if (flags.cmd !== undefined) source = cmdSource.make(adapter, { cmd: flags.cmd, timeout: flags.timeout });
  else source = adapter === undefined ? 'name an adapter or give --cmd "<command line>"' : { kind: 'module', ref: adapter };
  if (typeof source === 'string') return fail(source);
  const opened = await openHost(source, flags.timeout);
  if ('kind' in opened) return fail(`unusable adapter: ${opened.problem}`);
  const { host, meta } = opened;
  const seed = flags.seed ?? randomInt(2 ** 31);
  const label = sourceLabel(source);
  let result: Level3Result;
  try {
    if (!meta.levels.includes(3)) return fail(`${meta.name} does not claim level 3 (levels ${meta.levels.join(', ')})`);
    const progress = progressReporter(flags.quiet === true || flags.json === true);
    progress.onProgress({ kind: 'level3-start', runs: flags.runs });
    result = await runLevel3(host, {
      runs: flags.runs,
      seconds: flags.seconds,
      seed,
      runTimeoutMs: flags.runTimeout,
      replayCommand: (s) => `npx cokit stress ${sourceArgument(source)} --seed ${s} --runs ${flags.runs}`,
      onRun: (done, runs) => progress.onProgress({ kind: 'level3-run', done, runs }),
      profile: meta.profile,
    });
    progress.stop();
  } finally {
    await host.dispose();
  }
  if (flags.json === true) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const out = [`cokit stress ${label} — seed ${seed}, at most ${flags.runs} runs or ${flags.seconds} s`, renderLevel3({ level3: result }) ?? ''];
    const cx = result.counterexample;
    const clause = cx === undefined ? undefined : clauseById(cx.clause);
    if (cx !== undefined && clause !== undefined) out.push('', formatInterleavedCounterexample(cx, clause));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return result.verdict === 'pass' ? STRESS_EXIT.pass : result.verdict === 'fail' ? STRESS_EXIT.fail : STRESS_EXIT.error;
}

function fail(message: string): number {
  process.stderr.write(`cokit: ${message}\n`);
  return STRESS_EXIT.error;
}
