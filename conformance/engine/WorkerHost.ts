import { Worker } from 'node:worker_threads';
import type { ConcurrentProgram, DriverOp, SessionConfig } from '../../spec';
import type { AdapterMeta } from '../../adapters/contract';
import { classifyConcurrentEvents, classifyEvents } from './classifyEvents';
import type { ConcurrentReply, Host, InterleavedReply, RunReply, StepReply } from './host';
import { timeLimits, type TimeLimits } from './timeLimits';

/** What the worker (worker.ts) posts, per request id. */
type WorkerMessage =
  | { readonly id?: undefined; readonly type: 'loaded' }
  | { readonly id: number; readonly type: 'opened' }
  | { readonly id: number; readonly type: 'step'; readonly reply: StepReply }
  | { readonly id: number; readonly type: 'applied'; readonly value: unknown }
  | { readonly id: number; readonly type: 'done' }
  | { readonly id: number; readonly type: 'malformed'; readonly problem: string }
  | { readonly id: number; readonly type: 'tick'; readonly operations?: number }
  | { readonly id: number; readonly type: 'interleaved'; readonly reply: InterleavedReply }
  | { readonly id: number; readonly type: 'concurrent'; readonly events: unknown }
  | { readonly id: number; readonly type: 'concurrent-threw'; readonly message: string };

/** Time a fresh worker gets to load the adapter module before its first reply counts as a hang. */
const LOAD_GRACE_MS = 10_000;

/**
 * Hosts an adapter module in a worker thread, so a scheduler that never returns (the seed's cyclic list)
 * cannot hang cokit: when an operation takes longer than its limit the worker is terminated, the step is
 * a `timeout`, and the next run gets a fresh worker — started at once, so it has loaded the module by the
 * time the next run needs it. One worker serves many runs.
 */
export class WorkerHost implements Host {
  private worker: Worker | null = null;
  /** The next worker, started when a worker was replaced, so that the next replacement is ready at once. */
  private spare: Worker | null = null;
  /** Workers that have loaded the adapter module. */
  private readonly loaded = new WeakSet<Worker>();
  private nextId = 0;
  readonly limits: TimeLimits;
  /** `--timeout` as given: level 2 keeps it per step. */
  private readonly opTimeoutMs: number;

  constructor(
    private readonly workerScript: string,
    private readonly modulePath: string,
    readonly label: string,
    limits: number | TimeLimits,
  ) {
    this.limits = timeLimits(limits);
    this.opTimeoutMs = this.limits.opMs;
  }

