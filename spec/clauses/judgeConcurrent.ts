import type { Event } from '../model/events';
import { type ExplainOptions, type Explanation, explainTrace } from '../interleaved/explain';
import type { ConcurrentProgram } from '../interleaved/program';
import type { ILabel } from '../interleaved/steps';
import type { ClauseId } from './Clause';
import { LEVEL2_CLAUSES } from './registry';

/** Why a concurrent trace (level 2 or 3) breaks a clause: the clause and the explanation that shows it. */
export interface ConcurrentClaim {
  readonly clause: ClauseId;
  readonly message: string;
  /** For CO7/CO8: an interleaving of the swapped order that produces the trace and breaks the clause's invariant. */
  readonly witness: readonly ILabel[] | null;
}

export type ConcurrentJudgement =
  /** The patch's interleaved model explains the trace: `explanation.witness` is one order of steps that does. */
  | { readonly kind: 'conforms'; readonly explanation: Extract<Explanation, { kind: 'explained' }> }
  /** No order of the patch's steps produces it: the claims say which clause it breaks. */
  | { readonly kind: 'violation'; readonly claims: readonly ConcurrentClaim[]; readonly explanation: Extract<Explanation, { kind: 'unexplained' }> }
  /** The search hit a limit before deciding: reported, never a pass. */
  | { readonly kind: 'undecided'; readonly explanation: Extract<Explanation, { kind: 'gave-up' }> };

/**
 * Judges a trace observed while `program`'s threads ran concurrently. It conforms when the patch's
 * interleaved model can produce it. Otherwise each level-2 clause claims it if the model of the order that
 * clause forbids (publish before mark for CO7, unmark before caller for CO8) produces the trace along an
 * interleaving that breaks the clause's invariant; a trace neither explains is CO0's, trace refinement.
 */
export function judgeConcurrent(program: ConcurrentProgram, observed: readonly Event[], o: Omit<ExplainOptions, 'variant' | 'mustBreak'> = {}): ConcurrentJudgement {
  const explanation = explainTrace(program, observed, { ...o, variant: 'patch' });
  if (explanation.kind === 'explained') return { kind: 'conforms', explanation };
  if (explanation.kind === 'gave-up') return { kind: 'undecided', explanation };
  const claims: ConcurrentClaim[] = [];
  for (const clause of LEVEL2_CLAUSES) {
    if (clause.invariant === undefined || clause.violatedBy === undefined || clause.status !== 'active') continue;
    const mustBreak = clause.invariant(explanation.bounds);
    const swapped = explainTrace(program, observed, { ...o, variant: clause.violatedBy, mustBreak });
    if (swapped.kind !== 'explained') continue;
    claims.push({ clause: clause.id, message: `the trace is what the seed's steps produce in the order ${clause.violatedBy}, which breaks ${clause.id}: ${clause.statement}`, witness: swapped.witness });
  }
  if (claims.length === 0) {
    claims.push({ clause: 'CO0', message: `no interleaving of the patch's atomic steps produces this trace: at most its first ${explanation.matched} events`, witness: null });
  }
  return { kind: 'violation', claims, explanation };
}
