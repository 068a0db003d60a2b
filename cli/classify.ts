import { randomInt } from 'node:crypto';
import { Command, Option } from 'commander';
import { classify, type Classification } from '../conformance/classify';
import type { AdapterSource } from '../conformance/certify';
import { cmdSource, positiveInt } from './certify';

/** Exit codes of `cokit classify`: 0 it implements `cancel` or `strict`; 1 `pre-patch` or `none`; 2 unusable. */
export const CLASSIFY_EXIT = { profile: 0, noProfile: 1, unusable: 2 } as const;

interface ClassifyFlags {
  readonly cmd?: string;
  readonly json?: boolean;
  readonly runs: number;
  readonly seed?: number;
  readonly timeout: number;
  readonly tour?: boolean;
}

/**
 * `cokit classify <adapter> | --cmd "<line>"`: which semantics the scheduler implements, whatever its meta
 * declares: `cancel` (the seed), `strict` (upstream QEMU since 6133b39f), `pre-patch` or `none`, with the
 * scenarios that show it and the certification that confirms it.
 */
export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description("say which semantics a scheduler implements (cancel, strict, pre-patch or none), with the evidence; its meta's profile is not trusted")
    .argument('[adapter]', "'reference', 'reference-strict', a mutant name, or a path to a module exporting an adapter")
    .addOption(new Option('--cmd <command line>', 'classify a child process speaking the process protocol'))
    .option('--json', 'print {"profile": …, "reason": …, "evidence": […], "certification": …} on stdout')
    .addOption(new Option('--runs <n>', 'random runs per clause of the confirming certification').default(100).argParser(positiveInt('--runs')))
    .addOption(new Option('--seed <n>', 'seed of the certification (default random)').argParser(positiveInt('--seed')))
    .option('--tour', 'include the transition tour in the confirming certification (profile cancel)')
    .addOption(new Option('--timeout <ms>', 'time an operation may take before it counts as a hang').default(250).argParser(positiveInt('--timeout')))
    .action(async (adapter: string | undefined, flags: ClassifyFlags) => {
      process.exitCode = await runClassify(adapter, flags);
    });
}

async function runClassify(adapter: string | undefined, flags: ClassifyFlags): Promise<number> {
  let source: AdapterSource | string;
  if (flags.cmd !== undefined) source = cmdSource.make(adapter, { timeout: flags.timeout, cmd: flags.cmd });
  else source = adapter === undefined ? 'name an adapter: cokit classify reference (or --cmd "<command line>")' : { kind: 'module', ref: adapter };
  if (typeof source === 'string') return unusable(source);
  const seed = flags.seed ?? randomInt(2 ** 31);
  const c = await classify(source, { runsPerClause: flags.runs, seed, opTimeoutMs: flags.timeout, ...(flags.tour === true ? { tour: true } : {}) });
  if ('kind' in c) return unusable(`unusable adapter: ${c.problem}`);
  process.stdout.write(flags.json === true ? `${JSON.stringify(c, null, 2)}\n` : render(c));
  return c.profile === 'cancel' || c.profile === 'strict' ? CLASSIFY_EXIT.profile : CLASSIFY_EXIT.noProfile;
}

function render(c: Classification): string {
  const lines = [`profile: ${c.profile}${c.declared === c.profile ? '' : ` (its meta declares ${c.declared})`}`, `  ${c.reason}`, '', 'evidence:'];
  for (const e of c.evidence) {
    lines.push(`  ${e.scenario}: ${e.meaning} → ${e.shows}`);
    e.ops.forEach((op, i) => lines.push(`    ${op}${i === 0 ? '' : `  →  ${e.observed[i - 1] ?? ''}`}`));
  }
  if (c.certification !== undefined) {
    const f = c.certification.failing;
    lines.push('', `certification as profile ${c.certification.profile} (seed ${c.certification.seed}): ${c.certification.verdict}${f.length === 0 ? '' : ` — ${f.map((x) => `${x.clause} ${x.verdict}`).join(', ')}`}`);
    lines.push(`  replay: ${c.certification.replay}`);
  }
  return `${lines.join('\n')}\n`;
}

function unusable(message: string): number {
  process.stderr.write(`cokit: ${message}\n`);
  return CLASSIFY_EXIT.unusable;
}
