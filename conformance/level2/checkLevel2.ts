import fc from 'fast-check';
import { type Clause, type ClauseId, type ConcurrentProgram, type InterleavedJudgement, type ReportedStep, iLabelToString, interleavedToString, judgeInterleaved, threadName, boundsOfProgram } from '../../spec';
import type { Host, InterleavedReply } from '../engine/host';
import type { ClauseResult, InterleavedCounterexample, InterleavedStepRecord, ProgressEvent, UnusableAdapter } from '../types';
import { EXHAUSTIVE_PROGRAMS, programArbitrary } from './programs';

/** Steps one run may take before it counts as a livelock (the programs here need well under 200). */
export const MAX_STEPS = 400;
/** Runs at most per exhaustively explored program. */
export const MAX_EXHAUSTIVE_RUNS = 5000;

export interface Level2Options {
  readonly runs: number;
  readonly seed: number;
  readonly path?: string;
  readonly replayCommand: (seed: number, path: string) => string;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Explore every interleaving of the clause's small programs too (default true; off when replaying a path). */
  readonly exhaustive?: boolean;
}

/** A run's verdict: conforms, a clause's violation, the adapter's fault, or an unusable adapter. */
type Outcome =
  | { readonly kind: 'conforms'; readonly reply: InterleavedReply }
  | { readonly kind: 'violation'; readonly clause: ClauseId; readonly message: string; readonly judgement: InterleavedJudgement | null; readonly reply: InterleavedReply }
  | { readonly kind: 'fault'; readonly message: string; readonly reply: InterleavedReply }
  | { readonly kind: 'malformed'; readonly problem: string };

/** Run `program` under `choices` and judge the steps against the interleaved model. */
export async function runLevel2(host: Host, program: ConcurrentProgram, choices: readonly number[]): Promise<Outcome> {
  if (host.runInterleaved === undefined) return { kind: 'malformed', problem: `${host.label}: this host cannot run level 2` };
  const run = host.runInterleaved.bind(host);
  const first = await run(program, choices, MAX_STEPS);
  // A suspected hang is judged only once it recurs given the confirmation limit on every step.
  const reply = first.kind === 'steps' && first.outcome === 'timeout' ? await host.limits.confirming(() => run(program, choices, MAX_STEPS)) : first;
  if (reply.kind === 'malformed') return { kind: 'malformed', problem: reply.problem };
  if (reply.outcome === 'timeout' || reply.outcome === 'crash') return { kind: 'fault', message: `the adapter ${reply.outcome === 'timeout' ? 'hung' : 'crashed'}: ${reply.message}`, reply };
  if (reply.outcome === 'step-limit') return { kind: 'violation', clause: 'CO0', message: `the run did not end within ${MAX_STEPS} steps (a livelock: the model's runs of this program are far shorter)`, judgement: null, reply };
  const reported: ReportedStep[] = reply.steps.map((s) => ({ runnable: s.runnable, thread: s.thread, step: s.report.step, co: s.report.co, events: s.report.events }));
  const j = judgeInterleaved(program, reported);
  return j.kind === 'conforms' ? { kind: 'conforms', reply } : { kind: 'violation', clause: j.clause, message: j.message, judgement: j, reply };
}

/**
 * Check a level-2 clause (CO7, CO8): random programs steered to its race and random choices of who moves
 * next, seeded, shrinking both; then every interleaving of the clause's smallest programs. A run another
 * clause claims (CO0: the adapter left the model some other way) is returned in `others`, for that clause.
 */
