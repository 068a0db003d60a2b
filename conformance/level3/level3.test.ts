import { join } from 'node:path';
import { distFile } from '../engine/paths';
import { WorkerHost } from '../engine/WorkerHost';
import { runLevel3 } from './runLevel3';

/** Level 3 through the worker thread, for module adapters (the C scheduler's tests cover the process path). */
describe('level 3 through a worker-hosted module', () => {
  const script = distFile('conformance/engine/worker.js');
  const hosts: WorkerHost[] = [];
  const host = (): WorkerHost => {
    if (typeof script !== 'string') throw new Error(script.problem);
    const h = new WorkerHost(script, join(__dirname, '..', 'fixtures', 'level3-module.js'), 'level3-module', 200);
    hosts.push(h);
    return h;
  };
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  it('every trace of a correct interleaving passes the check, with the search reported', async () => {
    const r = await runLevel3(host(), { runs: 60, seconds: 60, seed: 3, replayCommand: (s) => `npx cokit stress --seed ${s}` });
    expect(r).toMatchObject({ verdict: 'pass', runs: 60, undecided: 0 });
    expect(r.search.states).toBeGreaterThan(60);
  });

  it('a run that never returns is a timeout, and the worker is replaced', async () => {
    const h = host();
    expect((await h.describe()).ok).toBe(true); // loaded: the run gets no loading grace
    const hung = await h.runConcurrent({ coroutines: 1, contexts: 1, yields: 9, drivers: [[{ op: 'enter', co: 0, from: 0 }]] }, 1, 300);
    expect(hung).toMatchObject({ kind: 'fault', outcome: 'timeout', message: 'the concurrent run did not finish within 300 ms' });
    const ok = await h.runConcurrent({ coroutines: 1, contexts: 1, yields: 0, drivers: [[{ op: 'enter', co: 0, from: 0 }]] }, 1, 2000);
    expect(ok).toEqual({ kind: 'events', events: [{ ev: 'entered', co: 0, ctx: 0, by: 'direct' }, { ev: 'terminated', co: 0 }] });
  });
});
