import type { Clause, ClauseId } from './Clause';
import { CO0 } from './CO0-trace-refinement';
import { CO1 } from './CO1-cancel-on-direct-entry';
import { CO2 } from './CO2-no-entry-after-termination';
import { CO3 } from './CO3-delivery';
import { CO4 } from './CO4-fifo';
import { CO5 } from './CO5-one-context';
import { CO6 } from './CO6-no-recursive-entry';
import { CO9 } from './CO9-reschedule-after-cancel';

/**
 * The clause registry, in id order. CO7 mark-before-publish and CO8 caller-before-unmark are level-2
 * clauses and join when the interleaved model does. The suite generator reads this array's elements.
 */
export const CLAUSES: readonly Clause[] = [CO0, CO1, CO2, CO3, CO4, CO5, CO6, CO9];

export function clauseById(id: string): Clause | undefined {
  return CLAUSES.find((c) => c.id === id);
}

export const CLAUSE_IDS: readonly ClauseId[] = CLAUSES.map((c) => c.id);
