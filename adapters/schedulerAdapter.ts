import type { ConcurrentProgram, DriverOp, Event, Program } from '../spec';
import { Scheduler, SchedulerAbort, SteppedScheduler, type Coroutine, type CoroutineBody, type SteppedProgram, type Tracer } from '../reference';
import type { Adapter, AdapterMeta, InterleavedSession, Session } from './contract';

/** A scheduler class the factory can drive: the reference or one of its mutants. */
export type SchedulerClass = new (contexts: number, tracer: Tracer) => Scheduler;

/** A stepped scheduler class (level 2): the reference's or a mutant's. */
export type SteppedClass = new (program: SteppedProgram) => SteppedScheduler;

/** Collects the reference's tracer calls as spec events. */
class EventLog implements Tracer {
  events: Event[] = [];
  entered(co: number, ctx: number, by: 'direct' | 'bh'): void {
    this.events.push({ ev: 'entered', co, ctx, by });
  }
  yielded(co: number): void {
    this.events.push({ ev: 'yielded', co });
  }
  terminated(co: number): void {
    this.events.push({ ev: 'terminated', co });
  }
  violation(kind: Parameters<Tracer['violation']>[0], co: number, message: string): void {
    this.events.push({ ev: 'error', kind, co, message });
  }
  aborted(kind: Parameters<Tracer['aborted']>[0], co: number, message: string): void {
    this.events.push({ ev: 'abort', kind, co, message });
  }
}

/** The generator body that interprets a program (programs are data; see spec/model/program.ts). */
function programBody(scheduler: Scheduler, program: Program): (self: Coroutine) => CoroutineBody {
  return function* body() {
    for (const ins of program) {
      switch (ins.kind) {
        case 'yield':
          yield;
          break;
        case 'schedule':
          scheduler.aio_co_schedule(context(scheduler, ins.ctx), coroutine(scheduler, ins.target));
          break;
        case 'enter':
          scheduler.enterFromCoroutine(coroutine(scheduler, ins.target));
          break;
        case 'wake':
          scheduler.aio_co_wake(coroutine(scheduler, ins.target));
          break;
        default: {
          const never: never = ins;
          throw new Error(`unknown instruction ${JSON.stringify(never)}`);
        }
      }
    }
  };
}

function coroutine(s: Scheduler, id: number): Coroutine {
  const co = s.coroutines[id];
  if (co === undefined) throw new Error(`no coroutine c${id}`);
  return co;
}

function context(s: Scheduler, id: number): NonNullable<Scheduler['contexts'][number]> {
  const ctx = s.contexts[id];
  if (ctx === undefined) throw new Error(`no context x${id}`);
  return ctx;
}

/** Apply one driver operation to a scheduler (exported for benchmarks and tests). */
export function applyOp(scheduler: Scheduler, op: DriverOp): void {
  switch (op.op) {
    case 'create':
      scheduler.create(programBody(scheduler, op.program));
      return;
    case 'enter':
      return scheduler.qemu_aio_coroutine_enter(context(scheduler, op.from), coroutine(scheduler, op.co), 'direct');
    case 'schedule':
      return scheduler.aio_co_schedule(context(scheduler, op.ctx), coroutine(scheduler, op.co));
    case 'poll':
      return scheduler.poll(context(scheduler, op.ctx));
    default: {
      const never: never = op;
      throw new Error(`unknown driver op ${JSON.stringify(never)}`);
    }
  }
}

/** A level-2 session over a stepped scheduler: its stop points are the contract's steps, its events the contract's. */
export function steppedSession(Stepped: SteppedClass, program: ConcurrentProgram): InterleavedSession {
  const scheduler = new Stepped(program);
  return {
    runnable: () => scheduler.runnable(),
    step: (thread) => scheduler.step(thread),
    close() {},
  };
}

/**
 * An adapter over a scheduler class: one scheduler per session, events collected per operation. With a
 * stepped class too, it speaks level 2 (`meta.levels` must say so).
 */
export function schedulerAdapter(meta: AdapterMeta, Impl: SchedulerClass, Stepped?: SteppedClass): Adapter {
  return {
    meta,
    ...(Stepped === undefined ? {} : { openInterleaved: (program: ConcurrentProgram) => steppedSession(Stepped, program) }),
    open(config): Session {
      const log = new EventLog();
      const scheduler = new Impl(config.contexts, log);
      return {
        apply(op) {
          log.events = [];
          try {
            applyOp(scheduler, op);
          } catch (e) {
            // The strict scheduler's abort(): its event is logged; the session is over (the kit sends nothing more).
            if (!(e instanceof SchedulerAbort)) throw e;
          }
          return log.events;
        },
        close() {},
      };
    },
  };
}

export const KIT_VERSION = '0.1.0';
