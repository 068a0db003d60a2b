import type { ConcurrentProgram, DriverOp, Event, SessionConfig } from '../../spec';
import type { Adapter, AdapterMeta, InterleavedRun, Session } from '../contract';
import { Child, type Fault, type Reply } from './child';
import { runPipelined } from './pipelined';
import { PROTOCOL_VERSION, type ChildMessage } from './schema';

export interface ProcessAdapterOptions {
  /** Time one request (open, one batch of ops, close) may take before the child counts as hung. */
  readonly opTimeoutMs: number;
  /** Time a whole session may take, from open to close; unlimited when absent. */
  readonly runTimeoutMs?: number;
  /** Time one concurrent run (level 2 or 3) may take; default 20 × the operation timeout, at least 2 s. */
  readonly concurrentTimeoutMs?: number;
  readonly cwd?: string;
  /**
   * The kit's current limits, asked before every request: one operation's (open, apply, close) and a whole
   * session's of `count` operations. Without them, `opTimeoutMs` per operation and per operation of a session.
   */
  readonly limits?: { op(): number; session(count: number): number };
}

/** A session of a process adapter: `applyBatch` sends many operations in one round trip. */
export interface ProcessSession extends Session {
  apply(op: DriverOp): Promise<readonly Event[]>;
  applyBatch(ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]>;
  close(): Promise<void>;
}

