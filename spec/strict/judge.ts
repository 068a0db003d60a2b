import type { Divergence } from '../clauses/Clause';
import type { Claim, Judgement } from '../clauses/judge';
import { STRICT_CLAUSES } from './registry';

/**
 * Profile `strict`'s judge: the specific strict clauses whose predicates claim the divergence; ST0 when none
 * does and the step completed; an adapter fault when the adapter hung or crashed in a situation no clause
 * explains.
 */
export function judgeStrict(d: Divergence): Judgement {
  const claims: Claim[] = [];
  for (const clause of STRICT_CLAUSES) {
    if (clause.id === 'ST0' || clause.status !== 'active') continue;
    const message = clause.predicate(d);
    if (message !== null) claims.push({ clause: clause.id, message });
  }
  if (claims.length > 0) return { kind: 'violation', claims };
  if (d.outcome !== 'completed') return { kind: 'adapter-fault', outcome: d.outcome };
  const residual = STRICT_CLAUSES.find((c) => c.id === 'ST0')?.predicate(d);
  return { kind: 'violation', claims: [{ clause: 'ST0', message: residual ?? 'the trace left the strict prediction' }] };
}
