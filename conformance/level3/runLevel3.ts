import fc from 'fast-check';
import {
  type ConcurrentProgram,
  type Event,
  type ILabel,
  type IState,
  type Invariant,
  type InterleavedBounds,
  boundsOfProgram,
  clauseById,
  eventToString,
  iLabelToString,
  interleavedModel,
  interleavedToString,
  judgeConcurrent,
  stepEvents,
  threadName,
} from '../../spec';
import type { Host } from '../engine/host';
import type { Profile } from '../../spec';
import { judgeStrictConcurrent } from '../../spec/strict/judgeConcurrent';
import { strictInterleavedModel } from '../../spec/strict/interleaved/model';
import { strictStateToString, strictThreadName, type StrictBounds } from '../../spec/strict/interleaved/state';
import { strictStepEvents, type SLabel } from '../../spec/strict/interleaved/steps';
import { sLabelToString } from '../../spec/strict/interleaved/print';
import type { InterleavedCounterexample, InterleavedStepRecord, Level3Result } from '../types';

export interface Level3Options {
  /** Concurrent runs at most. */
  readonly runs: number;
  /** Stop starting runs after this many seconds (the runs done so far are judged). */
  readonly seconds: number;
  readonly seed: number;
  /** Trace check limits per run: (state, position) pairs and milliseconds. */
  readonly maxSearchStates?: number;
  readonly maxSearchMs?: number;
  /** Time one concurrent run may take before it counts as a hang. */
  readonly runTimeoutMs?: number;
  /** The command that runs the same programs and delays again. */
  readonly replayCommand: (seed: number) => string;
  readonly onRun?: (done: number, runs: number) => void;
  /** The profile whose interleaved model judges the traces (default `cancel`). */
  readonly profile?: Profile;
}

/**
 * Concurrent programs for real threads: 1–2 coroutines, 1–2 contexts, 2–3 drivers of 1–3 operations,
 * 0–2 yields; half of them races on one coroutine (schedules and a direct entry from different threads).
 */
export function level3Programs(): fc.Arbitrary<ConcurrentProgram> {
  const sized = fc.record({ coroutines: fc.integer({ min: 1, max: 2 }), contexts: fc.integer({ min: 1, max: 2 }), yields: fc.integer({ min: 0, max: 2 }), threads: fc.integer({ min: 2, max: 3 }), race: fc.boolean() });
  return sized.chain(({ coroutines, contexts, yields, threads, race }) => {
    const co = race ? fc.constant(0) : fc.nat(coroutines - 1);
    const op = fc.oneof(
      fc.record({ op: fc.constant('schedule' as const), co, ctx: fc.nat(contexts - 1) }),
      fc.record({ op: fc.constant('enter' as const), co, from: fc.nat(contexts - 1) }),
    );
    return fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: threads, maxLength: threads }).map((drivers) => ({ coroutines, contexts, yields, drivers }));
  });
}

/**
 * Level 3: run seeded concurrent programs on the adapter's real threads, bounded in runs and time, and check
 * every observed trace against the interleaved model (is there an order of the seed's atomic steps that
 * shows exactly it?). Stops at the first violation, which it prints through the model interleaving that
 * explains it (for CO7, the swapped order's) or comes nearest to it.
 */
