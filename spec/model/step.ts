import type { ContextId, CoroutineId } from './ids';
import type { ContractErrorKind, EntryKind, Event } from './events';
import type { DriverOp } from './ops';
import type { Caller, ContextState, CoroutineState, ScheduleRecord, State } from './state';
import { whyNotEnabled } from './enabled';

/** What the BH did with one record of the list it took (annotation for the clauses' predicates). */
export interface BhVisit {
  readonly record: ScheduleRecord;
  /**
   * `delivered`: the mark matched, the coroutine was entered. `refused`: the mark matched but the entry was a
   * contract violation (reported). `cancelled`: a direct entry cleared the mark and the coroutine has not
   * been scheduled since. `stale`: the coroutine was scheduled again after this record (CO9), whether that
   * newer schedule is still pending, delivered or cancelled too.
   */
  readonly outcome: 'delivered' | 'refused' | 'cancelled' | 'stale';
  /** Index in the step's events at which the BH reached this record. */
  readonly at: number;
  /** For a `stale` record: whether the newer schedule was still pending when the BH reached this one. */
  readonly newerPending: boolean;
}

export type StepResult =
  | { readonly kind: 'ok'; readonly state: State; readonly events: readonly Event[]; readonly walk: readonly BhVisit[] }
  /** The operation is not enabled in this state (a malformed test, not a scheduler fault). */
  | { readonly kind: 'disabled'; readonly reason: string };

/**
 * The level-1 semantics: one driver operation as one atomic step, predicting the exact trace.
 * Pure: the input state is not modified.
 */
export function step(state: State, op: DriverOp): StepResult {
  return stepWith(state, op, (s) => new Machine(s));
}

/** One driver operation on a machine of a profile's semantics (`spec/strict` extends `Machine`). */
export function stepWith(state: State, op: DriverOp, machine: (s: State) => Machine): StepResult {
  const reason = whyNotEnabled(state, op);
  if (reason !== null) return { kind: 'disabled', reason };
  const m = machine(state);
  switch (op.op) {
    case 'create':
      m.coroutines.push({ status: 'fresh', program: op.program, pc: 0, ctx: null, scheduled: null, lastSeq: null });
      break;
    case 'enter':
      m.enterLoop(op.co, op.from, 'direct', { kind: 'driver', ctx: op.from });
      break;
    case 'schedule':
      m.schedule(op.co, op.ctx);
      break;
    case 'poll':
      m.poll(op.ctx);
      break;
    default: {
      const never: never = op;
      throw new Error(`unknown driver op ${JSON.stringify(never)}`);
    }
  }
  return { kind: 'ok', state: m.freeze(), events: m.events, walk: m.walk };
}

/** A queue of coroutines to enter (the entry loop's `pending`, a coroutine's `co_queue_wakeup`). */
export interface WakeQueue {
  readonly kind: 'wake-queue';
}

/** Operations on wake queues, as QEMU's QSIMPLEQ macros name them. */
export interface WakeQueues {
  create(): WakeQueue;
  insertTail(q: WakeQueue, c: CoroutineId): void;
  /** The first coroutine, removed; null when the queue is empty. */
  removeHead(q: WakeQueue): CoroutineId | null;
  /** `QSIMPLEQ_PREPEND(q, from)`: `from`'s elements go in front of `q`'s; `from` is left empty. */
  prepend(q: WakeQueue, from: WakeQueue): void;
}

/** Queues as lists of their own: a coroutine queued twice is entered twice (profile `cancel`). */
class ArrayQueues implements WakeQueues {
  create(): WakeQueue {
    return Object.assign({ kind: 'wake-queue' as const }, { items: [] as CoroutineId[] });
  }
  private items(q: WakeQueue): CoroutineId[] {
    return (q as WakeQueue & { items: CoroutineId[] }).items;
  }
  insertTail(q: WakeQueue, c: CoroutineId): void {
    this.items(q).push(c);
  }
  removeHead(q: WakeQueue): CoroutineId | null {
    return this.items(q).shift() ?? null;
  }
  prepend(q: WakeQueue, from: WakeQueue): void {
    this.items(q).unshift(...this.items(from).splice(0));
  }
}

