import type { Clause, ClauseId } from './Clause';
import { CO0 } from './CO0-trace-refinement';
import { CO1 } from './CO1-cancel-on-direct-entry';
import { CO2 } from './CO2-no-entry-after-termination';
import { CO3 } from './CO3-delivery';
import { CO4 } from './CO4-fifo';
import { CO5 } from './CO5-one-context';
import { CO6 } from './CO6-no-recursive-entry';
import { CO7 } from './CO7-mark-before-publish';
import { CO8 } from './CO8-caller-before-unmark';
import { CO9 } from './CO9-reschedule-after-cancel';
import { STRICT_CLAUSES } from '../strict/registry';
import type { Profile } from './Clause';

/**
 * The clause registry, in id order. The suite generator reads this array's elements. CO7 and CO8 are
 * level 2: an adapter that does not claim level 2 gets `unsupported` for them, and the explorer checks them
 * on the interleaved model (`cokit check --model interleaved`).
 */
export const CLAUSES: readonly Clause[] = [CO0, CO1, CO2, CO3, CO4, CO5, CO6, CO7, CO8, CO9];

/** The level-2 clauses, each with its interleaved-model `invariant` and the swapped order that violates it. */
export const LEVEL2_CLAUSES: readonly Clause[] = CLAUSES.filter((c) => c.level === 2);

/** Every profile's clauses: `cancel`'s (CO*) then `strict`'s (ST*). */
export const ALL_CLAUSES: readonly Clause[] = [...CLAUSES, ...STRICT_CLAUSES];

/** The clauses of one profile, in id order. */
export const clausesOf = (profile: Profile): readonly Clause[] => (profile === 'cancel' ? CLAUSES : STRICT_CLAUSES);

/** A clause of any profile by its id. */
export function clauseById(id: string): Clause | undefined {
  return ALL_CLAUSES.find((c) => c.id === id);
}

export const CLAUSE_IDS: readonly ClauseId[] = CLAUSES.map((c) => c.id);
