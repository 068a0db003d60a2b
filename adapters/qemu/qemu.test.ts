import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * QEMU's own coroutine code (util/async.c, util/qemu-coroutine.c), built by adapters/qemu/build.sh from
 * QEMU_SRC or Debian's qemu source package. Where it cannot be built (no source reachable, no C compiler) the
 * suite is skipped and its title says why; any other build failure fails.
 */
const root = join(__dirname, '..', '..');
const binary = join(root, 'adapters', 'qemu', 'build', 'cokit-qemu');
const cokit = join(root, 'bin', 'cokit.js');
const build = spawnSync('bash', [join(root, 'adapters', 'qemu', 'build.sh')], { encoding: 'utf8' });
const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';
const unbuildable =
  build.status === 3 ? `no QEMU source reachable: ${firstLine(build.stderr)}` : build.status === 4 ? 'no C compiler `cc` on this machine' : null;
const suite = unbuildable === null ? describe : describe.skip;
const title = unbuildable === null ? "QEMU's own coroutine code through the process protocol" : `SKIPPED: QEMU's own coroutine code (${unbuildable})`;

/** Write `requests` (one JSON object a line) to a fresh child; its replies, the hello first. */
function talk(requests: readonly object[]): Record<string, unknown>[] {
  const r = spawnSync(binary, [], { input: requests.map((m) => `${JSON.stringify(m)}\n`).join(''), encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`cokit-qemu exited with ${String(r.status ?? r.signal)}: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

const yieldOnce = [{ kind: 'yield' }];

suite(title, () => {
  it('builds', () => {
    expect({ status: build.status, stderr: build.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('greets as profile strict, levels 1 and 3, naming the QEMU source it was built from', () => {
    const [hello] = talk([]);
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, meta: { name: 'cokit-qemu', profile: 'strict', levels: [1, 3] } });
    expect((hello?.meta as { version: string }).version).toMatch(/^(Debian qemu source package |QEMU_SRC=)/);
  });

  it("reports QEMU's aborts with QEMU's own messages, each the last event of its session", () => {
    const session = (id: number, coroutines: number, ops: object[]): object => ({ type: 'session', id, config: { contexts: 1, coroutines }, ops });
    const create = (co: number, program: object[]): object => ({ op: 'create', co, program });
    const replies = talk([
      session(1, 1, [create(0, yieldOnce), { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'schedule', co: 0, ctx: 0, from: 0 }]),
      session(2, 1, [create(0, yieldOnce), { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'enter', co: 0, from: 0 }]),
      session(3, 2, [create(0, [{ kind: 'enter', target: 1 }]), create(1, [{ kind: 'enter', target: 0 }]), { op: 'enter', co: 0, from: 0 }]),
      session(4, 1, [create(0, [{ kind: 'wake', target: 0 }]), { op: 'enter', co: 0, from: 0 }]),
    ]);
    const last = (r: Record<string, unknown> | undefined): unknown => (r?.events as unknown[][]).at(-1)?.at(-1);
    expect(replies.slice(1).map(last)).toEqual([
      { ev: 'abort', kind: 'already-scheduled', co: 0, message: "aio_co_schedule: Co-routine was already scheduled in 'aio_co_schedule'" },
      { ev: 'abort', kind: 'already-scheduled', co: 0, message: "qemu_aio_coroutine_enter: Co-routine was already scheduled in 'aio_co_schedule'" },
      { ev: 'abort', kind: 'recursive-entry', co: 0, message: 'Co-routine re-entered recursively' },
      { ev: 'abort', kind: 'recursive-entry', co: 0, message: expect.stringMatching(/^util\/async\.c:\d+: aio_co_enter: Assertion `self != co' failed\.$/) },
    ]);
  });

  it('a delivery by the BH clears the mark before the entry: schedule, poll, schedule, poll runs the coroutine to its end', () => {
    const [, done] = talk([
      {
        type: 'session', id: 1, config: { contexts: 1, coroutines: 1 },
        ops: [{ op: 'create', co: 0, program: yieldOnce }, { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'poll', ctx: 0 }, { op: 'schedule', co: 0, ctx: 0, from: 0 }, { op: 'poll', ctx: 0 }],
      },
    ]);
    expect(done?.events).toEqual([
      [], [], [{ ev: 'entered', co: 0, ctx: 0, by: 'bh' }, { ev: 'yielded', co: 0 }], [], [{ ev: 'entered', co: 0, ctx: 0, by: 'bh' }, { ev: 'terminated', co: 0 }],
    ]);
  });

  it("a second wake of a coroutine already in the wake-up queue relinks QEMU's one co_queue_next: the queue is cut after it", () => {
    // c0 wakes c1, c2, then c1 again (all on c0's context, so queued): QEMU enters c1 once and never c2.
    const [, cut, once] = talk([
      {
        type: 'session', id: 1, config: { contexts: 1, coroutines: 3 },
        ops: [{ op: 'create', co: 0, program: [{ kind: 'wake', target: 1 }, { kind: 'wake', target: 2 }, { kind: 'wake', target: 1 }] }, { op: 'create', co: 1, program: [] }, { op: 'create', co: 2, program: [] }, { op: 'enter', co: 0, from: 0 }],
      },
      { type: 'session', id: 2, config: { contexts: 1, coroutines: 2 }, ops: [{ op: 'create', co: 0, program: [{ kind: 'wake', target: 1 }, { kind: 'wake', target: 1 }] }, { op: 'create', co: 1, program: yieldOnce }, { op: 'enter', co: 0, from: 0 }] },
    ]);
    const entered = (r: Record<string, unknown> | undefined): unknown => (r?.events as { ev: string; co: number }[][]).flat().filter((e) => e.ev === 'entered').map((e) => e.co);
    expect(entered(cut)).toEqual([0, 1]);
    expect(entered(once)).toEqual([0, 1]);
  });

  it('cokit certifies it as profile strict: every clause passes at level 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'cokit-qemu-'));
    const r = spawnSync(process.execPath, [cokit, 'certify', '--cmd', binary, '--runs', '100', '--seed', '14', '--json', '--quiet', '--out', out], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const report = JSON.parse(r.stdout) as { profile: string; adapter: { levels: number[] }; clauses: { clause: string; verdict: string }[] };
    expect({ profile: report.profile, levels: report.adapter.levels }).toEqual({ profile: 'strict', levels: [1, 3] });
    // ST8 and ST9 are level-2 clauses: not claimed (QEMU's caller check and set have no point between them to gate).
    expect(Object.fromEntries(report.clauses.map((c) => [c.clause, c.verdict]))).toEqual({
      ST0: 'pass', ST1: 'pass', ST2: 'pass', ST3: 'pass', ST4: 'pass', ST5: 'pass', ST6: 'pass', ST7: 'pass', ST8: 'unsupported', ST9: 'unsupported',
    });
  });

  it('cokit classify says strict, from what it does (the meta is not trusted)', () => {
    const r = spawnSync(process.execPath, [cokit, 'classify', '--cmd', binary, '--runs', '50', '--seed', '14', '--json'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'strict' });
  });

  it('at level 3 an abort on a racing thread ends the run: its reply carries the events so far, the abort last, then the process exits', () => {
    // Two drivers enter the same coroutine from two contexts: the second finds it running or not yet
    // released (QEMU clears the caller after the switch back: abort), or terminated (refused).
    const program = { coroutines: 1, contexts: 2, yields: 0, drivers: [[{ op: 'enter', co: 0, from: 0 }], [{ op: 'enter', co: 0, from: 1 }]] };
    for (let seed = 0; seed < 20; seed++) {
      const [, ran] = talk([{ type: 'run-concurrent', id: 1, seed, program }]);
      const events = ran?.events as { ev: string; kind?: string }[];
      const shape = events.map((e) => (e.kind === undefined ? e.ev : `${e.ev}:${e.kind}`)).join(' ');
      expect(['abort:recursive-entry', 'entered abort:recursive-entry', 'entered terminated abort:recursive-entry', 'entered terminated error:entry-after-termination']).toContain(shape);
    }
  });
});

describe("fetching QEMU's source", () => {
  it('QEMU_SRC naming a tree without the files: exit status 3 and the files named', () => {
    const r = spawnSync('bash', [join(root, 'adapters', 'qemu', 'fetch.sh')], { encoding: 'utf8', env: { ...process.env, QEMU_SRC: __dirname } });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`QEMU_SRC=${__dirname} lacks one of: util/async.c util/qemu-coroutine.c`);
  });
});