/**
 * A mutable working copy of the state for the duration of one step: profile `cancel`'s semantics. Profile
 * `strict` overrides the decisions that differ (`spec/strict/step.ts`).
 */
export class Machine {
  readonly coroutines: CoroutineState[];
  readonly contexts: ContextState[];
  readonly events: Event[] = [];
  readonly walk: BhVisit[] = [];
  protected nextSeq: number;
  /** Profile `strict`: set by an abort; the step does nothing more. */
  protected aborted: State['aborted'];
  /** The entry loop's `pending` and the wake-up queues (`co_queue_wakeup`): plain queues here. */
  protected readonly queues: WakeQueues = new ArrayQueues();

  constructor(private readonly base: State) {
    this.coroutines = [...base.coroutines];
    this.contexts = [...base.contexts];
    this.nextSeq = base.nextSeq;
    this.aborted = base.aborted;
  }

  freeze(): State {
    const s: State = { config: this.base.config, coroutines: this.coroutines, contexts: this.contexts, nextSeq: this.nextSeq };
    return this.aborted === undefined ? s : { ...s, aborted: this.aborted };
  }

  protected co(c: CoroutineId): CoroutineState {
    const s = this.coroutines[c];
    if (s === undefined) throw new Error(`internal: coroutine c${c} does not exist`);
    return s;
  }

  protected ctx(x: ContextId): ContextState {
    const s = this.contexts[x];
    if (s === undefined) throw new Error(`internal: context x${x} does not exist`);
    return s;
  }

  protected error(kind: ContractErrorKind, co: CoroutineId, message: string): void {
    this.events.push({ ev: 'error', kind, co, message });
  }

  /**
   * `aio_co_schedule(ctx, co)`: set the mark, then publish the record on the list and arm the BH. Checked in
   * this order: a terminated coroutine is `entry-after-termination` (even with its mark still set); then a
   * pending mark on the same context is `double-schedule`, on another `scheduled-elsewhere`. A running or
   * suspended coroutine may be scheduled.
   */
  schedule(c: CoroutineId, x: ContextId): void {
    const s = this.co(c);
    if (s.status === 'terminated') return this.error('entry-after-termination', c, `c${c} scheduled on x${x} after it terminated`);
    if (s.scheduled !== null) {
      return s.scheduled.ctx === x
        ? this.error('double-schedule', c, `c${c} scheduled on x${x} twice`)
        : this.error('scheduled-elsewhere', c, `c${c} scheduled on x${x} while scheduled on x${s.scheduled.ctx}`);
    }
    const record: ScheduleRecord = { co: c, ctx: x, seq: this.nextSeq++ };
    this.coroutines[c] = { ...s, scheduled: record, lastSeq: record.seq };
    const ctx = this.ctx(x);
    this.contexts[x] = { list: [...ctx.list, record], armed: true };
  }

  /**
   * `co_schedule_bh_cb(ctx)`, run once if armed: take the whole list as it stands, then enter, in order,
   * each coroutine whose mark is still this record. Schedules made meanwhile re-arm the BH for the next poll.
   */
  poll(x: ContextId): void {
    const ctx = this.ctx(x);
    if (!ctx.armed) return;
    this.contexts[x] = { list: [], armed: false };
    for (const record of ctx.list) {
      const s = this.co(record.co);
      const at = this.events.length;
      if (s.scheduled === null || s.scheduled.seq !== record.seq) {
        const superseded = s.lastSeq !== null && s.lastSeq > record.seq;
        this.walk.push({ record, outcome: superseded ? 'stale' : 'cancelled', at, newerPending: superseded && s.scheduled !== null });
      } else {
        const entered = this.enterLoop(record.co, x, 'bh', { kind: 'bh', ctx: x });
        this.walk.push({ record, outcome: entered ? 'delivered' : 'refused', at, newerPending: false });
      }
    }
  }

