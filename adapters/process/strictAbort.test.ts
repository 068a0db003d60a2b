import { join } from 'node:path';
import { STRICT_PROFILE, type DriverOp } from '../../spec';
import { runScenario } from '../../conformance/engine/runScenario';
import { InProcessHost } from '../../conformance/engine/InProcessHost';
import { abortFromCrash, abortKindOf } from '../../conformance/engine/abortFromCrash';
import { createProcessAdapter } from '.';

/** A strict child that really dies of SIGABRT with QEMU's line on stderr is read as the abort event it could not send. */
const fixture = join(__dirname, 'fixtures', 'strict-sigabrt.js');
const pendingEntry: DriverOp[] = [
  { op: 'create', co: 0, program: [{ kind: 'yield' }, { kind: 'yield' }] },
  { op: 'schedule', co: 0, ctx: 0, from: 0 },
  { op: 'enter', co: 0, from: 0 },
];

describe('a child that aborts for real (profile strict)', () => {
  it("reads QEMU's stderr lines as abort kinds, and nothing else", () => {
    expect(abortKindOf("the adapter process was killed by SIGABRT; stderr: qemu_aio_coroutine_enter: Co-routine was already scheduled in 'aio_co_schedule'")).toBe('already-scheduled');
    expect(abortKindOf('killed by SIGABRT; stderr: Co-routine re-entered recursively')).toBe('recursive-entry');
    expect(abortKindOf('killed by SIGSEGV; stderr: Segmentation fault')).toBeNull();
    const predicted = [{ ev: 'entered' as const, co: 1, ctx: 0, by: 'direct' as const }, { ev: 'abort' as const, kind: 'already-scheduled' as const, co: 0, message: '' }];
    expect(abortFromCrash("x: Co-routine was already scheduled in 'f'", { op: 'enter', co: 1, from: 0 }, predicted)?.map((e) => e.ev)).toEqual(['entered', 'abort']);
    expect(abortFromCrash('Co-routine re-entered recursively', { op: 'enter', co: 1, from: 0 }, predicted)).toEqual([{ ev: 'abort', kind: 'recursive-entry', co: 1, message: expect.stringContaining('died') }]);
  });

  it('a SIGABRT with "Co-routine was already scheduled" on a direct entry of a pending coroutine agrees with the strict spec', async () => {
    const adapter = createProcessAdapter(['node', fixture], { opTimeoutMs: 5000 });
    expect(await adapter.ready()).toBeNull();
    const host = new InProcessHost(adapter, 'strict-sigabrt', 5000, () => adapter.dispose());
    try {
      const r = await runScenario(host, { config: { contexts: 1, coroutines: 1 }, ops: pendingEntry }, true, STRICT_PROFILE);
      expect(r.kind).toBe('agree');
      const cancel = await runScenario(host, { config: { contexts: 1, coroutines: 1 }, ops: pendingEntry }, true);
      expect(cancel.kind).toBe('violation');
    } finally {
      await host.dispose();
    }
  });
});
