import type { ClauseId, Profile } from '../../spec';
import type { Adapter } from '../contract';
import { KIT_VERSION, schedulerAdapter, type SchedulerClass, type SteppedClass } from '../schedulerAdapter';

/** A deliberately broken scheduler: a one-method change of the reference, and the clause meant to kill it. */
export interface MutantInfo {
  readonly name: string;
  /** The clause whose suite must reject it. */
  readonly kills: ClauseId;
  /**
   * Other clauses it is known to fail too (a mutant without this field is caught by `kills` alone: the
   * clause's proof that it is not redundant). Asserted by test/mutants.test.ts at a fixed seed.
   */
  readonly alsoFails?: readonly ClauseId[];
  readonly summary: string;
  /** The profile the broken scheduler claims (and is certified against); default `cancel`. */
  readonly profile?: Profile;
}

/** A level-1 mutant, or with `Stepped` a level-2 one (its level 1 is `Impl`, usually the reference itself). */
export function mutantAdapter(info: MutantInfo, Impl: SchedulerClass, Stepped?: SteppedClass): Adapter {
  return schedulerAdapter({ name: `mutant:${info.name}`, version: KIT_VERSION, profile: info.profile ?? 'cancel', levels: Stepped === undefined ? [1] : [1, 2], description: info.summary }, Impl, Stepped);
}
