import type { AbortKind, Event } from '../../model/events';
import type { ConcurrentOp } from '../../interleaved/program';
import { ENTRY_STEPS, SCHEDULE_STEPS, type SState, type SThread, type StrictBounds, type StrictPc } from './state';

/** What a step did: the thread, the step, the coroutine and context it concerns, and an abort or refusal. */
export interface SLabel {
  readonly thread: number;
  readonly step: 'take' | 'start-schedule' | 'start-enter' | Exclude<StrictPc, 'idle'>;
  readonly co: number;
  readonly ctx: number;
  readonly rec: number;
  readonly report: AbortKind | 'entry-after-termination' | null;
}

type Draft = { -readonly [K in keyof SState]: SState[K] extends readonly (infer E)[] ? E[] : SState[K] };
const draft = (s: SState): Draft => ({ ...s, mark: [...s.mark], caller: [...s.caller], segments: [...s.segments], running: [...s.running], lists: [...s.lists], armed: [...s.armed], threads: [...s.threads], recCo: [...s.recCo], recCtx: [...s.recCtx] });
type Out = { label: SLabel; next: SState }[];

/** Every step any thread can take, in thread order; nothing once QEMU aborted. */
export function strictSuccessors(b: StrictBounds, s: SState): { label: SLabel; next: SState }[] {
  const out: Out = [];
  if (s.aborted >= 0) return out;
  for (const [t, th] of s.threads.entries()) {
    if (th.pc === 'abort-scheduled' || th.pc === 'abort-recursive') abortStep(s, t, th, out);
    else if (t < b.contexts) bhStep(b, s, t, th, out);
    else driverStep(b, s, t, th, out);
  }
  return out;
}

/** `abort()`, after QEMU printed its message: the process ends, every thread with it. */
function abortStep(s: SState, t: number, th: SThread, out: Out): void {
  const d = draft(s);
  d.aborted = t;
  out.push({ label: { thread: t, step: th.pc as SLabel['step'], co: th.co, ctx: th.ctx, rec: th.rec, report: th.pc === 'abort-scheduled' ? 'already-scheduled' : 'recursive-entry' }, next: d });
}

const idle = (th: SThread): SThread => ({ ...th, pc: 'idle', co: -1, ctx: -1, rec: -1 });

/** `co_schedule_bh_cb`: take the list when armed; per record: clear the mark, then enter (no record is skipped). */
function bhStep(b: StrictBounds, s: SState, t: number, th: SThread, out: Out): void {
  const x = t;
  if (th.pc === 'idle') {
    if (!s.armed[x]) return;
    const d = draft(s);
    d.armed[x] = false;
    const batch = [...(s.lists[x] ?? [])].reverse();
    d.lists[x] = [];
    const r = batch[0];
    d.threads[t] = r === undefined ? th : { ...th, pc: 'clear-mark', batch, co: s.recCo[r] as number, rec: r };
    out.push({ label: { thread: t, step: 'take', co: -1, ctx: x, rec: -1, report: null }, next: d });
    return;
  }
  if (th.pc === 'clear-mark') {
    const d = draft(s);
    d.mark[th.co] = -1;
    d.threads[t] = { ...th, pc: 'read-mark' };
    out.push({ label: { thread: t, step: 'clear-mark', co: th.co, ctx: x, rec: th.rec, report: null }, next: d });
    return;
  }
  entryStep(b, s, t, th, x, out);
}

/** After an entry, a BH goes on to its next record; a driver goes idle. */
function afterEntry(s: SState, th: SThread, bh: boolean): SThread {
  if (!bh) return idle(th);
  const batch = th.batch.slice(1);
  const r = batch[0];
  return r === undefined ? { ...idle(th), ctx: th.ctx, batch } : { ...th, pc: 'clear-mark', co: s.recCo[r] as number, rec: r, batch };
}

function driverStep(b: StrictBounds, s: SState, t: number, th: SThread, out: Out): void {
  if (th.pc === 'idle') {
    if (th.done >= b.ops) return;
    const rec = (t - b.contexts) * b.ops + th.done;
    const start = (op: ConcurrentOp): void => {
      const d = draft(s);
      if (op.op === 'schedule') {
        d.recCo[rec] = op.co;
        d.recCtx[rec] = op.ctx;
        d.threads[t] = { ...th, pc: SCHEDULE_STEPS[b.variant][0] as StrictPc, co: op.co, ctx: op.ctx, rec, done: th.done + 1 };
        out.push({ label: { thread: t, step: 'start-schedule', co: op.co, ctx: op.ctx, rec, report: null }, next: d });
      } else {
        d.threads[t] = { ...th, pc: 'read-mark', co: op.co, ctx: op.from, rec: -1, done: th.done + 1 };
        out.push({ label: { thread: t, step: 'start-enter', co: op.co, ctx: op.from, rec: -1, report: null }, next: d });
      }
    };
    if (b.programs !== undefined) {
      const op = b.programs[t - b.contexts]?.[th.done];
      if (op !== undefined) start(op);
      return;
    }
    for (let c = 0; c < b.coroutines; c++) {
      for (let x = 0; x < b.contexts; x++) start({ op: 'schedule', co: c, ctx: x });
      start({ op: 'enter', co: c, from: 0 });
    }
    return;
  }
  if (th.pc === 'cas' || th.pc === 'read' || th.pc === 'set' || th.pc === 'publish' || th.pc === 'arm') return scheduleStep(b, s, t, th, out);
  entryStep(b, s, t, th, -1, out);
}

