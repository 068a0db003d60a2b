import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { initialState, step, type DriverOp, type Event, type SessionConfig } from '../../spec';
import { scenarioArb } from '../../conformance/arbitraries';
import { createProcessAdapter, type ProcessSession } from '../../adapters/process';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const suite = hasPython ? describe : describe.skip;
const title = hasPython ? 'the Python example scheduler through the process protocol' : 'SKIPPED: the Python example scheduler (no python3 on this machine)';

function predict(config: SessionConfig, ops: readonly DriverOp[]): Event[][] {
  let state = initialState(config);
  return ops.map((op) => {
    const r = step(state, op);
    if (r.kind !== 'ok') throw new Error(`generated a disabled op: ${r.reason}`);
    state = r.state;
    return [...r.events];
  });
}

const comparable = (events: readonly (readonly Event[])[]): unknown => events.map((es) => es.map((e) => (e.ev === 'error' ? { ...e, message: '' } : e)));

suite(title, () => {
  it('agrees with step on 300 random sessions', async () => {
    const adapter = createProcessAdapter(['python3', join(__dirname, 'scheduler.py')], { opTimeoutMs: 5000 });
    await fc.assert(
      fc.asyncProperty(scenarioArb(null, { minCoroutines: 1, maxNoise: 20 }), async ({ config, ops }) => {
        const session = (await adapter.open(config)) as ProcessSession;
        const got = await session.applyBatch(ops);
        await session.close();
        expect(comparable(got)).toEqual(comparable(predict(config, ops)));
      }),
      { numRuns: 300, seed: 7 },
    );
    adapter.dispose();
  });
});
