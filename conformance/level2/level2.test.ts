import { join } from 'node:path';
import type { ConcurrentProgram } from '../../spec';
import { adapter as reference } from '../../adapters/reference';
import { adapter as publishBeforeMark } from '../../adapters/mutants/publish-before-mark';
import { adapter as unmarkBeforeCaller } from '../../adapters/mutants/unmark-before-caller';
import type { Adapter } from '../../adapters/contract';
import { InProcessHost } from '../engine/InProcessHost';
import { WorkerHost } from '../engine/WorkerHost';
import { distFile } from '../engine/paths';
import { exhaust, runLevel2 } from './checkLevel2';
import { EXHAUSTIVE_PROGRAMS } from './programs';

const inProcess = (a: Adapter) => new InProcessHost(a, a.meta.name, 250);
const race = (yields: number): ConcurrentProgram => ({ coroutines: 1, contexts: 1, yields, drivers: [[{ op: 'schedule', co: 0, ctx: 0 }], [{ op: 'enter', co: 0, from: 0 }]] });

describe('level 2: every interleaving of the smallest races', () => {
  const all = [...(EXHAUSTIVE_PROGRAMS.CO7 ?? []), ...(EXHAUSTIVE_PROGRAMS.CO8 ?? [])];

  it('the reference conforms in every interleaving, and the enumeration is complete', async () => {
    for (const p of all) {
      const e = await exhaust(inProcess(reference), p, 5000, (r) => r.kind !== 'conforms');
      expect(e).toMatchObject({ complete: true, failure: null });
      expect(e.runs).toBeGreaterThan(100);
    }
  });

  it.each([
    ['publish-before-mark', 'CO7', publishBeforeMark, EXHAUSTIVE_PROGRAMS.CO7?.[0]],
    ['unmark-before-caller', 'CO8', unmarkBeforeCaller, EXHAUSTIVE_PROGRAMS.CO8?.[0]],
  ] as const)('%s breaks in some interleaving, claimed by %s', async (_name, clause, mutant, program) => {
    if (program === undefined) throw new Error('no exhaustive program');
    const e = await exhaust(inProcess(mutant), program, 5000, (r) => r.kind !== 'conforms');
    expect(e.failure).toMatchObject({ kind: 'violation', clause });
  });

  it('the same choices give the same run (the replay of a counterexample is exact)', async () => {
    const e = await exhaust(inProcess(unmarkBeforeCaller), race(1), 5000, (r) => r.kind !== 'conforms');
    const a = await runLevel2(inProcess(unmarkBeforeCaller), race(1), e.choices);
    const b = await runLevel2(inProcess(unmarkBeforeCaller), race(1), e.choices);
    expect(a).toMatchObject({ kind: 'violation', clause: 'CO8' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('level 2: broken sessions get named verdicts', () => {
  const script = distFile('conformance/engine/worker.js');
  const fixture = join(__dirname, '..', 'fixtures', 'level2-broken.js');
  const hosts: WorkerHost[] = [];
  const host = (): WorkerHost => {
    if (typeof script !== 'string') throw new Error(script.problem);
    const h = new WorkerHost(script, fixture, 'level2-broken', 150);
    hosts.push(h);
    return h;
  };
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  it('a step that never returns is a hang, ended by the timeout, and the next run gets a fresh worker', async () => {
    const h = host();
    const r = await runLevel2(h, race(0), []);
    expect(r).toMatchObject({ kind: 'fault' });
    if (r.kind === 'fault') expect(r.message).toMatch(/hung: a step did not return within \d+ ms \(after \d+ steps\)/);
    expect((await runLevel2(h, race(3), [])).kind).toBe('conforms');
  });

  it('a report of the wrong shape makes the adapter unusable, naming the field', async () => {
    const r = await runLevel2(host(), race(1), []);
    expect(r).toMatchObject({ kind: 'malformed' });
    if (r.kind === 'malformed') expect(r.problem).toMatch(/level2-broken\.js: step\(\d\) at step \d+ returned report \/step must be equal to one of the allowed values/);
  });

  it('a thread that does not exist in runnable() makes the adapter unusable', async () => {
    const r = await runLevel2(host(), race(2), []);
    expect(r).toMatchObject({ kind: 'malformed' });
    if (r.kind === 'malformed') expect(r.problem).toContain('names thread 99, but the program has 3 threads (0..2)');
  });
});

describe('level 2: an adapter that takes whole runs itself (runInterleaved) is held to the same rule', () => {
  const script = distFile('conformance/engine/worker.js');
  const fixture = join(__dirname, '..', 'fixtures', 'level2-whole.js');
  const hosts: WorkerHost[] = [];
  const host = (ms = 150): WorkerHost => {
    if (typeof script !== 'string') throw new Error(script.problem);
    const h = new WorkerHost(script, fixture, 'level2-whole', ms);
    hosts.push(h);
    return h;
  };
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  it('a correct whole run conforms in every interleaving of the CO8 race, as the step-by-step reference does', async () => {
    const e = await exhaust(host(), race(2), 5000, (r) => r.kind !== 'conforms');
    const r = await exhaust(inProcess(reference), race(2), 5000, (x) => x.kind !== 'conforms');
    expect(e).toMatchObject({ complete: true, failure: null, runs: r.runs });
  });

  it('a run that ignores the choices makes the adapter unusable, naming the step and the thread it should have moved', async () => {
    const r = await runLevel2(host(), race(1), [0, 0, 0]);
    expect(r).toMatchObject({ kind: 'malformed' });
    if (r.kind === 'malformed') expect(r.problem).toMatch(/level2-whole\.js: runInterleaved\(\) step 1: moved thread 2, but choice 0 among runnable \[1, 2\] picks thread 1/);
  });

  it('a whole run that never returns is a hang, given the time of the steps it may take', async () => {
    const r = await runLevel2(host(2), race(0), []);
    expect(r).toMatchObject({ kind: 'fault' });
    if (r.kind === 'fault') expect(r.message).toMatch(/hung: runInterleaved\(\) did not return within \d+ ms \(the time of 402 steps\)/);
  });
});
