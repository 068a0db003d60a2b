import { join, resolve } from 'node:path';
import type { SessionConfig } from '../../spec';
import type { RunReply } from './host';
import { distFile, resolveAdapterModule } from './paths';
import { WorkerHost } from './WorkerHost';

/** These tests run the compiled worker (`npm test` builds first). */
const script = distFile('conformance/engine/worker.js');
const fixture = (name: string): string => join(__dirname, '..', 'fixtures', name);
const cfg = (contexts: number): SessionConfig => ({ coroutines: 1, contexts });

/** Generous by default: only the hang below is meant to meet a limit (a loaded machine must not). */
function host(module: string, ms = 5000): WorkerHost {
  if (typeof script !== 'string') throw new Error(script.problem);
  return new WorkerHost(script, module, module, ms);
}

/** What the first reply of a run says: the crash message, `timeout <ms>`, or the kind. */
function first(r: RunReply): string {
  if (r.kind === 'malformed') return `malformed: ${r.problem}`;
  const s = r.replies[0];
  if (s === undefined) return 'no reply';
  return s.outcome === 'crash' ? s.message : s.outcome === 'timeout' ? `timeout ${s.ms}` : 'completed';
}

describe('WorkerHost', () => {
  const hosts: WorkerHost[] = [];
  const make = (module: string, ms?: number): WorkerHost => {
    const h = host(module, ms);
    hosts.push(h);
    return h;
  };
  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.dispose()));
  });

  it('serves many runs from one worker', async () => {
    const h = make(fixture('counts-opens.js'));
    expect(first(await h.run(cfg(1), []))).toBe('open() threw: open #1');
    expect(first(await h.run(cfg(1), []))).toBe('open() threw: open #2');
  });

  it('ends an operation that never returns with a timeout, and the next run gets a fresh worker', async () => {
    const h = make(fixture('counts-opens.js'), 1000);
    expect(first(await h.run(cfg(1), []))).toBe('open() threw: open #1');
    expect(first(await h.run(cfg(3), []))).toBe('timeout 1000');
    expect(first(await h.run(cfg(1), []))).toBe('open() threw: open #1');
  });

  it('reports a worker that exits as a crash with its exit code, and recovers', async () => {
    const h = make(fixture('counts-opens.js'));
    expect(first(await h.run(cfg(2), []))).toBe("the adapter's thread exited with code 7");
    expect(first(await h.run(cfg(1), []))).toBe('open() threw: open #1');
  });

  it('survives an adapter whose stray timer throws between runs: the next run gets a fresh worker', async () => {
    const h = make(fixture('throws-later.js'));
    const ops = [{ op: 'create', co: 0, program: [] }] as const;
    expect(first(await h.run(cfg(1), ops))).toBe('completed');
    await new Promise((r) => setTimeout(r, 150));
    expect(first(await h.run(cfg(1), ops))).toBe('completed');
  });

  it('names a module that ends its thread while loading', async () => {
    const d = await make(fixture('exits-on-load.js')).describe();
    expect(d.ok ? 'ok' : d.problem).toBe(`${fixture('exits-on-load.js')}: the adapter's thread exited with code 5 while loading the module`);
  });

  it('imports an ES module that exports the adapter as default', async () => {
    const h = make(fixture('esm-default.mjs'));
    const d = await h.describe();
    expect(d.ok ? d.meta.name : d.problem).toBe('esm-default');
    const r = await h.run(cfg(1), [{ op: 'create', co: 0, program: [] }, { op: 'enter', co: 0, from: 0 }]);
    expect(r.kind === 'replies' ? r.replies.map((s) => s.outcome) : r.kind).toEqual(['completed', 'completed']);
  });

  it('loads a CommonJS module that is itself the adapter (`module.exports = adapter`)', async () => {
    const h = make(fixture('module-exports.js'));
    const d = await h.describe();
    expect(d.ok ? d.meta.name : d.problem).toBe('module-exports');
    const r = await h.run(cfg(1), [{ op: 'create', co: 0, program: [] }, { op: 'enter', co: 0, from: 0 }]);
    expect(r.kind === 'replies' ? r.replies.map((s) => s.outcome) : r.kind).toEqual(['completed', 'completed']);
  });

  it('describes a module that is no adapter as the problem, naming the module', async () => {
    const d = await make(fixture('no-open.js')).describe();
    expect(d.ok ? 'ok' : d.problem).toBe(`${fixture('no-open.js')}: the adapter has no 'open(config)' function`);
  });
});

describe('adapter and kit paths', () => {
  it('resolves built-in adapters to the compiled files, and user paths against the cwd', () => {
    expect(resolveAdapterModule('reference', ['lifo'])).toMatch(/dist[/\\]adapters[/\\]reference\.js$/);
    expect(resolveAdapterModule('lifo', ['lifo'])).toMatch(/dist[/\\]adapters[/\\]mutants[/\\]lifo\.js$/);
    expect(resolveAdapterModule('./conformance/fixtures/throws.js', [])).toBe(resolve(process.cwd(), 'conformance/fixtures/throws.js'));
  });

  it('says what to do when a compiled file or a name is missing', () => {
    expect(distFile('conformance/engine/no-such-worker.js')).toEqual({ problem: expect.stringMatching(/no-such-worker\.js is missing: run `npm run build` first/) });
    expect(resolveAdapterModule('lifo', [])).toEqual({ problem: expect.stringMatching(/unknown adapter 'lifo': use 'reference', 'reference-strict', a mutant/) });
  });
});
