import { type DriverOp, type Event, eventToString, firstDifference, opToString, type Profile, type SessionConfig } from '../spec';
import { certify, openHost } from './certify';
import { abortFromCrash } from './engine/abortFromCrash';
import type { Host, StepReply } from './engine/host';
import { type AdapterSource, sourceArgument, sourceLabel } from './source';
import type { CertificationResult, ClauseResult, ProgressEvent } from './types';

/** The semantics `classify` can name. `pre-patch`: no mark at all (QEMU before either fix). */
export type Semantics = Profile | 'pre-patch' | 'none';

/** One distinguishing scenario as run: its operations, what each did, and what that shows. */
export interface Evidence {
  readonly scenario: string;
  readonly ops: readonly string[];
  /** Per operation (after the creates): its events as printed, or how it failed. */
  readonly observed: readonly string[];
  /** The semantics whose prediction the scheduler matched here (`all`: the one they share; none of them: `none`). */
  readonly shows: Semantics | 'all';
  readonly meaning: string;
}

export interface Classification {
  readonly profile: Semantics;
  /** One sentence: why. */
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  /** The certification run against the profile the scenarios pointed to (cancel or strict). */
  readonly certification?: {
    readonly profile: Profile;
    readonly verdict: CertificationResult['verdict'];
    readonly seed: number;
    readonly failing: readonly Pick<ClauseResult, 'clause' | 'verdict'>[];
    /** The command that runs this certification again. */
    readonly replay: string;
  };
  /** What the adapter's meta declares (never trusted: reported beside the finding). */
  readonly declared: Profile;
}

export interface ClassifyOptions {
  readonly runsPerClause: number;
  readonly seed: number;
  readonly opTimeoutMs: number;
  /** Include the transition tour in the certification (profile cancel only; default off: it is the slow part). */
  readonly tour?: boolean;
}

const CONFIG: SessionConfig = { contexts: 1, coroutines: 1 };
const create = (yields: number): DriverOp => ({ op: 'create', co: 0, program: Array.from({ length: yields }, () => ({ kind: 'yield' as const })) });
const schedule: DriverOp = { op: 'schedule', co: 0, ctx: 0, from: 0 };
const enter: DriverOp = { op: 'enter', co: 0, from: 0 };
const poll: DriverOp = { op: 'poll', ctx: 0 };
const entered = (by: 'direct' | 'bh'): Event => ({ ev: 'entered', co: 0, ctx: 0, by });
const yielded: Event = { ev: 'yielded', co: 0 };

/**
 * The predictions each semantics makes for the distinguishing scenarios, per operation after the create.
 * Written out (not computed) so a reader sees the difference: upstream aborts where the seed cancels, and
 * pre-patch QEMU enters twice.
 */
const SCENARIOS = {
  delivery: {
    ops: [create(1), schedule, poll],
    meaning: 'a plain schedule is delivered by the next poll (every semantics agrees)',
  },
  pendingEntry: {
    ops: [create(2), schedule, enter],
    predicted: {
      cancel: [[], [entered('direct'), yielded]],
      strict: [[], [{ ev: 'abort', kind: 'already-scheduled', co: 0, message: '' }]],
    } as Record<'cancel' | 'strict', Event[][]>,
    meaning: 'a direct entry of a coroutine with a pending schedule',
  },
  cancelled: {
    ops: [create(2), schedule, enter, poll],
    predicted: {
      cancel: [[], [entered('direct'), yielded], []],
      'pre-patch': [[], [entered('direct'), yielded], [entered('bh'), yielded]],
    } as Record<'cancel' | 'pre-patch', Event[][]>,
    meaning: 'the poll after that entry: the schedule is cancelled (cancel) or delivered too (pre-patch)',
  },
  doubleSchedule: {
    ops: [create(2), schedule, schedule],
    predicted: {
      cancel: [[], [{ ev: 'error', kind: 'double-schedule', co: 0, message: '' }]],
      strict: [[], [{ ev: 'abort', kind: 'already-scheduled', co: 0, message: '' }]],
    } as Record<'cancel' | 'strict', Event[][]>,
    meaning: 'a second schedule of a coroutine whose schedule is pending',
  },
} as const;

/** Runs one scenario in a fresh session: each operation's events (a crash with QEMU's abort message read as the abort). */
async function observe(host: Host, ops: readonly DriverOp[]): Promise<(readonly Event[] | string)[]> {
  const reply = await host.run(CONFIG, ops);
  if (reply.kind === 'malformed') return [reply.problem];
  return ops.slice(1).map((op, i): readonly Event[] | string => {
    const r: StepReply | undefined = reply.replies[i + 1];
    if (r === undefined) return 'no reply';
    if (r.outcome === 'completed') return r.events;
    if (r.outcome === 'crash') return abortFromCrash(r.message, op, []) ?? `crashed: ${r.message}`;
    return `timed out after ${r.ms} ms`;
  });
}

