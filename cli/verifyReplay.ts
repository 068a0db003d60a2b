import { Command, Option } from 'commander';
import { formatSteps } from '../conformance/counterexample/format';
import { readRecordedRun, replayScenario } from '../conformance/replay';
import { readReport, verifyReport } from '../conformance/verify';
import type { AdapterSource } from '../conformance/certify';
import { recordedSource, sourceLabel } from '../conformance/source';
import { cmdSource, positiveInt } from './certify';
import { progressReporter } from './progress';

const say = (s: string): void => void process.stdout.write(`${s}\n`);
const complain = (s: string): number => {
  process.stderr.write(`cokit: ${s}\n`);
  return 2;
};

/** `cokit verify` and `cokit replay`. */
export function registerVerifyReplay(program: Command): void {
  program
    .command('verify')
    .description('re-run exactly what a report.json records and confirm or refute its verdicts; refuses an edited report')
    .argument('<report>', 'path to report.json')
    .option('--adapter <adapter>', 'the adapter to re-run (default: the one the report names)')
    .addOption(cmdSource.option)
    .option('--quiet', 'no progress (bars on a terminal, a plain line every few seconds on CI or in a log)')
    .action(async (path: string, o: { adapter?: string; cmd?: string; quiet?: boolean }) => {
      const report = readReport(path);
      if (typeof report === 'string') return void (process.exitCode = complain(report));
      const source = chosenSource(o) ?? recordedSource(report.adapterRef, report.adapterKind);
      if (typeof source === 'string') return void (process.exitCode = complain(source));
      const ref = sourceLabel(source);
      const progress = progressReporter(o.quiet === true);
      const v = await verifyReport(path, source, progress.onProgress);
      progress.stop();
      if (v.kind === 'refused') return void (process.exitCode = complain(v.reason));
      for (const c of v.checks) say(`${c.clause.padEnd(4)} recorded ${c.recorded.padEnd(11)} re-run ${c.rerun}${c.recorded === c.rerun ? '' : '   ← differs'}`);
      say(v.kind === 'confirmed' ? `CONFIRMED: ${path} is what cokit finds for ${ref} with the recorded seed and budgets` : `REFUTED: re-running ${ref} does not give the recorded verdicts`);
      process.exitCode = v.kind === 'confirmed' ? 0 : 1;
    });
  program
    .command('replay')
    .description('replay an ITF trace or a report counterexample against an adapter, step by step')
    .argument('<file>', 'an ITF counterexample (counterexamples/*.itf.json) or a report.json')
    .option('--adapter <adapter>', "the adapter to replay against (default: the report's)")
    .addOption(cmdSource.option)
    .option('--clause <id>', "with a report: the clause whose counterexample to replay")
    .addOption(new Option('--timeout <ms>', 'operation timeout').default(250).argParser(positiveInt('--timeout')))
    .action(async (file: string, o: { adapter?: string; cmd?: string; clause?: string; timeout: number }) => {
      const run = readRecordedRun(file, o.clause);
      if ('problem' in run) return void (process.exitCode = complain(run.problem));
      const source = chosenSource(o) ?? run.source;
      if (source === undefined) return void (process.exitCode = complain('name the adapter to replay against: --adapter <reference|mutant|path> or --cmd "<command line>"'));
      if (typeof source === 'string') return void (process.exitCode = complain(source));
      const ref = sourceLabel(source);
      const r = await replayScenario(run.scenario, source, o.timeout, run.clause);
      switch (r.kind) {
        case 'unusable':
        case 'malformed':
          process.exitCode = complain(`unusable adapter: ${r.problem}`);
          return;
        case 'agree':
          say(formatSteps(r.records).join('\n'));
          say(`AGREES: ${ref} produces the spec's events on all ${r.steps} steps${run.clause !== undefined ? ` (recorded for ${run.clause})` : ''}`);
          process.exitCode = 0;
          return;
        case 'violation':
          say(formatSteps(r.steps).join('\n'));
          for (const c of r.claims) say(`VIOLATES ${c.clause}: ${c.message}`);
          process.exitCode = 1;
          return;
        case 'adapter-fault':
          say(formatSteps(r.steps).join('\n'));
          say(`ADAPTER ERROR (${r.outcome}): ${r.message}`);
          process.exitCode = 2;
          return;
        default: {
          const never: never = r;
          throw new Error(`unknown replay result ${JSON.stringify(never)}`);
        }
      }
    });
}

/** The adapter named on the command line (`--adapter` or `--cmd`, not both), or undefined for the recorded one. */
function chosenSource(o: { adapter?: string; cmd?: string }): AdapterSource | string | undefined {
  if (o.adapter !== undefined && o.cmd !== undefined) return `give either --adapter (${o.adapter}) or --cmd, not both`;
  if (o.cmd !== undefined) return { kind: 'cmd', line: o.cmd };
  return o.adapter === undefined ? undefined : { kind: 'module', ref: o.adapter };
}
