import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { initialState, step, type DriverOp, type Event, type SessionConfig } from '../../spec';
import { scenarioArb } from '../../conformance/arbitraries';
import { createProcessAdapter, type ProcessSession } from './adapter';

const root = join(__dirname, '..', '..');
const binary = (name: string): string[] => [join(root, 'adapters', 'c', 'build', name)];
const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;
const title = hasCc ? 'the C scheduler through the process protocol' : 'SKIPPED: the C scheduler (no C compiler `cc` on this machine)';

/** The events `step` predicts for each op, or null when an op is not enabled (never, for generated scenarios). */
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
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('agrees with step on 1,000 random sessions', async () => {
    const adapter = createProcessAdapter(binary('cokit-c'), { opTimeoutMs: 2000 });
    await fc.assert(
      fc.asyncProperty(scenarioArb(null, { minCoroutines: 1, maxNoise: 20 }), async ({ config, ops }) => {
        const session = (await adapter.open(config)) as ProcessSession;
        const got = await session.applyBatch(ops);
        await session.close();
        expect(comparable(got)).toEqual(comparable(predict(config, ops)));
      }),
      { numRuns: 1000, seed: 4242 },
    );
    adapter.dispose();
  });

  it('the seed-literal build hangs on schedule, enter, schedule, poll, and cokit reports a timeout', async () => {
    const adapter = createProcessAdapter(binary('cokit-c-seed-literal'), { opTimeoutMs: 500 });
    const session = await adapter.open({ contexts: 1, coroutines: 1 });
    const t0 = Date.now();
    const ops: DriverOp[] = [
      { op: 'create', co: 0, program: [{ kind: 'yield' }] },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'enter', co: 0, from: 0 },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
    ];
    for (const op of ops) expect((await session.apply(op)).filter((e) => e.ev === 'error')).toEqual([]);
    const polled = await session.apply({ op: 'poll', ctx: 0 });
    expect(polled).toEqual([{ ev: 'error', kind: 'timeout', co: 0, message: expect.stringMatching(/no answer to 'apply'.*500 ms/) }]);
    expect(Date.now() - t0).toBeLessThan(1500);
    await session.close();
    adapter.dispose();
  });
});
