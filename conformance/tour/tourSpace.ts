import { type AtomicBounds, type InstructionKind, type OpenBounds, type OpenProgram, yieldPrograms } from '../../spec';

/**
 * One bounded space of the level-1 spec the tour takes completely: the atomic model with fixed programs
 * (yields only), or the open model (every program of at most L instructions over an alphabet).
 */
export type TourSpace =
  | { readonly kind: 'fixed'; readonly bounds: AtomicBounds }
  | { readonly kind: 'open'; readonly bounds: OpenBounds };

export type TourName = 'default' | 'deep' | 'yields';
export const TOUR_NAMES: readonly TourName[] = ['default', 'deep', 'yields'];

const ALL: readonly InstructionKind[] = ['yield', 'schedule', 'enter', 'wake'];
const every = (length: number, alphabet: readonly InstructionKind[]): OpenProgram => ({ length, alphabet });

/**
 * The yield-only tour certify ran before programs were open: 2 coroutines of 2 yields, 2 contexts, one
 * schedule each. Kept as the baseline the bench compares with.
 */
export const YIELD_SPACE: TourSpace = { kind: 'fixed', bounds: { coroutines: 2, contexts: 2, programs: yieldPrograms(2, 2), schedules: 1 } };

/**
 * The default tour: three open spaces, each taken completely. SPEC.md ("The transition tour") gives the
 * argument for these bounds; `TOUR_RATIONALE` below is that text.
 */
export const DEFAULT_TOUR: readonly TourSpace[] = [
  { kind: 'open', bounds: { coroutines: 2, contexts: 2, schedules: 1, programs: [every(1, ['schedule', 'wake']), every(1, ['yield'])] } },
  { kind: 'open', bounds: { coroutines: 2, contexts: 1, schedules: 2, programs: [every(1, ALL), every(1, ALL)] } },
  { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 0, programs: [every(2, ['yield', 'wake']), every(1, ['yield', 'wake']), every(1, ['yield', 'wake'])] } },
];

/** `--tour deep`: the default spaces made larger (release certifications; minutes, not seconds). */
export const DEEP_TOUR: readonly TourSpace[] = [
  { kind: 'open', bounds: { coroutines: 2, contexts: 2, schedules: 2, programs: [every(1, ALL), every(1, ALL)] } },
  { kind: 'open', bounds: { coroutines: 2, contexts: 1, schedules: 2, programs: [every(2, ALL), every(2, ALL)] } },
  { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 1, programs: [every(2, ['yield', 'wake']), every(2, ['yield', 'wake']), every(2, ['yield', 'wake'])] } },
  YIELD_SPACE,
];

export function tourSpaces(name: TourName): readonly TourSpace[] {
  switch (name) {
    case 'default':
      return DEFAULT_TOUR;
    case 'deep':
      return DEEP_TOUR;
    case 'yields':
      return [YIELD_SPACE];
    default: {
      const never: never = name;
      throw new Error(`unknown tour ${JSON.stringify(never)}`);
    }
  }
}

/** What a space's fractions are of, in words: `every program of ≤ 1 instruction over {yield, schedule, enter, wake}; 2 coroutines, 2 contexts, ≤ 1 schedule each`. */
export function describeSpace(s: TourSpace): string {
  const b = s.bounds;
  const ids = `${b.coroutines} coroutines, ${b.contexts} context${b.contexts === 1 ? '' : 's'}, ≤ ${b.schedules} schedule${b.schedules === 1 ? '' : 's'} each`;
  if (s.kind === 'open') {
    const one = (p: OpenProgram): string => `≤ ${p.length} instruction${p.length === 1 ? '' : 's'} over {${p.alphabet.join(', ')}}`;
    const all = s.bounds.programs.map(one);
    const programs = all.every((p) => p === all[0]) ? `every program of ${all[0] ?? ''}` : `programs: ${all.map((p, c) => `c${c} every one of ${p}`).join('; ')}`;
    return `${programs}; ${ids}`;
  }
  const lengths = [...new Set(s.bounds.programs.map((p) => p.length))];
  return `programs of ${lengths.join('/')} yields; ${ids}`;
}
