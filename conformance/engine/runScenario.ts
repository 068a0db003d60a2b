import { CANCEL_PROFILE, firstDifference, opToString, stateToString, type BhVisit, type Claim, type DriverOp, type Event, type SpecProfile, type State } from '../../spec';
import { initialState } from '../../spec';
import { abortFromCrash } from './abortFromCrash';
import type { Scenario } from '../arbitraries';
import type { StepOutcome, StepRecord } from '../types';
import type { Host, StepReply } from './host';

/** The spec's side of one enabled operation. */
interface Predicted {
  readonly op: DriverOp;
  readonly pre: State;
  readonly post: State;
  readonly events: readonly Event[];
  readonly walk: readonly BhVisit[];
}

/** How a run ended, judged against the spec at its first divergence. */
export type RunResult =
  | { readonly kind: 'agree'; readonly steps: number; readonly records: readonly StepRecord[] }
  /** `timeoutMs`: the step where the run diverged did not return within this limit (a hang, suspected or confirmed). */
  | { readonly kind: 'violation'; readonly claims: readonly Claim[]; readonly steps: readonly StepRecord[]; readonly timeoutMs?: number }
  /** `stage` `open`: `open()` itself did not return; no operation was reached. */
  | { readonly kind: 'adapter-fault'; readonly outcome: 'timeout' | 'crash'; readonly message: string; readonly steps: readonly StepRecord[]; readonly timeoutMs?: number; readonly stage?: 'open' }
  | { readonly kind: 'malformed'; readonly problem: string };

/** The limit a run's last step ran out of, if it was judged on a hang. */
export const hangLimit = (r: RunResult): number | undefined => (r.kind === 'violation' || r.kind === 'adapter-fault' ? r.timeoutMs : undefined);

/**
 * The spec's predictions for a scenario. Operations the spec does not enable (possible only in hand-edited
 * or replayed scenarios) are dropped, so shrinking can never produce an invalid run.
 */
export function predict(s: Scenario, profile: SpecProfile = CANCEL_PROFILE): Predicted[] {
  let state = initialState(s.config);
  const out: Predicted[] = [];
  for (const op of s.ops) {
    const r = profile.step(state, op);
    if (r.kind !== 'ok') continue;
    out.push({ op, pre: state, post: r.state, events: r.events, walk: r.walk });
    state = r.state;
  }
  return out;
}

/** How a step that did not complete ended, as the counterexample prints it. */
function failureDetail(r: Exclude<StepReply, { outcome: 'completed' }>): string {
  switch (r.outcome) {
    case 'timeout':
      if (r.reported !== undefined) return `the adapter reported a timeout: ${r.reported}`;
      return r.stage === 'open' ? `open() did not return within ${r.ms} ms` : `timed out after ${r.ms} ms`;
    case 'crash':
      return `crashed: ${r.message}`;
    default: {
      const never: never = r;
      throw new Error(`unknown reply ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A step that crashed with QEMU's abort message on stderr (the child really aborted, as upstream QEMU does),
 * read as the abort event it could not report, whatever the profile judging it; any other reply unchanged.
 */
function readAbort(r: StepReply, p: Predicted): StepReply {
  if (r.outcome !== 'crash') return r;
  const events = abortFromCrash(r.message, p.op, p.events);
  return events === null ? r : { outcome: 'completed', events };
}

/** Run a scenario through a host and judge, by the profile's spec, the first step where the adapter leaves the prediction. */
export async function runScenario(host: Host, s: Scenario, withRecords: boolean, profile: SpecProfile = CANCEL_PROFILE): Promise<RunResult> {
  const predicted = predict(s, profile);
  const reply = await host.run(s.config, predicted.map((p) => p.op));
  if (reply.kind === 'malformed') return reply;
  const record = (i: number, observed: readonly Event[], outcome: StepOutcome, diverged: boolean, detail?: string): StepRecord => {
    const p = predicted[i] as Predicted;
    return { index: i, op: p.op, expected: p.events, observed, outcome, stateAfter: stateToString(p.post), diverged, ...(detail !== undefined ? { detail } : {}) };
  };
  const records = (upTo: number, last: StepRecord): StepRecord[] => {
    if (!withRecords) return [last];
    const rs: StepRecord[] = [];
    for (let i = 0; i < upTo; i++) rs.push(record(i, predicted[i]?.events ?? [], 'completed', false));
    rs.push(last);
    return rs;
  };
  for (const [i, p] of predicted.entries()) {
    const raw = reply.replies[i];
    const r = raw === undefined ? raw : readAbort(raw, p);
    if (r === undefined) {
      const last = record(i, [], 'crash', true, `crashed: no reply (the adapter stopped answering after ${i} operations)`);
      return { kind: 'adapter-fault', outcome: 'crash', message: `the adapter stopped answering after ${i} operations`, steps: records(i, last) };
    }
    const observed = r.outcome === 'completed' ? r.events : [];
    const index = r.outcome === 'completed' ? firstDifference(p.events, observed) : 0;
    if (r.outcome === 'completed' && index === -1) continue;
    const detail = r.outcome === 'completed' ? undefined : failureDetail(r);
    const last = record(i, observed, r.outcome, true, detail);
    // A process child's timeout is reported by the adapter in the kit's words ("... within 250 ms").
    const reportedMs = r.outcome === 'timeout' && r.reported !== undefined ? Number(/within (\d+) ms/.exec(r.reported)?.[1] ?? r.ms) : undefined;
    const timeout = r.outcome === 'timeout' ? { timeoutMs: reportedMs ?? r.ms } : {};
    // A process child that never answered its 'open' request: the adapter reports it as its own timeout.
    if (r.outcome === 'timeout' && (r.stage === 'open' || (r.reported !== undefined && /^no answer to 'open' /.test(r.reported)))) {
      return { kind: 'adapter-fault', outcome: 'timeout', message: r.reported ?? `open(${JSON.stringify(s.config)}) did not return within ${r.ms} ms`, steps: records(i, last), ...timeout, stage: 'open' };
    }
    const verdict = profile.judge({ pre: p.pre, op: p.op, expected: p.events, walk: p.walk, observed, outcome: r.outcome, index });
    if (verdict.kind === 'violation') return { kind: 'violation', claims: verdict.claims, steps: records(i, last), ...timeout };
    const message = r.outcome === 'crash' ? r.message : r.outcome === 'timeout' && r.reported === undefined ? `operation ${i} (${opToString(p.op)}) did not return within ${r.ms} ms` : `operation ${i}: ${detail ?? ''}`;
    return { kind: 'adapter-fault', outcome: verdict.outcome, message, steps: records(i, last), ...timeout };
  }
  const all = withRecords ? predicted.map((p, i) => record(i, p.events, 'completed', false)) : [];
  return { kind: 'agree', steps: predicted.length, records: all };
}
