import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DriverOp } from '../../spec';
import { createProcessAdapter } from './adapter';
import { InProcessHost } from '../../conformance/engine/InProcessHost';
import { expectAgreesWithSpec } from '../../test/support/agreesWithSpec';

const root = join(__dirname, '..', '..');
const binary = (name: string): string[] => [join(root, 'adapters', 'c', 'build', name)];
const hasCc = spawnSync('cc', ['--version']).status === 0;
const suite = hasCc ? describe : describe.skip;
const title = hasCc ? 'the C scheduler through the process protocol' : 'SKIPPED: the C scheduler (no C compiler `cc` on this machine)';

suite(title, () => {
  beforeAll(() => {
    execFileSync('bash', [join(root, 'adapters', 'c', 'build.sh')], { stdio: 'pipe' });
  });

  it('agrees with step on 1,000 random sessions', async () => {
    const adapter = createProcessAdapter(binary('cokit-c'), { opTimeoutMs: 2000 });
    await expectAgreesWithSpec(adapter, 1000, 4242);
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

  it('when the kit gives up on a hung session first, the one-operation-at-a-time replay gets a fresh child and finds the hanging poll', async () => {
    // The adapter would wait 2 s per operation; the host's own limit (100 ms per operation) runs out first.
    const adapter = createProcessAdapter(binary('cokit-c-seed-literal'), { opTimeoutMs: 2000 });
    const host = new InProcessHost(adapter, 'seed-literal', 100, () => adapter.dispose());
    const ops: DriverOp[] = [
      { op: 'create', co: 0, program: [{ kind: 'yield' }] },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'enter', co: 0, from: 0 },
      { op: 'schedule', co: 0, ctx: 0, from: 0 },
      { op: 'poll', ctx: 0 },
    ];
    const r = await host.run({ contexts: 1, coroutines: 1 }, ops);
    expect(r).toMatchObject({ kind: 'replies' });
    if (r.kind === 'replies') expect(r.replies.map((x) => x.outcome)).toEqual(['completed', 'completed', 'completed', 'completed', 'timeout']);
    await host.dispose();
  });
});
