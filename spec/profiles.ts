import type { Clause, Profile } from './clauses/Clause';
import { type Judgement, judge } from './clauses/judge';
import type { Divergence } from './clauses/Clause';
import { clausesOf } from './clauses/registry';
import type { DriverOp } from './model/ops';
import { type StepResult, step } from './model/step';
import type { State } from './model/state';
import { judgeStrict } from './strict/judge';
import { stepStrict } from './strict/step';

/** One profile's semantics as the engine uses it: its clauses, its level-1 step function, its judge. */
export interface SpecProfile {
  readonly name: Profile;
  readonly clauses: readonly Clause[];
  /** The refinement clause that gets what no specific clause claims (`CO0`, `ST0`). */
  readonly residual: Clause['id'];
  readonly step: (state: State, op: DriverOp) => StepResult;
  readonly judge: (d: Divergence) => Judgement;
}

export const CANCEL_PROFILE: SpecProfile = { name: 'cancel', clauses: clausesOf('cancel'), residual: 'CO0', step, judge };
export const STRICT_PROFILE: SpecProfile = { name: 'strict', clauses: clausesOf('strict'), residual: 'ST0', step: stepStrict, judge: judgeStrict };

export const specProfile = (p: Profile): SpecProfile => (p === 'cancel' ? CANCEL_PROFILE : STRICT_PROFILE);
