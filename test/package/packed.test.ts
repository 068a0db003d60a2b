import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The packed package is the product: `npm pack`, the tarball and jest installed into a new project (from the
 * npm cache when it can), and the README's commands run there as a user runs them. Every command and what it
 * printed is appended to `transcript.txt` in the project, for a person to read.
 */
const root = join(__dirname, '..', '..');
const jestVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['jest'] ?? 'latest';
const work = mkdtempSync(join(tmpdir(), 'cokit-packed-'));
const project = join(work, 'project');
const transcript = join(project, 'transcript.txt');

interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

function run(cwd: string, command: string, args: readonly string[], env: Record<string, string> = {}): Ran {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, maxBuffer: 64 * 1024 * 1024 });
  const shown = `${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}${command} ${args.join(' ')}`;
  if (existsSync(project)) appendFileSync(transcript, `$ ${shown}\n${r.stdout}${r.stderr}[exit ${String(r.status)}]\n\n`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `npx cokit …` in the project, as the README writes it. */
const cokit = (args: readonly string[], env: Record<string, string> = {}): Ran => run(project, 'npx', ['cokit', ...args], env);
/** The project's own jest (two workers: the suites are independent files). */
const userJest = (args: readonly string[], env: Record<string, string> = {}): Ran => run(project, 'npx', ['jest', '--ci', '--maxWorkers=2', ...args], { COKIT_RUNS: '10', ...env });

interface JestJson {
  readonly testResults: readonly { readonly assertionResults: readonly { readonly status: string; readonly fullName: string }[] }[];
}
/** Every test of a `jest --json` run as `status: full name`, sorted. */
const verdicts = (r: Ran): string[] =>
  (JSON.parse(r.out) as JestJson).testResults
    .flatMap((t) => t.assertionResults.map((a) => `${a.status}: ${a.fullName}`))
    .sort();

let packed: { files: { path: string }[] };

beforeAll(() => {
  const pack = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0] ?? { files: [] };
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
  spawnSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'my-scheduler', version: '1.0.0', private: true, scripts: { test: 'jest' } }, null, 2)}\n`);
  for (const f of ['my-adapter.js', 'child.js', 'threads.js']) copyFileSync(join(__dirname, 'project', f), join(project, f));
  const install = run(project, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, `jest@${jestVersion}`]);
  if (install.code !== 0) throw new Error(`npm install failed: ${install.err}`);
  // The package has no install script (a clone compiles itself on its first command): npm has nothing to warn about.
  expect(existsSync(join(project, 'node_modules', 'cokit', 'tsconfig.build.json'))).toBe(false);
  expect(install.out + install.err).not.toMatch(/npm error|tsc -p|install-scripts|prepare/);
}, 600_000);

describe('the packed package, installed with jest in a new project', () => {
  it('ships the commands, the compiled kit and the documents, not the tests, benches or examples', () => {
    const paths = packed.files.map((f) => f.path);
    for (const p of ['adapters/process/PROTOCOL.md', 'SPEC.md', 'README.md', 'bin/cokit.js', 'dist/cli/main.js', 'dist/jest.js', 'dist/conformance/engine/worker.js']) expect(paths).toContain(p);
    expect(paths.filter((p) => /\.test\.|^dist\/(bench|examples|test)\/|^bin\/generate|\.map$/.test(p))).toEqual([]);
    expect(existsSync(join(project, 'node_modules', 'cokit', 'adapters', 'process', 'PROTOCOL.md'))).toBe(true);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'cokit', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependenciesMeta: Record<string, unknown> };
    expect(Object.keys(installed.dependencies)).not.toContain('ts-morph');
    expect(installed.peerDependenciesMeta).toEqual({ jest: { optional: true }, tsx: { optional: true } });
  });

  it('certify: the reference conforms, the report verifies; a user adapter in the CommonJS convention certifies', () => {
    const ref = cokit(['certify', 'reference', '--runs', '20', '--seed', '1', '--no-tour', '--quiet', '--out', 'ref-out']);
    expect([ref.code, ref.out]).toEqual([0, expect.stringMatching(/CONFORMS/)]);
    writeFileSync(join(project, 'my-adapter.ts'), "export { default } from './my-adapter.js';\n");
    const ts = cokit(['certify', './my-adapter.ts', '--quiet']);
    expect([ts.code, ts.err]).toEqual([2, expect.stringMatching(/a TypeScript adapter needs tsx to run without a build step: `npm install --save-dev tsx`/)]);
    const verify = cokit(['verify', 'ref-out/report.json']);
    expect([verify.code, verify.out]).toEqual([0, expect.stringMatching(/CONFIRMED/)]);
    const mine = cokit(['certify', './my-adapter.js', '--runs', '20', '--seed', '1', '--no-tour', '--quiet', '--out', 'mine-out']);
    expect(mine.code).toBe(0);
    expect(mine.out).toMatch(/CO7 mark-before-publish\s+UNSUPPORTED/);
    expect(mine.out).toMatch(/spec-stepper 1\.0\.0 .*CONFORMS/);
  });

  it('a failing clause prints a replay command that keeps its report, and a replay of the ITF file with the real path', () => {
    const fail = cokit(['certify', 'lifo', '--clause', 'CO4', '--seed', '3', '--runs', '50', '--quiet', '--out', 'lifo-out']);
    expect(fail.code).toBe(1);
    const report = readFileSync(join(project, 'lifo-out', 'report.json'), 'utf8');
    const again = /Replay: npx cokit (certify lifo .* --out cokit-replay)\n/.exec(fail.out)?.[1];
    const replay = /Hint: `npx cokit (replay lifo-out\/counterexamples\/CO4\.itf\.json --adapter lifo)`/.exec(fail.out)?.[1];
    expect([again, replay]).toEqual([expect.any(String), expect.any(String)]);
    expect(cokit((again ?? '').split(' ')).code).toBe(1);
    expect(readFileSync(join(project, 'lifo-out', 'report.json'), 'utf8')).toBe(report);
    expect(existsSync(join(project, 'cokit-replay', 'report.json'))).toBe(true);
    const replayed = cokit((replay ?? '').split(' '));
    expect([replayed.code, replayed.out]).toEqual([1, expect.stringMatching(/VIOLATES CO4/)]);
  });

  it('init --adapter: the project\'s own jest passes with CO7/CO8 skipped, the same under --shard, and fails for lifo', () => {
    const init = cokit(['init', '.', '--adapter', '../my-adapter.js']);
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/regenerate them .* with: npx cokit init --adapter \.\.\/my-adapter\.js/);
    const whole = userJest(['--json']);
    expect(whole.code).toBe(0);
    const all = verdicts(whole);
    expect(all.filter((v) => v.startsWith('pending: '))).toEqual([
      expect.stringMatching(/^pending: CO7 mark-before-publish .*\(unsupported: the adapter claims level 1, not 2\)$/),
      expect.stringMatching(/^pending: CO8 caller-before-unmark .*\(unsupported: the adapter claims level 1, not 2\)$/),
    ]);
    expect(all.filter((v) => v.startsWith('passed: '))).toHaveLength(8);
    const shards = [1, 2].map((i) => userJest([`--shard=${i}/2`, '--json']));
    expect(shards.map((s) => s.code)).toEqual([0, 0]);
    expect(shards.map((s) => verdicts(s).length).every((n) => n > 0)).toBe(true);
    expect(shards.flatMap(verdicts).sort()).toEqual(all);
    const lifo = userJest(['cokit/CO4'], { COKIT_ADAPTER: 'lifo' });
    expect(lifo.code).toBe(1);
    expect(lifo.err).toMatch(/CO4 fifo violated after \d+ runs?/);
  });

  it('init --cmd: the suites drive a child speaking the process protocol', () => {
    const init = cokit(['init', 'cmd-repo', '--cmd', 'node child.js']);
    expect(init.code).toBe(0);
    const r = userJest(['--json', 'cmd-repo/cokit/CO1', 'cmd-repo/cokit/CO8']);
    expect(r.code).toBe(0);
    expect(verdicts(r)).toEqual([expect.stringMatching(/^passed: CO1 /), expect.stringMatching(/^pending: CO8 .*\(unsupported: the adapter claims level 1, not 2\)$/)]);
  });

  it('check and stress run from the installed package', () => {
    const check = cokit(['check', '--coroutines', '1', '--contexts', '1', '--yields', '1', '--schedules', '1']);
    expect(check.code).toBe(0);
    const broken = cokit(['check', '--model', 'interleaved', '--variant', 'publish-before-mark', '--coroutines', '1', '--contexts', '1', '--drivers', '2', '--yields', '0', '--schedules', '1']);
    expect([broken.code, broken.out]).toEqual([1, expect.stringMatching(/CO7/)]);
    const stress = cokit(['stress', './threads.js', '--runs', '50', '--seed', '1']);
    expect(stress.code).toBe(0);
  });
});
