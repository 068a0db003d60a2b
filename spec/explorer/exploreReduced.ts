import type { ExploreBounds, ExploreResult, Reduction } from './types';

/** A search of one model at given bounds, with or without the reduction (`explore` on it, or a faster equal). */
export type Search<S, L> = (bounds: Partial<ExploreBounds>, reduction: Reduction) => ExploreResult<S, L>;

/**
 * A search as `cokit check` runs it. With the reduction (`reduction: 'por'`), a violation is found at a depth
 * d that may exceed the shortest one (the reduction drops interleavings, some of them shorter), so the search
 * is run again without the reduction, bounded at depth d: a breadth-first search that must meet a violation
 * by depth d (the reduced trace is one), and whose first is a shortest one, the very one the unreduced search
 * reports. Only the states within d steps are visited again, and counterexamples are short.
 */
export interface CheckedSearch<S, L> {
  /** What the search found: the unreduced search's result, or the reduced one's with a shortest trace in it. */
  readonly result: ExploreResult<S, L>;
  /** The reduced search's own result, when the reduction was used. */
  readonly reduced: ExploreResult<S, L> | null;
  /** The unreduced re-search for a shortest counterexample (its states and time), when there was one. */
  readonly reSearch: ExploreResult<S, L> | null;
}

export function exploreChecked<S, L>(search: Search<S, L>, bounds: Partial<ExploreBounds>, reduction: Reduction): CheckedSearch<S, L> {
  if (reduction === 'none') return { result: search(bounds, 'none'), reduced: null, reSearch: null };
  const reduced = search(bounds, 'por');
  if (reduced.kind !== 'violation') return { result: reduced, reduced, reSearch: null };
  const reSearch = search({ ...bounds, depth: reduced.trace.length - 1 }, 'none');
  // Cannot miss (the reduced trace is a path of that length), unless the state bound cuts it short first.
  if (reSearch.kind !== 'violation') return { result: reduced, reduced, reSearch };
  return { result: { ...reduced, invariant: reSearch.invariant, message: reSearch.message, trace: reSearch.trace }, reduced, reSearch };
}
