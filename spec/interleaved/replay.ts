import { type Event, eventToString, sameEvent } from '../model/events';
import type { Invariant } from '../explorer/types';
import { interleavedInvariants } from './invariants';
import { boundsOfProgram, isQuiescent } from './model';
import { stepEvents } from './observe';
import type { ConcurrentProgram } from './program';
import { type IState, type InterleavedBounds, type Variant, VARIANTS, initialInterleaved, threadName } from './state';
import { type ILabel, interleavedSuccessors } from './steps';

/** One step a level-2 adapter took: the threads it offered, the one the kit chose, and what the step reported. */
export interface ReportedStep {
  readonly runnable: readonly number[];
  readonly thread: number;
  readonly step: ILabel['step'];
  readonly co: number;
  readonly events: readonly Event[];
}

/** The model's side of a replayed step: its label and the state after it. */
export interface ReplayedStep {
  readonly label: ILabel;
  readonly state: IState;
}

export type Replay =
  /** Every reported step is the model's next step of that thread in `variant`, with the same events, and the run ended quiescent. */
  | { readonly kind: 'agrees'; readonly variant: Variant; readonly bounds: InterleavedBounds; readonly steps: readonly ReplayedStep[] }
  /** The steps follow `variant`'s order, and at step `at` the model's invariant `invariant` broke. */
  | { readonly kind: 'broken'; readonly variant: Variant; readonly bounds: InterleavedBounds; readonly steps: readonly ReplayedStep[]; readonly at: number; readonly invariant: string; readonly message: string }
  /** No order of the seed's steps matches: at step `at` (or at the end when `at` is the step count) the adapter did what no model does. */
  | { readonly kind: 'diverged'; readonly variant: Variant; readonly bounds: InterleavedBounds; readonly steps: readonly ReplayedStep[]; readonly at: number; readonly message: string };


/**
 * Replays a level-2 run in the interleaved model. The adapter's step names say which order of the seed's
 * steps it follows: the patch's when they all match it, else a swapped order whose steps match all the way.
 * Along that order every step must be the chosen thread's next model step, with the same events; the threads
 * offered must be exactly those the model can move; the run must end with every thread done; and every
 * invariant of the model is checked after each step (the first broken one is the verdict).
 */
export function replayInterleaved(program: ConcurrentProgram, reported: readonly ReportedStep[]): Replay {
  const matched = VARIANTS.map((v) => ({ v, n: labelsMatched(program, reported, v) }));
  const chosen = matched.find((m) => m.n === reported.length) ?? matched.reduce((best, m) => (m.n > best.n ? m : best));
  return judgeAlong(program, reported, chosen.v);
}

/** How many leading reported steps name the step `variant`'s model takes next on that thread. */
function labelsMatched(program: ConcurrentProgram, reported: readonly ReportedStep[], variant: Variant): number {
  const b = boundsOfProgram(program, variant);
  let s = initialInterleaved(b);
  for (const [i, r] of reported.entries()) {
    const t = interleavedSuccessors(b, s).find((x) => x.label.thread === r.thread);
    if (t === undefined || t.label.step !== r.step || (t.label.co !== r.co && r.step !== 'take')) return i;
    s = t.next;
  }
  return reported.length;
}

function judgeAlong(program: ConcurrentProgram, reported: readonly ReportedStep[], variant: Variant): Replay {
  const b = boundsOfProgram(program, variant);
  const invariants: readonly Invariant<IState, ILabel>[] = interleavedInvariants(b);
  const steps: ReplayedStep[] = [];
  let s = initialInterleaved(b);
  for (const [i, r] of reported.entries()) {
    const succ = interleavedSuccessors(b, s);
    const movable = [...new Set(succ.map((t) => t.label.thread))].sort((x, y) => x - y);
    const t = succ.find((x) => x.label.thread === r.thread);
    const stepName = `step ${i + 1} (${threadName(b, r.thread)} ${r.step}${r.co >= 0 ? ` c${r.co}` : ''})`;
    if (t === undefined || t.label.step !== r.step || (t.label.co !== r.co && r.step !== 'take')) {
      const expected = t === undefined ? `${threadName(b, r.thread)} has no step to take` : `its next step is ${t.label.step}${t.label.co >= 0 ? ` c${t.label.co}` : ''}`;
      return { kind: 'diverged', variant, bounds: b, steps, at: i, message: `${stepName}: in the ${variant} order ${expected}` };
    }
    if (!sameSet(movable, r.runnable)) {
      return { kind: 'diverged', variant, bounds: b, steps, at: i, message: `${stepName}: the adapter offered threads [${r.runnable.map((x) => threadName(b, x)).join(', ')}], the model can move [${movable.map((x) => threadName(b, x)).join(', ')}]` };
    }
    const expected = stepEvents(b, t.label, t.next);
    if (expected.length !== r.events.length || expected.some((e, k) => !sameEvent(e, r.events[k] as Event))) {
      steps.push({ label: t.label, state: t.next });
      return { kind: 'diverged', variant, bounds: b, steps, at: i, message: `${stepName}: expected ${list(expected)}, observed ${list(r.events)}` };
    }
    steps.push({ label: t.label, state: t.next });
    for (const inv of invariants) {
      const message = inv.check(t.next, s, t.label);
      if (message !== null) return { kind: 'broken', variant, bounds: b, steps, at: i, invariant: inv.name, message };
    }
    s = t.next;
  }
  if (!isQuiescent(b, s)) {
    const waiting = interleavedSuccessors(b, s).map((t) => threadName(b, t.label.thread));
    return { kind: 'diverged', variant, bounds: b, steps, at: reported.length, message: `the adapter offered no thread, but the model still has steps for [${[...new Set(waiting)].join(', ')}]` };
  }
  return { kind: 'agrees', variant, bounds: b, steps };
}

const sameSet = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && [...b].sort((x, y) => x - y).every((v, i) => v === a[i]);
const list = (es: readonly Event[]): string => (es.length === 0 ? '(no events)' : es.map(eventToString).join(', '));