  /** A new worker thread; it starts loading the adapter module at once and says `loaded` when done. */
  private create(): Worker {
    const w = new Worker(this.workerScript, { workerData: { modulePath: this.modulePath }, stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.resume();
    w.unref();
    // A run in progress hears of the thread's death through its own listeners; between runs (an adapter's
    // stray timer throwing, say) an unheard 'error' would crash cokit: the next run gets a fresh worker.
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      if (this.spare === w) this.spare = null;
    });
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'loaded') this.loaded.add(w);
    });
    return w;
  }

  /** The current worker; the spare (already loading, or loaded) becomes it when there is none. */
  private spawn(): Worker {
    if (this.worker === null) {
      this.worker = this.spare ?? this.create();
      this.spare = null;
    }
    return this.worker;
  }

  /** The current worker has not loaded the adapter module yet (its first request gets `LOAD_GRACE_MS` more). */
  private get fresh(): boolean {
    return this.worker === null || !this.loaded.has(this.worker);
  }

  /**
   * Terminate the worker (it hung, or died). Its replacement is the spare, started when the previous worker
   * was replaced, so it has usually loaded the module already; a new spare starts loading now. A scheduler
   * that hangs often pays the suspicion limit per hang, not the start of a thread as well.
   */
  private kill(): void {
    const w = this.worker;
    this.worker = null;
    if (w === null) return;
    void w.terminate();
    this.spawn();
    if (this.spare === null) this.spare = this.create();
  }

  /**
   * One request to the worker and its replies, until `onMessage` finishes it: `arm(ms)` (re)starts the
   * timer whose expiry ends the exchange with `timeout()` and replaces the worker; the thread's death ends it
   * with `died(reason)`. Messages of other requests are ignored.
   */
  private exchange<R>(
    message: { readonly type: string; readonly [k: string]: unknown },
    firstMs: number,
    handlers: {
      readonly onMessage: (m: WorkerMessage, finish: (r: R, killWorker: boolean) => void, arm: (ms: number) => void) => void;
      readonly timeout: () => R;
      readonly died: (reason: string) => R;
    },
  ): Promise<R> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<R>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: R, killWorker: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (killWorker) this.kill();
        resolve(r);
      };
      const arm = (ms: number): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(handlers.timeout(), true), ms);
      };
      const onMessage = (m: WorkerMessage): void => {
        // The module is loaded: the request's own limit starts now, not the loading grace.
        if (m.type === 'loaded') return arm(firstMs);
        if (m.id !== id) return;
        this.loaded.add(worker);
        handlers.onMessage(m, finish, arm);
      };
      const onError = (e: Error): void => finish(handlers.died(`the adapter's thread died: ${e.message}`), true);
      const onExit = (code: number): void => finish(handlers.died(`the adapter's thread exited with code ${code}`), true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      arm((this.fresh ? LOAD_GRACE_MS : 0) + firstMs);
      worker.postMessage({ ...message, id });
    });
  }

  run(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply> {
    const replies: StepReply[] = [];
    let opened = false;
    let limit = this.limits.op();
    let since = performance.now();
    const next = (arm: (ms: number) => void): void => {
      limit = this.limits.op();
      since = performance.now();
      arm(limit);
    };
    return this.exchange<RunReply>({ type: 'run', config, ops }, limit, {
      onMessage: (m, finish, arm) => {
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem }, true);
        if (m.type === 'done') return finish({ kind: 'replies', replies }, false);
        if (m.type === 'opened') {
          opened = true;
          return next(arm);
        }
        if (m.type !== 'step' && m.type !== 'applied') return;
        const reply = m.type === 'step' ? m.reply : classifyEvents(m.value, this.modulePath);
        if (typeof reply === 'string') return finish({ kind: 'malformed', problem: reply }, true);
        if (replies.length >= ops.length && replies.length > 0) replies[replies.length - 1] = reply;
        else replies.push(reply);
        if (reply.outcome !== 'completed') return finish({ kind: 'replies', replies }, false);
        this.limits.observeOp(performance.now() - since);
        next(arm);
      },
      timeout: () => ({ kind: 'replies', replies: [...replies, opened ? { outcome: 'timeout', ms: limit } : { outcome: 'timeout', ms: limit, stage: 'open' }] }),
      died: (reason) => ({ kind: 'replies', replies: [...replies, { outcome: 'crash', message: reason }] }),
    });
  }

  /**
   * A level-2 run in the worker. Each step's `tick` re-arms the per-operation timer; a step that never
   * returns ends in `timeout`, and the worker is replaced.
   */
  runInterleaved(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedReply> {
    // A step's limit: `--timeout`, or the confirmation limit while a suspected hang is confirmed; a whole run's
    // is the time of its steps (TimeLimits.steps).
    const stepMs = this.limits.steps(1);
    let ticks = 0;
    let whole = 0;
    const fault = (outcome: 'timeout' | 'crash', message: string): InterleavedReply => ({ kind: 'steps', steps: [], outcome, message: whole > 0 ? message : `${message} (after ${ticks} steps)` });
    return this.exchange<InterleavedReply>({ type: 'interleaved', program, choices, maxSteps }, stepMs, {
      onMessage: (m, finish, arm) => {
        if (m.type === 'tick') {
          if (m.operations !== undefined) {
            whole = m.operations;
            return arm(this.limits.steps(m.operations));
          }
          ticks++;
          return arm(stepMs);
        }
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem }, true);
        if (m.type === 'interleaved') return finish(m.reply, false);
      },
      timeout: () => fault('timeout', whole > 0 ? `runInterleaved() did not return within ${this.limits.steps(whole)} ms (the time of ${whole} steps)` : `a step did not return within ${stepMs} ms`),
      died: (reason) => fault('crash', reason),
    });
  }

  /** A level-3 run in the worker, ended (and the worker replaced) after `runTimeoutMs`. */
  runConcurrent(program: ConcurrentProgram, seed: number, runTimeoutMs: number): Promise<ConcurrentReply> {
    return this.exchange<ConcurrentReply>({ type: 'concurrent', program, seed }, runTimeoutMs, {
      onMessage: (m, finish) => {
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem }, true);
        if (m.type === 'concurrent-threw') return finish({ kind: 'fault', outcome: 'crash', message: `runConcurrent() threw: ${m.message}` }, false);
        if (m.type === 'concurrent') return finish(classifyConcurrentEvents(m.events, this.label), false);
      },
      timeout: () => ({ kind: 'fault', outcome: 'timeout', message: `the concurrent run did not finish within ${runTimeoutMs} ms` }),
      died: (reason) => ({ kind: 'fault', outcome: 'crash', message: reason }),
    });
  }

  /** Load the module and return its adapter's meta, or the problem that makes it unusable. */
  describe(): Promise<{ readonly ok: true; readonly meta: AdapterMeta } | { readonly ok: false; readonly problem: string }> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        done();
        this.kill();
        resolve({ ok: false, problem: `${this.label}: loading the module did not finish within ${LOAD_GRACE_MS} ms` });
      }, LOAD_GRACE_MS);
      const onMessage = (m: { id: number; type: string; meta?: AdapterMeta; problem?: string }): void => {
        if (m.id !== id) return;
        done();
        this.loaded.add(worker);
        if (m.type === 'meta' && m.meta !== undefined) resolve({ ok: true, meta: m.meta });
        else resolve({ ok: false, problem: m.problem ?? `${this.label}: the module could not be described` });
      };
      const onExit = (code: number): void => {
        done();
        resolve({ ok: false, problem: `${this.label}: the adapter's thread exited with code ${code} while loading the module` });
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'describe', id });
    });
  }

  async dispose(): Promise<void> {
    const ws = [this.worker, this.spare];
    this.worker = null;
    this.spare = null;
    for (const w of ws) if (w !== null) await w.terminate();
  }
}
