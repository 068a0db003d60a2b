import { Command, CommanderError } from 'commander';
import { CLAUSES, clauseTitle } from '../spec';
import { MUTANTS } from '../adapters/mutants';
import { kitVersion } from '../conformance/specHash';
import { cmdSource, registerCertify } from './certify';
import { registerVerifyReplay } from './verifyReplay';
import { registerInit } from './init';
import { registerCheck } from './check';
import { registerStress } from './stress';
import { registerClassify } from './classify';

/** The `cokit` command line. Bad arguments exit 2 with commander's message (never a stack trace). */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('cokit')
    .description('conformance kit for coroutine schedulers (the guarantees of QEMU\'s "Cancel aio_co_schedule() on direct entry")')
    .version(kitVersion().version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCertify(program, [cmdSource]);
  registerVerifyReplay(program);
  registerInit(program);
  registerCheck(program);
  registerStress(program);
  registerClassify(program);
  program
    .command('clauses')
    .description('list the guarantee clauses')
    .action(() => {
      for (const c of CLAUSES) process.stdout.write(`${clauseTitle(c).padEnd(32)} L${c.level}  ${c.statement}\n`);
    });
  program
    .command('mutants')
    .description('list the broken schedulers and the clause each must be rejected by')
    .action(() => {
      for (const m of MUTANTS) process.stdout.write(`${m.name.padEnd(22)} ${m.kills}  ${m.summary}\n`);
    });
  try {
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
