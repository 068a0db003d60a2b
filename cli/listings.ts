import type { Command } from 'commander';

/** `cokit clauses` (the registry alone: no certifier, no explorer) and `cokit mutants`. */
export function registerListings(program: Command): void {
  program
    .command('clauses')
    .description('list the guarantee clauses of both profiles (cancel: CO*, strict: ST*)')
    .action(async () => {
      const { ALL_CLAUSES } = await import('../spec/clauses/registry');
      const { clauseTitle } = await import('../spec/clauses/Clause');
      for (const c of ALL_CLAUSES) process.stdout.write(`${clauseTitle(c).padEnd(32)} ${c.profile.padEnd(6)} L${c.level}  ${c.statement}\n`);
    });
  program
    .command('mutants')
    .description('list the broken schedulers and the clause each must be rejected by')
    .action(async () => {
      const { MUTANTS } = await import('../adapters/mutants');
      for (const m of MUTANTS) process.stdout.write(`${m.name.padEnd(28)} ${m.kills}  ${m.summary}\n`);
    });
}
