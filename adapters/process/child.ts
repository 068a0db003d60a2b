import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { parseChildLine, type ChildMessage } from './schema';

/** A fault of the child, in the adapter-error vocabulary of the contract. */
export interface Fault {
  readonly kind: 'crash' | 'timeout' | 'protocol';
  readonly message: string;
}

export type Reply = { readonly ok: true; readonly message: ChildMessage } | { readonly ok: false; readonly fault: Fault };

const STDERR_TAIL = 2000;
const MAX_LINE = 16 * 1024 * 1024;

/**
 * One running child: writes request lines, reads reply lines one at a time. The first fault (exit, spawn
 * failure, garbled or invalid line, unexpected line, timeout) kills the child and is returned to every
 * later request, so nothing waits on a dead pipe.
 */
export class Child {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: ((r: Reply) => void) | null = null;
  /** Readers of pipelined batches, in the order their requests were written; the first takes lines as they come. */
  private readonly readers: { readonly start: () => void; readonly accept: (line: string) => void; readonly fail: (f: Fault) => void }[] = [];
  private stderrTail = '';
  private fault: Fault | null = null;

  constructor(argv: readonly string[], cwd: string | undefined) {
    const [file, ...args] = argv;
    this.proc = spawn(file ?? '', args, { stdio: ['pipe', 'pipe', 'pipe'], ...(cwd !== undefined ? { cwd } : {}) });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stderr.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => this.onData(d));
    this.proc.stderr.on('data', (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-STDERR_TAIL);
    });
    this.proc.stdin.on('error', () => undefined);
    // An idle child between sessions must not keep cokit (or jest) alive; a pending request's timer does.
    this.proc.unref();
    for (const s of [this.proc.stdin, this.proc.stdout, this.proc.stderr]) (s as unknown as { unref?: () => void }).unref?.();
    this.proc.on('error', (e) => this.fail({ kind: 'crash', message: `cannot run ${JSON.stringify(argv.join(' '))}: ${e.message}` }));
    // 'close', not 'exit': a child that writes its last reply and exits at once (after QEMU's abort) must have
    // that reply read first; 'exit' can come before the end of its stdout.
    this.proc.on('close', (code, signal) => {
      const how = signal !== null ? `was killed by ${signal}` : `exited with status ${code ?? '?'}`;
      const tail = this.stderrTail.trim();
      this.fail({ kind: 'crash', message: `the adapter process ${how}${tail === '' ? '' : `; stderr: ${tail.slice(-500)}`}` });
    });
  }

  get dead(): boolean {
    return this.fault !== null;
  }

  /** A request is waiting for its reply (or a pipelined batch for its replies). */
  get busy(): boolean {
    return this.waiter !== null || this.readers.length > 0;
  }

  /** Stop an idle child that is done (it aborted, and may be exiting): the next request starts a new one. */
  retire(): void {
    this.fail({ kind: 'crash', message: 'retired: the child aborted (profile strict) and may have exited' });
  }

  /** Kill the child and make `fault` the answer to the pending and every later request. */
  fail(fault: Fault): void {
    if (this.fault === null) this.fault = fault;
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    const w = this.waiter;
    this.waiter = null;
    w?.({ ok: false, fault: this.fault });
    for (const r of this.readers.splice(0)) r.fail(this.fault);
  }

  private onData(d: string): void {
    this.buffer += d;
    let start = 0;
    let nl = this.buffer.indexOf('\n');
    while (nl >= 0) {
      this.lines.push(this.buffer.slice(start, nl).replace(/\r$/, ''));
      start = nl + 1;
      nl = this.buffer.indexOf('\n', start);
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > MAX_LINE) this.fail({ kind: 'protocol', message: `a line of more than ${MAX_LINE} bytes` });
    this.deliver();
  }

  private deliver(): void {
    while (this.readers.length > 0 && this.lines.length > 0) (this.readers[0] as (typeof this.readers)[number]).accept(this.lines.shift() as string);
    // A line nobody waits for stays queued: the next request reads it and its id check names the fault.
    if (this.waiter === null) return;
    const line = this.lines.shift();
    if (line === undefined) return;
    const w = this.waiter;
    this.waiter = null;
    const parsed = parseChildLine(line);
    if (parsed.kind === 'message') return w({ ok: true, message: parsed.message });
    this.waiter = w;
    this.fail({ kind: 'protocol', message: parsed.problem });
  }

  /** Send `request` (null: only read, for the hello) and wait for one reply line, at most `ms`. */
  request(request: object | null, ms: number, what: string, note = ''): Promise<Reply> {
    if (this.fault !== null) return Promise.resolve({ ok: false, fault: this.fault });
    if (request !== null) this.proc.stdin.write(`${JSON.stringify(request)}\n`);
    return this.read(ms, what, note);
  }

  /**
   * Pipelining: send every request at once, then read one reply per request, in order, each within `ms`
   * of the previous. Several batches may be in flight: each is read after the ones written before it, so the
   * child works on one while cokit writes the next and reads the last. A child that handles its input line by
   * line needs nothing more to serve it.
   */
  requestMany(requests: readonly object[], ms: number, what: (i: number) => string): Promise<Reply[]> {
    if (this.fault !== null) return Promise.resolve(requests.map(() => ({ ok: false, fault: this.fault as Fault })));
    this.proc.stdin.write(requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
    return new Promise<Reply[]>((resolve) => {
      const out: Reply[] = [];
      let last = Date.now();
      let timer: NodeJS.Timeout | undefined;
      // One timer for the batch, re-armed only when it fires: each reply still gets `ms` after the last.
      const check = (): void => {
        const idle = Date.now() - last;
        if (idle >= ms) this.fail({ kind: 'timeout', message: `no answer to ${what(out.length)} within ${ms} ms` });
        else timer = setTimeout(check, ms - idle);
      };
      const finish = (): void => {
        clearTimeout(timer);
        resolve(out);
      };
      const reader = {
        start: (): void => {
          last = Date.now();
          timer = setTimeout(check, ms);
        },
        accept: (line: string): void => {
          const parsed = parseChildLine(line);
          if (parsed.kind !== 'message') {
            this.fail({ kind: 'protocol', message: parsed.problem });
            return;
          }
          last = Date.now();
          out.push({ ok: true, message: parsed.message });
          if (out.length < requests.length) return;
          this.readers.shift();
          this.readers[0]?.start();
          finish();
        },
        fail: (fault: Fault): void => {
          while (out.length < requests.length) out.push({ ok: false, fault });
          finish();
        },
      };
      this.readers.push(reader);
      if (this.readers.length === 1) reader.start();
      this.deliver();
    });
  }

  /** Wait for one reply line, at most `ms`. */
  private read(ms: number, what: string, note = ''): Promise<Reply> {
    if (this.fault !== null) return Promise.resolve({ ok: false, fault: this.fault });
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => this.fail({ kind: 'timeout', message: `no answer to ${what} within ${ms} ms${note}` }), ms);
      this.waiter = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.deliver();
    });
  }

  kill(): void {
    this.fail({ kind: 'crash', message: 'the adapter process was stopped by cokit' });
  }
}
