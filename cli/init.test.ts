import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const jestBin = join(root, 'node_modules', 'jest', 'bin', 'jest.js');

/** A scratch project with cokit installed (linked) and its suites written by `cokit init`. */
function scratch(adapter: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cokit-init-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, scripts: { test: 'jest' } }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'cokit'), 'dir');
  const init = spawnSync(process.execPath, [join(root, 'bin', 'cokit.js'), 'init', dir, ...adapter], { encoding: 'utf8' });
  expect(init.status).toBe(0);
  return dir;
}

const runJest = (dir: string, env: Record<string, string> = {}, args: string[] = []) =>
  spawnSync(process.execPath, [jestBin, '--rootDir', dir, '--ci', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, COKIT_RUNS: '60', ...env } });

describe('cokit init', () => {
  it('scaffolds suites that pass against the reference and fail against a mutant in the user\'s own jest', () => {
    const dir = scratch(['--adapter', 'reference']);
    expect(readdirSync(join(dir, 'cokit')).filter((f) => f.endsWith('.test.js'))).toHaveLength(10);
    const pass = runJest(dir);
    expect(pass.stderr).toMatch(/Tests:\s+10 passed, 10 total/);
    expect(pass.status).toBe(0);
    const fail = runJest(dir, { COKIT_ADAPTER: 'lifo' });
    expect(fail.status).toBe(1);
    expect(fail.stderr).toMatch(/CO4 fifo violated after \d+ runs?/);
  });

  it('shows the clauses of a level a level-1 adapter does not claim as skipped, with the reason, never as passed', () => {
    const dir = scratch(['--adapter', join(root, 'conformance', 'fixtures', 'level-one.js')]);
    const r = runJest(dir, { COKIT_RUNS: '20' }, ['--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Tests:\s+2 skipped, 8 passed, 10 total/);
    const results = (JSON.parse(r.stdout) as { testResults: { assertionResults: { status: string; fullName: string }[] }[] }).testResults.flatMap((t) => t.assertionResults);
    const levelTwo = results.filter((a) => /^CO[78] /.test(a.fullName));
    expect(levelTwo.map((a) => a.status)).toEqual(['pending', 'pending']);
    for (const a of levelTwo) expect(a.fullName).toMatch(/\(unsupported: the adapter claims level 1, not 2\)$/);
  });

  it('says in each suite how to regenerate it in the repository, with the options that wrote it', () => {
    const dir = scratch(['--adapter', 'reference']);
    const text = readFileSync(join(dir, 'cokit', 'CO4-fifo.test.js'), 'utf8');
    expect(text).toMatch(/run `npx cokit init --adapter reference` in the folder that holds this cokit\/ folder/);
    expect(text).not.toMatch(/npm run generate/);
  });

  it('writes nothing unless it can write everything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cokit-init-'));
    mkdirSync(join(dir, 'cokit', 'CO9-reschedule-after-cancel.test.js'), { recursive: true });
    const r = spawnSync(process.execPath, [join(root, 'bin', 'cokit.js'), 'init', dir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/init wrote nothing: .*CO9-reschedule-after-cancel\.test\.js exists and is not a file/);
    expect(readdirSync(dir)).toEqual(['cokit']);
    expect(readdirSync(join(dir, 'cokit'))).toEqual(['CO9-reschedule-after-cancel.test.js']);
  });

  it('writes an adapter skeleton that says what to connect when it is not yet connected', () => {
    const dir = scratch([]);
    const r = runJest(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cokit-adapter\.js is not connected to a scheduler yet/);
  });

  it('refuses a --cmd it could never run, before writing anything', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cokit-init-')), 'repo');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'cokit.js'), 'init', dir, '--cmd', "'unterminated"], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--cmd: unterminated single quote/);
    expect(() => readdirSync(dir)).toThrow();
  });

  const hasCc = spawnSync('cc', ['--version']).status === 0;
  (hasCc ? it : it.skip)(hasCc ? '--cmd: the suites certify a C scheduler through the process protocol, and COKIT_CMD switches to another build' : 'SKIPPED: init --cmd (no C compiler `cc` on this machine)', () => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
    const c = (name: string): string => join(root, 'adapters', 'c', 'build', name);
    const dir = scratch(['--cmd', c('cokit-c')]);
    expect(readdirSync(dir)).not.toContain('cokit-adapter.js');
    const pass = runJest(dir);
    expect(pass.stderr).toMatch(/Tests:\s+10 passed, 10 total/);
    const fail = runJest(dir, { COKIT_CMD: c('cokit-c-unmark-before-caller') });
    expect(fail.status).toBe(1);
    expect(fail.stderr).toMatch(/CO8 caller-before-unmark violated at level 2/);
    expect(fail.stderr).toMatch(/Tests:\s+1 failed, 9 passed, 10 total/);
  });
});
