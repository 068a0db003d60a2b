import { buildTour } from '../tour/transitionTour';
import { DEFAULT_TOUR_SPACES, DEEP_TOUR, describeSpace } from '../tour/tourSpace';

/**
 * SPEC.md's section on the transition tour: what its coverage is a fraction of, the argument for its bounds,
 * and the size of each space (built here, so the numbers are the tour's own).
 */
export function renderTourSection(): string {
  const rows = DEFAULT_TOUR_SPACES.map(({ space, why }, i) => {
    const t = buildTour(space);
    return { line: `| ${i + 1} | ${describeSpace(space)} | ${t.states.toLocaleString('en-US')} | ${t.transitions.toLocaleString('en-US')} | ${t.legs.length.toLocaleString('en-US')} |`, why: `${i + 1}. ${why}.` };
  });
  return [
    '## The transition tour',
    '',
    "Besides the random runs, `certify` runs a *transition tour* of bounded spaces of the level-1 spec. For each",
    "space the explorer builds the whole reachable state graph, and runs from the initial state together take",
    "every transition; the coverage `certify` prints (table, report.json, HTML) is the fraction of these states",
    "and transitions the scheduler went through in agreement with the spec, space by space, each named by its",
    'bounds and alphabet. `certify --runs 0` runs the tour alone: it does not depend on the seed.',
    '',
    "**Open programs.** A space does not fix the coroutines' programs: coroutine c may have *every* program of",
    "at most L instructions over an alphabet (`yield`, `schedule(t, x)`, `enter(t)`, `wake(t)` over the space's",
    "coroutines and contexts). Its next instruction is chosen when it first runs it — one of the alphabet, or the",
    "end of the program — so a transition is a driver operation in a reachable state together with the",
    "instructions it runs for the first time (spec/explorer/atomicOpen.ts). The future of a run depends on a",
    "program only from its pc on, so a state needs no program: the space's graph is the union of the atomic models",
    "of every tuple of programs within the bounds. Taking every transition runs every instruction of the alphabet",
    "in every situation reachable within the bounds: its target fresh, running, suspended, scheduled or",
    "terminated; run by the driver, by a BH, in a nested entry or as a wake-up; with every list content. S bounds",
    'the accepted schedules per coroutine over the whole run (driver, programs and wakes together).',
    '',
    "**Why these bounds.** A run of the tour costs one session of the scheduler, and in these graphs (programs",
    "only advance, schedules only add up) the runs needed are close to transitions − states. Every program of two",
    'instructions over the whole alphabet for two coroutines on two contexts, even with one schedule each, has',
    '322,818 transitions; so the default tour is four small spaces, each the smallest bounds at which one class',
    'of behaviour appears in full:',
    '',
    ...rows.map((r) => r.why),
    '',
    '| space | programs and bounds | states | transitions | runs |',
    '|---|---|---|---|---|',
    ...rows.map((r) => r.line),
    '',
    `\`certify --tour deep\` takes larger spaces for release certifications: ${DEEP_TOUR.map(describeSpace).join('; and ')}. \`--tour yields\` is the yield-only tour of earlier versions.`,
    '',
  ].join('\n');
}
