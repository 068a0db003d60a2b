import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const bin = join(__dirname, '..', 'bin', 'cokit.js');
const cokit = (...args: string[]): { code: number | null; out: string; err: string } => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('cokit certify (command line)', () => {
  it('certifies the reference: exit 0, table, report, JUnit and badge', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-'));
    const r = cokit('certify', 'reference', '--runs', '40', '--seed', '3', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CO1 cancel-on-direct-entry\s+PASS\s+40/);
    expect(r.out).toMatch(/CONFORMS/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { verdict: string; options: { seed: number }; adapter: { name: string } };
    expect(report).toMatchObject({ verdict: 'conforms', options: { seed: 3 }, adapter: { name: 'reference' } });
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testcase[^>]*name="CO9 reschedule-after-cancel/);
    expect(readFileSync(join(out, 'badge.svg'), 'utf8')).toMatch(/conforms L1/);
  });

  it('rejects a mutant: exit 1, the counterexample and its replay command, no badge', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-'));
    const r = cokit('certify', 'lifo', '--runs', '40', '--seed', '3', '--clause', 'CO4', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CO4 fifo violated after \d+ runs?/);
    expect(r.out).toMatch(/✗ #\d+ poll\(x\d\)\n\s+expected: entered\(c\d, x\d, bh\)/);
    const replay = /Replay: npx cokit (certify lifo --clause CO4 --seed 3 --path (\S+) --timeout 250) --out cokit-replay/.exec(r.out);
    expect(replay).not.toBeNull();
    expect(r.out).toContain(`Hint: \`npx cokit replay ${relative(process.cwd(), join(out, 'counterexamples', 'CO4.itf.json'))} --adapter lifo\` replays exactly these steps`);
    expect(existsSync(join(out, 'badge.svg'))).toBe(false);
    const again = cokit(...(replay?.[1] ?? '').split(' ').map((a) => a.replace(/^'|'$/g, '')), '--out', out);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/CO4 fifo violated after 1 run\b/);
  });

  it('exits 2 naming the problem for an unusable adapter or bad arguments', () => {
    const missing = cokit('certify', './no/such/adapter.js');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/adapter module .*no\/such\/adapter\.js does not exist/);
    expect(missing.err).not.toMatch(/at .*\.js:\d+/);
    const badRuns = cokit('certify', 'reference', '--runs', 'many');
    expect(badRuns.code).toBe(2);
    expect(badRuns.err).toMatch(/--runs must be a non-negative integer, got 'many'/);
    const badClause = cokit('certify', 'reference', '--clause', 'CO42');
    expect(badClause.code).toBe(2);
    expect(badClause.err).toMatch(/unknown clause 'CO42'/);
  });

  it('lists the clauses and the mutants', () => {
    expect(cokit('clauses').out).toMatch(/CO9 reschedule-after-cancel/);
    expect(cokit('mutants').out).toMatch(/seed-literal-list\s+CO9/);
  });
});