  /**
   * `qemu_aio_coroutine_enter(ctx, co)`: enter `first`, then, depth-first, the coroutines it queued with
   * `wake` while it ran: each once its waker yields or terminates, reported `direct` even inside a BH run.
   * Each entry sets the caller and the context, then clears the mark (the cancel). Returns whether `first`
   * itself was entered.
   */
  enterLoop(first: CoroutineId, x: ContextId, by: EntryKind, caller: Caller): boolean {
    const pending = this.queues.create();
    this.queues.insertTail(pending, first);
    let firstEntered = false;
    let isFirst = true;
    for (let c = this.queues.removeHead(pending); c !== null && this.aborted === undefined; c = this.queues.removeHead(pending)) {
      const how: EntryKind = isFirst ? by : 'direct';
      const wasFirst = isFirst;
      isFirst = false;
      const s = this.co(c);
      if (this.refuseEntry(c, s)) continue;
      if (wasFirst) firstEntered = true;
      this.coroutines[c] = { status: 'running', caller, program: s.program, pc: s.pc, ctx: x, scheduled: null, lastSeq: s.lastSeq };
      this.events.push({ ev: 'entered', co: c, ctx: x, by: how });
      this.queues.prepend(pending, this.run(c, x));
    }
    return firstEntered;
  }

  /**
   * `qemu_aio_coroutine_enter`'s checks before the switch: entering a running or a terminated coroutine is
   * reported and refused. Returns whether the entry was refused.
   */
  protected refuseEntry(c: CoroutineId, s: CoroutineState): boolean {
    if (s.status === 'running') {
      this.error('recursive-entry', c, `c${c} entered while it is running`);
      return true;
    }
    if (s.status === 'terminated') {
      this.error('entry-after-termination', c, `c${c} entered after it terminated`);
      return true;
    }
    return false;
  }

  /** `aio_co_wake(self)` from inside the running coroutine: reported as recursive entry, nothing changes. */
  protected wakeSelf(c: CoroutineId): void {
    this.error('recursive-entry', c, `c${c} woke itself while running`);
  }

  /**
   * Run `c`'s program from its pc until it yields or terminates; returns its wake-up queue. A coroutine may
   * terminate with a schedule pending (its mark set): that schedule's BH then reports `entry-after-termination`.
   */
  private run(c: CoroutineId, x: ContextId): WakeQueue {
    const wakeups = this.queues.create();
    for (;;) {
      if (this.aborted !== undefined) return wakeups;
      const s = this.co(c);
      const ins = s.program[s.pc];
      if (ins === undefined) {
        this.coroutines[c] = { status: 'terminated', program: s.program, pc: s.pc, ctx: s.ctx, scheduled: s.scheduled, lastSeq: s.lastSeq };
        this.events.push({ ev: 'terminated', co: c });
        return wakeups;
      }
      const advanced: CoroutineState = { ...s, pc: s.pc + 1 };
      this.coroutines[c] = advanced;
      switch (ins.kind) {
        case 'yield':
          this.coroutines[c] = { status: 'suspended', program: s.program, pc: s.pc + 1, ctx: s.ctx, scheduled: s.scheduled, lastSeq: s.lastSeq };
          this.events.push({ ev: 'yielded', co: c });
          return wakeups;
        case 'schedule':
          this.schedule(ins.target, ins.ctx);
          break;
        case 'enter':
          this.enterLoop(ins.target, x, 'direct', { kind: 'co', co: c });
          break;
        case 'wake': {
          const t = this.co(ins.target);
          const home = t.ctx ?? x;
          if (home !== x) this.schedule(ins.target, home);
          else if (ins.target === c) this.wakeSelf(c);
          else this.queues.insertTail(wakeups, ins.target);
          break;
        }
        default: {
          const never: never = ins;
          throw new Error(`unknown instruction ${JSON.stringify(never)}`);
        }
      }
    }
  }
}
