import { firstDifference, judge, type Event } from '../../spec';
import type { Host } from '../engine/host';
import { predict } from '../engine/runScenario';
import type { Scenario } from '../arbitraries';
import { W2 } from './alternativeWakers';
import { W1 } from './fanIn';
import type { Workload } from './workload';

export type { Workload } from './workload';
export const WORKLOADS: readonly Workload[] = [W1, W2];

export type WorkloadRun =
  | { readonly kind: 'holds' }
  /** The promise held, but the trace left the spec (the clauses judge that). */
  | { readonly kind: 'diverged'; readonly step: number; readonly clauses: readonly string[] }
  | { readonly kind: 'broken'; readonly message: string; readonly step: number }
  | { readonly kind: 'adapter-fault'; readonly message: string };

/**
 * Run a workload scenario to its end and check its promise on the adapter's whole observed history: a
 * workload is about what the scheduler does, so it keeps going past the first divergence from the spec
 * (which it reports, with the clauses that divergence violates, when the promise itself held).
 */
export async function runWorkload(host: Host, w: Workload, s: Scenario): Promise<WorkloadRun> {
  const predicted = predict(s);
  const reply = await host.run(s.config, predicted.map((p) => p.op));
  if (reply.kind === 'malformed') return { kind: 'adapter-fault', message: reply.problem };
  const history: Event[] = [];
  let diverged: { step: number; clauses: string[] } | null = null;
  for (const [i, p] of predicted.entries()) {
    const r = reply.replies[i];
    if (r === undefined || r.outcome !== 'completed') return { kind: 'adapter-fault', message: r === undefined ? 'no reply' : r.outcome };
    history.push(...r.events);
    const broken = w.property(predicted.slice(0, i + 1).map((q) => q.op), history);
    if (broken !== null) return { kind: 'broken', message: broken, step: i };
    const index = diverged === null ? firstDifference(p.events, r.events) : -1;
    if (index !== -1) {
      const j = judge({ pre: p.pre, op: p.op, expected: p.events, walk: p.walk, observed: r.events, outcome: 'completed', index });
      diverged = { step: i, clauses: j.kind === 'violation' ? j.claims.map((c) => c.clause) : [] };
    }
  }
  return diverged === null ? { kind: 'holds' } : { kind: 'diverged', ...diverged };
}
