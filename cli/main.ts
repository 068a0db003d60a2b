import { Command, CommanderError } from 'commander';
import { kitVersion } from '../conformance/specHash';

/**
 * Each group of commands with its registration, loaded only when needed: `cokit clauses` must not pay for the
 * certifier, the report writers or the explorer. In the order `cokit --help` lists them.
 */
const COMMANDS: readonly (readonly [readonly string[], (program: Command) => Promise<void>])[] = [
  [['certify'], async (p) => {
    const { cmdSource, registerCertify } = await import('./certify');
    registerCertify(p, [cmdSource]);
  }],
  [['verify', 'replay'], async (p) => (await import('./verifyReplay')).registerVerifyReplay(p)],
  [['init'], async (p) => (await import('./init')).registerInit(p)],
  [['check'], async (p) => (await import('./check')).registerCheck(p)],
  [['stress'], async (p) => (await import('./stress')).registerStress(p)],
  [['classify'], async (p) => (await import('./classify')).registerClassify(p)],
  [['clauses', 'mutants'], async (p) => (await import('./listings')).registerListings(p)],
];

/**
 * The `cokit` command line. Bad arguments exit 2 with commander's message (never a stack trace). Only the
 * command named on the line is loaded; without one (`--help`, a typo) all are, so help and errors list them.
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('cokit')
    .description('conformance kit for coroutine schedulers (the guarantees of QEMU\'s "Cancel aio_co_schedule() on direct entry")')
    .version(kitVersion().version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    const named = argv.find((a) => !a.startsWith('-'));
    const group = COMMANDS.find(([names]) => named !== undefined && names.includes(named));
    for (const [, register] of group === undefined ? COMMANDS : [group]) await register(program);
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`cokit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main(process.argv.slice(2));
