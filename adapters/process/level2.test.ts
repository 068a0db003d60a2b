import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { CLAUSES, type ConcurrentProgram, type Event } from '../../spec';
import { adapter as reference } from '../reference';
import { InProcessHost } from '../../conformance/engine/InProcessHost';
import type { InterleavedReply } from '../../conformance/engine/host';
import { checkLevel2Clause, exhaust } from '../../conformance/level2/checkLevel2';
import { runLevel3 } from '../../conformance/level3/runLevel3';
import { EXHAUSTIVE_PROGRAMS, programArbitrary } from '../../conformance/level2/programs';
import { processHosts } from '../../test/support/processHosts';

const root = join(__dirname, '..', '..');
const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;
const title = hasCc ? 'level 2 over the process protocol: the C scheduler, gated at every step' : 'SKIPPED: level 2 of the C scheduler (no C compiler `cc` on this machine)';

const { host, disposeAll } = processHosts();
afterAll(disposeAll);

const clause = (id: string) => {
  const c = CLAUSES.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no clause ${id}`);
  return c;
};
const options = { runs: 300, seed: 3, replayCommand: (seed: number, path: string) => `replay ${seed} ${path}` };

/** A run with the events' free-text messages left out: two schedulers word their refusals differently. */
const comparable = (r: InterleavedReply) =>
  r.kind !== 'steps' ? r : { outcome: r.outcome, steps: r.steps.map((s) => ({ ...s, report: { ...s.report, events: s.report.events.map((e: Event) => (e.ev === 'error' ? { ...e, message: '' } : e)) } })) };

suite(title, () => {
  const binary = (name: string): string[] => [join(root, 'adapters', 'c', 'build', name)];
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('takes exactly the reference\'s steps for the same program and choices (300 random runs)', async () => {
    const c = host(binary('cokit-c'));
    const ref = new InProcessHost(reference, 'reference', 500);
    const programs = fc.oneof(programArbitrary('CO7'), programArbitrary('CO8'));
    await fc.assert(
      fc.asyncProperty(programs, fc.array(fc.nat({ max: 7 }), { maxLength: 80 }), async (program, choices) => {
        const [a, b] = [await c.runInterleaved(program, choices, 400), await ref.runInterleaved(program, choices, 400)];
        expect(a).toMatchObject({ kind: 'steps', outcome: 'completed' });
        expect(comparable(a)).toEqual(comparable(b));
      }),
      { numRuns: 300, seed: 17 },
    );
  });

  it('conforms in every interleaving of the smallest races, and the enumeration is complete', async () => {
    const c = host(binary('cokit-c'));
    for (const p of [...(EXHAUSTIVE_PROGRAMS.CO7 ?? []), ...(EXHAUSTIVE_PROGRAMS.CO8 ?? [])]) {
      const e = await exhaust(c, p, 5000, (r) => r.kind !== 'conforms');
      expect(e).toMatchObject({ complete: true, failure: null });
      expect(e.runs).toBeGreaterThan(100);
    }
  });

  // A clause's runs that break another clause report it in `others`: a build's own flaw may surface there.
  it.each([
    ['cokit-c', 'CO7', 'pass', []],
    ['cokit-c', 'CO8', 'pass', []],
    ['cokit-c-publish-before-mark', 'CO7', 'fail', []],
    ['cokit-c-publish-before-mark', 'CO8', 'pass', ['CO7']],
    ['cokit-c-unmark-before-caller', 'CO7', 'pass', ['CO8']],
    ['cokit-c-unmark-before-caller', 'CO8', 'fail', []],
  ])('%s: %s is a %s (others: %j)', async (name, id, verdict, others) => {
    const r = await checkLevel2Clause(host(binary(name)), clause(id), options);
    if ('kind' in r) throw new Error(r.problem);
    expect(r.result.verdict).toBe(verdict);
    expect(r.others.map((o) => `${o.clause}:${o.verdict}`)).toEqual(others.map((o) => `${o}:fail`));
    if (verdict === 'fail') {
      expect(r.result.interleaving?.steps.length).toBeGreaterThan(0);
      expect(r.result.interleaving?.replay).toMatch(/^replay 3 /);
    }
  });

  it('the CO8 build passes level 3: events alone cannot show its swapped order, which is why level 2 exists', async () => {
    const r = await runLevel3(host(binary('cokit-c-unmark-before-caller')), { runs: 100, seconds: 30, seed: 4, replayCommand: (s) => `stress ${s}` });
    expect(r).toMatchObject({ verdict: 'pass', undecided: 0 });
  });
});

describe('level 2 over the process protocol: hostile children get a named error, never a pass', () => {
  const fixture = [process.execPath, join(__dirname, 'fixtures', 'level2-hostile.js')];
  const program = (yields: number): ConcurrentProgram => ({ coroutines: 1, contexts: 1, yields, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] });

  it.each([
    [0, { kind: 'steps', outcome: 'timeout' }, /no answer to 'run-interleaved'.*1500 ms/],
    [1, { kind: 'steps', outcome: 'crash' }, /protocol: .*not JSON: "stepped, trust me"/],
    [2, { kind: 'steps', outcome: 'crash' }, /protocol: .*schema violation.*step/],
    [3, { kind: 'malformed' }, /step 1: moved thread 2, but choice 0 among runnable \[1, 2\] picks thread 1/],
    [4, { kind: 'malformed' }, /reached the step limit after 1 of 400 steps/],
    [5, { kind: 'steps', outcome: 'crash' }, /crash: .*exit/],
  ])('yields %i', async (yields, shape, message) => {
    const r = await host(fixture).runInterleaved(program(yields), [0], 400);
    expect(r).toMatchObject(shape);
    expect(r.kind === 'malformed' ? r.problem : r.kind === 'steps' && 'message' in r ? r.message : '').toMatch(message);
  });

  it('a hostile child fails the clause with an error verdict or makes the adapter unusable, never a pass', async () => {
    const r = await checkLevel2Clause(host(fixture), clause('CO8'), { ...options, runs: 5 });
    if ('kind' in r) expect(r.problem).toMatch(/level2-hostile|hostile/);
    else expect(r.result.verdict).not.toBe('pass');
  });
});
