import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { render } from '../conformance/generator/main';
import { packageRoot } from '../conformance/engine/paths';
import { splitCommandLine } from '../adapters/process';

const SKELETON = `'use strict';
// The cokit adapter of your scheduler, written by \`cokit init\`. Connect your scheduler in apply():
// cokit sends driver operations and expects the events they caused, in order (see cokit's README).
//   op = { op: 'create', co, program } | { op: 'enter', co, from } | { op: 'schedule', co, ctx, from } | { op: 'poll', ctx }
//   events: { ev: 'entered', co, ctx, by: 'direct' | 'bh' } | { ev: 'yielded', co } | { ev: 'terminated', co }
//         | { ev: 'error', kind: 'recursive-entry' | 'entry-after-termination' | 'scheduled-elsewhere' | 'double-schedule', co, message }
exports.adapter = {
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

/** `cokit init [dir]`: an adapter skeleton and one jest suite per clause in a user's repository. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description("write an adapter skeleton (cokit-adapter.js) and the generated suites (cokit/*.test.js) into a repository")
    .argument('[dir]', 'the repository', '.')
    .option('--adapter <module>', "the adapter the suites certify: a path relative to the suites' folder, or a built-in name", '../cokit-adapter.js')
    .option('--cmd <command line>', "instead of an adapter module: a scheduler in any language speaking the process protocol, run from the repository's root")
    .action((dir: string, o: { adapter: string; cmd?: string }) => {
      const base = resolve(dir);
      const written: string[] = [];
      const split = o.cmd === undefined ? null : splitCommandLine(o.cmd);
      if (split !== null && !split.ok) {
        process.stderr.write(`cokit: --cmd: ${split.problem}\n`);
        process.exitCode = 2;
        return;
      }
      if (o.cmd === undefined && o.adapter === '../cokit-adapter.js' && !existsSync(join(base, 'cokit-adapter.js'))) {
        mkdirSync(base, { recursive: true });
        writeFileSync(join(base, 'cokit-adapter.js'), SKELETON);
        written.push('cokit-adapter.js');
      }
      for (const [path, text] of render(packageRoot(), { kind: 'user', adapter: o.adapter, ...(o.cmd !== undefined ? { cmd: o.cmd } : {}) })) {
        mkdirSync(join(base, 'cokit'), { recursive: true });
        writeFileSync(join(base, 'cokit', path), text);
        written.push(join('cokit', path));
      }
      process.stdout.write(`wrote ${written.join(', ')} in ${base}\nrun them with: npx jest cokit/   (COKIT_ADAPTER=<adapter> or COKIT_CMD="<command line>" to certify another)\n`);
    });
}
