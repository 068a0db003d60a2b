import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { MUTANTS } from '../../adapters/mutants';
import { packageRoot } from '../engine/paths';
import { readClauses } from './readClauses';
import { readModelDocs } from './readModelDocs';
import { renderSpec } from './renderSpec';
import { renderStrictSpec } from './renderStrictSpec';
import { renderSuite, suiteFileName } from './renderSuite';

/** Every file the generator owns in the kit, by path, with its content. Deterministic: sorted, no timestamps. */
export function render(root: string): Map<string, string> {
  const clauses = readClauses(root).filter((c) => c.status === 'active');
  const strict = readClauses(root, 'strict').filter((c) => c.status === 'active');
  const files = new Map<string, string>();
  for (const c of [...clauses, ...strict]) {
    const killers = MUTANTS.filter((m) => m.kills === c.id).map((m) => m.name);
    files.set(join('conformance/generated', suiteFileName(c)), renderSuite(c, killers));
  }
  files.set('SPEC.md', `${renderSpec(clauses, MUTANTS, readModelDocs(root))}\n${renderStrictSpec(strict, MUTANTS)}`);
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Differences between what the generator would write and what is on disk under `base`. */
export function staleFiles(base: string, files: Map<string, string>, generatedDir: string | null): string[] {
  const problems: string[] = [];
  for (const [path, text] of files) {
    const file = join(base, path);
    if (!existsSync(file)) problems.push(`missing: ${path}`);
    else if (readFileSync(file, 'utf8') !== text) problems.push(`stale: ${path}`);
  }
  if (generatedDir !== null && existsSync(join(base, generatedDir))) {
    for (const name of readdirSync(join(base, generatedDir))) {
      const path = join(generatedDir, name);
      if (!files.has(path)) problems.push(`extra: ${path} (no clause generates it)`);
    }
  }
  return problems;
}

export function main(argv: readonly string[]): number {
  const program = new Command('generate')
    .description('write one jest suite per clause and SPEC.md from the clause registry (a user\'s repository: `cokit init`)')
    .option('--check', 'fail (exit 1) if the generated files on disk are stale, missing or extra')
    .exitOverride();
  try {
    program.parse(argv as string[], { from: 'user' });
  } catch {
    return 2;
  }
  const o = program.opts<{ check?: boolean }>();
  const base = packageRoot();
  const files = render(base);
  if (o.check === true) {
    const problems = staleFiles(base, files, 'conformance/generated');
    for (const p of problems) process.stderr.write(`generate --check: ${p}\n`);
    if (problems.length > 0) process.stderr.write('run `npm run generate` and commit the result\n');
    return problems.length > 0 ? 1 : 0;
  }
  for (const [path, text] of files) {
    const file = join(base, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  process.stdout.write(`wrote ${files.size} files under ${base}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
