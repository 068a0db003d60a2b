import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_USER_ADAPTER, initCommand, type UserTarget } from '../conformance/generator/renderSuite';
import { renderUserSuites } from '../conformance/generator/userSuites';
import { kitVersion } from '../conformance/specHash';
import { splitCommandLine } from '../adapters/process/commandLine';

const SKELETON = `'use strict';
// The cokit adapter of your scheduler, written by \`cokit init\`. Connect your scheduler in apply():
// cokit sends driver operations and expects the events they caused, in order (see cokit's README and SPEC.md).
//   op = { op: 'create', co, program } | { op: 'enter', co, from } | { op: 'schedule', co, ctx, from } | { op: 'poll', ctx }
//   events: { ev: 'entered', co, ctx, by: 'direct' | 'bh' } | { ev: 'yielded', co } | { ev: 'terminated', co }
//         | { ev: 'error', kind: 'recursive-entry' | 'entry-after-termination' | 'scheduled-elsewhere' | 'double-schedule', co, message }
module.exports = {
  meta: { name: 'my-scheduler', version: '0.0.0', profile: 'cancel', levels: [1] },
  open({ contexts, coroutines }) {
    return {
      apply(op) {
        throw new Error(\`cokit-adapter.js is not connected to a scheduler yet: implement apply() for \${op.op}\`);
      },
      close() {},
    };
  },
};
`;

/** What `cokit init` writes, by path relative to the repository: the suites, and the skeleton when it is wanted. */
function plannedFiles(base: string, target: UserTarget): Map<string, string> {
  const files = new Map<string, string>();
  if (target.cmd === undefined && target.adapter === DEFAULT_USER_ADAPTER && !existsSync(join(base, 'cokit-adapter.js'))) files.set('cokit-adapter.js', SKELETON);
  for (const [name, text] of renderUserSuites(target)) files.set(join('cokit', name), text);
  return files;
}

/**
 * Write every file or none: each is first written beside its place under a temporary name; only when all of
 * them are written are they renamed into place. Returns the problem, naming the path, or null.
 */
function writeAll(base: string, files: ReadonlyMap<string, string>): string | null {
  const temporary: string[] = [];
  const tmp = (path: string): string => `${join(base, path)}.cokit-init-${process.pid}`;
  try {
    for (const [path, text] of files) {
      const file = join(base, path);
      if (existsSync(file) && !statSync(file).isFile()) throw new Error(`${file} exists and is not a file`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(tmp(path), text);
      temporary.push(tmp(path));
    }
  } catch (e) {
    for (const t of temporary) rmSync(t, { force: true });
    return e instanceof Error ? e.message : String(e);
  }
  for (const path of files.keys()) renameSync(tmp(path), join(base, path));
  return null;
}

/** Whether jest can be found from the repository (cokit's suites run in the project's own jest). */
function hasJest(base: string): boolean {
  try {
    require.resolve('jest/package.json', { paths: [base] });
    return true;
  } catch {
    return false;
  }
}

/** `cokit init [dir]`: an adapter skeleton and one jest suite per clause in a user's repository. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write an adapter skeleton (cokit-adapter.js) and the generated suites (cokit/*.test.js) into a repository')
    .argument('[dir]', 'the repository', '.')
    .option('--adapter <module>', "the adapter the suites certify: a path relative to the suites' folder, or a built-in name", DEFAULT_USER_ADAPTER)
    .option('--cmd <command line>', "instead of an adapter module: a scheduler in any language speaking the process protocol, run from the repository's root")
    .action((dir: string, o: { adapter: string; cmd?: string }) => {
      const base = resolve(dir);
      const split = o.cmd === undefined ? null : splitCommandLine(o.cmd);
      if (split !== null && !split.ok) {
        process.stderr.write(`cokit: --cmd: ${split.problem}\n`);
        process.exitCode = 2;
        return;
      }
      const target: UserTarget = { kind: 'user', adapter: o.adapter, ...(o.cmd !== undefined ? { cmd: o.cmd } : {}), kitVersion: kitVersion().version };
      const files = plannedFiles(base, target);
      const problem = writeAll(base, files);
      if (problem !== null) {
        process.stderr.write(`cokit: init wrote nothing: ${problem}\n`);
        process.exitCode = 2;
        return;
      }
      const lines = [
        `wrote ${[...files.keys()].join(', ')} in ${base}`,
        ...(hasJest(base) ? [] : ["the suites run in your project's jest, which is not installed there: npm install --save-dev jest"]),
        'run them with: npx jest cokit/   (COKIT_ADAPTER=<module> or COKIT_CMD="<command line>" certify another scheduler)',
        `regenerate them (after upgrading cokit, say) with: ${initCommand(target)}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
