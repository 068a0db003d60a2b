import fc from 'fast-check';
import type { ClauseId } from '../../spec';
import { scenarioArb, type Scenario } from './scenario';
import { MIN_COROUTINES, SITUATIONS } from './situations';

export type { Scenario, Situation } from './scenario';
export { scenarioArb, scenarioToString } from './scenario';
export type { SituationCount } from './reached';
export { SITUATION_MEASURES, situationCounter, situationReached, longBhRun } from './reached';

/**
 * The generator for one clause's property: its situation spliced into random noise most of the time, fully
 * random scenarios otherwise (so what the situation does not foresee is still explored).
 */
export function clauseArbitrary(clause: ClauseId): fc.Arbitrary<Scenario> {
  const situation = SITUATIONS[clause];
  const random = scenarioArb(null, { minCoroutines: 1, maxNoise: 20 });
  if (situation === undefined) return random;
  // Profile strict's sessions end at the first conflict: little noise, so its situations are reached.
  const biased = scenarioArb(situation, { minCoroutines: MIN_COROUTINES[clause] ?? 1, maxNoise: clause.startsWith('ST') ? 3 : 8 });
  return fc.oneof({ weight: 4, arbitrary: biased }, { weight: 1, arbitrary: random });
}