export async function checkLevel2Clause(host: Host, clause: Clause, o: Level2Options): Promise<{ result: ClauseResult; others: ClauseResult[] } | UnusableAdapter> {
  const started = Date.now();
  let runs = 0;
  let unusable: string | null = null;
  const others = new Map<ClauseId, { program: ConcurrentProgram; choices: readonly number[]; runsBefore: number }>();
  const fails = (r: Outcome, program: ConcurrentProgram, choices: readonly number[]): boolean => {
    if (r.kind === 'malformed') unusable = r.problem;
    if (r.kind === 'violation' && r.clause !== clause.id) {
      if (!others.has(r.clause)) others.set(r.clause, { program, choices, runsBefore: runs - 1 });
      return false;
    }
    return r.kind !== 'conforms';
  };
  const property = fc.asyncProperty(programArbitrary(clause.id), fc.array(fc.nat({ max: 7 }), { maxLength: 120 }), async (program, choices) => {
    if (unusable !== null) return false;
    runs++;
    if (runs % 25 === 0) o.onProgress?.({ kind: 'run', clause: clause.id, done: Math.min(runs, o.runs), runs: o.runs });
    return !fails(await runLevel2(host, program, choices), program, choices);
  });
  const details = await fc.check(property, { numRuns: o.runs, seed: o.seed, ...(o.path !== undefined ? { path: o.path } : {}) });
  const base = { clause: clause.id, slug: clause.slug, statement: clause.statement, seed: o.seed };
  if (unusable !== null) return { kind: 'unusable', problem: unusable };
  const otherResults = async (): Promise<ClauseResult[]> => {
    const out: ClauseResult[] = [];
    for (const [id, v] of others) {
      const cx = await counterexample(host, v.program, v.choices, { seed: o.seed, path: '', replay: o.replayCommand(o.seed, ''), runsBefore: v.runsBefore });
      if (cx !== null) out.push({ clause: id, slug: '', statement: '', verdict: 'fail', runs: runs, timeMs: Date.now() - started, seed: o.seed, interleaving: cx });
    }
    return out;
  };
  if (details.failed) {
    const shrunk = details.counterexample;
    if (shrunk === null) {
      const err: unknown = details.errorInstance;
      const why = err instanceof Error ? err.message : String(err);
      return { result: { ...base, verdict: 'error', runs, error: `the check itself failed: ${why}`, timeMs: Date.now() - started }, others: await otherResults() };
    }
    const [program, choices] = shrunk;
    const path = details.counterexamplePath ?? '';
    const cx = await counterexample(host, program, choices, { seed: o.seed, path, replay: o.replayCommand(o.seed, path), runsBefore: details.numRuns - 1 });
    if (cx === null) return { result: { ...base, verdict: 'error', runs, error: 'the shrunk run no longer fails when run again (a nondeterministic adapter?)', timeMs: Date.now() - started }, others: await otherResults() };
    const verdict = cx.kind === 'adapter-fault' ? 'error' : 'fail';
    return { result: { ...base, verdict, runs: Math.min(runs, o.runs), timeMs: Date.now() - started, interleaving: cx, ...(verdict === 'error' ? { error: cx.message } : {}) }, others: await otherResults() };
  }
  let exhaustive: ClauseResult['exhaustive'];
  if (o.exhaustive !== false && o.path === undefined) {
    const programs = EXHAUSTIVE_PROGRAMS[clause.id] ?? [];
    let total = 0;
    let complete = true;
    for (const program of programs) {
      const e = await exhaust(host, program, MAX_EXHAUSTIVE_RUNS, (r, choices) => fails(r, program, choices));
      total += e.runs;
      complete &&= e.complete;
      if (e.failure !== null) {
        if (e.failure.kind === 'malformed') return { kind: 'unusable', problem: e.failure.problem };
        const replay = `${o.replayCommand(o.seed, '')} (exhaustive run ${total} of program ${programs.indexOf(program) + 1}; choices [${e.choices.join(', ')}])`;
        const cx = await counterexample(host, program, e.choices, { seed: o.seed, path: '', replay, runsBefore: runs + total - 1 });
        if (cx === null) break;
        return { result: { ...base, verdict: cx.kind === 'adapter-fault' ? 'error' : 'fail', runs: runs + total, timeMs: Date.now() - started, interleaving: cx, exhaustive: { programs: programs.length, runs: total, complete: false } }, others: await otherResults() };
      }
    }
    exhaustive = { programs: programs.length, runs: total, complete };
  }
  return { result: { ...base, verdict: 'pass', runs: Math.min(runs, o.runs) + (exhaustive?.runs ?? 0), timeMs: Date.now() - started, ...(exhaustive !== undefined ? { exhaustive } : {}) }, others: await otherResults() };
}

