import { Worker } from 'node:worker_threads';
import type { ConcurrentProgram, DriverOp, SessionConfig } from '../../spec';
import type { AdapterMeta } from '../../adapters/contract';
import { classifyConcurrentEvents } from './classifyEvents';
import type { ConcurrentReply, Host, InterleavedReply, RunReply, StepReply } from './host';

type WorkerMessage =
  | { readonly id: number; readonly type: 'step'; readonly reply: StepReply }
  | { readonly id: number; readonly type: 'done' }
  | { readonly id: number; readonly type: 'malformed'; readonly problem: string };

/** Time a fresh worker gets to load the adapter module before its first reply counts as a hang. */
const LOAD_GRACE_MS = 10_000;

/**
 * Hosts an adapter module in a worker thread, so a scheduler that never returns (the seed's cyclic list)
 * cannot hang cokit: when an operation takes longer than the timeout the worker is terminated, the step is
 * a `timeout`, and the next run gets a fresh worker. One worker serves many runs.
 */
export class WorkerHost implements Host {
  private worker: Worker | null = null;
  private fresh = true;
  private nextId = 0;

  constructor(
    private readonly workerScript: string,
    private readonly modulePath: string,
    readonly label: string,
    private readonly opTimeoutMs: number,
  ) {}

  private spawn(): Worker {
    if (this.worker === null) {
      const w = new Worker(this.workerScript, { workerData: { modulePath: this.modulePath }, stdout: true, stderr: true });
      w.stdout.resume();
      w.stderr.resume();
      w.unref();
      // A run in progress hears of the thread's death through its own listeners; between runs (an adapter's
      // stray timer throwing, say) an unheard 'error' would crash cokit: the next run gets a fresh worker.
      w.on('error', () => undefined);
      w.on('exit', () => {
        if (this.worker === w) this.worker = null;
      });
      this.worker = w;
      this.fresh = true;
    }
    return this.worker;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = null;
    if (w !== null) void w.terminate();
  }

  run(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply> {
    const worker = this.spawn();
    const id = this.nextId++;
    const replies: StepReply[] = [];
    return new Promise<RunReply>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: RunReply, killWorker: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (killWorker) this.kill();
        resolve(r);
      };
      const arm = (ms: number): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'replies', replies: [...replies, { outcome: 'timeout', ms: this.opTimeoutMs }] }, true), ms);
      };
      const onMessage = (m: WorkerMessage): void => {
        if (m.id !== id) return;
        this.fresh = false;
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem }, true);
        if (m.type === 'done') return finish({ kind: 'replies', replies }, false);
        if (replies.length >= ops.length && replies.length > 0) replies[replies.length - 1] = m.reply;
        else replies.push(m.reply);
        if (m.reply.outcome === 'crash') return finish({ kind: 'replies', replies }, false);
        arm(this.opTimeoutMs);
      };
      const onError = (e: Error): void => finish({ kind: 'replies', replies: [...replies, { outcome: 'crash', message: `the adapter's thread died: ${e.message}` }] }, true);
      const onExit = (code: number): void => finish({ kind: 'replies', replies: [...replies, { outcome: 'crash', message: `the adapter's thread exited with code ${code}` }] }, true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      arm(this.fresh ? LOAD_GRACE_MS + this.opTimeoutMs : this.opTimeoutMs);
      worker.postMessage({ type: 'run', id, config, ops });
    });
  }

  /**
   * A level-2 run in the worker. Each step's `tick` re-arms the per-operation timer; a step that never
   * returns ends in `timeout` with the steps so far, and the worker is replaced.
   */
  runInterleaved(program: ConcurrentProgram, choices: readonly number[], maxSteps: number): Promise<InterleavedReply> {
    const worker = this.spawn();
    const id = this.nextId++;
    let ticks = 0;
    return new Promise<InterleavedReply>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (r: InterleavedReply, killWorker: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (killWorker) this.kill();
        resolve(r);
      };
      const fault = (outcome: 'timeout' | 'crash', message: string): InterleavedReply => ({ kind: 'steps', steps: [], outcome, message: `${message} (after ${ticks} steps)` });
      const arm = (ms: number): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(fault('timeout', `a step did not return within ${this.opTimeoutMs} ms`), true), ms);
      };
      const onMessage = (m: { id: number; type: string; reply?: InterleavedReply; problem?: string }): void => {
        if (m.id !== id) return;
        this.fresh = false;
        if (m.type === 'tick') {
          ticks++;
          return arm(this.opTimeoutMs);
        }
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem ?? `${this.label}: malformed` }, true);
        if (m.type === 'interleaved' && m.reply !== undefined) return finish(m.reply, false);
      };
      const onError = (e: Error): void => finish(fault('crash', `the adapter's thread died: ${e.message}`), true);
      const onExit = (code: number): void => finish(fault('crash', `the adapter's thread exited with code ${code}`), true);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      arm(this.fresh ? LOAD_GRACE_MS + this.opTimeoutMs : this.opTimeoutMs);
      worker.postMessage({ type: 'interleaved', id, program, choices, maxSteps });
    });
  }

  /** A level-3 run in the worker, ended (and the worker replaced) after `runTimeoutMs`. */
  runConcurrent(program: ConcurrentProgram, seed: number, runTimeoutMs: number): Promise<ConcurrentReply> {
    const worker = this.spawn();
    const id = this.nextId++;
    return new Promise<ConcurrentReply>((resolve) => {
      const finish = (r: ConcurrentReply, killWorker: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (killWorker) this.kill();
        resolve(r);
      };
      const timer = setTimeout(() => finish({ kind: 'fault', outcome: 'timeout', message: `the concurrent run did not finish within ${runTimeoutMs} ms` }, true), (this.fresh ? LOAD_GRACE_MS : 0) + runTimeoutMs);
      const onMessage = (m: { id: number; type: string; events?: unknown; message?: string; problem?: string }): void => {
        if (m.id !== id) return;
        this.fresh = false;
        if (m.type === 'malformed') return finish({ kind: 'malformed', problem: m.problem ?? `${this.label}: malformed` }, true);
        if (m.type === 'concurrent-threw') return finish({ kind: 'fault', outcome: 'crash', message: `runConcurrent() threw: ${m.message ?? ''}` }, false);
        finish(classifyConcurrentEvents(m.events, this.label), false);
      };
      const onExit = (code: number): void => finish({ kind: 'fault', outcome: 'crash', message: `the adapter's thread exited with code ${code}` }, true);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'concurrent', id, program, seed });
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
        this.fresh = false;
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
    const w = this.worker;
    this.worker = null;
    if (w !== null) await w.terminate();
  }
}