/** A process adapter; `dispose` stops its child (it does not keep Node alive meanwhile). */
export interface ProcessAdapter extends Adapter {
  /** Start the child and read its greeting: null when it is ready, else the fault that makes it unusable. */
  ready(): Promise<string | null>;
  runInterleaved(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedRun>;
  runSession(config: SessionConfig, ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]>;
  /**
   * Many whole sessions, pipelined: every request is written at once and the replies read in order (a child
   * with the `session` feature; otherwise one session after another).
   */
  runSessions(runs: readonly { readonly config: SessionConfig; readonly ops: readonly DriverOp[] }[]): Promise<readonly (readonly (readonly Event[])[])[]>;
  dispose(): void;
}

/** Sessions per pipelined batch in `runSessions`. */
const PIPELINE = 100;

/** Time a child gets to start and greet. */
const HANDSHAKE_MS = 10_000;

const faultEvent = (f: Fault): Event => ({ ev: 'error', kind: f.kind, co: 0, message: f.message });

/**
 * An adapter whose scheduler runs in a child process speaking PROTOCOL.md. The child is spawned (no shell)
 * and greeted lazily at the first `open`, kept across sessions, and restarted for the next session after a
 * fault. Every fault becomes an adapter `error` event (crash, timeout, protocol); nothing is thrown.
 */
export function createProcessAdapter(argv: readonly string[], options: ProcessAdapterOptions): ProcessAdapter {
  let child: Child | null = null;
  let meta: AdapterMeta = { name: argv.join(' ') || '(empty command)', version: 'unknown', profile: 'cancel', levels: [1] };
  let nextId = 1;
  let features: readonly string[] = [];
  const opMs = (): number => options.limits?.op() ?? options.opTimeoutMs;

  /** Send one request and expect a reply of type `want` with the same id; anything else is a fault. */
  async function call(c: Child, request: { readonly type: string; readonly id: number; readonly [k: string]: unknown }, want: ChildMessage['type'], ms: number): Promise<ChildMessage | Fault> {
    const note = options.runTimeoutMs !== undefined && ms < opMs() ? ` (what was left of the run's ${options.runTimeoutMs ?? ''} ms)` : '';
    const r = await c.request(request, ms, `'${request.type}' #${request.id}`, note);
    if (!r.ok) return r.fault;
    const m = r.message;
    let fault: Fault | null = null;
    if (m.type === 'error') fault = { kind: 'crash', message: `the adapter reported an error for '${request.type}' #${request.id}: ${m.message}` };
    else if (m.type === 'hello' || m.id !== request.id) fault = { kind: 'protocol', message: `expected '${want}' #${request.id}, got '${m.type}'${m.type === 'hello' ? '' : ` #${m.id}`} (out of order or unknown id)` };
    else if (m.type !== want) fault = { kind: 'protocol', message: `expected '${want}' #${request.id}, got '${m.type}'` };
    if (fault === null) return m;
    c.fail(fault);
    return fault;
  }

  async function greet(): Promise<Child | Fault> {
    // A child still busy with a request its caller gave up on (the kit's own time limit ran out first) is
    // stopped: a new request would read that request's reply, or share its fault.
    if (child !== null && !child.dead && child.busy) child.fail({ kind: 'timeout', message: 'abandoned by cokit while it was still answering an earlier request' });
    if (child !== null && !child.dead) return child;
    const c = new Child(argv, options.cwd);
    child = c;
    // Starting a process (an interpreter, a JIT) is not the scheduler's time: the greeting gets its own budget.
    const r = await c.request(null, Math.max(options.opTimeoutMs, HANDSHAKE_MS), 'the handshake (hello)');
    if (!r.ok) return r.fault;
    if (r.message.type !== 'hello') {
      const f: Fault = { kind: 'protocol', message: `expected 'hello' first, got '${r.message.type}'` };
      c.fail(f);
      return f;
    }
    if (r.message.protocol !== PROTOCOL_VERSION) {
      const f: Fault = { kind: 'protocol', message: `the adapter speaks protocol ${r.message.protocol}, cokit speaks ${PROTOCOL_VERSION}` };
      c.fail(f);
      return f;
    }
    meta = r.message.meta;
    features = r.message.features ?? [];
    return c;
  }

  async function open(config: SessionConfig): Promise<ProcessSession> {
    let started = Date.now();
    const budget = (): number => Math.max(1, Math.min(opMs(), options.runTimeoutMs === undefined ? Infinity : options.runTimeoutMs - (Date.now() - started)));
    let broken: Fault | null = null;
    const g = await greet();
    // The run's clock starts once the child is up: spawning it is not the scheduler's time.
    started = Date.now();
    let c: Child | null = null;
    if (g instanceof Child) {
      const id = nextId++;
      const r = await call(g, { type: 'open', id, config: { contexts: config.contexts, coroutines: config.coroutines } }, 'opened', budget());
      if ('kind' in r) broken = r;
      else c = g;
    } else broken = g;

    const overRun = (): Fault | null =>
      options.runTimeoutMs !== undefined && Date.now() - started > options.runTimeoutMs ? { kind: 'timeout', message: `the run took more than ${options.runTimeoutMs} ms` } : null;

    async function applyBatch(ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]> {
      const late = broken === null ? overRun() : null;
      if (late !== null) {
        c?.fail(late);
        broken = late;
      }
      if (broken !== null || c === null) {
        const f = broken ?? { kind: 'crash', message: 'no adapter process' };
        return ops.map(() => [faultEvent(f)]);
      }
      const id = nextId++;
      const r = await call(c, { type: 'apply', id, ops }, 'applied', budget());
      if ('kind' in r) {
        broken = r;
        return ops.map(() => [faultEvent(r)]);
      }
      if (r.type !== 'applied' || r.events.length !== ops.length) {
        const f: Fault = { kind: 'protocol', message: `'applied' #${id} carries ${r.type === 'applied' ? r.events.length : 0} event lists for ${ops.length} operations` };
        c.fail(f);
        broken = f;
        return ops.map(() => [faultEvent(f)]);
      }
      return r.events;
    }

    return {
      applyBatch,
      async apply(op: DriverOp): Promise<readonly Event[]> {
        const [events] = await applyBatch([op]);
        return events ?? [];
      },
      async close(): Promise<void> {
        if (broken !== null || c === null) return;
        const id = nextId++;
        const r = await call(c, { type: 'close', id }, 'closed', budget());
        if ('kind' in r) broken = r;
      },
    };
  }

  /** Level 3: one `run-concurrent` round trip; a fault is returned as the run's only event, like apply's. */
  async function runConcurrent(program: ConcurrentProgram, seed: number): Promise<readonly Event[]> {
    const g = await greet();
    if (!(g instanceof Child)) return [faultEvent(g)];
    const ms = options.concurrentTimeoutMs ?? Math.max(2000, 20 * options.opTimeoutMs);
    const id = nextId++;
    const r = await call(g, { type: 'run-concurrent', id, program, seed }, 'ran', ms);
    if ('kind' in r) return [faultEvent(r)];
    if (r.type !== 'ran') return [faultEvent({ kind: 'protocol', message: `expected 'ran' #${id}, got '${r.type}'` })];
    // After QEMU's abort the child may be exiting (PROTOCOL.md, profile strict): the next run gets a new one.
    if (r.events.at(-1)?.ev === 'abort') g.retire();
    return r.events;
  }

  /** Level 2: one `run-interleaved` round trip; the child moves its threads by the choices and reports every step. */
  async function runInterleaved(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedRun> {
    const g = await greet();
    if (!(g instanceof Child)) return { end: g.kind, steps: [], message: g.message };
    const ms = options.concurrentTimeoutMs ?? Math.max(2000, 20 * options.opTimeoutMs);
    const id = nextId++;
    const r = await call(g, { type: 'run-interleaved', id, program, choices, maxSteps }, 'stepped', ms);
    if ('kind' in r) return { end: r.kind, steps: [], message: r.message };
    if (r.type !== 'stepped') return { end: 'protocol', steps: [], message: `expected 'stepped' #${id}, got '${r.type}'` };
    return { end: r.end, steps: r.steps.map((s) => ({ runnable: s.runnable, thread: s.thread, report: { step: s.step, co: s.co, events: s.events } })) };
  }

  /** One whole session through open, one batch and close (three round trips): for children without `session`. */
  async function viaOpen(config: SessionConfig, ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]> {
    const session = await open(config);
    const events = await session.applyBatch(ops);
    await session.close();
    return events;
  }

  /** Check a `session-done` reply against its request; a fault answers every operation of the session. */
  function sessionEvents(c: Child, id: number, ops: readonly DriverOp[], r: ChildMessage | Fault): readonly (readonly Event[])[] {
    if ('kind' in r) return ops.map(() => [faultEvent(r)]);
    if (r.type === 'session-done' && r.events.length === ops.length) return r.events;
    const f: Fault = { kind: 'protocol', message: `'session-done' #${id} carries ${r.type === 'session-done' ? r.events.length : 0} event lists for ${ops.length} operations` };
    c.fail(f);
    return ops.map(() => [faultEvent(f)]);
  }

  /** The budget of a whole session in one message: the per-run limit, or one operation's limit per operation. */
  const sessionMs = (ops: number): number => options.runTimeoutMs ?? options.limits?.session(ops) ?? options.opTimeoutMs * Math.max(1, ops + 2);

  async function runSession(config: SessionConfig, ops: readonly DriverOp[]): Promise<readonly (readonly Event[])[]> {
    const g = await greet();
    if (!(g instanceof Child)) return ops.map(() => [faultEvent(g)]);
    // With the kit's limits, one request per operation, pipelined: a hang is pinned by the wait that found it.
    if (options.limits !== undefined) return runPipelined(g, () => nextId++, config, ops, Math.max(1, opMs()), faultEvent);
    if (!features.includes('session')) return viaOpen(config, ops);
    const id = nextId++;
    const r = await call(g, { type: 'session', id, config: { contexts: config.contexts, coroutines: config.coroutines }, ops }, 'session-done', sessionMs(ops.length));
    return sessionEvents(g, id, ops, r);
  }

  async function runSessions(runs: readonly { readonly config: SessionConfig; readonly ops: readonly DriverOp[] }[]): Promise<readonly (readonly (readonly Event[])[])[]> {
    const g = await greet();
    if (!(g instanceof Child)) return runs.map((run) => run.ops.map(() => [faultEvent(g)]));
    if (!features.includes('session')) {
      const out: (readonly (readonly Event[])[])[] = [];
      for (const run of runs) out.push(await viaOpen(run.config, run.ops));
      return out;
    }
    const ids = runs.map(() => nextId++);
    const requests = runs.map((run, i) => ({ type: 'session', id: ids[i], config: { contexts: run.config.contexts, coroutines: run.config.coroutines }, ops: run.ops }));
    const longest = Math.max(0, ...runs.map((run) => run.ops.length));
    // Batches of PIPELINE written one after another without waiting: the child starts on the first while
    // the rest are written, and its replies are read while it works on the next.
    const batches: Promise<Reply[]>[] = [];
    for (let i = 0; i < requests.length; i += PIPELINE) batches.push(g.requestMany(requests.slice(i, i + PIPELINE), sessionMs(longest), (k) => `'session' #${ids[i + k]}`));
    const replies = (await Promise.all(batches)).flat();
    return runs.map((run, i) => {
      const id = ids[i] as number;
      const reply = replies[i];
      if (reply === undefined || !reply.ok) return sessionEvents(g, id, run.ops, reply?.fault ?? { kind: 'crash', message: 'no reply' });
      const m = reply.message;
      if (m.type === 'error') return sessionEvents(g, id, run.ops, { kind: 'crash', message: `the adapter reported an error for 'session' #${id}: ${m.message}` });
      if (m.type === 'hello' || m.id !== id) {
        const f: Fault = { kind: 'protocol', message: `expected 'session-done' #${id}, got '${m.type}'${m.type === 'hello' ? '' : ` #${m.id}`} (out of order or unknown id)` };
        g.fail(f);
        return sessionEvents(g, id, run.ops, f);
      }
      return sessionEvents(g, id, run.ops, m);
    });
  }

  return {
    get meta(): AdapterMeta {
      return meta;
    },
    open,
    runInterleaved,
    runConcurrent,
    runSession,
    runSessions,
    async ready(): Promise<string | null> {
      const g = await greet();
      return g instanceof Child ? null : `${argv.join(' ')}: ${g.kind}: ${g.message}`;
    },
    dispose(): void {
      child?.kill();
      child = null;
    },
  };
}

