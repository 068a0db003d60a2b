import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MUTANTS } from '../../adapters/mutants';
import { clauseById } from '../../spec';
import { formatCounterexample } from '../counterexample/format';
import { describeClause, expectClauseFails, expectInterleavingFails, runClause } from './describeClause';

/**
 * The teeth of the generated suites: every mutant, run in a worker from `dist/`, fails the clause it
 * declares, with a short shrunk counterexample whose last step is where it left the spec.
 */
describe('expectClauseFails', () => {
  const levelOne = MUTANTS.filter((m) => clauseById(m.kills)?.level === 1);
  const levelTwo = MUTANTS.filter((m) => clauseById(m.kills)?.level === 2);

  it.each(levelTwo.map((m) => [m.name, m.kills] as const))('%s fails %s in some interleaving, the breaking step last and marked', async (name, kills) => {
    const cx = await expectInterleavingFails(kills, { adapter: name, runs: 200, seed: 11, opTimeoutMs: 150 });
    expect([cx.clause, cx.kind, cx.level, cx.stepsShow]).toEqual([kills, 'violation', 2, 'adapter']);
    expect(cx.steps.length).toBeLessThanOrEqual(16);
    expect(cx.steps.at(-1)?.diverged).toBe(true);
    expect(cx.steps.slice(0, -1).every((s) => !s.diverged)).toBe(true);
    expect(cx.replay).toBe(`npx cokit certify ${name} --clause ${kills} --seed 11 --path ${cx.path} --timeout 150 --out cokit-replay`);
    await expect(expectClauseFails(kills, { adapter: name, runs: 20, seed: 11 })).rejects.toThrow(`${name} was expected to fail ${kills} but its verdict is fail`);
  }, 60_000);

  it.each(levelOne.map((m) => [m.name, m.kills] as const))('%s fails %s with a short counterexample', async (name, kills) => {
    const cx = await expectClauseFails(kills, { adapter: name, runs: 200, seed: 11, opTimeoutMs: 150 });
    expect(cx.clause).toBe(kills);
    expect(cx.kind).toBe('violation');
    // At most 8 driver operations besides the creates (reversal-from-four needs four coroutines created).
    expect(cx.steps.filter((s) => s.op.op !== 'create').length).toBeLessThanOrEqual(8);
    expect(cx.steps.at(-1)?.diverged).toBe(true);
    expect(cx.steps.slice(0, -1).every((s) => !s.diverged)).toBe(true);
    expect(cx.path).toMatch(/^\d+(:\d+)*$/);
    expect(cx.replay).toBe(`npx cokit certify ${name} --clause ${kills} --seed 11 --path ${cx.path} --timeout 150 --out cokit-replay`);
  }, 60_000);

  it('the seed-literal list hangs in its BH: CO9, and the last step timed out', async () => {
    const cx = await expectClauseFails('CO9', { adapter: 'seed-literal-list', runs: 100, seed: 3, opTimeoutMs: 150 });
    expect(cx.steps.at(-1)?.outcome).toBe('timeout');
    // The hang was confirmed with the confirmation limit (≥ 2.5 s, more on a loaded machine), which it names.
    const confirmed = cx.hang?.confirmedMs ?? 0;
    expect(confirmed).toBeGreaterThanOrEqual(2500);
    expect(cx.steps.at(-1)?.detail).toBe(`timed out after ${confirmed} ms`);
    const clause = clauseById('CO9');
    if (clause === undefined) throw new Error('CO9 is not in the registry');
    expect(formatCounterexample(cx, clause)).toMatch(new RegExp(`observed: timed out after ${confirmed} ms`));
  }, 60_000);

  it('rejects an adapter that passes, naming its verdict', async () => {
    await expect(expectClauseFails('CO4', { adapter: 'reference', runs: 30 })).rejects.toThrow('reference was expected to fail CO4 but its verdict is pass');
  }, 60_000);

  it('throws for an unusable adapter, naming the problem', async () => {
    await expect(expectClauseFails('CO1', { adapter: 'no-such-adapter', runs: 5 })).rejects.toThrow(/unusable adapter 'no-such-adapter': unknown adapter/);
  });

  it('from JavaScript, options naming no adapter, or both a module and a command line, are refused by name', async () => {
    const untyped = (o: object) => o as Parameters<typeof runClause>[1];
    await expect(runClause('CO1', untyped({ runs: 5 }))).rejects.toThrow(/give either \{ adapter: '<module>' \} or \{ cmd: '<command line>' \}/);
    await expect(runClause('CO1', untyped({ adapter: 'reference', cmd: 'x' }))).rejects.toThrow(/"adapter":"reference","cmd":"x"/);
  });

  const hasPython = spawnSync('python3', ['--version']).status === 0;
  (hasPython ? it : it.skip)(hasPython ? 'a command line is certified through the process protocol (the Python example)' : 'SKIPPED: a command line through the process protocol (no python3 on this machine)', async () => {
    const r = await runClause('CO1', { cmd: `python3 ${join(__dirname, '..', '..', 'examples', 'python-adapter', 'scheduler.py')}`, runs: 30 });
    expect(r).toMatchObject({ clause: 'CO1', verdict: 'pass', runs: 30 });
  }, 60_000);
});

/** The glue registers a describe named for the clause whose test passes for the reference. */
describeClause('CO1', { adapter: 'reference', runs: 50, seed: 5 });
