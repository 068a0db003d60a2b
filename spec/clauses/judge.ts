import type { ClauseId, Divergence } from './Clause';
import { CLAUSES } from './registry';

export interface Claim {
  readonly clause: ClauseId;
  readonly message: string;
}

/**
 * What a divergence is: `violation` of the clauses whose predicates claim it (CO0 gets it when no specific
 * clause does and the step completed), or `adapter-fault` when the adapter hung or crashed in a situation
 * no clause explains (judged as an error of the adapter, never as a pass).
 */
export type Judgement =
  | { readonly kind: 'violation'; readonly claims: readonly Claim[] }
  | { readonly kind: 'adapter-fault'; readonly outcome: 'timeout' | 'crash' };

export function judge(d: Divergence): Judgement {
  const claims: Claim[] = [];
  for (const clause of CLAUSES) {
    if (clause.id === 'CO0' || clause.status !== 'active') continue;
    const message = clause.predicate(d);
    if (message !== null) claims.push({ clause: clause.id, message });
  }
  if (claims.length > 0) return { kind: 'violation', claims };
  if (d.outcome !== 'completed') return { kind: 'adapter-fault', outcome: d.outcome };
  const residual = CLAUSES.find((c) => c.id === 'CO0')?.predicate(d);
  return { kind: 'violation', claims: [{ clause: 'CO0', message: residual ?? 'the trace left the prediction' }] };
}
