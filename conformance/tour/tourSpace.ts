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
 * The default tour: four open spaces, each taken completely, and the class of behaviour each is the smallest
 * bounds for. SPEC.md's section "The transition tour" is rendered from these (`why`).
 */
export const DEFAULT_TOUR_SPACES: readonly { readonly space: TourSpace; readonly why: string }[] = [
  {
    space: { kind: 'open', bounds: { coroutines: 2, contexts: 2, schedules: 1, programs: [every(1, ['schedule', 'wake']), every(1, ['yield'])] } },
    why: "programs across two contexts: a coroutine's `schedule` on its own context or the other, and its `wake` of a coroutine at home or elsewhere (a wake that becomes a schedule), made by a coroutine the driver entered or a BH delivered (a schedule while the BH runs), against a target that is fresh, suspended, scheduled on either context, or terminated",
  },
  {
    space: { kind: 'open', bounds: { coroutines: 2, contexts: 1, schedules: 2, programs: [every(1, ALL), every(1, ALL)] } },
    why: 'every instruction of the language, in every situation two coroutines reach with two schedules each: nested entries, wakes, self-schedules, a re-schedule after a cancel (CO9), a schedule made while the BH runs (it must re-arm the BH, and be delivered before a later one), up to four records on a list',
  },
  {
    space: { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 0, programs: [every(2, ['yield', 'wake']), every(1, ['yield', 'wake']), every(1, ['yield', 'wake'])] } },
    why: 'wake-ups: a fan-out (c0 wakes two coroutines, entered in wake order once it yields or ends) and chains (a woken coroutine wakes another, entered depth-first, before the rest of the fan-out), including wakes of running, suspended and terminated coroutines',
  },
  {
    space: { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 2, programs: [every(1, ['yield']), every(0, []), every(0, [])] } },
    why: 'long lists: three coroutines on one list with a re-schedule after a cancel, so a BH run takes four records, three of them live, in every order the driver can make',
  },
];

export const DEFAULT_TOUR: readonly TourSpace[] = DEFAULT_TOUR_SPACES.map((s) => s.space);

/**
 * `--tour deep` (release certifications, several times the default's runs): every instruction for both
 * coroutines on two contexts, longer programs with re-schedules, nested entries among wake-ups, two suspended
 * coroutines on long lists, and the yield-only tour.
 */
export const DEEP_TOUR: readonly TourSpace[] = [
  { kind: 'open', bounds: { coroutines: 2, contexts: 2, schedules: 1, programs: [every(1, ALL), every(1, ALL)] } },
  { kind: 'open', bounds: { coroutines: 2, contexts: 1, schedules: 2, programs: [every(2, ALL), every(1, ALL)] } },
  { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 0, programs: [every(2, ['yield', 'wake', 'enter']), every(1, ['yield', 'wake', 'enter']), every(1, ['yield', 'wake', 'enter'])] } },
  { kind: 'open', bounds: { coroutines: 3, contexts: 1, schedules: 2, programs: [every(1, ['yield']), every(1, ['yield']), every(0, [])] } },
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
    const one = (p: OpenProgram): string => (p.length === 0 ? 'the empty program' : `every program of ≤ ${p.length} instruction${p.length === 1 ? '' : 's'} over {${p.alphabet.join(', ')}}`);
    const all = s.bounds.programs.map(one);
    const programs = all.every((p) => p === all[0]) ? `${all[0] ?? ''} for each coroutine` : all.map((p, c) => `c${c} ${p}`).join('; ');
    return `${programs}; ${ids}`;
  }
  const lengths = [...new Set(s.bounds.programs.map((p) => p.length))];
  return `programs of ${lengths.join('/')} yields; ${ids}`;
}