export async function runLevel3(host: Host, o: Level3Options): Promise<Level3Result> {
  const started = Date.now();
  const programs = fc.sample(level3Programs(), { seed: o.seed, numRuns: o.runs });
  const traces = new Set<string>();
  let undecided = 0;
  const search = { states: 0, maxStates: 0, ms: 0, maxMs: 0 };
  const result = (verdict: Level3Result['verdict'], runs: number, extra: Partial<Level3Result> = {}): Level3Result => ({
    verdict, runs, distinctTraces: traces.size, undecided, search: { ...search }, timeMs: Date.now() - started, seed: o.seed, ...extra,
  });
  if (host.runConcurrent === undefined) return result('error', 0, { error: `${host.label}: this host cannot run level 3` });
  for (const [i, program] of programs.entries()) {
    if (i > 0 && Date.now() - started > o.seconds * 1000) return result('pass', i);
    const runSeed = (o.seed + i) >>> 0;
    const reply = await host.runConcurrent(program, runSeed, o.runTimeoutMs ?? 5000);
    if (reply.kind === 'malformed') return result('error', i + 1, { error: reply.problem });
    if (reply.kind === 'fault') return result('error', i + 1, { error: `run ${i + 1} (seed ${runSeed}): the adapter ${reply.outcome === 'timeout' ? 'hung' : 'crashed'}: ${reply.message}` });
    traces.add(`${JSON.stringify(program)} ${reply.events.map(eventToString).join(' ')}`);
    const clock = () => performance.now();
    if (o.profile === 'strict') {
      const js = judgeStrictConcurrent(program, reply.events, { maxStates: o.maxSearchStates ?? 2_000_000, maxMs: o.maxSearchMs ?? 30_000, clock });
      const es = js.search;
      search.states += es.searched;
      search.ms += es.ms;
      search.maxStates = Math.max(search.maxStates, es.searched);
      search.maxMs = Math.max(search.maxMs, es.ms);
      o.onRun?.(i + 1, programs.length);
      if (js.kind === 'undecided') undecided++;
      if (js.kind !== 'violation') continue;
      const cx: InterleavedCounterexample = {
        level: 3, kind: 'violation', clause: js.clause, message: js.message, program, observed: reply.events,
        stepsShow: js.clause === 'ST0' ? 'nearest' : 'witness', steps: strictStepsOf(js.bounds, js.steps),
        search: { states: es.searched, ms: es.ms }, seed: runSeed, path: '', replay: o.replayCommand(o.seed), runsBeforeFailure: i,
      };
      return result('fail', i + 1, { counterexample: cx });
    }
    const j = judgeConcurrent(program, reply.events, { maxStates: o.maxSearchStates ?? 2_000_000, maxMs: o.maxSearchMs ?? 30_000, clock });
    const e = j.explanation;
    search.states += e.searched;
    search.ms += e.ms;
    search.maxStates = Math.max(search.maxStates, e.searched);
    search.maxMs = Math.max(search.maxMs, e.ms);
    o.onRun?.(i + 1, programs.length);
    if (j.kind === 'undecided') undecided++;
    if (j.kind !== 'violation') continue;
    const claim = j.claims[0];
    if (claim === undefined) continue;
    const clause = clauseById(claim.clause);
    const witnessBounds = claim.witness === null ? j.explanation.bounds : boundsOfProgram(program, clause?.violatedBy ?? 'patch');
    const labels = claim.witness ?? j.explanation.nearest;
    const cx: InterleavedCounterexample = {
      level: 3,
      kind: 'violation',
      clause: claim.clause,
      message: claim.witness === null ? `${claim.message}; after those, the model could show ${j.explanation.expected.map(eventToString).join(' or ') || 'nothing more'}, the adapter showed ${reply.events.slice(j.explanation.matched).map(eventToString).join(', ') || 'nothing more'}` : claim.message,
      program,
      observed: reply.events,
      stepsShow: claim.witness === null ? 'nearest' : 'witness',
      steps: stepsOf(witnessBounds, labels, claim.witness === null ? j.explanation.matched : -1, reply.events, clause?.invariant?.(witnessBounds) ?? null),
      search: { states: e.searched, ms: e.ms },
      seed: runSeed,
      path: '',
      replay: o.replayCommand(o.seed),
      runsBeforeFailure: i,
    };
    return result('fail', i + 1, { counterexample: cx });
  }
  return result('pass', programs.length);
}

/** A strict model interleaving, step by step with its events and the state after each. */
function strictStepsOf(b: StrictBounds, labels: readonly SLabel[]): InterleavedStepRecord[] {
  const model = strictInterleavedModel(b);
  let s = model.initial()[0];
  const out: InterleavedStepRecord[] = [];
  for (const l of labels) {
    if (s === undefined) break;
    const t = model.successors(s).find((x) => x.label.thread === l.thread && x.label.step === l.step && x.label.co === l.co && x.label.ctx === l.ctx);
    if (t === undefined) break;
    out.push({ thread: strictThreadName(b, l.thread), step: sLabelToString(b, t.label), events: strictStepEvents(b, t.label, t.next), stateAfter: strictStateToString(b, t.next), diverged: false });
    s = t.next;
  }
  return out;
}

/**
 * A model interleaving, step by step with its events and the state after each. For the nearest interleaving
 * of an unexplained trace, the step after which the model shows no more of it is marked.
 */
function stepsOf(b: InterleavedBounds, labels: readonly ILabel[], matched: number, observed: readonly Event[], invariant: Invariant<IState, ILabel> | null): InterleavedStepRecord[] {
  const model = interleavedModel(b);
  let s = model.initial()[0];
  const out: InterleavedStepRecord[] = [];
  let shown = 0;
  for (const l of labels) {
    if (s === undefined) break;
    const t = model.successors(s).find((x) => x.label.thread === l.thread && x.label.step === l.step);
    if (t === undefined) break;
    const events = stepEvents(b, t.label, t.next);
    shown += events.length;
    const breaks = matched < 0 && invariant !== null && !out.some((x) => x.diverged) && invariant.check(t.next, s, t.label) !== null;
    out.push({ thread: threadName(b, l.thread), step: iLabelToString(b, t.label), events, stateAfter: interleavedToString(b, t.next), diverged: breaks });
    s = t.next;
  }
  if (matched >= 0 && out.length > 0 && matched < observed.length) {
    const last = out.length - 1;
    out[last] = { ...(out[last] as InterleavedStepRecord), diverged: shown === matched };
  }
  return out;
}
