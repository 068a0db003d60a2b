import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ConcurrentProgram } from '../../spec';
import { runLevel3 } from '../../conformance/level3/runLevel3';
import { processHosts } from '../../test/support/processHosts';

const root = join(__dirname, '..', '..');
const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;
const title = hasCc ? 'level 3: the C scheduler on real threads' : 'SKIPPED: level 3 of the C scheduler (no C compiler `cc` on this machine)';
const replayCommand = (seed: number): string => `npx cokit stress --seed ${seed}`;

const { host, disposeAll } = processHosts();
afterAll(disposeAll);

suite(title, () => {
  const binary = (name: string): string[] => [join(root, 'adapters', 'c', 'build', name)];
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('every trace of 150 seeded concurrent runs is one the interleaved model can produce', async () => {
    const r = await runLevel3(host(binary('cokit-c')), { runs: 150, seconds: 60, seed: 11, replayCommand });
    expect(r).toMatchObject({ verdict: 'pass', runs: 150, undecided: 0 });
    expect(r.distinctTraces).toBeGreaterThan(120);
    expect(r.search.states).toBeGreaterThan(300);
  });

  it('the same program gives different traces under different seeds (the threads really race)', async () => {
    const p: ConcurrentProgram = { coroutines: 1, contexts: 1, yields: 1, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }], [{ op: 'schedule', co: 0, ctx: 0 }]] };
    const h = host(binary('cokit-c'));
    const traces = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const r = await h.runConcurrent(p, seed, 2000);
      if (r.kind !== 'events') throw new Error(JSON.stringify(r));
      traces.add(JSON.stringify(r.events));
    }
    expect(traces.size).toBeGreaterThan(1);
  });

  it('the build that publishes before it marks is caught as CO7 (publish-before-mark explains the trace, the patch cannot)', async () => {
    const r = await runLevel3(host(binary('cokit-c-publish-before-mark')), { runs: 3000, seconds: 60, seed: 5, replayCommand });
    expect(r.verdict).toBe('fail');
    expect(r.counterexample).toMatchObject({ level: 3, clause: 'CO7', stepsShow: 'witness' });
    expect(r.counterexample?.steps.some((s) => s.diverged)).toBe(true);
  });
});

describe('level 3: hostile children get a named error, never a pass', () => {
  const fixture = [process.execPath, join(__dirname, 'fixtures', 'level3-hostile.js')];
  const program = (yields: number): ConcurrentProgram => ({ coroutines: 1, contexts: 1, yields, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] });

  it.each([
    [0, 'timeout', /no answer to 'run-concurrent'.*1500 ms/],
    [1, 'crash', /protocol: .*not JSON: "ran it, all fine"/],
    [2, 'crash', /protocol: .*schema violation/],
    [3, 'crash', /crash: .*exit/],
  ])('yields %i: %s', async (yields, outcome, message) => {
    const r = await host(fixture).runConcurrent(program(yields), 1, 5000);
    expect(r).toMatchObject({ kind: 'fault', outcome });
    if (r.kind === 'fault') expect(r.message).toMatch(message);
  });

  it('after a run that ended in an abort, the next run gets a new child (the old one may be exiting)', async () => {
    const h = host([process.execPath, join(__dirname, 'fixtures', 'level3-aborts.js')]);
    const abort = { kind: 'events', events: [{ ev: 'abort', kind: 'recursive-entry', co: 0, message: 'Co-routine re-entered recursively' }] };
    expect(await h.runConcurrent(program(1), 1, 5000)).toEqual(abort);
    expect(await h.runConcurrent(program(1), 2, 5000)).toEqual(abort);
  });

  it('a hostile child fails level 3 with verdict error and the fault named', async () => {
    const r = await runLevel3(host(fixture), { runs: 5, seconds: 10, seed: 1, replayCommand });
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/run 1 \(seed \d+\): the adapter (hung|crashed)/);
  });
});