/** `aio_co_schedule`: the compare-and-swap of the mark (or, broken, a read then a set), publish, arm. */
function scheduleStep(b: StrictBounds, s: SState, t: number, th: SThread, out: Out): void {
  const c = th.co;
  const x = th.ctx;
  const d = draft(s);
  const order = SCHEDULE_STEPS[b.variant];
  const nextPc = order[order.indexOf(th.pc) + 1];
  let report: SLabel['report'] = null;
  let next: SThread = nextPc === undefined ? idle(th) : { ...th, pc: nextPc };
  if (th.pc === 'cas' || th.pc === 'read') {
    if ((s.mark[c] as number) >= 0) next = { ...th, pc: 'abort-scheduled' };
    else if ((s.segments[c] as number) > b.yields) {
      // The kit's contract after QEMU's own check: refused; in the swapped order the record is out already.
      report = 'entry-after-termination';
      next = order.indexOf('publish') < order.indexOf(th.pc) ? { ...th, pc: 'arm' } : idle(th);
    } else if (th.pc === 'cas') d.mark[c] = th.rec;
  } else if (th.pc === 'set') d.mark[c] = th.rec;
  else if (th.pc === 'publish') d.lists[x] = [th.rec, ...(s.lists[x] ?? [])];
  else d.armed[x] = true;
  d.threads[t] = next;
  out.push({ label: { thread: t, step: th.pc as SLabel['step'], co: c, ctx: x, rec: th.rec, report }, next: d });
}

/** `qemu_aio_coroutine_enter`: read the mark (set: abort), check the caller (set: abort), set it, switch; the coroutine yields. */
function entryStep(b: StrictBounds, s: SState, t: number, th: SThread, bhCtx: number, out: Out): void {
  const c = th.co;
  const d = draft(s);
  const pc = th.pc;
  const advance = (): SThread => ({ ...th, pc: ENTRY_STEPS[ENTRY_STEPS.indexOf(pc) + 1] as StrictPc });
  let report: SLabel['report'] = null;
  switch (pc) {
    case 'read-mark':
      d.threads[t] = (s.mark[c] as number) >= 0 ? { ...th, pc: 'abort-scheduled' } : advance();
      break;
    case 'check-caller':
      if ((s.caller[c] as number) >= 0) d.threads[t] = { ...th, pc: 'abort-recursive' };
      else if ((s.segments[c] as number) > b.yields) {
        report = 'entry-after-termination';
        d.threads[t] = afterEntry(s, th, bhCtx >= 0);
      } else d.threads[t] = advance();
      break;
    case 'set-caller':
      d.caller[c] = t;
      d.threads[t] = advance();
      break;
    case 'switch':
      d.running[c] = (s.running[c] as number) + 1;
      d.threads[t] = advance();
      break;
    case 'yield': {
      // A yield clears the caller (`qemu_coroutine_yield`); a termination leaves it to `coroutine_delete`, a step later.
      const ends = (s.segments[c] as number) + 1 > b.yields;
      d.running[c] = (s.running[c] as number) - 1;
      d.segments[c] = (s.segments[c] as number) + 1;
      if (!ends) d.caller[c] = -1;
      d.threads[t] = ends ? { ...th, pc: 'delete' } : afterEntry(s, th, bhCtx >= 0);
      break;
    }
    case 'delete':
      d.caller[c] = -1;
      d.threads[t] = afterEntry(s, th, bhCtx >= 0);
      break;
    default:
      throw new Error(`internal: thread ${t} at pc ${pc}`);
  }
  out.push({ label: { thread: t, step: pc, co: c, ctx: bhCtx >= 0 ? bhCtx : th.ctx, rec: th.rec, report }, next: d });
}

/** What a step shows an observer: `entered` at the switch, `yielded`/`terminated` at the yield, an abort or a refusal. */
export function strictStepEvents(b: StrictBounds, l: SLabel, post: SState): readonly Event[] {
  if (l.report === 'already-scheduled' || l.report === 'recursive-entry') return [{ ev: 'abort', kind: l.report, co: l.co, message: l.report }];
  if (l.report === 'entry-after-termination') return [{ ev: 'error', kind: l.report, co: l.co, message: l.report }];
  if (l.step === 'switch') return [{ ev: 'entered', co: l.co, ctx: l.ctx < 0 ? 0 : l.ctx, by: l.thread < b.contexts ? 'bh' : 'direct' }];
  if (l.step === 'yield') return [(post.segments[l.co] as number) > b.yields ? { ev: 'terminated', co: l.co } : { ev: 'yielded', co: l.co }];
  return [];
}
