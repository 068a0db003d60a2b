/**
 * A small scheduler written the other way round from cokit's reference: coroutines are async functions that
 * await a "resume" promise at each yield, and entering one is awaiting its next stop. No generators, no
 * shared code with the reference — only the semantics of the `cancel` profile: a direct entry cancels a
 * pending schedule; each schedule is a fresh ticket, so a stale ticket left by a cancel is skipped.
 */
export type Instr = { kind: 'yield' } | { kind: 'schedule'; target: number; ctx: number } | { kind: 'enter'; target: number } | { kind: 'wake'; target: number };
export type Out = { ev: 'entered'; co: number; ctx: number; by: 'direct' | 'bh' } | { ev: 'yielded' | 'terminated'; co: number } | { ev: 'error'; kind: 'recursive-entry' | 'entry-after-termination' | 'scheduled-elsewhere' | 'double-schedule'; co: number; message: string };

interface Ticket {
  readonly co: number;
  readonly ctx: number;
}

class Task {
  state: 'new' | 'running' | 'parked' | 'done' = 'new';
  home: number | null = null;
  ticket: Ticket | null = null;
  queued: number[] = [];
  private resume: (() => void) | null = null;
  private stopped: (() => void) | null = null;

  constructor(
    readonly id: number,
    private readonly code: readonly Instr[],
    private readonly sched: PromiseScheduler,
  ) {}

  /** Run until the next yield or the end; resolves when the task stops. */
  step(): Promise<void> {
    const stop = new Promise<void>((r) => (this.stopped = r));
    if (this.resume !== null) {
      const go = this.resume;
      this.resume = null;
      go();
    } else {
      void this.body();
    }
    return stop;
  }

  private async body(): Promise<void> {
    for (const ins of this.code) {
      if (ins.kind === 'yield') {
        await new Promise<void>((r) => {
          this.resume = r;
          this.state = 'parked';
          this.sched.emit({ ev: 'yielded', co: this.id });
          this.stopped?.();
        });
      } else if (ins.kind === 'schedule') this.sched.schedule(ins.target, ins.ctx);
      else if (ins.kind === 'enter') await this.sched.enter(ins.target, this.home ?? 0, 'direct');
      else this.sched.wake(this, ins.target);
    }
    this.state = 'done';
    this.sched.emit({ ev: 'terminated', co: this.id });
    this.stopped?.();
  }
}

export class PromiseScheduler {
  private readonly tasks: Task[] = [];
  private readonly pending: Ticket[][];
  private readonly armed: boolean[];
  private log: Out[] = [];

  constructor(contexts: number) {
    this.pending = Array.from({ length: contexts }, () => []);
    this.armed = Array.from({ length: contexts }, () => false);
  }

  emit(o: Out): void {
    this.log.push(o);
  }

  /** Collect what happened since the last call. */
  drain(): Out[] {
    const l = this.log;
    this.log = [];
    return l;
  }

  create(code: readonly Instr[]): void {
    this.tasks.push(new Task(this.tasks.length, code, this));
  }

  private task(id: number): Task {
    const t = this.tasks[id];
    if (t === undefined) throw new Error(`no coroutine ${id}`);
    return t;
  }

  schedule(id: number, ctx: number): void {
    const t = this.task(id);
    if (t.state === 'done') return this.emit({ ev: 'error', kind: 'entry-after-termination', co: id, message: 'scheduled after it finished' });
    if (t.ticket !== null) return this.emit({ ev: 'error', kind: t.ticket.ctx === ctx ? 'double-schedule' : 'scheduled-elsewhere', co: id, message: 'already scheduled' });
    const ticket: Ticket = { co: id, ctx };
    t.ticket = ticket;
    this.pending[ctx]?.push(ticket);
    this.armed[ctx] = true;
  }

  /** Enter `id` and, after it stops, the tasks it woke on its own context. */
  async enter(id: number, ctx: number, by: 'direct' | 'bh'): Promise<void> {
    const todo = [id];
    let how = by;
    while (todo.length > 0) {
      const t = this.task(todo.shift() as number);
      const mode = how;
      how = 'direct';
      if (t.state === 'running') {
        this.emit({ ev: 'error', kind: 'recursive-entry', co: t.id, message: 'already running' });
        continue;
      }
      if (t.state === 'done') {
        this.emit({ ev: 'error', kind: 'entry-after-termination', co: t.id, message: 'already finished' });
        continue;
      }
      t.home = ctx;
      this.cancelTicket(t);
      t.state = 'running';
      this.emit({ ev: 'entered', co: t.id, ctx, by: mode });
      await t.step();
      todo.unshift(...t.queued);
      t.queued = [];
    }
  }

  /** The cancel: a task entered directly no longer owes its pending ticket a delivery. */
  protected cancelTicket(t: { ticket: Ticket | null }): void {
    t.ticket = null;
  }

  wake(waker: Task, id: number): void {
    const t = this.task(id);
    const home = t.home ?? waker.home ?? 0;
    if (home !== waker.home) return this.schedule(id, home);
    if (t === waker) return this.emit({ ev: 'error', kind: 'recursive-entry', co: id, message: 'woke itself' });
    waker.queued.push(id);
  }

  async poll(ctx: number): Promise<void> {
    if (this.armed[ctx] !== true) return;
    this.armed[ctx] = false;
    const batch = this.pending[ctx] ?? [];
    this.pending[ctx] = [];
    for (const ticket of batch) {
      if (this.task(ticket.co).ticket === ticket) await this.enter(ticket.co, ctx, 'bh');
    }
  }
}