/**
 * Every interleaving of `program`: a depth-first walk over choice sequences, each run from the start (the
 * adapter has no snapshots). A run under prefix p takes the first runnable thread after p; its siblings are
 * the other runnable threads at each later step.
 */
export async function exhaust(
  host: Host,
  program: ConcurrentProgram,
  maxRuns: number,
  fails: (r: Outcome, choices: readonly number[]) => boolean,
): Promise<{ runs: number; complete: boolean; failure: Outcome | null; choices: readonly number[] }> {
  const stack: number[][] = [[]];
  let runs = 0;
  while (stack.length > 0) {
    if (runs >= maxRuns) return { runs, complete: false, failure: null, choices: [] };
    const prefix = stack.pop() as number[];
    const r = await runLevel2(host, program, prefix);
    runs++;
    if (r.kind === 'malformed' || fails(r, prefix)) return { runs, complete: false, failure: r, choices: prefix };
    const steps = r.reply.kind === 'steps' ? r.reply.steps : [];
    for (let i = steps.length - 1; i >= prefix.length; i--) {
      const n = steps[i]?.runnable.length ?? 0;
      for (let c = n - 1; c >= 1; c--) stack.push([...prefix, ...Array<number>(i - prefix.length).fill(0), c]);
    }
  }
  return { runs, complete: true, failure: null, choices: [] };
}

/** Run the failing case again and print it: the adapter's steps with the model's state after each. */
async function counterexample(host: Host, program: ConcurrentProgram, choices: readonly number[], at: { seed: number; path: string; replay: string; runsBefore: number }): Promise<InterleavedCounterexample | null> {
  const r = await runLevel2(host, program, choices);
  if (r.kind === 'conforms' || r.kind === 'malformed') return null;
  const reply = r.reply;
  const adapterSteps = reply.kind === 'steps' ? reply.steps : [];
  const used = choices.slice(0, adapterSteps.length);
  const observed = adapterSteps.flatMap((s) => s.report.events);
  const common = { level: 2 as const, stepsShow: 'adapter' as const, program, schedule: used, observed, seed: at.seed, path: at.path, replay: at.replay, runsBeforeFailure: Math.max(0, at.runsBefore) };
  if (r.kind === 'fault') {
    return { ...common, kind: 'adapter-fault', clause: 'CO0', message: r.message, steps: adapterSteps.map((s) => ({ thread: `thread ${s.thread}`, step: `${s.report.step}${s.report.co >= 0 ? ` c${s.report.co}` : ''}`, events: s.report.events, stateAfter: '', diverged: false })) };
  }
  const steps: InterleavedStepRecord[] = [];
  const j = r.judgement;
  if (j !== null) {
    const b = j.replay.bounds;
    for (const [i, m] of j.replay.steps.entries()) {
      steps.push({ thread: threadName(b, m.label.thread), step: iLabelToString(b, m.label), events: adapterSteps[i]?.report.events ?? [], stateAfter: interleavedToString(b, m.state), diverged: j.kind === 'violation' && i === j.at });
    }
    if (j.kind === 'violation' && j.at >= j.replay.steps.length && j.at < adapterSteps.length) {
      const s = adapterSteps[j.at];
      if (s !== undefined) steps.push({ thread: threadName(b, s.thread), step: `${threadName(b, s.thread)} ${s.report.step}${s.report.co >= 0 ? ` c${s.report.co}` : ''} (the adapter's step; the model has no such step here)`, events: s.report.events, stateAfter: '(the model cannot take this step)', diverged: true });
    }
  } else {
    const b = boundsOfProgram(program);
    for (const s of adapterSteps) steps.push({ thread: threadName(b, s.thread), step: `${threadName(b, s.thread)} ${s.report.step}${s.report.co >= 0 ? ` c${s.report.co}` : ''}`, events: s.report.events, stateAfter: '', diverged: false });
  }
  return { ...common, kind: 'violation', clause: r.clause, message: r.message, steps };
}
