import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A scheduler certified through `--cmd` is named that way everywhere the kit tells the user what to run
 * next: the replay commands, the badge's and the report's verify command, `cokit replay` and `cokit verify`
 * reading the report.
 */
const root = join(__dirname, '..');
const bin = join(root, 'bin', 'cokit.js');
const cokit = (...args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const c = (name: string): string => join(root, 'adapters', 'c', 'build', name);
/** The printed `Replay:` command, as arguments for `cokit` (the paths here need no quoting). */
const replayArgs = (out: string): string[] => {
  const line = /Replay: npx cokit (.*)/.exec(out)?.[1];
  if (line === undefined) throw new Error(`no replay command in:\n${out}`);
  return line.split(' ');
};

const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;

suite(hasCc ? 'cokit with --cmd: the C scheduler named by its command line' : 'SKIPPED: cokit with --cmd (no C compiler `cc` on this machine)', () => {
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('a hang is shrunk to the real 5-step run, and the replay commands name --cmd and reproduce it', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-'));
    const r = cokit('certify', '--cmd', c('cokit-c-seed-literal'), '--clause', 'CO9', '--seed', '1', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Shortest run found \(5 steps/);
    expect(r.out).toMatch(/✗ #4 poll\(x0\)\n\s+expected: entered\(c0, x0, bh\), yielded\(c0\)\n\s+observed: (timed out after \d+ ms|the adapter reported a timeout: no answer to 'apply' #\d+ within \d+ ms)/);
    const args = replayArgs(r.out);
    expect(args.slice(0, 3)).toEqual(['certify', '--cmd', c('cokit-c-seed-literal')]);
    expect(cokit(...args, '--out', mkdtempSync(join(tmpdir(), 'cokit-'))).out).toMatch(/Shortest run found \(5 steps/);
    const replayed = cokit('replay', join(out, 'report.json'), '--clause', 'CO9');
    expect(replayed.code).toBe(1);
    expect(replayed.out).toMatch(/VIOLATES CO9: poll\(x0\) never returned/);
  });

  it('a level-2 failure prints a replay command with --cmd that fails the same way', () => {
    const r = cokit('certify', '--cmd', c('cokit-c-unmark-before-caller'), '--clause', 'CO8', '--seed', '1', '--out', mkdtempSync(join(tmpdir(), 'cokit-')));
    expect(r.code).toBe(1);
    const args = replayArgs(r.out);
    expect(args.slice(0, 3)).toEqual(['certify', '--cmd', c('cokit-c-unmark-before-caller')]);
    const again = cokit(...args, '--out', mkdtempSync(join(tmpdir(), 'cokit-')));
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/CO8 caller-before-unmark violated at level 2 after 1 run/);
  });

  it('a conforming --cmd certification: the badge says how to verify it, and cokit verify re-runs the command line', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-'));
    const r = cokit('certify', '--cmd', c('cokit-c'), '--clause', 'CO1', '--clause', 'CO7', '--runs', '30', '--seed', '4', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'badge.svg'), 'utf8')).toContain(`verify: npx cokit verify report.json --cmd ${c('cokit-c')} (seed 4`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`npx cokit verify report.json --cmd ${c('cokit-c')}`);
    const v = cokit('verify', join(out, 'report.json'));
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/CONFIRMED: .*report\.json is what cokit finds for .*cokit-c with the recorded seed/);
    expect(cokit('verify', join(out, 'report.json'), '--cmd', c('cokit-c'), '--adapter', 'reference').code).toBe(2);
  });
});