const printed = (o: readonly Event[] | string): string => (typeof o === 'string' ? o : o.length === 0 ? '(no events)' : o.map(eventToString).join(', '));

/** The first semantics whose prediction the observation matches, else `none`. */
function matchOf<K extends string>(observed: readonly (readonly Event[] | string)[], predicted: Record<K, Event[][]>): K | 'none' {
  for (const [k, p] of Object.entries(predicted) as [K, Event[][]][]) {
    if (p.length === observed.length && p.every((events, i) => typeof observed[i] !== 'string' && firstDifference(events, observed[i] as readonly Event[]) === -1)) return k;
  }
  return 'none';
}

async function run(host: Host, name: keyof typeof SCENARIOS, shows: (o: readonly (readonly Event[] | string)[]) => Evidence['shows']): Promise<Evidence> {
  const s = SCENARIOS[name];
  const observed = await observe(host, s.ops);
  return { scenario: name, ops: s.ops.map(opToString), observed: observed.map(printed), shows: shows(observed), meaning: s.meaning };
}

/**
 * Which semantics a scheduler implements, whatever its meta declares: distinguishing scenarios first (a
 * direct entry of a pending coroutine aborts upstream, enters it under the seed's cancel, and enters it twice
 * before either), then the certification of the profile they point to. `cancel` or `strict` only when that
 * certification conforms; `pre-patch` when the pending schedule and the direct entry both enter; else `none`.
 */
export async function classify(source: AdapterSource, o: ClassifyOptions, onProgress?: (e: ProgressEvent) => void): Promise<Classification | { readonly kind: 'unusable'; readonly problem: string }> {
  const opened = await openHost(source, o.opTimeoutMs);
  if ('kind' in opened) return opened;
  const { host, meta } = opened;
  const evidence: Evidence[] = [];
  let candidate: Semantics;
  try {
    const delivery = await run(host, 'delivery', (obs) => matchOf(obs, { all: [[], [entered('bh'), yielded]] }));
    evidence.push(delivery);
    if (delivery.shows === 'none') return { profile: 'none', reason: 'a plain schedule is not delivered as every semantics delivers it', evidence, declared: meta.profile };
    const pending = await run(host, 'pendingEntry', (obs) => matchOf(obs, SCENARIOS.pendingEntry.predicted));
    evidence.push(pending);
    if (pending.shows === 'cancel') {
      const after = await run(host, 'cancelled', (obs) => matchOf(obs, SCENARIOS.cancelled.predicted));
      evidence.push(after);
      candidate = after.shows === 'all' ? 'none' : after.shows;
    } else candidate = pending.shows === 'all' ? 'none' : pending.shows;
    if (candidate === 'cancel' || candidate === 'strict') evidence.push(await run(host, 'doubleSchedule', (obs) => matchOf(obs, SCENARIOS.doubleSchedule.predicted)));
  } finally {
    await host.dispose();
  }
  if (candidate === 'pre-patch') return { profile: 'pre-patch', reason: 'a pending schedule and a direct entry both enter the coroutine: there is no mark (QEMU before the seed and before 6133b39f)', evidence, declared: meta.profile };
  if (candidate === 'none') return { profile: 'none', reason: 'a direct entry of a coroutine with a pending schedule neither aborts, nor cancels the schedule, nor enters twice', evidence, declared: meta.profile };
  const result = await certify(source, { adapter: sourceLabel(source), runsPerClause: o.runsPerClause, seed: o.seed, opTimeoutMs: o.opTimeoutMs, profile: candidate, level3: false, tour: o.tour ?? false }, onProgress);
  if ('kind' in result) return result;
  const failing = result.clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'error').map((c) => ({ clause: c.clause, verdict: c.verdict }));
  const replay = `npx cokit certify ${sourceArgument(source)} --profile ${candidate} --seed ${o.seed} --runs ${o.runsPerClause}${o.tour === true ? '' : ' --no-tour'}`;
  const certification = { profile: candidate, verdict: result.verdict, seed: o.seed, failing, replay };
  if (result.verdict === 'conforms') {
    return { profile: candidate, reason: candidate === 'strict' ? 'it aborts where upstream QEMU aborts, and conforms to profile strict' : "it cancels a pending schedule on direct entry, as the seed's patch does, and conforms to profile cancel", evidence, certification, declared: meta.profile };
  }
  return { profile: 'none', reason: `the scenarios point to profile ${candidate}, but its certification ${result.verdict === 'fails' ? 'fails' : 'ends in an adapter error'}: ${failing.map((f) => `${f.clause} ${f.verdict}`).join(', ')}`, evidence, certification, declared: meta.profile };
}
