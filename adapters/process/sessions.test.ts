import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { scenarioArb } from '../../conformance/arbitraries';
import { predict } from '../../conformance/engine/runScenario';
import { comparable } from '../../test/support/agreesWithSpec';
import { createProcessAdapter } from './adapter';

const root = join(__dirname, '..', '..');
const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;
const title = hasCc ? 'whole sessions per message, pipelined (the C scheduler)' : 'SKIPPED: pipelined sessions of the C scheduler (no C compiler `cc` on this machine)';
const runs = fc.sample(scenarioArb(null, { minCoroutines: 1, maxNoise: 20 }), { numRuns: 400, seed: 77 }).map((s) => ({ config: s.config, ops: predict(s).map((p) => p.op), expected: predict(s).map((p) => p.events) }));

suite(title, () => {
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('400 sessions pipelined give, session by session, the events the spec predicts', async () => {
    const adapter = createProcessAdapter([join(root, 'adapters', 'c', 'build', 'cokit-c')], { opTimeoutMs: 2000 });
    const got = await adapter.runSessions(runs);
    expect(got.map(comparable)).toEqual(runs.map((r) => comparable(r.expected)));
    expect(comparable(await adapter.runSession(runs[3]!.config, runs[3]!.ops))).toEqual(comparable(runs[3]!.expected));
    adapter.dispose();
  });

  it('a hang in the middle of a pipeline is a timeout for that session and every later one, never a hang of cokit', async () => {
    const adapter = createProcessAdapter([join(root, 'adapters', 'c', 'build', 'cokit-c-seed-literal')], { opTimeoutMs: 200, runTimeoutMs: 400 });
    const cyclic = { config: { contexts: 1, coroutines: 1 }, ops: [{ op: 'create' as const, co: 0, program: [{ kind: 'yield' as const }] }, { op: 'schedule' as const, co: 0, ctx: 0, from: 0 }, { op: 'enter' as const, co: 0, from: 0 }, { op: 'schedule' as const, co: 0, ctx: 0, from: 0 }, { op: 'poll' as const, ctx: 0 }] };
    const t0 = Date.now();
    const got = await adapter.runSessions([runs[0]!, cyclic, runs[1]!]);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(comparable(got[0]!)).toEqual(comparable(runs[0]!.expected));
    expect(got[1]!.every((events) => events.length === 1 && events[0]?.ev === 'error' && events[0].kind === 'timeout')).toBe(true);
    expect(got[2]!.every((events) => events[0]?.ev === 'error' && events[0].kind === 'timeout')).toBe(true);
    adapter.dispose();
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
(hasPython ? describe : describe.skip)(hasPython ? 'a child without the session feature is driven session by session' : 'SKIPPED: the session fallback (no python3 on this machine)', () => {
  it('the Python example (open, apply, close) gives the same events through runSessions', async () => {
    const adapter = createProcessAdapter(['python3', join(root, 'examples', 'python-adapter', 'scheduler.py')], { opTimeoutMs: 2000 });
    const some = runs.slice(0, 20);
    expect((await adapter.runSessions(some)).map(comparable)).toEqual(some.map((r) => comparable(r.expected)));
    adapter.dispose();
  });
});
